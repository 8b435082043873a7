"""Store fixtures: a raw keyed database file with marker rows, and file helpers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from cicini_desktop.store.bootstrap import create_database
from cicini_desktop.store.database import Database
from cicini_desktop.store.keys import new_key

MARKER = "ZEBRA-MARKER-7d1c"


@pytest.fixture
def key() -> bytes:
    return new_key()


@pytest.fixture
def database(tmp_path: Path, key: bytes) -> Iterator[Database]:
    db = create_database(tmp_path / "data" / "cicini.db", key)
    yield db
    db.close()


def file_digest(path: Path) -> str:
    """Hash of a database file and its sidecars: proves a failure left it untouched."""
    digest = hashlib.sha256()
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            digest.update(candidate.read_bytes())
    return digest.hexdigest()


def flip_bytes(path: Path, page: int, page_size: int = 4096) -> None:
    """Corrupt a few bytes in the middle of a page (page 1 is the first)."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size + page_size // 2
    assert start + 8 <= len(data), "the database has fewer pages than the test needs"
    for offset in range(start, start + 8):
        data[offset] ^= 0xA5
    path.write_bytes(bytes(data))
