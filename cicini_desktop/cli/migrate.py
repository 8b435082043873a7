"""`cicini migrate`: update the database schema after a package upgrade (backup first)."""

from __future__ import annotations

import argparse

from cicini_desktop.config import Config
from cicini_desktop.services import upgrade


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "migrate",
        help="update the database to this version's schema (an encrypted backup first)",
        description="Run the database migrations this version brings, after writing an "
        "encrypted backup beside the database (backups/pre-migration-...). Close Cicini "
        "Desktop first. Does nothing when the schema is current.",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    del args
    outcome = upgrade.migrate(config)
    if not outcome.migrated:
        print(f"The database is already at revision {outcome.after}; nothing was changed.")
        return 0
    print(f"The database was migrated from revision {outcome.before} to {outcome.after}.")
    if outcome.backup is not None:
        print(f"A backup of it as it was is at {outcome.backup}.")
    return 0
