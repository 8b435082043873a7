"""Opening the clinic's PostgreSQL server as the store (`store = "postgresql"`).

The desk connects as the application's role with the password from the keystore, or with
the client certificate kept there (`server.auth = "certificate"`); the schema
is IT's (`cicini server init` / `cicini server migrate` as the owner role), so a desk whose
server is behind its version says so instead of changing the schema itself.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from cicini_desktop.config import Config
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.core.errors import DatabaseExistsError
from cicini_desktop.store.client_cert import NOT_ON_THIS_SYSTEM, ClientCertificate, supported
from cicini_desktop.store.database import Database
from cicini_desktop.store.models import Installation
from cicini_desktop.store.server import (
    CLIENT_CERT_MISSING,
    ServerSecret,
    ServerSettings,
    ServerUnavailableError,
    open_server_database,
)
from cicini_desktop.store.vault import KeyVault, write_private_text


def settings(config: Config) -> ServerSettings:
    return ServerSettings.from_config(config)


def secret(server: ServerSettings, vault: KeyVault) -> ServerSecret:
    """What signs this desk in, from the keystore: the role's password (None if none is
    kept: the server's refusal then says so), or its client certificate (a sentence if none
    is kept: without one libpq would not even try)."""
    if not server.uses_certificate:
        return vault.server_password(server.account)
    certificate = vault.server_client_certificate(server.certificate_account)
    if certificate is None:
        raise ServerUnavailableError(CLIENT_CERT_MISSING.format(user=server.user))
    return certificate


def open_database(config: Config, vault: KeyVault, *, migrate: bool = True) -> Database:
    server = settings(config)
    return open_server_database(server, secret(server, vault), config.data_dir, migrate=migrate)


def open_empty_database(config: Config, vault: KeyVault) -> Database:
    """The server's database for a new clinic: refused if a clinic is already in it."""
    database = open_database(config, vault)
    with database.session() as session:
        taken = session.scalars(select(Installation.id)).first() is not None
    if taken:
        database.close()
        raise DatabaseExistsError(
            "The clinic server's database already holds a clinic and was left untouched; "
            "connect this desk to it instead of setting up a new one."
        )
    return database


def store_password(config: Config, vault: KeyVault, password: str) -> None:
    """Keep the application role's password in this computer's keystore."""
    vault.set_server_password(settings(config).account, password)


CERTIFICATES_NOT_SUPPORTED = NOT_ON_THIS_SYSTEM


def certificates_supported() -> bool:
    """Can this computer hand a client certificate to libpq without a file (Linux)?"""
    return supported()


def store_client_certificate(
    config: Config, vault: KeyVault, certificate_file: Path, key_file: Path
) -> ClientCertificate:
    """Read IT's two PEM files once, check them (a certificate, its unencrypted key, the two
    belonging together) and keep them in this computer's keystore. Nothing of them is
    logged; the files themselves are IT's to delete afterwards."""
    certificate = ClientCertificate.from_pem_files(certificate_file, key_file)
    vault.set_server_client_certificate(settings(config).certificate_account, certificate)
    return certificate


DESK_ID_FILE = "desk-id"


def desk_id(folder: Path) -> str:
    """This desk's internal id for the server's audit trail, made once per data folder."""
    path = folder / DESK_ID_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(text))
    except (OSError, ValueError):
        pass
    value = str(uuid.uuid4())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # unreadable or not an id: made again
    write_private_text(path, value + "\n")
    return value


def desk_workstation(info: WorkstationInfo, database: Database) -> WorkstationInfo:
    """On the server, the workstation facts name the desk too (every record carries it)."""
    if not database.is_server:
        return info
    return replace(info, desk_id=desk_id(database.path.parent))
