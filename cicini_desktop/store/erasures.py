"""Erasure tombstones: the internal ids of erased people, kept beside the database.

A restore brings back the database as it was when the backup was made, erased people
included. The tombstones live outside the database file (`cicini.db.erasures`, mode 0600,
one JSON object per line: subject kind and internal id, nothing else), so a restore of an
older backup can erase them again (`services.maintenance`). No name or contact detail is
ever written here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cicini_desktop.store.permissions import file_mode

SUBJECTS = frozenset({"patient", "staff"})


def erasures_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".erasures")


def record_erasure(database_path: Path, subject: str, subject_id: str) -> None:
    """Append one tombstone (after the erasure committed)."""
    if subject not in SUBJECTS:
        raise ValueError("unknown subject kind")
    line = json.dumps({"subject": subject, "id": subject_id}, separators=(",", ":")) + "\n"
    descriptor = os.open(
        erasures_path(database_path),
        os.O_WRONLY | os.O_APPEND | os.O_CREAT,
        file_mode(database_path.parent),
    )
    try:
        os.write(descriptor, line.encode("ascii"))
    finally:
        os.close(descriptor)


def recorded_erasures(database_path: Path) -> list[tuple[str, str]]:
    """Every tombstone, oldest first; unreadable lines (a cut last write) are skipped."""
    try:
        text = erasures_path(database_path).read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return []
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
            subject, subject_id = str(data["subject"]), str(data["id"])
        except (ValueError, KeyError, TypeError):
            continue
        if subject in SUBJECTS and (subject, subject_id) not in found:
            found.append((subject, subject_id))
    return found
