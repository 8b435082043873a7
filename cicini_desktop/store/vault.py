"""The key vault: database keys and installation secrets in the OS credential store.

Entries live under service `cicini-desktop`; the database key's account is the database's
own UUID, other secrets are `<uuid>:<purpose>`. A keyring that answers "nothing" means the
entry is lost or the store unavailable, never "first run": the caller must not make a new key
over an existing database. IT may instead point `key_file` at a file readable by its owner only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
from enum import StrEnum
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from cicini_desktop.core.errors import ConfigError, KeyMissingError, KeystoreUnavailableError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.client_cert import ClientCertificate
from cicini_desktop.store.keys import KEY_BYTES
from cicini_desktop.store.permissions import is_windows, key_file_problem
from cicini_desktop.store.windows_acl import protect_secret_file, secret_file_problem

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
        """Where the key is (the secrets file beside a key file is named by the guide)."""
        if self._key_file is not None:
            return f"key file {self._key_file}"
        return f"keyring backend {type(self.backend).__module__}.{type(self.backend).__name__}"

    # --- raw entries --------------------------------------------------------------------

    def _get(self, account: str) -> str | None:
        if self._key_file is not None:
            stored = read_secrets_file(secrets_path(self._key_file)).get(account)
            if stored is not None:
                return stored
            # Secrets an earlier version kept in the keystore beside a key file; a session
            # without one (root provisioning, a kiosk) simply has none there.
            try:
                return self.backend.get_password(SERVICE, account)
            except Exception:
                return None
        try:
            return self.backend.get_password(SERVICE, account)
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from None
        except Exception as error:  # D-Bus and backend failures come in many types
            raise _unavailable(error) from None

    def _set(self, account: str, value: str) -> None:
        if self._key_file is not None:
            update_secrets_file(secrets_path(self._key_file), self._key_file, account, value)
            return
        try:
            self.backend.set_password(SERVICE, account, value)
        except Exception as error:
            raise _unavailable(error) from None

    def _delete(self, account: str) -> None:
        if self._key_file is not None:
            path = secrets_path(self._key_file)
            if account in read_secrets_file(path):
                update_secrets_file(path, self._key_file, account, None)
            with contextlib.suppress(Exception):
                self.backend.delete_password(SERVICE, account)
            return
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

    def server_client_certificate(self, account: str) -> ClientCertificate | None:
        """A server role's client certificate and key (`ServerSettings.certificate_account`),
        or None if none is kept (or the entry is not one this version can read)."""
        stored = self._get(account)
        return None if stored is None else ClientCertificate.from_secret(stored)

    def set_server_client_certificate(self, account: str, certificate: ClientCertificate) -> None:
        self._set(account, certificate.to_secret())

    def forget_server_client_certificate(self, account: str) -> None:
        self._delete(account)

    # --- the database key --------------------------------------------------------------

    def load_key(self, database_id: str) -> bytes:
        if self._key_file is not None:
            return read_key_file(self._key_file)
        stored = self._get(database_id)
        if stored is None:
            raise KeyMissingError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "The keystore holds no key for this clinic's database (it may have been "
                    "reset or this is another computer); enter the recovery key with 'cicini "
                    "recover' or in the recovery dialog, the data is intact.",
                )
            )
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise KeyMissingError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "The keystore entry for this database is damaged; enter the recovery key "
                    "with 'cicini recover', the data is intact.",
                )
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
    if is_windows():
        # NTFS ACLs (store/windows_acl.py); POSIX mode bits mean nothing there.
        problem = secret_file_problem(path)
    else:
        problem = key_file_problem(path, path.stat().st_mode)
    if problem is not None:
        raise ConfigError(problem)


def read_key_file(path: Path) -> bytes:
    try:
        _check_private(path)
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise KeyMissingError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path}: the configured key file does not exist; restore it, or enter "
                "the recovery key with 'cicini recover' to write it again.",
            ).format(path=str(path))
        ) from None
    except (OSError, UnicodeDecodeError):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path}: the key file cannot be read; it must hold 64 hex characters and "
                "be readable by this account.",
            ).format(path=str(path))
        ) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path}: the key file must hold exactly 64 hex characters.",
            ).format(path=str(path))
        )
    return key


def write_key_file(path: Path, key: bytes) -> None:
    """Write the key file; one that exists keeps its mode when it is an allowed one (a
    shared workstation's 0640 stays 0640), a new one is owner-only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o600
    with contextlib.suppress(OSError):
        existing = path.stat().st_mode
        if key_file_problem(path, existing) is None:
            mode = stat.S_IMODE(existing)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    descriptor = os.open(path, flags, mode)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    os.chmod(path, mode)
    protect_secret_file(path)


def write_private_text(path: Path, text: str) -> None:
    """Write a file only its owner can read (the recovery-key file IT asks for)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
    protect_secret_file(path)


# --- secrets beside a key file -------------------------------------------------------------
#
# A key-file set-up (a kiosk, a shared workstation, root provisioning for a desk account) has
# no keystore to rely on, so the other secrets (sync token, audit network secret, reminder
# passwords) live in `<key file>.secrets.json` beside it, protected like the key file: the
# key file unlocks all of the data anyway. Group-writable when the key file is group-readable
# (any desk account of the group may enrol or set a reminder password); written in place
# under a lock, since the folder (/etc/cicini) is not the desk accounts' to rename in.


def secrets_path(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + ".secrets.json")


def read_secrets_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise _unavailable(error) from None
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        log.warning("the secrets file beside the key file is not valid JSON; ignored")
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def update_secrets_file(path: Path, key_file: Path, account: str, value: str | None) -> None:
    shared = False
    with contextlib.suppress(OSError):
        shared = bool(key_file.stat().st_mode & stat.S_IRGRP)
    mode = 0o660 if shared else 0o600
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), mode)
    except OSError as error:
        raise _unavailable(error) from None
    try:
        if hasattr(os, "fchown") and shared and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.fchown(descriptor, -1, key_file.stat().st_gid)
        _lock(descriptor)
        current = os.read(descriptor, 1 << 20).decode("utf-8", errors="replace")
        try:
            entries = json.loads(current) if current.strip() else {}
        except ValueError:
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        if value is None:
            entries.pop(account, None)
        else:
            entries[account] = value
        whole = (json.dumps(entries, indent=2, sort_keys=True) + "\n").encode("utf-8")
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, whole)
        os.fsync(descriptor)
    except OSError as error:
        raise _unavailable(error) from None
    finally:
        os.close(descriptor)
    if is_windows():
        protect_secret_file(path)


def _lock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one desk account per workstation
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # released when the descriptor closes
