"""The key vault: database keys and installation secrets in the OS credential store.

Entries live under service `cicini-desktop`; the database key's account is the database's
own UUID, other secrets are `<uuid>:<purpose>`. A keyring that answers "nothing" means the
entry is lost or the store unavailable, never "first run": the caller must not make a new key
over an existing database. IT may instead point `key_file` at a file readable by its owner only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import sys
from enum import StrEnum
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from cicini_desktop.core.errors import ConfigError, KeyMissingError, KeystoreUnavailableError
from cicini_desktop.store.keys import KEY_BYTES

SERVICE = "cicini-desktop"


class Secret(StrEnum):
    """Other per-database secrets kept beside the key."""

    SYNC_TOKEN = "sync-token"
    AUDIT_NETWORK_HMAC = "audit-network-hmac"
    SMTP_PASSWORD = "smtp-password"  # reminders: the mail server account's password
    SMS_AUTH_TOKEN = "sms-auth-token"  # reminders: the SMS provider's API token
    AUDIT_CHAIN_HEAD = "audit-chain-head"  # before the head file (read once, to migrate)
    AUDIT_HEAD_KEY = "audit-head-key"  # HMAC key of the head file; scoped by data folder


def folder_scope(database_path: Path) -> str:
    """A short tag of the data folder: entries that must differ between two folders holding
    the same database (a restore drill beside production) are named with it."""
    try:
        folder = database_path.expanduser().resolve().parent
    except OSError:
        folder = database_path.expanduser().absolute().parent
    return hashlib.sha256(os.fsencode(folder)).hexdigest()[:16]


log = logging.getLogger(__name__)

_UNAVAILABLE = (
    "The system keystore cannot be reached; sign in to the desktop session so the keystore "
    "unlocks (or start its service), or ask IT to configure a key file."
)


def _unavailable(error: BaseException) -> KeystoreUnavailableError:
    # The sentence is for the user; the backend's exception type is for IT, in the log.
    log.warning("keystore unavailable: %s", type(error).__name__)
    return KeystoreUnavailableError(_UNAVAILABLE)


class KeyVault:
    def __init__(
        self, backend: keyring.backend.KeyringBackend | None = None, key_file: Path | None = None
    ) -> None:
        self._backend = backend
        self._key_file = key_file

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    @property
    def uses_key_file(self) -> bool:
        return self._key_file is not None

    def describe(self) -> str:
        if self._key_file is not None:
            return f"key file {self._key_file}"
        return f"keyring backend {type(self.backend).__module__}.{type(self.backend).__name__}"

    # --- raw entries --------------------------------------------------------------------

    def _get(self, account: str) -> str | None:
        try:
            return self.backend.get_password(SERVICE, account)
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from None
        except Exception as error:  # D-Bus and backend failures come in many types
            raise _unavailable(error) from None

    def _set(self, account: str, value: str) -> None:
        try:
            self.backend.set_password(SERVICE, account, value)
        except Exception as error:
            raise _unavailable(error) from None

    def _delete(self, account: str) -> None:
        try:
            self.backend.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass
        except Exception as error:
            raise _unavailable(error) from None

    # --- the clinic server's password (store = "postgresql") ---------------------------

    def server_password(self, account: str) -> str | None:
        """The password of a server role (`ServerSettings.account`), or None if none is kept."""
        return self._get(account)

    def set_server_password(self, account: str, password: str) -> None:
        self._set(account, password)

    def forget_server_password(self, account: str) -> None:
        self._delete(account)

    # --- the database key --------------------------------------------------------------

    def load_key(self, database_id: str) -> bytes:
        if self._key_file is not None:
            return read_key_file(self._key_file)
        stored = self._get(database_id)
        if stored is None:
            raise KeyMissingError(
                "The keystore holds no key for this clinic's database (it may have been reset "
                "or this is another computer); enter the recovery key with 'cicini recover' "
                "or in the recovery dialog, the data is intact."
            )
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise KeyMissingError(
                "The keystore entry for this database is damaged; enter the recovery key with "
                "'cicini recover', the data is intact."
            )
        return key

    def provisioned_key(self) -> bytes | None:
        """A key IT placed in the configured key file before set-up, if any.

        Set-up uses it instead of making a new one: overwriting the file could destroy the
        key of a database elsewhere that shares it.
        """
        if self._key_file is None or not self._key_file.exists():
            return None
        return read_key_file(self._key_file)

    def store_key(self, database_id: str, key: bytes) -> None:
        if self._key_file is not None:
            write_key_file(self._key_file, key)
            return
        self._set(database_id, key.hex())

    def forget_key(self, database_id: str) -> None:
        self._delete(database_id)

    # --- other secrets -----------------------------------------------------------------

    def get_secret(self, database_id: str, secret: Secret) -> str | None:
        return self._get(f"{database_id}:{secret}")

    def set_secret(self, database_id: str, secret: Secret, value: str) -> None:
        self._set(f"{database_id}:{secret}", value)

    def delete_secret(self, database_id: str, secret: Secret) -> None:
        self._delete(f"{database_id}:{secret}")

    def get_scoped_secret(self, database_id: str, scope: str, secret: Secret) -> str | None:
        return self._get(f"{database_id}@{scope}:{secret}")

    def set_scoped_secret(self, database_id: str, scope: str, secret: Secret, value: str) -> None:
        self._set(f"{database_id}@{scope}:{secret}", value)

    def delete_scoped_secret(self, database_id: str, scope: str, secret: Secret) -> None:
        self._delete(f"{database_id}@{scope}:{secret}")


def _check_private(path: Path) -> None:
    if sys.platform.startswith("win"):
        return  # NTFS ACLs are set by the installer; POSIX mode bits mean nothing there
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"{path}: the key file can be read by other users (mode {stat.S_IMODE(mode):o}); "
            f"make it private with 'chmod 600 {path}'."
        )


def read_key_file(path: Path) -> bytes:
    try:
        _check_private(path)
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise KeyMissingError(
            f"{path}: the configured key file does not exist; restore it, or enter the "
            "recovery key with 'cicini recover' to write it again."
        ) from None
    except (OSError, UnicodeDecodeError):
        raise ConfigError(
            f"{path}: the key file cannot be read; it must hold 64 hex "
            "characters and be readable by this account."
        ) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ConfigError(f"{path}: the key file must hold exactly 64 hex characters.")
    return key


def write_key_file(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    os.chmod(path, 0o600)


def write_private_text(path: Path, text: str) -> None:
    """Write a file only its owner can read (the recovery-key file IT asks for)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
