"""Consistent, encrypted copies of the database, and restoring one.

A backup uses SQLite's online backup API between two SQLCipher connections keyed alike,
so it is consistent while the app keeps writing and never exists in plaintext. Each backup
gets a manifest beside it, so it can be verified and restored on its own.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from cicini_desktop.core.errors import BackupError, StoreError, TamperedDatabaseError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.database import (
    PAGE_SIZE,
    connect_raw,
    exclusive_connection,
    integrity_problems,
    key_pragma,
    sidecar_paths,
    translate_runtime_error,
)
from cicini_desktop.store.keys import key_check_value
from cicini_desktop.store.manifest import Manifest, manifest_path
from cicini_desktop.store.permissions import make_folder, make_private

log = logging.getLogger(__name__)

# Pages per backup step (4 MiB): between two steps the copy reports progress and looks
# for a cancel. The source holds one read transaction for the whole copy, so under WAL
# every step reads the same snapshot while the app keeps writing, and a write elsewhere
# does not restart the copy (it would, step after step, without that transaction).
PAGES_PER_STEP = 1024
# How long one step of the job waits for the copy or the check before it reports: the
# database worker that runs the job is free for other work between two waits.
WAIT_SECONDS = 0.1
COPY_SHARE = 0.8  # of the progress bar: the copy; the rest is checking the copy


class _Stopped(Exception):
    """The backup was cancelled (raised inside SQLite's callbacks to abort it)."""


def backup_steps(source: Path, key: bytes, target: Path) -> Iterator[float]:
    """Copy `source` to `target`, yielding the fraction done (a cancellable long job).

    The copy and the check run on a thread of their own: SQLite's backup loop and its
    integrity checks are single calls that cannot yield, and each step here waits for them
    at most `WAIT_SECONDS`. Closing the generator (a cancel) stops them and removes the
    partial file; nothing is left under the target's name.
    """
    if target.exists():
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{target} already exists; choose a new file name for the backup.",
            ).format(target=str(target))
        )
    make_folder(target.parent)
    manifest = Manifest.read(source)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    stop = threading.Event()
    copied = [0.0]
    finished = False
    try:
        yield from _while_running(
            lambda: _copy(source, key, partial, stop, copied),
            lambda: COPY_SHARE * copied[0],
            stop,
        )
        yield COPY_SHARE
        yield from _while_running(
            lambda: _check_copy(source, key, partial, stop), lambda: COPY_SHARE, stop
        )
        os.replace(partial, target)
        finished = True
    finally:
        if not finished:
            partial.unlink(missing_ok=True)
    Manifest(manifest.database_id, key_check_value(key)).write(target)
    make_private(target)
    yield 1.0


def _while_running(
    work: Callable[[], None], fraction: Callable[[], float], stop: threading.Event
) -> Iterator[float]:
    """Run `work` on a thread; yield `fraction()` every `WAIT_SECONDS` until it ends (its
    error raised here). Closed early, it stops the work and waits for it to let go."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the job's thread below
            failure.append(error)

    thread = threading.Thread(target=run, name="cicini-backup", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(WAIT_SECONDS)
            if thread.is_alive():
                yield fraction()
    finally:
        if thread.is_alive():
            stop.set()
            thread.join()
    if failure:
        raise failure[0]


def _copy(
    source: Path, key: bytes, partial: Path, stop: threading.Event, copied: list[float]
) -> None:
    source_connection = connect_raw(source, key)
    try:
        destination = sqlcipher3.connect(str(partial), check_same_thread=False)
        try:
            destination.execute("PRAGMA cipher_log_level = NONE")
            destination.execute(key_pragma(key))

            def report(status: int, remaining: int, total: int) -> None:
                if stop.is_set():
                    raise _Stopped
                copied[0] = 1.0 - remaining / total if total else 1.0

            source_connection.execute("BEGIN")  # one snapshot for the whole copy
            source_connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            source_connection.backup(destination, pages=PAGES_PER_STEP, progress=report, sleep=0)
            source_connection.execute("COMMIT")
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    except _Stopped:
        raise
    except sqlcipher3.DatabaseError as error:
        if stop.is_set():
            raise _Stopped from None
        raise translate_runtime_error(source, error) or BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "The backup could not be written; check free disk space and try again.",
            )
        ) from None
    except OSError:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "The backup cannot be written in {parent}; check the folder and free space.",
            ).format(parent=str(partial.parent))
        ) from None
    finally:
        source_connection.close()


def _check_copy(source: Path, key: bytes, partial: Path, stop: threading.Event) -> None:
    try:
        verify_copy(partial, key, stop=stop)
    except BackupError:
        if stop.is_set():
            raise _Stopped from None
        # The backup API copies pages as they are: a bad copy means a bad source page.
        cipher, structure = integrity_problems(source, key)
        if cipher or structure:
            raise TamperedDatabaseError(
                QT_TRANSLATE_NOOP(
                    "errors.backup",
                    "{source} has been altered or damaged (a page failed its integrity "
                    "check), so no backup was made; restore an earlier backup with 'cicini "
                    "restore'.",
                ).format(source=str(source))
            ) from None
        raise


def backup_database(source: Path, key: bytes, target: Path) -> Path:
    for _ in backup_steps(source, key, target):
        pass
    return target


def verify_copy(
    path: Path, key: bytes, *, clinic: bool = False, stop: threading.Event | None = None
) -> None:
    """Open a copy with the key and run both integrity checks; raise if anything is off.

    An empty file opens with any key and passes both checks (SQLite makes a new database),
    so the size and a clinic's tables are checked too: a 0-byte, cut or foreign file is
    refused before anything is moved. Setting `stop` interrupts the checks (a cancel)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} cannot be read; give the path of a Cicini backup.",
            ).format(path=str(path))
        ) from None
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} is empty or cut short ({size} bytes), so it is not a whole "
                "Cicini backup; it was not used.",
            ).format(path=str(path), size=str(size))
        )
    try:
        connection = sqlcipher3.connect(str(path))
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute(key_pragma(key))
            if stop is not None:  # SQLite asks every 10,000 instructions; non-zero aborts
                connection.set_progress_handler(stop.is_set, 10_000)
            cipher_problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            clinic_tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                "AND name IN ('installation', 'organization', 'audit_record')"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlcipher3.DatabaseError:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} does not open with this database's key, or is damaged; it was not used.",
            ).format(path=str(path))
        ) from None
    if cipher_problems or integrity != "ok":
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} failed its integrity check; it was not used.",
            ).format(path=str(path))
        )
    if clinic and clinic_tables != 3:  # restores; pre-migration copies may be older
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{path} is not a backup of a Cicini clinic; it was not used.",
            ).format(path=str(path))
        )


def timestamped_name(prefix: str) -> str:
    return f"{prefix}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.db"


def backup_before_migration(
    database: Path, key: bytes, revision: str, *, keep_last: int = 10
) -> Path:
    """The automatic backup before a migration; only the newest `keep_last` are kept."""
    folder = database.parent / "backups"
    made = backup_database(database, key, folder / timestamped_name(f"pre-migration-{revision}"))
    automatic = sorted(folder.glob("pre-migration-*.db"), key=lambda p: p.stat().st_mtime)
    for old in automatic[: max(0, len(automatic) - keep_last)]:
        if old != made:
            old.unlink(missing_ok=True)
            manifest_path(old).unlink(missing_ok=True)
    return made


def restore_database(
    backup: Path, key: bytes, database: Path, live_key: bytes | None = None
) -> Path:
    """Replace `database` with a verified `backup`; the replaced file is kept aside.

    `key` is the key the backup opens with; it becomes the database's key. `live_key` opens
    the current file when it differs (a backup made before a rekey). Returns the path
    where the replaced database was moved. Refused while the database is open elsewhere.
    """
    if not backup.exists():
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{backup} does not exist; give the path of a Cicini backup file.",
            ).format(backup=str(backup))
        )
    backup_manifest = Manifest.read_optional(backup)
    live_manifest = Manifest.read(database)
    if backup_manifest is not None and backup_manifest.database_id != live_manifest.database_id:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{backup} is a backup of another clinic's database; it was not used.",
            ).format(backup=str(backup))
        )
    verify_copy(backup, key, clinic=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.stem}.replaced-{stamp}{database.suffix}")
    staging = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(backup, staging)
    except OSError:
        staging.unlink(missing_ok=True)
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "errors.backup",
                "{backup} could not be copied into {parent}; check free space.",
            ).format(backup=str(backup), parent=str(database.parent))
        ) from None
    try:
        # Leaving WAL folds the log into the file, so the copy set aside is complete, and
        # proves nothing else has the database open.
        with exclusive_connection(database, live_key or key):
            pass
    except StoreError:
        staging.unlink(missing_ok=True)
        raise
    for sidecar in sidecar_paths(database):
        if sidecar.exists():
            sidecar.replace(aside.with_name(aside.name + sidecar.name[len(database.name) :]))
    os.replace(database, aside)
    os.replace(staging, database)
    Manifest(live_manifest.database_id, key_check_value(key)).write(database)
    Manifest(live_manifest.database_id, live_manifest.key_check).write(aside)
    make_private(database)
    log.info("database restored from a backup; the replaced file was kept aside")
    return aside
