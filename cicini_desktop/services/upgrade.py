"""`cicini migrate`: bring the database schema up to this version, a backup first.

The app migrates at open too; this use case is for IT after a package upgrade, so that
`cicini doctor` (which never changes anything) is healthy again without someone opening the
app. The pre-migration backup is the store's own (`backups/pre-migration-<rev>-<time>.db`,
encrypted with the same key), and its path is returned so the command can name it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from cicini_desktop.config import Config
from cicini_desktop.services.clinic import make_vault, open_clinic
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.migrations import current_revision, head_revision, upgrade
from cicini_desktop.store.vault import KeyVault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MigrationOutcome:
    before: str | None
    after: str
    backup: Path | None  # the pre-migration copy; None when nothing was due

    @property
    def migrated(self) -> bool:
        return self.before != self.after


def migration_due(config: Config, vault: KeyVault | None = None) -> tuple[str | None, str]:
    """(revision stored, revision this app expects), without changing anything."""
    context = open_clinic(config, vault or make_vault(config), migrate=False)
    try:
        return current_revision(context.database), head_revision()
    finally:
        context.database.close()


def migrate(config: Config, vault: KeyVault | None = None) -> MigrationOutcome:
    """Migrate to the newest revision after an encrypted backup; a no-op when current."""
    vault = vault or make_vault(config)
    context = open_clinic(config, vault, migrate=False)
    database = context.database
    try:
        before = current_revision(database)
        head = head_revision()
        if before == head:
            log.debug("migrate: schema already at %s", head)
            return MigrationOutcome(before, head, None)
        key = vault.load_key(Manifest.read(config.database_path).database_id)
        made = upgrade(database, key, "head", keep_backups=int(config["backup.keep_last"]))
        log.info("migrate: %s -> %s (backup %s)", before, head, made.name if made else "none")
        return MigrationOutcome(before, head, made)
    finally:
        database.close()
