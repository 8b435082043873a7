"""The encrypted database: SQLCipher 4 through `sqlcipher3`, under SQLAlchemy 2.

Connections are made by our own `creator` so that `PRAGMA key` is the first statement,
with the raw 32-byte key as a blob literal (no KDF cost, nothing pasted into a URL), and is
verified at once: a wrong key only shows on first access. Failures are sorted into the
distinct errors of `core.errors` using the key check value kept in the manifest
(see `manifest.py`): a key that matches it but cannot read the file means tampering.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from cicini_desktop.core.errors import (
    DatabaseInUseError,
    NotADatabaseError,
    StoreError,
    TamperedDatabaseError,
    WrongKeyError,
)
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.keys import KEY_BYTES, key_matches_check_value
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.permissions import refuse_world_access
from cicini_desktop.store.thread_guard import GuardedSession, ThreadGuard

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096


def key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw key. The hex is ours, never user text, so no escaping issue."""
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _looks_like_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def _looks_like_sqlcipher(path: Path) -> bool:
    size = path.stat().st_size
    return size >= PAGE_SIZE and size % PAGE_SIZE == 0 and not _looks_like_plain_sqlite(path)


def connect_raw(path: Path, key: bytes) -> sqlcipher3.Connection:
    """One keyed, verified DB-API connection, or a typed error. No traceback leaks out."""
    try:
        connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlcipher3.DatabaseError:
        raise NotADatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path} cannot be opened (missing folder or no permission); check the "
                "data folder setting and its permissions.",
            ).format(path=str(path))
        ) from None
    try:
        # Route SQLCipher's own log away from stderr: it would print page numbers and
        # HMAC failures to the user's terminal. We report those ourselves, in a sentence.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(key_pragma(key))
        # Before the first read: under WAL a new connection's first read can meet another
        # process's checkpoint or WAL recovery, and must wait for it rather than fail.
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        connection.close()
        raise _classify_open_failure(path, key, error) from None
    configure_connection(connection)
    return connection


def configure_connection(connection: sqlcipher3.Connection) -> None:
    """The pragmas of every connection after the key (the benchmark's plain twin too)."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA secure_delete = ON")
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    # Every page read from disk costs a decryption and an HMAC check, so a larger page
    # cache (32 MiB, in KiB when negative) pays for itself on the calendar's range scans.
    connection.execute("PRAGMA cache_size = -32768")
    connection.execute("PRAGMA temp_store = MEMORY")


def _classify_open_failure(path: Path, key: bytes, error: Exception) -> StoreError:
    if not path.exists() or path.stat().st_size == 0:
        return NotADatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path} is empty or missing; it is not a Cicini database.",
            ).format(path=str(path))
        )
    if _looks_like_plain_sqlite(path) or not _looks_like_sqlcipher(path):
        return NotADatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path} is not a Cicini database (it is not an encrypted database file); "
                "check the data folder setting, or restore the database from a backup.",
            ).format(path=str(path))
        )
    manifest = Manifest.read_optional(path)
    if manifest is not None and key_matches_check_value(key, manifest.key_check):
        return TamperedDatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path} has been altered or damaged (its integrity check failed); "
                "restore it from a backup with 'cicini restore', and keep the damaged "
                "file for IT.",
            ).format(path=str(path))
        )
    return WrongKeyError(
        QT_TRANSLATE_NOOP(
            "errors.store",
            "The key does not open this database; enter the recovery key with "
            "'cicini recover', or check that the data folder belongs to this "
            "installation.",
        )
    )


def translate_runtime_error(path: Path, error: Exception) -> StoreError | None:
    """A read that fails after opening: HMAC failure on a later page means tampering."""
    text = str(error).lower()
    if "malformed" in text or "not a database" in text or "hmac" in text:
        return TamperedDatabaseError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "{path} has been altered or damaged (a page failed its integrity check); "
                "restore it from a backup with 'cicini restore', and keep the damaged "
                "file for IT.",
            ).format(path=str(path))
        )
    return None


@dataclass
class Database:
    """An open encrypted database: the engine, a session factory and its manifest."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    manifest: Manifest
    guard: ThreadGuard
    # The clinic server's settings (store/server.py) when this is the PostgreSQL store; then
    # `path` is only this desk's local folder for the server (the file itself never exists).
    server: Any = None

    @property
    def database_id(self) -> str:
        return self.manifest.database_id

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (no commit); services use `session_factory.begin()` for writes.

        Its transactions start with a plain (deferred) `BEGIN`: a read must not take the
        write lock (see `make_engine`), and under WAL it reads a snapshot that no writer
        blocks. Code that writes belongs in a unit of work, never in this session.
        """
        with self.session_factory(bind=self._read_engine) as session:
            yield session

    @cached_property
    def _read_engine(self) -> Engine:
        """The same engine and pool; its connections carry the read-only option.

        On the clinic server a read runs without a transaction of its own (autocommit): under
        PostgreSQL's READ COMMITTED every statement reads its own snapshot anyway, so nothing
        changes for the reader, and the `BEGIN` and `ROLLBACK` it no longer needs were two of
        its network round trips."""
        if self.is_server:
            return self.engine.execution_options(**{READ_ONLY: True}, isolation_level="AUTOCOMMIT")
        return self.engine.execution_options(**{READ_ONLY: True})

    def close(self) -> None:
        self.engine.dispose()


READ_ONLY = "cicini_read_only"  # execution option of `Database.session()`'s connections


def begin_statement(execution_options: Mapping[str, Any]) -> str:
    """How a transaction starts: `BEGIN IMMEDIATE` unless the connection only reads.

    The DB-API connection runs in autocommit (isolation_level=None) so that PRAGMAs and our
    explicit BEGIN work as written; SQLAlchemy's transactions map onto that.

    Why IMMEDIATE: a plain (deferred) `BEGIN` takes no lock until the first write. If the
    transaction has read by then and another connection (the sync thread, the GUI's worker,
    a `cicini` command in another process) committed meanwhile, SQLite cannot upgrade the
    stale snapshot to a write and fails at once with "database is locked" (SQLITE_BUSY): the
    busy timeout is never consulted, because waiting could not help. `BEGIN IMMEDIATE` takes
    the write lock before anything is read, so a second writer waits there, up to
    `busy_timeout`, and then reads fresh data. Writers queue; nobody fails.

    Read-only sessions (`Database.session()`) keep a deferred `BEGIN`: under WAL a reader
    never blocks the writer and is never blocked by it, and taking the write lock for a
    read would serialise every screen's queries behind the writes.
    """
    return "BEGIN" if execution_options.get(READ_ONLY) else "BEGIN IMMEDIATE"


def make_engine(path: Path, key: bytes, pool_size: int = 4) -> Engine:
    def creator() -> Any:
        return connect_raw(path, key)

    engine = create_engine(
        "sqlite://",
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        pool_pre_ping=False,
        module=sqlcipher3,
        # Statement errors would otherwise quote bound values (names, contact details)
        # into exception text, and from there into the log.
        hide_parameters=True,
    )

    @event.listens_for(engine, "handle_error")
    def _translate(context: Any) -> None:
        # A page that fails its HMAC only shows when it is read: say "tampered", in a
        # sentence, instead of SQLite's "database disk image is malformed".
        translated = translate_runtime_error(path, context.original_exception)
        if translated is not None:
            raise translated from None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(begin_statement(connection.get_execution_options()))

    return engine


@contextmanager
def exclusive_connection(path: Path, key: bytes) -> Iterator[sqlcipher3.Connection]:
    """A connection that is the only one on the file, in rollback-journal mode.

    Leaving WAL needs an exclusive lock, so this doubles as the check that the app is not
    running elsewhere. `PRAGMA rekey` needs it too. WAL is switched back on at the end.
    """
    connection = connect_raw(path, key)
    try:
        connection.execute("PRAGMA busy_timeout = 500")
        try:
            mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlcipher3.OperationalError:
            mode = "wal"
        if mode != "delete":
            raise DatabaseInUseError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "The clinic's database is in use (Cicini Desktop or another command is "
                    "open on it); close it on this computer, then try again.",
                )
            )
        yield connection
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    """SQLite's `-wal` and `-shm` files beside the database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def open_database(
    path: Path, key: bytes, *, migrate: bool = True, keep_backups: int = 10
) -> Database:
    """Open (and migrate) an existing encrypted database, or raise a typed store error."""
    from cicini_desktop.store.migrations import upgrade_to_head

    manifest = Manifest.read(path)
    # Verify once, outside the pool, to report a precise error before anything else runs.
    probe = connect_raw(path, key)
    probe.close()
    refuse_world_access(
        path, QT_TRANSLATE_NOOP("errors.desk_access", "database")
    )  # after the probe: a plain file is "not ours" first
    database = make_database(path, key, manifest)
    if migrate:
        upgrade_to_head(database, key, keep_backups=keep_backups)
        _remember_database_id(database)
    return database


def make_database(path: Path, key: bytes, manifest: Manifest) -> Database:
    """The engine and a session factory whose sessions ask the thread guard first."""
    guard = ThreadGuard()
    engine = make_engine(path, key)
    factory = sessionmaker(engine, class_=GuardedSession, expire_on_commit=False, guard=guard)
    return Database(path, engine, factory, manifest, guard)


DATABASE_ID_SETTING = "store.database_id"


def _remember_database_id(database: Database) -> None:
    """Keep the manifest's database id inside the database too, so a lost or damaged manifest
    can be rebuilt from the recovery key (`cicini recover`). Written once."""
    with database.engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (DATABASE_ID_SETTING,)
        ).first()
        if row is None:
            connection.exec_driver_sql(
                "INSERT INTO setting (key, value, version) VALUES (?, ?, 1)",
                (DATABASE_ID_SETTING, json.dumps(database.database_id)),
            )
            connection.commit()


def stored_database_id(connection: sqlcipher3.Connection) -> str | None:
    """The database id kept inside the database (None for one that never recorded it)."""
    try:
        row = connection.execute(
            "SELECT value FROM setting WHERE key = ?", (DATABASE_ID_SETTING,)
        ).fetchone()
    except sqlcipher3.DatabaseError:
        return None
    try:
        return str(json.loads(row[0])) if row is not None else None
    except (ValueError, TypeError):
        return None


def rekey_pragma(key: bytes) -> str:
    return key_pragma(key).replace("PRAGMA key", "PRAGMA rekey", 1)


def integrity_problems(path: Path, key: bytes) -> tuple[list[str], list[str]]:
    """Run `cipher_integrity_check` (HMAC of every page) and `integrity_check` (b-trees).

    Returns the problems each reports (empty lists when healthy); page numbers only, never
    content. A page so damaged that SQLite cannot walk past it is one problem, not a crash.
    """
    connection = connect_raw(path, key)
    try:
        cipher = [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            structure = [str(row[0]) for row in rows if row[0] != "ok"]
        except sqlcipher3.DatabaseError as error:
            structure = [type(error).__name__ + ": " + str(error)]
    finally:
        connection.close()
    return cipher, structure


def quick_problems(path: Path, key: bytes) -> tuple[list[str], list[str]]:
    """One `quick_check` pass, the fast counterpart of `integrity_problems` (same shape).

    `quick_check` reads every page in use (b-trees and overflow chains) and SQLCipher checks
    each page's HMAC as it decrypts it, so a tampered page in use makes it fail too (as
    "btreeInitPage() returns error code 11"). Only then is `cipher_integrity_check` run, to
    tell tampering from a structure fault. A healthy file costs one pass; free pages and
    index-against-table consistency are left to `integrity_problems` (`doctor --full`).
    """
    connection = connect_raw(path, key)
    try:
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
            structure = [str(row[0]) for row in rows if row[0] != "ok"]
        except sqlcipher3.DatabaseError as error:
            structure = [type(error).__name__ + ": " + str(error)]
        if not structure:
            return [], []
    finally:
        connection.close()
    cipher, _ = _cipher_problems(path, key)
    return (cipher, []) if cipher else ([], structure)


def _cipher_problems(path: Path, key: bytes) -> tuple[list[str], None]:
    connection = connect_raw(path, key)
    try:
        return [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")], None
    finally:
        connection.close()
