"""IT and recovery use cases: set-up, backup, restore, key rotation, recovery.

Each runs as the system actor (these are machine operations, run by whoever holds the
workstation, the database key or the recovery key) and is audited in the database it
touched. None of them ever logs a key, a recovery key or a name.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import os
import shutil
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.clock import Clock
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import (
    BackupError,
    CiciniError,
    DatabaseNotFoundError,
    KeyMissingError,
    NotADatabaseError,
    PermissionDeniedError,
    RecoveryKeyFormatError,
    ValidationError,
    WrongKeyError,
)
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission, not_allowed
from cicini_desktop.services import privacy
from cicini_desktop.services.audit_integrity import head_store, reset_chain_head
from cicini_desktop.services.clinic import (
    check_clinic_fields,
    create_clinic,
    discard_new_database,
    make_vault,
    open_clinic,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.services.worker import Progress, drive
from cicini_desktop.store.audit_head import head_path
from cicini_desktop.store.backup import (
    COPY_SHARE,
    backup_steps,
    restore_database,
    verify_copy,
)
from cicini_desktop.store.database import (
    connect_raw,
    exclusive_connection,
    rekey_pragma,
    sidecar_paths,
    stored_database_id,
)
from cicini_desktop.store.keys import (
    format_recovery_key,
    key_check_value,
    key_matches_check_value,
    new_key,
    parse_recovery_key,
    partial_recovery_key_problem,
)
from cicini_desktop.store.manifest import Manifest, manifest_path
from cicini_desktop.store.permissions import file_mode, make_folder
from cicini_desktop.store.vault import KeyVault, Secret, folder_scope, write_private_text

log = logging.getLogger(__name__)

STAFF_MODULE = "cicini_desktop.services.staff"


def _audit_as_system(
    context: ServiceContext,
    action: AuditAction,
    details: dict[str, str | int | bool] | None = None,
    counter: Counter | None = None,
    actor: Actor | None = None,
) -> None:
    """Record `action` under `actor` (the signed-in member who asked), else the system."""
    assert context.organization_id is not None  # open_clinic sets it
    who = actor if actor is not None else Actor.system(context.organization_id)
    with unit_of_work(context, who) as tx:
        tx.audit(
            action, target_type="database", target_id=context.database.database_id, details=details
        )
        if counter is not None:
            tx.count(counter)


def _audited(
    config: Config,
    vault: KeyVault,
    clock: Clock | None,
    action: AuditAction,
    details: dict[str, str | int | bool] | None = None,
) -> None:
    context = open_clinic(config, vault, clock)
    try:
        _audit_as_system(context, action, details)
    finally:
        context.database.close()


def _check_may(actor: Actor | None, permission: Permission) -> None:
    """These use cases run with the database closed; the CLI checks (and audits a refusal)
    before, this is the service's own gate for any other caller."""
    if actor is not None and not actor.may(permission):
        raise PermissionDeniedError(not_allowed(permission))


def _refuse_existing_output(path: Path | None) -> None:
    if path is not None and path.exists():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} already exists; choose a new file name for the recovery key.",
            ).format(path=str(path)),
            field="recovery_key_file",
        )


# --- set-up -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Initialized:
    database_path: Path
    recovery_key: str  # shown once or written to the file IT chose; never logged
    manager_id: str | None  # None until the identity feature is installed


def staff_feature_available() -> bool:
    return importlib.util.find_spec(STAFF_MODULE) is not None


def initialize_clinic(
    config: Config,
    *,
    organization_name: str,
    timezone: str,
    manager_username: str,
    manager_display_name: str,
    password: str,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    recovery_key_file: Path | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
) -> Initialized:
    """Key, database, organisation and first practice manager, all or nothing.

    A refused password (or any other failure) removes what was just created, so IT can
    simply run the command again; an existing database is never touched.
    """
    _refuse_existing_output(recovery_key_file)
    check_clinic_fields(organization_name, timezone, contact_email)
    if staff_feature_available():
        # Every field is checked before anything is created (a refused password used to
        # leave a database behind that a re-run then refused to replace).
        importlib.import_module(STAFF_MODULE).validate_first_manager(
            manager_username, manager_display_name, password
        )
    vault = vault or make_vault(config)
    provisioned = vault.provisioned_key() is not None
    clinic = create_clinic(
        config,
        organization_name=organization_name,
        timezone=timezone,
        vault=vault,
        clock=clock,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    context = clinic.context
    try:
        manager_id: str | None = None
        if staff_feature_available():
            staff = importlib.import_module(STAFF_MODULE)
            manager_id = str(
                staff.create_first_manager(
                    context,
                    username=manager_username,
                    display_name=manager_display_name,
                    password=password,
                )
            )
        else:
            log.warning("identity feature not installed: no manager account was created")
        if recovery_key_file is not None:
            write_private_text(recovery_key_file, clinic.recovery_key + "\n")
    except BaseException:
        _discard_new_clinic(context, vault, forget_key_file=not provisioned)
        raise
    context.database.close()
    log.info("clinic initialised: database %s", context.database.database_id)
    return Initialized(config.database_path, clinic.recovery_key, manager_id)


def _discard_new_clinic(context: ServiceContext, vault: KeyVault, *, forget_key_file: bool) -> None:
    """Undo a set-up that failed half-way (only ever called on a database made seconds ago)."""
    discard_new_database(context.database, vault, context.config if forget_key_file else None)


# --- backup and restore ---------------------------------------------------------------------


BACKUP_LABELS = (
    (COPY_SHARE, QT_TRANSLATE_NOOP("progress", "copying the encrypted database")),
    (1.0, QT_TRANSLATE_NOOP("progress", "checking the copy")),
)
BACKUP_DONE = QT_TRANSLATE_NOOP("progress", "done")


def _backup_progress(fraction: float) -> Progress:
    label = next(text for limit, text in BACKUP_LABELS if fraction <= limit)
    return Progress(label if fraction < 1.0 else BACKUP_DONE, fraction)


def backup_job(
    context: ServiceContext, actor: Actor, target: Path
) -> Generator[Progress, None, Path]:
    """A backup of the open clinic, asked for by a signed-in member (the GUI's "Back up
    now"): a long job on the worker, audited under the member's id. The copy reads its own
    snapshot, so the window keeps booking meanwhile."""
    require(context, actor, Permission.BACKUP_MANAGE, target_type="database")
    target = target.expanduser().resolve()
    key = context.vault.load_key(context.database.database_id)
    for fraction in backup_steps(context.database.path, key, target):
        yield _backup_progress(fraction)
    _audit_as_system(context, AuditAction.BACKUP_MADE, counter=Counter.BACKUP_MADE, actor=actor)
    log.info("backup written for database %s", context.database.database_id)
    return target


def make_backup_steps(
    config: Config, target: Path, vault: KeyVault | None = None, clock: Clock | None = None
) -> Generator[Progress, None, Path]:
    """`cicini backup`: a consistent encrypted copy, safe while the app is running; audited
    as the system (IT runs it, often unattended)."""
    vault = vault or make_vault(config)
    target = target.expanduser().resolve()
    manifest = Manifest.read(config.database_path)
    key = vault.load_key(manifest.database_id)
    context = open_clinic(config, vault, clock)  # also brings the schema up to date first
    try:
        for fraction in backup_steps(config.database_path, key, target):
            yield _backup_progress(fraction)
        _audit_as_system(context, AuditAction.BACKUP_MADE, counter=Counter.BACKUP_MADE)
    finally:
        context.database.close()
    log.info("backup written for database %s", manifest.database_id)
    return target


def make_backup(
    config: Config, target: Path, vault: KeyVault | None = None, clock: Clock | None = None
) -> Path:
    """`make_backup_steps` in one call."""
    return drive(make_backup_steps(config, target, vault, clock), _ignore_progress)


def _ignore_progress(_step: Progress) -> None:
    return None


def restore_backup(
    config: Config,
    source: Path,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    *,
    backup_recovery_key: str | None = None,
    actor: Actor | None = None,
    authorize: Callable[[ServiceContext], Actor] | None = None,
    on_reerased: Callable[[int], None] | None = None,
) -> Path | None:
    """Replace the database with a verified backup; returns where the old file was kept.
    `actor`: the signed-in member (needs "restore backups and rotate the database key").
    Into an empty folder there is nobody to sign in against yet: `authorize` signs in on the
    restored clinic, and a refusal removes it again (the folder is left empty as it was).
    People erased after the backup was made are erased again (`on_reerased` hears how many).

    With no database in the data folder (a new computer), the backup is put in place and its
    key stored in this computer's keystore; None is returned.

    A backup made before a key rotation opens only with the recovery key of its time
    (`backup_recovery_key`); the restored file is then re-keyed to the current key, so the
    current recovery key and keystore entry stay valid.
    """
    _check_may(actor, Permission.BACKUP_MANAGE)
    vault = vault or make_vault(config)
    source = source.expanduser().resolve()
    if not source.exists():
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{source} does not exist; give the path of a Cicini backup file.",
            ).format(source=str(source))
        )
    database = config.database_path
    if not database.exists() and not manifest_path(database).exists():
        _restore_into_empty_folder(config, source, vault, clock, backup_recovery_key, authorize)
        return None
    manifest = Manifest.read(database)
    key = vault.load_key(manifest.database_id)
    backup_key = key
    if backup_recovery_key is not None:
        backup_key = parse_recovery_key(backup_recovery_key)
    else:
        backup_manifest = Manifest.read_optional(source)
        if backup_manifest is not None and not key_matches_check_value(
            key, backup_manifest.key_check
        ):
            raise BackupError(
                QT_TRANSLATE_NOOP(
                    "errors.backup",
                    "{source} was made with an earlier key; run the restore again with "
                    "--recovery-key-stdin and type the recovery key that was current then.",
                ).format(source=str(source))
            )
    aside = restore_database(source, backup_key, database, live_key=key)
    if backup_key != key:
        with exclusive_connection(database, backup_key) as connection:
            connection.execute(rekey_pragma(key))
        Manifest(manifest.database_id, key_check_value(key)).write(database)
    context = open_clinic(config, vault, clock)
    try:
        # The restored trail is legitimately shorter than the head kept outside the
        # database; the restore itself is then the next record of the chain.
        reset_chain_head(context)
        _audit_as_system(context, AuditAction.RESTORE_DONE, actor=actor)
        # Erasures made after the backup was taken are made again (tombstones by id).
        reerased = privacy.reapply_erasures(context)
    finally:
        context.database.close()
    if reerased:
        log.info("restore: %d erasure(s) re-applied", reerased)
        if on_reerased is not None:
            on_reerased(reerased)
    return aside


def _restore_into_empty_folder(
    config: Config,
    source: Path,
    vault: KeyVault,
    clock: Clock | None,
    recovery_key: str | None,
    authorize: Callable[[ServiceContext], Actor] | None = None,
) -> None:
    database = config.database_path
    backup_manifest = Manifest.read_optional(source)
    if backup_manifest is None:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{source} has no manifest ({name}) beside it; copy both files of the "
                "backup together and try again.",
            ).format(source=str(source), name=str(manifest_path(source).name))
        )
    if recovery_key is not None:
        key = parse_recovery_key(recovery_key)
    else:
        try:
            key = vault.load_key(backup_manifest.database_id)
        except KeyMissingError:
            raise BackupError(
                QT_TRANSLATE_NOOP(
                    "errors.backup",
                    "This computer holds no key for that backup; run the restore again with "
                    "--recovery-key-stdin and type the clinic's recovery key.",
                )
            ) from None
    try:
        verify_copy(source, key, clinic=True)
    except BackupError:
        if recovery_key is None:
            raise
        raise WrongKeyError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "This recovery key does not open that backup; type the recovery key that "
                "was current when the backup was made.",
            )
        ) from None
    make_folder(database.parent)
    staging = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(source, staging)
        os.chmod(staging, file_mode(database.parent))
        os.replace(staging, database)
    except OSError:
        staging.unlink(missing_ok=True)
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{source} could not be copied into {parent}; check the folder and free space.",
            ).format(source=str(source), parent=str(database.parent))
        ) from None
    database_id = backup_manifest.database_id
    try:
        current = vault.load_key(database_id)
    except KeyMissingError:
        current = None
    if current is not None and current != key:
        # The keystore (or key file) already holds this database's *current* key: the live
        # clinic elsewhere on this computer, after a rotation. Never overwrite it: the copy
        # is re-keyed to it instead, so both open with the key that is stored.
        with exclusive_connection(database, key) as connection:
            connection.execute(rekey_pragma(current))
        key = current
    Manifest(database_id, key_check_value(key)).write(database)
    if current is None:
        vault.store_key(database_id, key)
    context = open_clinic(config, vault, clock)
    try:
        actor = authorize(context) if authorize is not None else None
        _check_may(actor, Permission.BACKUP_MANAGE)
    except BaseException:
        context.database.close()
        _discard_restored(database, vault, database_id, forget_key=current is None)
        raise
    try:
        reset_chain_head(context)
        _audit_as_system(context, AuditAction.RESTORE_DONE, actor=actor)
    finally:
        context.database.close()
    log.info("database %s restored into an empty data folder", database_id)


def _discard_restored(
    database: Path, vault: KeyVault, database_id: str, *, forget_key: bool
) -> None:
    """Undo a restore into an empty folder whose sign-in was refused (the folder was empty)."""
    for path in (database, *sidecar_paths(database), manifest_path(database), head_path(database)):
        path.unlink(missing_ok=True)
    if forget_key and not vault.uses_key_file:
        with contextlib.suppress(CiciniError):
            vault.forget_key(database_id)
    with contextlib.suppress(CiciniError):
        vault.delete_scoped_secret(database_id, folder_scope(database), Secret.AUDIT_HEAD_KEY)


# --- key rotation ---------------------------------------------------------------------------


def rotate_key(
    config: Config,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    *,
    recovery_key_file: Path | None = None,
    actor: Actor | None = None,
) -> str:
    """New database key and recovery key (`PRAGMA rekey`); returns the new recovery key.
    `actor`: the signed-in member (needs "restore backups and rotate the database key").

    Order matters for a crash half-way: the new recovery key is written (when a file was
    asked for) and the keystore updated before the file is re-keyed, and both are put back
    if the rekey fails. At every instant either the old or the new recovery key opens the
    data. Backups made before stay under the old key (restore asks for it).
    """
    _check_may(actor, Permission.BACKUP_MANAGE)
    vault = vault or make_vault(config)
    _refuse_existing_output(recovery_key_file)
    database = config.database_path
    manifest = Manifest.read(database)
    old_key = vault.load_key(manifest.database_id)
    # Bring the schema up to date (and prove the key works) before touching the key. The
    # audit chain head kept outside the database may be signed with the database key
    # (key-file set-ups): read it now, sign it again with the new key afterwards.
    context = open_clinic(config, vault, clock)
    try:
        # Key-file set-ups derive the head key from the database key: the state (broken or
        # not, pending intents included) is signed again with the new key afterwards.
        kept_head = head_store(context).snapshot() if vault.uses_key_file else None
    finally:
        context.database.close()
    key = new_key()
    recovery_key = format_recovery_key(key)
    with exclusive_connection(database, old_key) as connection:
        if recovery_key_file is not None:
            write_private_text(recovery_key_file, recovery_key + "\n")
        try:
            vault.store_key(manifest.database_id, key)
            connection.execute(rekey_pragma(key))
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            with contextlib.suppress(CiciniError):
                vault.store_key(manifest.database_id, old_key)
            if recovery_key_file is not None:
                recovery_key_file.unlink(missing_ok=True)
            raise
    Manifest(manifest.database_id, key_check_value(key)).write(database)
    context = open_clinic(config, vault, clock)
    try:
        if kept_head is not None:
            head_store(context).reset(kept_head.committed, kept_head.pending)
        _audit_as_system(context, AuditAction.KEY_ROTATED, actor=actor)
    finally:
        context.database.close()
    log.info("database key rotated for database %s", manifest.database_id)
    return recovery_key


# --- recovery -------------------------------------------------------------------------------


def recovery_key_problem(text: str, *, complete: bool) -> str | None:
    """What is wrong with a typed recovery key, group by group, or None.

    `complete=False` while typing (missing groups are fine); True when the person confirms.
    """
    if not complete:
        return partial_recovery_key_problem(text)
    try:
        parse_recovery_key(text)
    except RecoveryKeyFormatError as error:
        return error.user_message
    return None


def _rebuild_manifest(database: Path, key: bytes) -> Manifest:
    if not database.exists():
        raise DatabaseNotFoundError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "No Cicini database at {database}; check the data folder setting, or "
                "restore a backup with 'cicini restore'.",
            ).format(database=str(database))
        )
    try:
        connection = connect_raw(database, key)
    except WrongKeyError:
        raise WrongKeyError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "This recovery key does not open this clinic's database; check that it "
                "is the latest recovery key of this clinic (a key rotation replaces the "
                "earlier one).",
            )
        ) from None
    try:
        database_id = stored_database_id(connection)
    finally:
        connection.close()
    if database_id is None:
        # A database from before the id was kept inside: a new id (the audit head's key,
        # named by the old one, is then lost: a finding until a manager resets the head).
        database_id = new_id()
    manifest = Manifest(database_id, key_check_value(key))
    manifest.write(database)
    log.info("manifest rebuilt from the recovery key for database %s", database_id)
    return manifest


def recover_access(
    config: Config, recovery_key: str, vault: KeyVault | None = None, clock: Clock | None = None
) -> bool:
    """Check a typed recovery key against the database and store the key again; audited.
    Returns True when the audit chain head cannot be vouched for any more (its key was in
    the lost keystore): a manager must look and run `cicini audit reset-head`.

    The real open decides: the key check value in the manifest only sorts a wrong key from a
    damaged file. Nothing is stored unless the key opens this database.
    """
    vault = vault or make_vault(config)
    key = parse_recovery_key(recovery_key)
    database = config.database_path
    try:
        manifest = Manifest.read(database)
    except NotADatabaseError:
        # The manifest is missing or damaged but the database may be intact: the recovery
        # key decides, and the database knows its own id (kept there since this version).
        manifest = _rebuild_manifest(database, key)
    try:
        connection = connect_raw(database, key)
    except WrongKeyError:
        raise WrongKeyError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "This recovery key does not open this clinic's database; check that it "
                "is the latest recovery key of this clinic (a key rotation replaces the "
                "earlier one).",
            )
        ) from None
    try:
        inside = stored_database_id(connection)
    finally:
        connection.close()
    if inside is not None and inside != manifest.database_id:
        # The manifest names another database (edited, or copied from elsewhere): the
        # database's own id wins, so keystore entries and the head stay its own.
        manifest = Manifest(inside, key_check_value(key))
        manifest.write(database)
    if not key_matches_check_value(key, manifest.key_check):
        # The file opens with it, so the manifest is stale (a crash during a rotation).
        Manifest(manifest.database_id, key_check_value(key)).write(database)
    vault.store_key(manifest.database_id, key)
    context = open_clinic(config, vault, clock)
    try:
        _audit_as_system(context, AuditAction.RECOVERY_KEY_USED)
        head_lost = head_store(context).inspect().state is None
    finally:
        context.database.close()
    log.info("database key restored from the recovery key for database %s", manifest.database_id)
    return head_lost
