"""Opening the clinic's database, and creating it on first run.

This is the one path from configuration to a `ServiceContext`, shared by the GUI, the CLI
and the tests: config -> vault -> key -> database (migrated) -> context.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from cicini_desktop._version import __version__
from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.clock import Clock, SystemClock
from cicini_desktop.core.errors import CiciniError, NotADatabaseError, ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.scheduling import validation
from cicini_desktop.services import server_store
from cicini_desktop.services.audit_integrity import install_chain_head
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.front_desk_settings import ClinicLocale
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.services.workstation import detect_workstation
from cicini_desktop.store.audit_head import head_path
from cicini_desktop.store.bootstrap import create_database, refuse_if_exists
from cicini_desktop.store.database import Database, open_database, sidecar_paths
from cicini_desktop.store.erasures import erasures_path
from cicini_desktop.store.keys import format_recovery_key, new_key
from cicini_desktop.store.manifest import Manifest, manifest_path
from cicini_desktop.store.models import Installation, Organization
from cicini_desktop.store.vault import KeyVault, Secret, folder_scope

log = logging.getLogger(__name__)


def make_vault(config: Config) -> KeyVault:
    return KeyVault(key_file=config.key_file)


def uses_server(config: Config) -> bool:
    """Is the clinic's store its PostgreSQL server (`store = "postgresql"`)?"""
    return config["store"] == "postgresql"


def database_exists(config: Config) -> bool:
    if uses_server(config):
        return True  # the server is set up by IT ('cicini server init'), never by a desk
    return config.database_path.exists()


def open_clinic(
    config: Config,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    *,
    migrate: bool = True,
) -> ServiceContext:
    """Open the existing database of `config`, or raise a typed store error.

    `migrate=False` is for `doctor`, which reports a pending migration instead of running it.
    """
    vault = vault or make_vault(config)
    if uses_server(config):
        database = server_store.open_database(config, vault, migrate=migrate)
    else:
        manifest = Manifest.read(config.database_path)
        key = vault.load_key(manifest.database_id)
        database = open_database(
            config.database_path,
            key,
            migrate=migrate,
            keep_backups=int(config["backup.keep_last"]),
        )
    context = ServiceContext(
        database=database,
        vault=vault,
        config=config,
        workstation=server_store.desk_workstation(
            detect_workstation(vault, database.database_id), database
        ),
        clock=clock or SystemClock(),
    )
    install_chain_head(context)  # the audit chain head is also kept outside the database
    with database.session() as session:
        installation = session.scalars(select(Installation)).first()
    if installation is None:
        database.close()
        if database.is_server:
            raise NotADatabaseError(
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "The clinic server's database holds no clinic yet; IT sets it up with "
                    "'cicini server init'.",
                )
            )
        raise NotADatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "{database_path} was never fully set up (no clinic in it); move it aside "
                "and set the clinic up again, or restore a backup.",
            ).format(database_path=str(config.database_path))
        )
    context.organization_id = installation.organization_id
    context.installation_id = installation.id
    if database.is_server:
        secret_from = "the server's sign-in"
    else:
        secret_from = "a key file" if vault.uses_key_file else "the keystore"
    log.debug(
        "opened database %s (installation %s, key from %s, migrate=%s)",
        database.database_id,
        installation.id,
        secret_from,
        migrate,
    )
    return context


@dataclass(frozen=True)
class NewClinic:
    context: ServiceContext
    recovery_key: str  # shown once; never logged or stored


def validate_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "'{name}' is not a known time zone; use an IANA name such as Europe/Berlin.",
            ).format(name=str(name)),
            field="timezone",
        ) from None
    return name


def check_clinic_fields(
    organization_name: str, timezone: str, contact_email: str | None
) -> tuple[str, str | None]:
    """The clinic's fields, checked before anything is created: (name, email) cleaned."""
    name = organization_name.strip()
    if not name or len(name) > 200 or not _visible(name):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "The organisation name must be 1 to 200 characters with at least one letter or "
                "digit, and no control characters.",
            ),
            "org_name",
        )
    validate_timezone(timezone)
    return name, validation.email(contact_email)


def create_clinic(
    config: Config,
    *,
    organization_name: str,
    timezone: str,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    contact_name: str | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
) -> NewClinic:
    """Create key, database and organisation. Never runs over an existing database."""
    name, contact_email = check_clinic_fields(organization_name, timezone, contact_email)
    vault = vault or make_vault(config)
    clock = clock or SystemClock()
    if uses_server(config):
        database = server_store.open_empty_database(config, vault)
        try:
            return _fill_new_clinic(
                config,
                database,
                vault,
                clock,
                name=name,
                timezone=timezone,
                key=b"",
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
            )
        except BaseException:
            database.close()
            raise
    refuse_if_exists(config.database_path)
    provisioned = vault.provisioned_key()
    key = provisioned or new_key()
    database_id = new_id()
    # The key is stored before the file exists: a database is never left without its key.
    vault.store_key(database_id, key)
    made_key_file = provisioned is None and config.key_file is not None
    try:
        database = create_database(config.database_path, key, database_id)
    except BaseException:
        for path in (
            config.database_path,
            *sidecar_paths(config.database_path),
            manifest_path(config.database_path),
        ):
            path.unlink(missing_ok=True)
        _forget_new_key(vault, database_id, config if made_key_file else None)
        raise
    try:
        return _fill_new_clinic(
            config,
            database,
            vault,
            clock,
            name=name,
            timezone=timezone,
            key=key,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
        )
    except BaseException:
        # Nothing half-made stays behind: IT can simply run the set-up again.
        discard_new_database(database, vault, config if made_key_file else None)
        raise


def _forget_new_key(vault: KeyVault, database_id: str, key_file_of: Config | None) -> None:
    with contextlib.suppress(CiciniError):
        if not vault.uses_key_file:
            vault.forget_key(database_id)
    if key_file_of is not None and key_file_of.key_file is not None:
        key_file_of.key_file.unlink(missing_ok=True)


def discard_new_database(
    database: Database, vault: KeyVault, key_file_of: Config | None = None
) -> None:
    """Remove a database made seconds ago by a set-up that failed (files, key, secrets);
    `key_file_of`: also the key file this set-up wrote (never one IT provided)."""
    database.close()
    for path in (
        database.path,
        *sidecar_paths(database.path),
        manifest_path(database.path),
        head_path(database.path),
        erasures_path(database.path),
    ):
        path.unlink(missing_ok=True)
    _forget_new_key(vault, database.database_id, key_file_of)
    with contextlib.suppress(CiciniError):
        for secret in Secret:
            vault.delete_secret(database.database_id, secret)
        vault.delete_scoped_secret(
            database.database_id, folder_scope(database.path), Secret.AUDIT_HEAD_KEY
        )
    log.info("set-up failed; the half-made database was removed")


def _visible(name: str) -> bool:
    """At least one letter or digit, and no control characters (zero-width spaces alone
    are not a name)."""
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return False
    return any(unicodedata.category(ch)[0] in "LN" for ch in name)


def _fill_new_clinic(
    config: Config,
    database: Database,
    vault: KeyVault,
    clock: Clock,
    *,
    name: str,
    timezone: str,
    key: bytes,
    contact_name: str | None,
    contact_email: str | None,
    contact_phone: str | None,
) -> NewClinic:
    database_id = database.database_id
    organization_id, installation_id = new_id(), new_id()
    now = clock.now() if clock else datetime.now(UTC)
    context = ServiceContext(
        database=database,
        vault=vault,
        config=config,
        workstation=server_store.desk_workstation(detect_workstation(vault, database_id), database),
        clock=clock,
        organization_id=organization_id,
        installation_id=installation_id,
    )
    install_chain_head(context)  # the audit chain head is also kept outside the database
    with unit_of_work(context, Actor.system(organization_id)) as tx:
        tx.session.add(
            Organization(
                id=organization_id,
                name=name,
                timezone=timezone,
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
                created_at=now,
            )
        )
        tx.session.flush()
        tx.session.add(
            Installation(
                id=installation_id,
                organization_id=organization_id,
                created_at=now,
                created_by_version=__version__,
            )
        )
        tx.audit(
            AuditAction.ORGANIZATION_CREATED, target_type="organization", target_id=organization_id
        )
    log.info("clinic created: organization %s, installation %s", organization_id, installation_id)
    # The server has no database key of ours (its disk encryption is IT's): no recovery key.
    return NewClinic(context, format_recovery_key(key) if key else "")


def clinic_name(context: ServiceContext) -> str:
    with context.database.session() as session:
        return session.scalars(select(Organization.name)).one()


@dataclass(frozen=True)
class ClinicFacts:
    """What the window shows from the start: the clinic's name, its time zone, and its
    language, first day of the week and clock (each empty when the workstation decides)."""

    name: str
    zone: ZoneInfo
    locale: ClinicLocale = field(default_factory=ClinicLocale)


def clinic_facts(context: ServiceContext) -> ClinicFacts:
    from cicini_desktop.services.scheduling.common import clinic_zone
    from cicini_desktop.services.scheduling.front_desk_settings import clinic_locale

    with context.database.session() as session:
        zone = clinic_zone(session, context)
        chosen = clinic_locale(session)
    return ClinicFacts(clinic_name(context), zone, chosen)


def clinic_identity(context: ServiceContext) -> dict[str, str]:
    """The organisation's name and time zone, as the provisioning file's [organization]."""
    with context.database.session() as session:
        name, timezone = session.execute(select(Organization.name, Organization.timezone)).one()
    return {"name": name, "timezone": timezone}
