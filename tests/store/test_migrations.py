"""Migrations: empty to head at open; a pending migration is preceded by a backup."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cicini_desktop.core.errors import MigrationError
from cicini_desktop.store.backup import verify_copy
from cicini_desktop.store.database import connect_raw, open_database
from cicini_desktop.store.keys import key_check_value, new_key
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.migrations import (
    current_revision,
    head_revision,
    pending,
    upgrade,
)
from cicini_desktop.store.models import Base


def _empty_database(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connect_raw(path, key).close()
    Manifest("11111111-2222-3333-4444-555555555555", key_check_value(key)).write(path)


def test_an_empty_database_migrates_to_head_with_every_model_table(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "cicini.db"
    _empty_database(path, key)
    database = open_database(path, key)
    try:
        assert current_revision(database) == head_revision()
        assert not pending(database)
        tables = set(inspect(database.engine).get_table_names())
        missing = set(Base.metadata.tables) - tables
        assert not missing, f"models without a migration: {sorted(missing)}"
        assert {"organization", "installation", "setting"} <= tables
    finally:
        database.close()
    # Nothing pending at head: no backup is made on a plain open.
    open_database(path, key).close()
    assert not (tmp_path / "backups").exists()


def test_a_pending_migration_makes_an_encrypted_backup_first(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "cicini.db"
    _empty_database(path, key)
    old = open_database(path, key, migrate=False)
    upgrade(old, key, "0001")
    assert current_revision(old) == "0001"
    old.close()

    database = open_database(path, key)
    try:
        assert current_revision(database) == head_revision()
    finally:
        database.close()
    backups = sorted((tmp_path / "backups").glob("pre-migration-0001-*.db"))
    assert len(backups) == 1
    verify_copy(backups[0], key)
    copy = open_database(backups[0], key, migrate=False)
    try:
        assert current_revision(copy) == "0001"  # the state before the migration
    finally:
        copy.close()


def test_a_database_from_a_newer_app_is_refused_with_a_sentence(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "cicini.db"
    _empty_database(path, key)
    open_database(path, key).close()
    connection = connect_raw(path, key)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(MigrationError, match="newer version"):
        open_database(path, key)


def test_only_the_newest_automatic_backups_are_kept(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "cicini.db"
    _empty_database(path, key)
    old = open_database(path, key, migrate=False)
    upgrade(old, key, "0001")
    old.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    for i in range(3):
        stale = folder / f"pre-migration-0000-2020010{i}T000000Z.db"
        stale.write_bytes(b"old")
        os.utime(stale, (1_600_000_000 + i, 1_600_000_000 + i))
    keep = folder / "monday-by-hand.db"  # a backup IT made by hand is never pruned
    keep.write_bytes(b"mine")
    open_database(path, key, keep_backups=2).close()
    automatic = sorted(p.name for p in folder.glob("pre-migration-*.db"))
    assert len(automatic) == 2
    assert automatic[0] == "pre-migration-0000-20200102T000000Z.db"
    assert automatic[1].startswith("pre-migration-0001-")
    assert keep.exists()
