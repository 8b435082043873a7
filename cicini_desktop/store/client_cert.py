"""A desk's client certificate for the clinic server (pg_hba `hostssl ... cert`).

The certificate and, above all, its private key live in the keystore, like the password they
replace (privacy rule 2 treats the key like a token): IT imports the PEM files once
(`cicini server client-cert`) and deletes them. libpq only takes `sslcert`/`sslkey` as file
paths, so for each connection the two are written to anonymous in-memory files
(`os.memfd_create`: no name in any folder, never on disk, gone when closed), mode 0600 as
libpq requires of a key file, and handed over as `/proc/self/fd/N`. They exist only while
libpq connects (it reads both during the TLS handshake and keeps the key in memory after).

Linux only: memfd and /proc/self/fd are Linux's. On Windows and macOS there is no anonymous
file libpq could open by path, and writing the key to a temporary file is exactly what this
design forbids, so a desk there is refused with a sentence (use the password instead).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cicini_desktop.core.errors import ConfigError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    # Imported when a certificate is read, not with the store (every window imports it).
    from cryptography import x509

NOT_ON_THIS_SYSTEM = QT_TRANSLATE_NOOP(
    "errors.store",
    "Client-certificate sign-in to the clinic server works on Linux desks only (the key is "
    "handed to the connection in memory, never as a file); on this computer set "
    "server.auth = \"password\" and keep the password with 'cicini server password'.",
)


@dataclass(frozen=True, repr=False)
class ClientCertificate:
    """The PEM certificate (with any intermediates after it) and its unencrypted key."""

    certificate_pem: bytes
    key_pem: bytes

    def __repr__(self) -> str:  # never the key, not even in a traceback's locals
        return "ClientCertificate(<in the keystore>)"

    # --- the keystore entry ----------------------------------------------------------

    def to_secret(self) -> str:
        return json.dumps(
            {"certificate": self.certificate_pem.decode("ascii"), "key": self.key_pem.decode()}
        )

    @classmethod
    def from_secret(cls, text: str) -> ClientCertificate | None:
        """The stored entry, or None when it is not one of ours (then: import it again)."""
        try:
            value = json.loads(text)
            return cls(value["certificate"].encode("ascii"), value["key"].encode("ascii"))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    # --- facts (no key material) -------------------------------------------------------

    @property
    def not_valid_after(self) -> datetime:
        return _leaf(self.certificate_pem).not_valid_after_utc

    @property
    def common_name(self) -> str:
        from cryptography.x509.oid import NameOID

        names = _leaf(self.certificate_pem).subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""

    def expired(self, now: datetime | None = None) -> bool:
        return self.not_valid_after <= (now or datetime.now(UTC))

    # --- IT's import ---------------------------------------------------------------------

    @classmethod
    def from_pem_files(cls, certificate: Path, key: Path) -> ClientCertificate:
        """Read and check IT's two PEM files; a sentence (naming the file, never its
        content) when they are not a certificate and the unencrypted key that belongs to it."""
        certificate_pem = _read(certificate, "certificate")
        key_pem = _read(key, "key")
        return cls.checked(certificate_pem, key_pem, certificate, key)

    @classmethod
    def checked(
        cls, certificate_pem: bytes, key_pem: bytes, certificate: Path, key: Path
    ) -> ClientCertificate:
        from cryptography.hazmat.primitives import serialization

        try:
            leaf = _leaf(certificate_pem)
        except ValueError:
            raise ConfigError(
                f"{certificate} is not a PEM certificate (-----BEGIN CERTIFICATE-----); give "
                "the desk's client certificate."
            ) from None
        try:
            private = serialization.load_pem_private_key(key_pem, password=None)
        except TypeError:
            raise ConfigError(
                f"{key} is protected by a passphrase; the keystore protects it instead: give "
                "it without one (openssl pkey -in KEY -out PLAIN_KEY), then delete both."
            ) from None
        except Exception:  # ValueError, UnsupportedAlgorithm: not a key we can read
            raise ConfigError(
                f"{key} is not a PEM private key (-----BEGIN PRIVATE KEY-----); give the key of "
                "the desk's client certificate."
            ) from None
        spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        if leaf.public_key().public_bytes(*spki) != private.public_key().public_bytes(*spki):
            raise ConfigError(
                f"The key in {key} does not belong to the certificate in {certificate}; give "
                "the pair that was issued together."
            )
        # Stored as given: libpq reads PKCS#1, PKCS#8 and EC keys alike.
        return cls(certificate_pem.strip() + b"\n", key_pem.strip() + b"\n")


def _leaf(certificate_pem: bytes) -> x509.Certificate:
    from cryptography import x509

    # The first certificate of the file is the desk's own; any after it are intermediates.
    return x509.load_pem_x509_certificates(certificate_pem)[0]


def _read(path: Path, what: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError:
        raise ConfigError(f"The {what} file {path} cannot be read; check the path.") from None
    try:
        data.decode("ascii")
    except UnicodeDecodeError:
        raise ConfigError(
            f"The {what} file {path} is not PEM text (a DER file? convert it with openssl)."
        ) from None
    return data


def supported() -> bool:
    return hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir()


@contextlib.contextmanager
def certificate_files(certificate: ClientCertificate) -> Iterator[tuple[str, str]]:
    """(sslcert, sslkey) paths for libpq, valid only inside the block: anonymous in-memory
    files, owner-only, closed (and so freed) when the block ends, however it ends."""
    if not supported():
        raise ConfigError(NOT_ON_THIS_SYSTEM)
    descriptors: list[int] = []
    try:
        for name, data in (
            ("cicini-client-cert", certificate.certificate_pem),
            ("cicini-client-key", certificate.key_pem),
        ):
            # CLOEXEC: a program this process starts meanwhile inherits nothing.
            descriptor = os.memfd_create(name, os.MFD_CLOEXEC)
            descriptors.append(descriptor)
            # A memfd is made 0777; libpq refuses a key file others could read.
            os.fchmod(descriptor, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        certificate_path, key_path = (f"/proc/self/fd/{d}" for d in descriptors)
        yield certificate_path, key_path
    finally:
        for descriptor in descriptors:
            os.close(descriptor)
