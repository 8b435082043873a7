"""Key rotation, recovery, backup and restore as use cases: audited, chain intact, safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from cicini_desktop.config import Config
from cicini_desktop.core.audit_chain import Break
from cicini_desktop.core.errors import BackupError, DatabaseInUseError, WrongKeyError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.audit_integrity import reset_head, verify_trail
from cicini_desktop.services.clinic import NewClinic, create_clinic, open_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.maintenance import (
    make_backup,
    recover_access,
    restore_backup,
    rotate_key,
)
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.keys import format_recovery_key, parse_recovery_key
from cicini_desktop.store.keys import new_key as nk
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring

pytestmark = pytest.mark.sqlite_only  # backup, restore and rekey of the encrypted file


def _actions(config: Config, vault: KeyVault) -> list[str]:
    context = open_clinic(config, vault)
    try:
        assert verify_trail(context).ok
        with context.database.session() as session:
            return list(
                session.execute(text("SELECT action FROM audit_record ORDER BY seq")).scalars()
            )
    finally:
        context.database.close()


@pytest.fixture
def closed(new_clinic: NewClinic) -> NewClinic:
    new_clinic.context.database.close()
    return new_clinic


def test_rotate_key_rekeys_stores_and_audits(closed: NewClinic, config: Config, vault: KeyVault):
    database_id = closed.context.database.database_id
    old_key = vault.load_key(database_id)
    recovery_key = rotate_key(config, vault)
    new_key = parse_recovery_key(recovery_key)
    assert new_key != old_key
    assert vault.load_key(database_id) == new_key
    with pytest.raises(WrongKeyError):
        connect_raw(config.database_path, old_key)
    connection = connect_raw(config.database_path, new_key)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    assert _actions(config, vault)[-1] == "key.rotated"


def test_rotate_key_is_refused_while_the_app_has_the_database_open(
    new_clinic: NewClinic, config: Config, vault: KeyVault, tmp_path: Path
) -> None:
    database_id = new_clinic.context.database.database_id
    old_key = vault.load_key(database_id)
    with new_clinic.context.database.session() as session:  # the app holds a connection
        session.execute(text("SELECT count(*) FROM organization")).scalar()
        sheet = tmp_path / "sheet.txt"
        with pytest.raises(DatabaseInUseError, match="close it"):
            rotate_key(config, vault, recovery_key_file=sheet)
    assert vault.load_key(database_id) == old_key
    assert not sheet.exists()
    new_clinic.context.database.close()
    connect_raw(config.database_path, old_key).close()


def test_recover_is_audited(
    closed: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.entries.clear()  # the keystore is lost: the database key and head key
    recover_access(config, closed.recovery_key, vault)
    context = open_clinic(config, vault)
    try:
        # The head's key went with the keystore: a finding, not quietly re-established.
        assert verify_trail(context).reason is Break.HEAD
        manager = Actor(new_id(), closed.context.organization_id or "", frozenset(Permission))
        assert reset_head(context, manager).ok
    finally:
        context.database.close()
    assert _actions(config, vault)[-2:] == ["recovery_key.used", "audit.head_reset"]


def test_backup_and_restore_are_audited_and_the_chain_still_verifies(
    closed: NewClinic, config: Config, vault: KeyVault, tmp_path: Path
) -> None:
    backup = make_backup(config, tmp_path / "b.db", vault)
    rotate_key(config, vault)  # the trail grows past the backup, and the key changes
    aside = restore_backup(config, backup, vault, backup_recovery_key=closed.recovery_key)
    assert aside.exists()
    actions = _actions(config, vault)  # verify_trail passes inside
    # The copy is taken before its own record is written: the restored trail is the one of
    # the backup's time (no rotation yet), then the restore.
    assert actions[-1] == "restore.done"
    assert "key.rotated" not in actions
    assert "backup.made" not in actions


def test_rotation_with_a_key_file_keeps_the_audit_chain_verifiable(
    config: Config, tmp_path: Path
) -> None:
    key_config = config.with_values(key_file=str(tmp_path / "kiosk.key"))
    vault = KeyVault(key_file=key_config.key_file)
    clinic = create_clinic(key_config, organization_name="Kiosk", timezone="UTC", vault=vault)
    clinic.context.database.close()
    rotate_key(key_config, vault)
    assert _actions(key_config, vault)[-1] == "key.rotated"


def test_restore_onto_a_new_computer_needs_and_stores_the_recovery_key(
    closed: NewClinic, config: Config, vault: KeyVault, memory_keyring, tmp_path: Path
) -> None:
    backup = make_backup(config, tmp_path / "b.db", vault)
    new_computer = config.with_values(data_dir=str(tmp_path / "new-computer"))
    memory_keyring.entries.clear()
    with pytest.raises(BackupError, match="--recovery-key-stdin"):
        restore_backup(new_computer, backup, vault)
    with pytest.raises(WrongKeyError):
        restore_backup(new_computer, backup, vault, backup_recovery_key=format_recovery_key(nk()))
    assert not new_computer.database_path.exists()
    assert (
        restore_backup(new_computer, backup, vault, backup_recovery_key=closed.recovery_key) is None
    )
    assert _actions(new_computer, vault)[-1] == "restore.done"
