"""Creating a new encrypted database file (never over an existing one)."""

from __future__ import annotations

from pathlib import Path

from cicini_desktop.core.errors import DatabaseExistsError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.database import Database, connect_raw, open_database
from cicini_desktop.store.keys import key_check_value
from cicini_desktop.store.manifest import Manifest, manifest_path
from cicini_desktop.store.permissions import make_folder, make_private


def refuse_if_exists(path: Path) -> None:
    if path.exists() or manifest_path(path).exists():
        raise DatabaseExistsError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "A Cicini database already exists at {path} and was left untouched; use "
                "another data folder, or restore or recover the existing one.",
            ).format(path=str(path))
        )


def create_database(path: Path, key: bytes, database_id: str | None = None) -> Database:
    """Create, key and migrate a new database at `path`; the caller stored `key` first."""
    refuse_if_exists(path)
    # Encrypted anyway; private to the account too, so other users cannot even copy it.
    make_folder(path.parent)
    manifest = Manifest(database_id or new_id(), key_check_value(key))
    connect_raw(path, key).close()  # creates the file, keyed, in WAL mode
    make_private(path)
    manifest.write(path)
    return open_database(path, key)
