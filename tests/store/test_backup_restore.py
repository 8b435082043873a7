"""Backups: consistent while another connection writes; restore verifies and keeps aside."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cicini_desktop.core.errors import BackupError, DatabaseInUseError, TamperedDatabaseError
from cicini_desktop.store.backup import backup_database, backup_steps, restore_database
from cicini_desktop.store.bootstrap import create_database
from cicini_desktop.store.database import Database, connect_raw
from cicini_desktop.store.keys import new_key
from cicini_desktop.store.manifest import Manifest
from tests.store.conftest import MARKER, file_digest, flip_bytes


def _count(path: Path, key: bytes) -> int:
    connection = connect_raw(path, key)
    try:
        return int(connection.execute("SELECT count(*) FROM probe").fetchone()[0])
    finally:
        connection.close()


def _prepare(database: Database, key: bytes, rows: int = 50) -> None:
    connection = connect_raw(database.path, key)
    connection.execute("CREATE TABLE probe (n INTEGER, note TEXT)")
    for i in range(rows):
        connection.execute("INSERT INTO probe VALUES (?, ?)", (i, f"{MARKER} {i}" * 20))
    connection.close()


def test_backup_round_trip_while_a_second_connection_writes(
    database: Database, key: bytes, tmp_path: Path
) -> None:
    _prepare(database, key)
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            connection = connect_raw(database.path, key)
            n = 1000
            while not stop.is_set():
                connection.execute("INSERT INTO probe VALUES (?, ?)", (n, f"{MARKER} {n}" * 20))
                written.append(n)
                n += 1
            connection.close()
        except BaseException as error:  # reported in the main thread
            failures.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50 and thread.is_alive():  # the writer is well under way
            pass
        backups = [backup_database(database.path, key, tmp_path / f"b{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not failures
    assert len(written) > 50
    counts = [_count(b, key) for b in backups]
    assert counts == sorted(counts)
    assert all(50 <= c <= 50 + len(written) for c in counts)
    for backup in backups:
        assert MARKER.encode() not in backup.read_bytes()
        assert Manifest.read(backup).database_id == database.database_id
        assert (backup.stat().st_mode & 0o777) == 0o600

    database.close()
    live_rows = _count(database.path, key)
    aside = restore_database(backups[0], key, database.path)
    assert _count(database.path, key) == counts[0]
    assert _count(aside, key) == live_rows  # the replaced file is complete, WAL folded in
    assert Manifest.read(aside).database_id == database.database_id


def test_backup_reports_progress_and_refuses_to_overwrite(
    database: Database, key: bytes, tmp_path: Path
) -> None:
    _prepare(database, key)
    target = tmp_path / "b.db"
    progress = list(backup_steps(database.path, key, target))
    assert progress[-1] == 1.0
    with pytest.raises(BackupError, match="already exists"):
        backup_database(database.path, key, target)


def test_restore_is_refused_while_the_database_is_open(
    database: Database, key: bytes, tmp_path: Path
) -> None:
    _prepare(database, key)
    backup = backup_database(database.path, key, tmp_path / "b.db")
    holder = connect_raw(database.path, key)
    holder.execute("SELECT count(*) FROM probe").fetchone()
    try:
        before = file_digest(database.path)
        with pytest.raises(DatabaseInUseError, match="close it"):
            restore_database(backup, key, database.path)
        assert file_digest(database.path) == before
        assert not database.path.with_name(database.path.name + ".restoring").exists()
    finally:
        holder.close()


def test_restore_refuses_a_damaged_backup(database: Database, key: bytes, tmp_path: Path) -> None:
    _prepare(database, key, rows=300)
    backup = backup_database(database.path, key, tmp_path / "b.db")
    pages = backup.stat().st_size // 4096
    flip_bytes(backup, page=pages - 1)
    database.close()
    before = file_digest(database.path)
    with pytest.raises(BackupError, match="integrity check"):
        restore_database(backup, key, database.path)
    assert file_digest(database.path) == before


def test_restore_refuses_a_backup_of_another_clinic(
    database: Database, key: bytes, tmp_path: Path
) -> None:
    other_key = new_key()
    other = create_database(tmp_path / "other" / "cicini.db", other_key)
    other.close()
    backup = backup_database(other.path, other_key, tmp_path / "other.db")
    database.close()
    with pytest.raises(BackupError, match="another clinic"):
        restore_database(backup, key, database.path)


def test_backup_of_a_tampered_database_says_tampered(
    database: Database, key: bytes, tmp_path: Path
) -> None:
    _prepare(database, key, rows=300)
    database.close()
    connection = connect_raw(database.path, key)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    flip_bytes(database.path, page=pages - 1)
    with pytest.raises(TamperedDatabaseError, match="altered or damaged"):
        backup_database(database.path, key, tmp_path / "b.db")
    assert not (tmp_path / "b.db").exists()


def test_a_copy_in_small_steps_finishes_while_another_connection_writes_each_step(
    database: Database, key: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One read transaction pins the snapshot: a write between two steps neither restarts
    the copy (it would never finish on a busy desk) nor gets half into it."""
    from cicini_desktop.store import backup as backup_module

    _prepare(database, key, rows=400)
    before = _count(database.path, key)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 2)
    monkeypatch.setattr(backup_module, "WAIT_SECONDS", 0.0)
    writer = connect_raw(database.path, key)
    target = tmp_path / "busy.db"
    written = 0
    try:
        for fraction in backup_steps(database.path, key, target):
            if 0 < fraction < backup_module.COPY_SHARE:  # pages are being copied: write now
                writer.execute("INSERT INTO probe VALUES (?, ?)", (-1, "during the copy"))
                written += 1
    finally:
        writer.close()
    assert written > 0
    assert _count(target, key) == before  # the snapshot the copy started from, whole
    assert _count(database.path, key) == before + written


def test_closing_the_job_mid_copy_stops_it_and_leaves_nothing(
    database: Database, key: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cicini_desktop.store import backup as backup_module

    _prepare(database, key, rows=400)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)
    monkeypatch.setattr(backup_module, "WAIT_SECONDS", 0.0)
    target = tmp_path / "cancelled.db"
    steps = backup_steps(database.path, key, target)
    first = next(steps)
    assert first < backup_module.COPY_SHARE
    steps.close()  # the user pressed Cancel
    assert list(tmp_path.glob("cancelled.db*")) == []
    assert _count(database.path, key) == 400  # the source is untouched and opens
