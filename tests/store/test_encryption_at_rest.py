"""Data at rest: nothing readable in the files, the wrong key refused, foreign files named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from cicini_desktop.core.errors import NotADatabaseError, WrongKeyError
from cicini_desktop.store.database import Database, connect_raw, open_database
from cicini_desktop.store.keys import new_key
from cicini_desktop.store.manifest import Manifest
from tests.store.conftest import MARKER


def _write_markers(database: Database, rows: int = 200) -> None:
    with database.session_factory.begin() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (note TEXT)"))
        for i in range(rows):
            session.execute(text("INSERT INTO probe VALUES (:n)"), {"n": f"{MARKER} {i}"})


def test_marker_strings_are_absent_from_the_file_and_its_wal(database: Database) -> None:
    _write_markers(database)
    wal = database.path.with_name(database.path.name + "-wal")
    assert wal.exists()
    assert wal.stat().st_size > 0, "the writes should still sit in the WAL"
    for path in (database.path, wal):
        raw = path.read_bytes()
        assert MARKER.encode() not in raw
        assert MARKER.encode("utf-16-le") not in raw
        assert b"SQLite format 3" not in raw[:16]
    with database.session() as session:
        assert session.execute(text("SELECT count(*) FROM probe")).scalar_one() == 200


def test_marker_strings_are_absent_after_a_checkpoint(database: Database, key: bytes) -> None:
    _write_markers(database)
    database.close()
    connection = connect_raw(database.path, key)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert MARKER.encode() not in database.path.read_bytes()


def test_the_standard_sqlite3_module_cannot_read_the_file(database: Database) -> None:
    _write_markers(database, rows=1)
    database.close()
    plain = sqlite3.connect(database.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()


def test_a_wrong_key_gives_the_wrong_key_error(database: Database) -> None:
    database.close()
    with pytest.raises(WrongKeyError, match="recovery key"):
        open_database(database.path, new_key())
    with pytest.raises(WrongKeyError):
        connect_raw(database.path, new_key())


def test_a_plain_sqlite_file_is_not_a_cicini_database(tmp_path: Path) -> None:
    path = tmp_path / "cicini.db"
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    Manifest("00000000-0000-0000-0000-000000000000", "0" * 32).write(path)
    with pytest.raises(NotADatabaseError, match="not a Cicini database"):
        open_database(path, new_key())


def test_a_file_without_manifest_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "cicini.db"
    path.write_bytes(b"\0" * 8192)
    with pytest.raises(NotADatabaseError, match="manifest"):
        open_database(path, new_key())


def test_connections_use_wal_foreign_keys_and_secure_delete(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
