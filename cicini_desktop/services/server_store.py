"""Opening the clinic's PostgreSQL server as the store (`store = "postgresql"`).

The desk connects as the application's role with the password from the keystore; the schema
is IT's (`cicini server init` / `cicini server migrate` as the owner role), so a desk whose
server is behind its version says so instead of changing the schema itself.
"""

from __future__ import annotations

from sqlalchemy import select

from cicini_desktop.config import Config
from cicini_desktop.core.errors import DatabaseExistsError
from cicini_desktop.store.database import Database
from cicini_desktop.store.models import Installation
from cicini_desktop.store.server import ServerSettings, open_server_database
from cicini_desktop.store.vault import KeyVault


def settings(config: Config) -> ServerSettings:
    return ServerSettings.from_config(config)


def open_database(config: Config, vault: KeyVault, *, migrate: bool = True) -> Database:
    server = settings(config)
    password = vault.server_password(server.account)
    return open_server_database(server, password, config.data_dir, migrate=migrate)


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
