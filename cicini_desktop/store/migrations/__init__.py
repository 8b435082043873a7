"""Alembic migrations shipped inside the package, run automatically at open.

When a migration is pending on an existing database, an encrypted backup is made first
(`backups/pre-migration-…`). Revisions are numbered and linear; later features add new
files, never edit shipped ones.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from cicini_desktop.core.errors import MigrationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

    from cicini_desktop.store.database import Database

log = logging.getLogger(__name__)
SCRIPT_LOCATION = Path(__file__).parent
# The newest revision id, known without loading alembic (about 0.3 s of imports and script
# parsing at every start): an up-to-date database is then opened with one SELECT. Update it
# with each new migration file; tests/store/test_migrations_head.py checks it against alembic.
HEAD_REVISION = "0011"


def alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def pending(database: Database) -> bool:
    return current_revision(database) != head_revision()


def stored_revision(database: Database) -> str | None:
    """The revision recorded in the database, read with plain SQL (no alembic import)."""
    try:
        with database.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):  # no alembic_version table yet
        return None


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown revision
        return False


def upgrade_to_head(database: Database, key: bytes, *, keep_backups: int = 10) -> Path | None:
    """Migrate to the newest revision; the pre-migration backup's path (None: none needed)."""
    if stored_revision(database) == HEAD_REVISION:
        return None  # the usual start: nothing to do, and alembic is never imported
    return upgrade(database, key, "head", keep_backups=keep_backups)


def upgrade(database: Database, key: bytes, target: str, *, keep_backups: int = 10) -> Path | None:
    """Migrate to `target` ("head" in the app; an older revision in migration tests).

    Returns the pre-migration backup written first (None when nothing ran, or the database
    had no revision yet and so no data worth a copy)."""
    current = current_revision(database)
    head = head_revision() if target == "head" else target
    if current == head:
        return None
    made: Path | None = None
    if current is not None and not _known(current):
        raise MigrationError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "The database was updated by a newer version of Cicini Desktop; install "
                "that version (or newer) to open it.",
            )
        )
    if current is not None and not database.is_server:
        # (The server's backups are IT's pg_dump schedule: see the IT guide.)
        from cicini_desktop.store.backup import backup_before_migration

        made = backup_before_migration(database.path, key, current, keep_last=keep_backups)
        log.info("backup before migration %s -> %s written (%s)", current, head, made.name)
    from alembic import command

    config = alembic_config()
    try:
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, head)
    except Exception as error:
        log.error("migration to %s failed: %s", head, type(error).__name__)
        raise MigrationError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "The database could not be updated to this version of the app and was "
                "left as it was; contact IT (a backup was made before the attempt).",
            )
        ) from None
    log.info("database migrated %s -> %s", current, head)
    return made
