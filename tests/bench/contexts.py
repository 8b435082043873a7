"""Service contexts over the benchmark clinic: the encrypted database, and its plain twin.

The plain twin is the same data exported by SQLCipher (`sqlcipher_export` to a file with an
empty key) and opened by the same `sqlcipher3` library (same SQLite version, same pragmas,
no key), so the encrypted/plain ratio measures the cipher and nothing else.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from cicini_desktop._version import __version__
from cicini_desktop.config import load_config
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.database import Database, configure_connection, open_database
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.thread_guard import GuardedSession, ThreadGuard
from cicini_desktop.store.vault import KeyVault
from tests.bench.generate import NOW, Dataset, start_head_here

WORKSTATION = WorkstationInfo(
    masked_network="192.0.2.0/24",
    network_hash=None,
    device_category="desktop",
    os_family="linux",
    os_major="6",
    app_version=__version__,
)


def _connect_plain(path: Path) -> Any:
    """As `store.database.connect_raw`, minus the key: the same pragmas (cache size and
    temp store included), so the ratio measures the cipher and nothing else."""
    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    configure_connection(connection)
    return connection


def cold_cache(context: ServiceContext) -> None:
    """Empty SQLite's page cache for the next read (not timed): the pooled connections are
    closed and one is opened again, so every page the read needs is read (and, encrypted,
    decrypted and checked) again. The OS file cache stays warm, as on a workstation."""
    engine = context.database.engine
    engine.dispose()
    engine.connect().close()


def open_plain_database(dataset: Dataset) -> Database:
    path = dataset.plain_path
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect_plain(path),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        module=sqlcipher3,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    manifest = Manifest.read(dataset.database_path)
    guard = ThreadGuard()  # unbound: the benchmark calls services from its own thread
    factory = sessionmaker(engine, class_=GuardedSession, expire_on_commit=False, guard=guard)
    return Database(path, engine, factory, manifest, guard)


def _context(dataset: Dataset, database: Database, clock: FixedClock) -> ServiceContext:
    config = load_config(data_dir_flag=str(dataset.data_dir), env={}).with_values(
        key_file=str(dataset.key_file), log_dir=str(dataset.folder / "log")
    )
    return ServiceContext(
        database=database,
        vault=KeyVault(key_file=dataset.key_file),
        config=config,
        workstation=WORKSTATION,
        clock=clock,
        organization_id=dataset.meta["organization_id"],
        installation_id=dataset.meta["installation_id"],
    )


def encrypted_context(dataset: Dataset, clock: FixedClock | None = None) -> ServiceContext:
    """As `services.clinic.open_clinic` makes it (migrated, chain head kept outside)."""
    database = open_database(dataset.database_path, dataset.key())
    context = _context(dataset, database, clock or FixedClock(NOW))
    try:
        from cicini_desktop.services.audit_integrity import install_chain_head
    except ImportError:
        return context
    install_chain_head(context)
    return context


def scratch_copy(dataset: Dataset, folder: Path) -> Dataset:
    """A copy of the clinic for operations that write (append-only audit records cannot be
    taken back). The cached database is closed, so its WAL is already checkpointed."""
    copy = Dataset(dataset.size, folder, dataset.meta)
    copy.data_dir.mkdir(parents=True)
    for source in dataset.data_dir.iterdir():
        if source.is_file():
            shutil.copy2(source, copy.data_dir / source.name)
            _settle_on_disk(copy.data_dir / source.name)
    _vouch_for_the_copy(dataset, copy)
    return copy


def _settle_on_disk(path: Path) -> None:
    """Write the fresh copy out before anything is measured: a just-copied 2 GB file is
    dirty in the OS cache, and SQLite's first checkpoint (its first fsync) would then
    wait for all of it, a second of I/O a clinic's long-written database never has."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _vouch_for_the_copy(dataset: Dataset, copy: Dataset) -> None:
    del dataset
    start_head_here(copy)


def plain_context(dataset: Dataset, clock: FixedClock | None = None) -> ServiceContext:
    return _context(dataset, open_plain_database(dataset), clock or FixedClock(NOW))
