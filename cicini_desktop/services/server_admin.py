"""IT's commands for the clinic server: set it up, move a single-desk clinic onto it, and
take an encrypted SQLite copy off it (`cicini server init | migrate-from | export`).

The schema is created and migrated on IT's owner connection (`--dsn`); the desks' role is
created with the rights a desk needs and no more (store/server_roles.py), and its password
is kept in this computer's keystore. Every other desk stores it once with
`cicini server password`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import DatabaseExistsError, ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.audit_integrity import VerifyReport, reset_chain_head, verify_trail
from cicini_desktop.services.clinic import make_vault, open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.bootstrap import create_database, refuse_if_exists
from cicini_desktop.store.database import Database
from cicini_desktop.store.keys import format_recovery_key, new_key
from cicini_desktop.store.models import Installation
from cicini_desktop.store.server import (
    ServerSettings,
    ensure_application_role,
    open_owner_database,
)
from cicini_desktop.store.server_roles import migrate_as_owner
from cicini_desktop.store.transfer import copy_rows, row_counts
from cicini_desktop.store.vault import KeyVault, write_private_text

log = logging.getLogger(__name__)

DEFAULT_APP_ROLE = "cicini_app"
MIN_ROLE_PASSWORD = 16


@dataclass(frozen=True)
class ServerPrepared:
    desk_config: Config  # this desk's configuration for the server
    settings: ServerSettings


def desk_config_for(config: Config, settings: ServerSettings, app_role: str) -> Config:
    return config.with_values(
        store="postgresql",
        server__host=settings.host,
        server__port=settings.port,
        server__database=settings.database,
        server__user=app_role,
        server__ca_file=settings.ca_file,
    )


def config_lines(desk: Config) -> list[str]:
    """The lines each desk's configuration file needs (no secret among them)."""
    return [
        'store = "postgresql"',
        "[server]",
        f'host = "{desk["server.host"]}"',
        f"port = {desk['server.port']}",
        f'database = "{desk["server.database"]}"',
        f'user = "{desk["server.user"]}"',
        *([f'ca_file = "{desk["server.ca_file"]}"'] if desk["server.ca_file"] else []),
    ]


def _check_role_password(password: str) -> None:
    if len(password) < MIN_ROLE_PASSWORD:
        raise ValidationError(
            f"The desks' database password must be at least {MIN_ROLE_PASSWORD} characters "
            "(it is typed once per desk and kept in the keystore; make it long and random).",
            field="app_password",
        )


def prepare_server(
    config: Config,
    dsn: str,
    *,
    app_role: str,
    app_password: str,
    vault: KeyVault | None = None,
) -> ServerPrepared:
    """Schema at this version's head (as the owner), the desks' role, its password kept."""
    _check_role_password(app_password)
    owner = open_owner_database(dsn, config.data_dir)
    try:
        migrate_as_owner(owner)
        # Before the role's password changes: a server in use is never touched.
        _refuse_if_clinic(owner)
        ensure_application_role(owner, app_role, app_password)
        settings: ServerSettings = owner.server
    finally:
        owner.close()
    desk = desk_config_for(config, settings, app_role)
    (vault or make_vault(config)).set_server_password(
        ServerSettings.from_config(desk).account, app_password
    )
    log.info("clinic server prepared (schema at head, application role granted)")
    return ServerPrepared(desk, settings)


def migrate_server(config: Config, dsn: str, *, app_role: str) -> str:
    """Bring the server's schema to this version's head (IT, once, before the desks are
    updated) and give the desks' role its rights on anything new. Returns the revision."""
    from cicini_desktop.store.migrations import HEAD_REVISION
    from cicini_desktop.store.server_roles import grant_application_role

    owner = open_owner_database(dsn, config.data_dir)
    try:
        migrate_as_owner(owner)
        grant_application_role(owner.engine, app_role)
    finally:
        owner.close()
    return HEAD_REVISION


def _refuse_if_clinic(database: Database) -> None:
    with database.session() as session:
        if session.scalars(select(Installation.id)).first() is not None:
            raise DatabaseExistsError(
                "The clinic server's database already holds a clinic and was left untouched; "
                "use an empty database for this."
            )


@dataclass(frozen=True)
class Moved:
    counts: dict[str, int]
    report: VerifyReport
    desk_config: Config


def migrate_from_sqlite(
    source: ServiceContext,
    actor: Actor,
    dsn: str,
    *,
    app_role: str,
    app_password: str,
    on_table: Callable[[str, int], None] | None = None,
) -> Moved:
    """Every row of the single-desk clinic onto the server's empty schema, the audit chain
    continued as it was; checked by row counts and a verify of the trail on the server."""
    require(source, actor, Permission.SETTINGS_MANAGE, target_type="database")
    prepared = prepare_server(
        source.config, dsn, app_role=app_role, app_password=app_password, vault=source.vault
    )
    owner = open_owner_database(dsn, source.config.data_dir)
    try:
        _refuse_if_clinic(owner)
        # The move is recorded in the trail before it is copied, so the server's trail
        # ends with it: who moved the clinic, and when.
        with unit_of_work(source, actor) as tx:
            tx.audit(AuditAction.DATA_EXPORTED, target_type="database", details={"kind": "server"})
        for copied in copy_rows(source.database.engine, owner.engine):
            if on_table is not None:
                on_table(copied.table, copied.rows)
        before, after = row_counts(source.database.engine), row_counts(owner.engine)
    finally:
        owner.close()
    if before != after:
        differing = sorted(t for t in before if before[t] != after.get(t))
        raise ValidationError(
            "The server's row counts differ from the file's in "
            + ", ".join(differing)
            + "; the desk keeps using the file. Contact support."
        )
    server = open_clinic(prepared.desk_config, source.vault, source.clock)
    try:
        report = verify_trail(server)
    finally:
        server.database.close()
    return Moved(after, report, prepared.desk_config)


@dataclass(frozen=True)
class Exported:
    path: Path
    recovery_key: str
    counts: dict[str, int]


def export_to_file(
    server: ServiceContext, actor: Actor, path: Path, recovery_key_file: Path | None = None
) -> Exported:
    """An encrypted SQLite copy of the server's clinic at `path` (for backup, or for
    leaving the server); its key is kept in the keystore and given once as a recovery key,
    or written to `recovery_key_file` (mode 0600) when IT asks for a file."""
    require(server, actor, Permission.SETTINGS_MANAGE, target_type="database")
    refuse_if_exists(path)
    with unit_of_work(server, actor) as tx:
        tx.audit(AuditAction.DATA_EXPORTED, target_type="database", details={"kind": "file"})
    key = new_key()
    # Each copy is a database of its own, with its own id and so its own keystore entry: a
    # later export used to replace the key of every earlier copy (they shared the server's
    # id), leaving those copies to their recovery keys.
    copy_id = new_id()
    server.vault.store_key(copy_id, key)
    database = create_database(path, key, copy_id)
    try:
        for _ in copy_rows(server.database.engine, database.engine):
            pass
        counts = row_counts(database.engine)
        if counts != row_counts(server.database.engine):
            raise ValidationError(
                "The copy's row counts differ from the server's; it is incomplete."
            )
        copy = ServiceContext(
            database=database,
            vault=server.vault,
            config=server.config,
            workstation=server.workstation,
            clock=server.clock,
        )
        reset_chain_head(copy)  # the head beside the file starts at the copied trail's end
        report = verify_trail(copy)
    finally:
        database.close()
    if not report.ok:
        raise ValidationError("The copy's audit trail does not verify; it is incomplete.")
    recovery_key = format_recovery_key(key)
    if recovery_key_file is not None:
        write_private_text(recovery_key_file, recovery_key + "\n")
    return Exported(path, recovery_key, counts)
