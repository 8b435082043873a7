"""The audit trail's persistence: append to the hash chain, walk it, purge its oldest part.

`append` runs inside the caller's transaction (the change and its record commit or roll back
together). Before the first append of a transaction it takes SQLite's write lock (a no-op
UPDATE of the control row) and only then reads the chain head, so concurrent writers, which
SQLite serialises, can never fork the chain. The head is then cached in `session.info` for
the rest of the transaction (a batch of appends reads it once) and forgotten whenever a
transaction or savepoint ends.

The head kept outside the database (`audit_head.py`) is told in two phases by the keeper
registered for the engine: `prepare(base, head)` just before the real COMMIT (the engine's
`commit` event, which a savepoint release never fires, while the write lock is still held),
and `confirm(head)` once COMMIT has returned (the session's `after_commit`, only when that
COMMIT really happened in this thread). A savepoint can therefore never record a head early.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, SessionTransaction

from cicini_desktop.core import pii_guard
from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.audit_chain import (
    FORMAT_TAG,
    GENESIS_HASH,
    Anchor,
    ChainFields,
    ChainHead,
    ChainRecord,
    canonical_details,
    network_commit,
    record_hash,
)
from cicini_desktop.core.audit_entry import AuditEntry, WorkstationInfo
from cicini_desktop.store.audit_head import crash_point

log = logging.getLogger(__name__)


class HeadKeeper(Protocol):
    """Where the chain head goes (services.audit_integrity provides it)."""

    def prepare(self, base: ChainHead | None, head: ChainHead) -> bool:
        """Before COMMIT: record the intent; False when `base` is not vouched for."""

    def confirm(self, head: ChainHead) -> None:
        """After COMMIT: `head` is committed."""

    def abandon(self, head: ChainHead) -> None:
        """COMMIT failed after `prepare`: forget the intent (best effort)."""


_HEAD = "cicini.audit.head"  # (seq, hash, raw, info) of the newest record in this transaction
_BASE = "cicini.audit.base"  # connection.info: the newest record before this transaction
_NEW = "cicini.audit.appended"  # connection.info: this transaction appended
_keepers: WeakKeyDictionary[Engine, HeadKeeper] = WeakKeyDictionary()
_committing = threading.local()  # (engine, head) between the real COMMIT and after_commit

COLUMNS = (
    "seq, occurred_at, action, outcome, actor_id, organization_id, target_type, target_id, "
    "masked_network, network_commit, device_category, os_family, os_major, app_version, "
    "details, network_hash, prev_hash, record_hash"
)
_INSERT = f"INSERT INTO audit_record ({COLUMNS}) VALUES ({', '.join('?' * 18)})"
_LOCK = "UPDATE audit_control SET purging = purging WHERE id = 1"
_NEWEST = "SELECT seq, record_hash FROM audit_record ORDER BY seq DESC LIMIT 1"


def set_head_keeper(engine: Engine, keeper: HeadKeeper | None) -> None:
    """Register where the chain head goes for `engine` (None: nowhere)."""
    if keeper is None:
        _keepers.pop(engine, None)
        return
    if engine not in _keepers:
        event.listen(engine, "begin", _on_begin)
        event.listen(engine, "commit", _on_commit)
        event.listen(engine, "rollback", _on_rollback)
    _keepers[engine] = keeper


def _head(session: Session) -> tuple[int, str, Any, dict[Any, Any]]:
    """(newest seq, its hash, the DB-API connection, connection info) for this transaction."""
    cached: tuple[int, str, Any, dict[Any, Any]] | None = session.info.get(_HEAD)
    if cached is not None:
        return cached
    # The DB-API connection of the session's transaction: appends go straight to it (the
    # batch budget leaves no room for per-statement overhead); same transaction, same BEGIN.
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    raw.execute(_LOCK)  # the write lock first: then the head cannot move under us
    row = raw.execute(_NEWEST).fetchone()
    info = connection.info
    if _BASE not in info:  # the first read of this database transaction
        info[_BASE] = ChainHead(int(row[0]), str(row[1])) if row is not None else None
    if row is None:
        return (0, GENESIS_HASH, raw, info)
    return (int(row[0]), str(row[1]), raw, info)


def append(session: Session, entry: AuditEntry, workstation: WorkstationInfo) -> int:
    """Check `entry` with the PII guard, chain it and insert it; returns its seq.

    Raises PiiRejectedError (nothing written) for a value that is not allowed; any failure
    propagates so the caller's transaction, and the change it records, rolls back.
    """
    pii_guard.check(entry, workstation)
    last_seq, prev_hash, raw, info = _head(session)
    seq = last_seq + 1
    commit = network_commit(prev_hash, workstation.network_hash)
    fields = ChainFields(
        seq=seq,
        occurred_at=int(entry.occurred_at.timestamp()),
        action=str(entry.action),
        outcome=str(entry.outcome),
        actor_id=entry.actor_id,
        organization_id=entry.organization_id,
        target_type=entry.target_type,
        target_id=entry.target_id,
        masked_network=workstation.masked_network,
        network_commit=commit,
        device_category=workstation.device_category,
        os_family=workstation.os_family,
        os_major=workstation.os_major,
        app_version=workstation.app_version,
        details=canonical_details(entry.details),
    )
    digest = record_hash(prev_hash, fields)
    raw.execute(_INSERT, (*fields.values(), workstation.network_hash, prev_hash, digest))
    session.info[_HEAD] = (seq, digest, raw, info)
    info[_NEW] = True
    return seq


# --- keeping the head outside the database ------------------------------------------------


@event.listens_for(Session, "after_transaction_end")
def _forget_cached_head(session: Session, transaction: SessionTransaction) -> None:
    # Any end (commit, rollback, savepoint release or rollback) may move the head.
    session.info.pop(_HEAD, None)


def _on_begin(connection: Connection) -> None:
    connection.info.pop(_BASE, None)
    connection.info.pop(_NEW, None)


def _on_commit(connection: Connection) -> None:
    """The real COMMIT is about to run (never a savepoint release): record the intent."""
    info = connection.info
    base = info.pop(_BASE, None)
    if not info.pop(_NEW, False):
        return
    keeper = _keepers.get(connection.engine)
    if keeper is None:
        return
    # Read again rather than trust the cache: a rolled-back savepoint may have undone appends.
    row = connection.connection.dbapi_connection.execute(_NEWEST).fetchone()
    if row is None:
        return
    head = ChainHead(int(row[0]), str(row[1]))
    try:
        recorded = keeper.prepare(base, head)
    except Exception as error:  # the change still commits; verify reports the lag
        log.warning("audit chain head intent not saved: %s", type(error).__name__)
        recorded = False
    if recorded:
        _committing.value = (connection.engine, head)
    crash_point("pending")


def _on_rollback(connection: Connection) -> None:
    connection.info.pop(_BASE, None)
    connection.info.pop(_NEW, None)
    waiting = getattr(_committing, "value", None)
    if waiting is None or waiting[0] is not connection.engine:
        return
    _committing.value = None
    keeper = _keepers.get(connection.engine)
    if keeper is not None:
        with contextlib.suppress(Exception):
            keeper.abandon(waiting[1])


@event.listens_for(Session, "after_commit")
def _confirm_head(session: Session) -> None:
    waiting = getattr(_committing, "value", None)
    if waiting is None:
        return  # a savepoint release, or nothing appended: the real COMMIT has not run
    _committing.value = None
    engine, head = waiting
    keeper = _keepers.get(engine)
    if keeper is None:
        return
    crash_point("commit")
    try:
        keeper.confirm(head)
    except Exception as error:  # committed; the pending intent covers it until the next one
        log.warning("audit chain head not saved: %s", type(error).__name__)
    crash_point("head")


def newest(session: Session) -> ChainHead | None:
    row = session.connection().exec_driver_sql(_NEWEST).first()
    return ChainHead(int(row[0]), str(row[1])) if row is not None else None


def hash_at(session: Session, seq: int) -> str | None:
    value = (
        session.connection()
        .exec_driver_sql("SELECT record_hash FROM audit_record WHERE seq = ?", (seq,))
        .scalar()
    )
    return None if value is None else str(value)


def last_occurrence(session: Session, action: AuditAction) -> datetime | None:
    """When `action` was last recorded (uses the action index), or None."""
    value = (
        session.connection()
        .exec_driver_sql(
            "SELECT max(occurred_at) FROM audit_record WHERE action = ?", (action.value,)
        )
        .scalar()
    )
    return None if value is None else datetime.fromtimestamp(int(value), UTC)


# --- walking the chain --------------------------------------------------------------------


def _chain_record(row: Any) -> ChainRecord:
    fields = ChainFields(*row[:15])
    return ChainRecord(fields=fields, network_hash=row[15], prev_hash=row[16], record_hash=row[17])


def lock_trail(session: Session) -> None:
    """Take SQLite's write lock in this transaction (nobody else is then between the head
    intent and COMMIT). The caller ends the transaction (a rollback is enough)."""
    session.connection().exec_driver_sql(_LOCK)


def records_from(session: Session, seq: int) -> list[ChainRecord]:
    """The records from `seq` on (a short tail: settling a pending head)."""
    rows = session.connection().exec_driver_sql(
        f"SELECT {COLUMNS} FROM audit_record WHERE seq >= ? ORDER BY seq", (seq,)
    )
    return [_chain_record(row) for row in rows]


def iter_chain(session: Session, batch: int = 5000) -> Iterator[ChainRecord]:
    """Every record in chain order, read in keyset batches (constant memory on big trails)."""
    connection = session.connection()
    after = -1
    while True:
        rows = connection.exec_driver_sql(
            f"SELECT {COLUMNS} FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, batch),
        ).all()
        if not rows:
            return
        for row in rows:
            yield _chain_record(row)
        after = int(rows[-1][0])


def chain_rows(session: Session, after: int, limit: int) -> list[tuple[Any, ...]]:
    """Up to `limit` stored rows with seq above `after`, in chain order, as plain tuples
    (`COLUMNS` order): the verify walk reads them in batches, one short session each."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(
            f"SELECT {COLUMNS} FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        )
        return list(cursor.fetchall())
    finally:
        cursor.close()


# The verify fast path (`core.audit_chain.QuickWalk`): SQLite builds each record's hash
# preimage, `prev_hash|["cicini-audit-v1",<the 15 chain fields>]`, and the network-commit
# preimage, in C, as bytes ready to hash (UTF-8; the canonical form is ASCII). The field
# list is the first 15 of COLUMNS, the chain order.
_CHAIN_FIELDS = ", ".join(column.strip() for column in COLUMNS.split(",")[:15])
_PREIMAGES = (
    f"SELECT seq, CAST(prev_hash || '|' || json_array(:tag, {_CHAIN_FIELDS}) AS BLOB), "
    "record_hash, prev_hash, CAST(:tag || '|nh|' || prev_hash || '|' || network_hash AS BLOB), "
    "network_commit "
    "FROM audit_record WHERE seq > :after ORDER BY seq LIMIT :limit"
)


def chain_preimages(session: Session, after: int, limit: int) -> list[tuple[Any, ...]]:
    """Up to `limit` rows of (seq, preimage, record_hash, prev_hash, network preimage,
    network_commit) with seq above `after`, in chain order."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(_PREIMAGES, {"tag": FORMAT_TAG, "after": after, "limit": limit})
        return list(cursor.fetchall())
    finally:
        cursor.close()


def chain_span(session: Session) -> tuple[int, int] | None:
    """The oldest and newest seq (two index lookups; a count would scan the trail)."""
    row = session.connection().exec_driver_sql("SELECT min(seq), max(seq) FROM audit_record").one()
    return None if row[0] is None else (int(row[0]), int(row[1]))


def anchors(session: Session) -> list[Anchor]:
    """The purge anchors recorded in the trail (verified as records by the walk itself)."""
    rows = session.connection().exec_driver_sql(
        "SELECT seq, details FROM audit_record WHERE action = ?",
        (AuditAction.RETENTION_PURGE.value,),
    )
    found: list[Anchor] = []
    for seq, details in rows:
        try:
            data = json.loads(details)
            kept, digest = int(data["kept_from_seq"]), str(data["anchor_hash"])
        except (ValueError, KeyError, TypeError):
            continue
        found.append(Anchor(int(seq), kept, digest))
    return found


# --- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    removed: int
    purged_through_seq: int | None  # the newest removed record
    anchor_hash: str | None  # its hash: the first kept record links to it
    kept_from_seq: int | None
    hashes_dropped: int


def purge(
    session: Session,
    *,
    older_than: int,
    hashes_older_than: int,
    dry_run: bool,
    max_records: int | None = None,
) -> PurgeResult:
    """Remove the oldest records (occurred before `older_than`, Unix seconds) and clear the
    keyed network hash of records before `hashes_older_than`, inside the caller's transaction.

    Only a prefix of the chain is removed (up to the first record that is still within
    retention), and never the newest record, so the chain always continues from a kept record.
    The caller appends the purge's own record with the anchor (`kept_from_seq`, `anchor_hash`).
    `max_records` bounds one call (a batch) so a long-unpurged trail is removed in several
    short transactions, each leaving its own anchor.
    """
    connection = session.connection()
    connection.exec_driver_sql(_LOCK)
    newest_row = connection.exec_driver_sql(_NEWEST).first()
    if newest_row is None:
        return PurgeResult(0, None, None, None, 0)
    newest_seq = int(newest_row[0])
    first_kept = connection.exec_driver_sql(
        "SELECT seq FROM audit_record WHERE occurred_at >= ? ORDER BY seq LIMIT 1",
        (older_than,),
    ).first()
    through = min(int(first_kept[0]) - 1 if first_kept else newest_seq, newest_seq - 1)
    if max_records is not None:
        oldest = connection.exec_driver_sql("SELECT min(seq) FROM audit_record").scalar()
        if oldest is not None:
            through = min(through, int(oldest) + max_records - 1)
    removed = int(
        connection.exec_driver_sql(
            "SELECT count(*) FROM audit_record WHERE seq <= ?", (through,)
        ).scalar_one()
    )
    # Keyed network hashes past their days are dropped from kept records; in batch mode,
    # from at most `max_records` of them, starting with the oldest that still has one.
    hash_window = (through, newest_seq)
    if max_records is not None:
        first_hashed = connection.exec_driver_sql(
            "SELECT min(seq) FROM audit_record WHERE network_hash IS NOT NULL "
            "AND occurred_at < ? AND seq > ?",
            (hashes_older_than, through),
        ).scalar()
        if first_hashed is not None:
            hash_window = (through, int(first_hashed) + max_records - 1)
    hashes = int(
        connection.exec_driver_sql(
            "SELECT count(*) FROM audit_record WHERE network_hash IS NOT NULL "
            "AND occurred_at < ? AND seq > ? AND seq <= ?",
            (hashes_older_than, *hash_window),
        ).scalar_one()
    )
    anchor_hash = None
    if removed:
        anchor_hash = str(
            connection.exec_driver_sql(
                "SELECT record_hash FROM audit_record WHERE seq = ?", (through,)
            ).scalar_one()
        )
    result = PurgeResult(
        removed,
        through if removed else None,
        anchor_hash,
        through + 1 if removed else None,
        hashes,
    )
    if dry_run or (not removed and not hashes):
        return result
    connection.exec_driver_sql("UPDATE audit_control SET purging = 1 WHERE id = 1")
    try:
        if removed:
            connection.exec_driver_sql("DELETE FROM audit_record WHERE seq <= ?", (through,))
        if hashes:
            connection.exec_driver_sql(
                "UPDATE audit_record SET network_hash = NULL "
                "WHERE network_hash IS NOT NULL AND occurred_at < ? AND seq > ? AND seq <= ?",
                (hashes_older_than, *hash_window),
            )
    finally:
        connection.exec_driver_sql("UPDATE audit_control SET purging = 0 WHERE id = 1")
    session.info.pop(_HEAD, None)
    return result
