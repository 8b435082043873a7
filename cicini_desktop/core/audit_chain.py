"""The hash chain of the audit trail: canonical form, record hash, and verification.

Each record's hash is SHA-256 over the previous record's hash and the record's canonical
form (a compact JSON array in a fixed field order, tagged with a format version). `seq`, the
record's position, is part of the canonical form, so renumbering is a change too.

The keyed hash of the workstation address is dropped after a short retention; to keep the
chain verifiable without it, the chain commits to it only through `network_commit`, a hash
salted with the previous record's hash (so equal addresses never give equal commits).

A retention purge removes the oldest records and appends an anchor (the purge's own audit
record) naming the first kept record and the hash it links to; the walk accepts a chain
that starts there. Pure functions: the store feeds records in, nothing here does I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

FORMAT_TAG = "cicini-audit-v1"
GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class ChainFields:
    """Everything of a record the chain commits to, as stored."""

    seq: int
    occurred_at: int  # Unix seconds, UTC
    action: str
    outcome: str
    actor_id: str
    organization_id: str
    target_type: str | None
    target_id: str | None
    masked_network: str | None
    network_commit: str | None
    device_category: str
    os_family: str
    os_major: str
    app_version: str
    details: str  # canonical JSON text of the details map
    # The desk that wrote it (clinic server only). Committed to only when present, so the
    # records of a single desk's file, which never carry it, hash as they always did.
    workstation: str | None = None

    def values(self) -> tuple[int | str | None, ...]:
        """The fields in chain order, which is also the order of the stored columns
        (`store.audit_log.COLUMNS`): the one place that order is written."""
        return (
            self.seq,
            self.occurred_at,
            self.action,
            self.outcome,
            self.actor_id,
            self.organization_id,
            self.target_type,
            self.target_id,
            self.masked_network,
            self.network_commit,
            self.device_category,
            self.os_family,
            self.os_major,
            self.app_version,
            self.details,
        )


@dataclass(frozen=True, slots=True)
class ChainRecord:
    fields: ChainFields
    network_hash: str | None
    prev_hash: str
    record_hash: str

    @property
    def seq(self) -> int:
        return self.fields.seq


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The newest record's position and hash, also kept outside the database."""

    seq: int
    hash: str

    def to_text(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash}, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> ChainHead | None:
        try:
            data = json.loads(text)
            seq, digest = int(data["seq"]), str(data["hash"])
        except (ValueError, KeyError, TypeError):
            return None
        if len(digest) != 64:
            return None
        return cls(seq, digest)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a retention purge vouches for: the first kept record and its link."""

    anchor_seq: int
    kept_from_seq: int
    anchor_hash: str


# Built once: json.dumps with options would build a new encoder for every record.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True)
_SORTED_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, sort_keys=True)


def canonical_details(details: Mapping[str, str | int | bool]) -> str:
    if not details:
        return "{}"
    return _SORTED_ENCODER.encode(dict(details))


def canonical_bytes(fields: ChainFields) -> bytes:
    if fields.workstation is not None:
        return _ENCODER.encode([FORMAT_TAG, *fields.values(), "ws", fields.workstation]).encode(
            "ascii"
        )
    return _ENCODER.encode([FORMAT_TAG, *fields.values()]).encode("ascii")


def record_hash(prev_hash: str, fields: ChainFields) -> str:
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(b"|")
    digest.update(canonical_bytes(fields))
    return digest.hexdigest()


def network_commit(prev_hash: str, network_hash: str | None) -> str | None:
    if network_hash is None:
        return None
    text = f"{FORMAT_TAG}|nh|{prev_hash}|{network_hash}".encode("ascii")
    return hashlib.sha256(text).hexdigest()


# --- verification ------------------------------------------------------------------------


class Break(StrEnum):
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"
    TRUNCATED = "truncated"
    HEAD = "head"  # the head kept outside the database is missing, foreign or altered


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    records: int  # records walked
    first_seq: int | None
    last_seq: int | None
    broken_seq: int | None = None  # the first broken record (or, truncated: the first missing)
    reason: Break | None = None
    explanation: str = ""
    warnings: tuple[str, ...] = ()

    def sentence(self) -> str:
        if self.ok:
            if self.records == 0:
                return QT_TRANSLATE_NOOP("audit_chain", "Audit trail OK: no records yet.")
            return QT_TRANSLATE_NOOP(
                "audit_chain",
                "Audit trail OK: {records} records, #{first} to #{last}, chain intact.",
            ).format(records=str(self.records), first=str(self.first_seq), last=str(self.last_seq))
        return (
            f"Audit trail BROKEN at record #{self.broken_seq} ({self.reason}): {self.explanation}"
        )

    def problem(self) -> str:
        """The break as one user-facing sentence with what to do next."""
        why = self.explanation.rstrip(".")
        if self.reason is Break.HEAD:
            return QT_TRANSLATE_NOOP(
                "audit_chain",
                "The audit trail cannot be vouched for ({why}); keep the database and its "
                ".audit-head file as they are for IT to investigate (the clinic's data is "
                "readable, nothing needs restoring for this).",
            ).format(why=why)
        # The reason and its explanation are the chain's technical words (English).
        return QT_TRANSLATE_NOOP(
            "audit_chain",
            "The audit trail is broken at record #{record} ({reason}: {why}); keep the "
            "database and its .audit-head file as they are for IT to investigate (the trail "
            "was changed outside Cicini Desktop).",
        ).format(record=str(self.broken_seq), reason=str(self.reason), why=why)


def _content_ok(record: ChainRecord) -> bool:
    if record.record_hash != record_hash(record.prev_hash, record.fields):
        return False
    if record.network_hash is not None:
        return record.fields.network_commit == network_commit(record.prev_hash, record.network_hash)
    return True


def continues(start: ChainHead, records: Iterable[ChainRecord]) -> ChainHead | None:
    """The newest head if `records` (ascending, starting at `start`'s own record) are intact
    and each links to the one before; None otherwise. For settling a pending head."""
    iterator = iter(records)
    first = next(iterator, None)
    if first is None or first.seq != start.seq or first.record_hash != start.hash:
        return None
    previous = first
    for record in iterator:
        if (
            record.seq != previous.seq + 1
            or record.prev_hash != previous.record_hash
            or not _content_ok(record)
        ):
            return None
        previous = record
    return ChainHead(previous.seq, previous.record_hash)


# --- the walk over stored rows -------------------------------------------------------------
#
# A stored row is the 18 columns of `store.audit_log.COLUMNS`: the 15 chain fields in chain
# order, then network_hash, prev_hash, record_hash. The walk checks rows as they come from
# the database, without building a dataclass per record (on a million records that alone
# cost more than the hashing); only around a break are records built, to explain it.

StoredRow = Sequence[Any]
_NETWORK_HASH, _PREV_HASH, _RECORD_HASH, _NETWORK_COMMIT, _WORKSTATION = 15, 16, 17, 9, 18


def _workstation(row: StoredRow) -> str | None:
    return row[_WORKSTATION] if len(row) > _WORKSTATION else None


def stored_row_intact(row: StoredRow) -> bool:
    """`_content_ok` for a stored row: its hash and network commit match its content."""
    prev_hash = row[_PREV_HASH]
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(b"|")
    digest.update(canonical_bytes(ChainFields(*row[:15], workstation=_workstation(row))))
    if digest.hexdigest() != row[_RECORD_HASH]:
        return False
    network_hash = row[_NETWORK_HASH]
    if network_hash is not None:
        return row[_NETWORK_COMMIT] == network_commit(prev_hash, network_hash)
    return True


def record_of_row(row: StoredRow) -> ChainRecord:
    return ChainRecord(
        fields=ChainFields(*row[:15], workstation=_workstation(row)),
        network_hash=row[_NETWORK_HASH],
        prev_hash=row[_PREV_HASH],
        record_hash=row[_RECORD_HASH],
    )


def row_of_record(record: ChainRecord) -> tuple[Any, ...]:
    fields = record.fields
    return (
        *fields.values(),
        record.network_hash,
        record.prev_hash,
        record.record_hash,
        fields.workstation,
    )


def _broken(
    walked: int, first: int | None, last: int | None, seq: int, reason: Break, why: str
) -> VerifyReport:
    return VerifyReport(False, walked, first, last, seq, reason, why)


class ChainWalk:
    """The verification walk, fed in batches of stored rows (ascending seq).

    `feed` returns the first break it finds (or None: intact so far); `finish` checks the
    end of the trail against the head. A long verify yields between two batches, so the
    caller reads each batch in a short session of its own and the worker stays free.

    `anchors` are the purge anchors found in the trail (records of the chain too, so the
    walk verifies them like any other); `head` is the chain head kept outside the database,
    or None when there is none (then truncation cannot be checked: a warning).
    """

    def __init__(self, anchors: Iterable[Anchor], head: ChainHead | None) -> None:
        self._anchor_by_seq: dict[int, Anchor] = {}
        for anchor in anchors:
            self._anchor_by_seq.setdefault(anchor.kept_from_seq, anchor)
        self._head = head
        self._head_seq = head.seq if head is not None else -1
        self._held: StoredRow | None = None  # checked once its follower is known
        self._previous: StoredRow | None = None
        self._before_previous: StoredRow | None = None
        self._first_seq: int | None = None
        self._hash_at_head: str | None = None
        self.walked = 0

    def feed(self, rows: Iterable[StoredRow]) -> VerifyReport | None:
        for row in rows:
            held = self._held
            self._held = row
            if held is None:
                continue
            previous = self._previous
            # The fast path: the record follows its predecessor and is intact.
            if not (
                previous is not None
                and held[0] == previous[0] + 1
                and held[_PREV_HASH] == previous[_RECORD_HASH]
                and stored_row_intact(held)
            ):
                report = self._check_slowly(held, row)
                if report is not None:
                    return report
            self._advance(held)
        return None

    def finish(self, pending: Collection[ChainHead] | None = None) -> VerifyReport:
        """The end of the trail. `pending` (given by callers that keep a two-phase head) are
        heads whose transactions were about to commit when the head was last written: a
        trail that ends exactly at one of them, reached by an intact chain from the head, is
        a crash between COMMIT and the head write, and is accepted. With `pending` given, a
        head of None means "no record was confirmed yet"."""
        if self._held is not None:
            held, self._held = self._held, None
            report = self._check_slowly(held, None)
            if report is not None:
                return report
            self._advance(held)
        return self._tail_report(pending)

    # -- the precise checks, for the first record and around a break ----------------------

    def _advance(self, row: StoredRow) -> None:
        if row[0] == self._head_seq:
            self._hash_at_head = row[_RECORD_HASH]
        if self._previous is None:
            self._first_seq = row[0]
        self._before_previous = self._previous
        self._previous = row
        self.walked += 1

    def _check_slowly(self, row: StoredRow, following: StoredRow | None) -> VerifyReport | None:
        record = record_of_row(row)
        if self._previous is None:
            return self._check_first(record)
        return self._diagnose(
            record,
            record_of_row(self._previous),
            record_of_row(self._before_previous) if self._before_previous is not None else None,
            record_of_row(following) if following is not None else None,
        )

    def _check_first(self, record: ChainRecord) -> VerifyReport | None:
        seq = record.seq
        if not _content_ok(record):
            return _broken(
                0, seq, seq, seq, Break.CHANGED, "its content no longer matches its hash."
            )
        if seq == 1:
            if record.prev_hash != GENESIS_HASH:
                return _broken(
                    0, seq, seq, seq, Break.CHANGED, "the first record does not start the chain."
                )
            return None
        anchor = self._anchor_by_seq.get(seq)
        if anchor is None or anchor.anchor_hash != record.prev_hash or anchor.anchor_seq < seq:
            return _broken(
                0,
                seq,
                seq,
                seq,
                Break.DELETED,
                f"records before #{seq} were removed without a retention purge anchor.",
            )
        return None

    def _diagnose(
        self,
        record: ChainRecord,
        previous: ChainRecord,
        before_previous: ChainRecord | None,
        following: ChainRecord | None,
    ) -> VerifyReport | None:
        seq = record.seq
        walked, first_seq = self.walked, self._first_seq
        content_ok = _content_ok(record)
        link_ok = record.prev_hash == previous.record_hash
        seq_ok = seq == previous.seq + 1
        if content_ok and link_ok and seq_ok:
            return None
        if seq > previous.seq + 1 and not link_ok:
            return _broken(
                walked,
                first_seq,
                previous.seq,
                seq,
                Break.DELETED,
                f"record(s) #{previous.seq + 1} to #{seq - 1} are missing before it.",
            )
        if before_previous is not None and record.prev_hash == before_previous.record_hash:
            return _broken(
                walked,
                first_seq,
                previous.seq,
                previous.seq,
                Break.INSERTED,
                f"it was added between #{before_previous.seq} and the record that follows it.",
            )
        if following is not None and following.prev_hash == previous.record_hash:
            return _broken(
                walked,
                first_seq,
                previous.seq,
                seq,
                Break.INSERTED,
                f"it was added between #{previous.seq} and the record that follows it.",
            )
        if not content_ok:
            return _broken(
                walked,
                first_seq,
                previous.seq,
                seq,
                Break.CHANGED,
                "its content no longer matches its hash.",
            )
        if not seq_ok:
            return _broken(
                walked,
                first_seq,
                previous.seq,
                seq,
                Break.INSERTED,
                f"its position does not follow #{previous.seq}.",
            )
        return _broken(
            walked,
            first_seq,
            previous.seq,
            previous.seq,
            Break.CHANGED,
            f"it was altered and re-hashed; record #{seq} no longer links to it.",
        )

    def _tail_report(self, pending: Collection[ChainHead] | None) -> VerifyReport:
        previous = self._previous
        newest = ChainHead(previous[0], previous[_RECORD_HASH]) if previous is not None else None
        return tail_report(
            self._head, pending, self.walked, self._first_seq, newest, self._hash_at_head
        )


def tail_report(
    head: ChainHead | None,
    pending: Collection[ChainHead] | None,
    walked: int,
    first_seq: int | None,
    newest: ChainHead | None,
    hash_at_head: str | None,
) -> VerifyReport:
    """The end of an intact walk against the head kept outside the database: OK, cut
    (truncated) or extended behind the app's back (inserted)."""
    last_seq = newest.seq if newest is not None else None
    if head is None and pending is None:
        warnings = ("no chain head is kept outside the database; truncation cannot be checked",)
        return VerifyReport(True, walked, first_seq, last_seq, warnings=warnings if walked else ())
    head_seq = head.seq if head is not None else 0
    if head is not None and (last_seq is None or head.seq > last_seq):
        return _broken(
            walked,
            first_seq,
            last_seq,
            (last_seq or 0) + 1,
            Break.TRUNCATED,
            f"the newest records up to #{head.seq} are missing (the trail was cut).",
        )
    if head is not None and (hash_at_head is None or hash_at_head != head.hash):
        return _broken(
            walked,
            first_seq,
            last_seq,
            head.seq,
            Break.TRUNCATED,
            "the record the saved chain head vouches for was replaced (the trail was cut "
            "and written again).",
        )
    if newest is not None and head_seq < newest.seq:
        if pending and newest in pending:
            note = (
                f"records #{head_seq + 1} to #{newest.seq} match the head the app recorded "
                "just before it stopped (its last write was cut short)"
            )
            return VerifyReport(True, walked, first_seq, last_seq, warnings=(note,))
        return _broken(
            walked,
            first_seq,
            last_seq,
            head_seq + 1,
            Break.INSERTED,
            "the newest records are not covered by the saved chain head (added behind the "
            "app's back).",
        )
    return VerifyReport(True, walked, first_seq, last_seq)


class QuickWalk:
    """The verify walk's fast path, over rows the database prepared (`PREIMAGE_COLUMNS`):
    seq, the record's hash preimage (bytes), record_hash, prev_hash, the network-commit
    preimage (bytes),
    network_commit. SQLite builds the canonical JSON in C, so Python only hashes and
    compares: a trail of a million records in seconds.

    It proves a trail intact; it does not explain a break. `feed` returns False at the first
    thing that does not match, and the caller then walks precisely (`ChainWalk`) for the
    finding. A match is as strong as the canonical check: SQLite's JSON of the stored fields
    hashing to the stored hash means those are the fields that were hashed (JSON is
    unambiguous; a string SQLite encodes differently from Python, non-ASCII say, only makes
    the fast path miss and hand over).
    """

    def __init__(self, anchors: Iterable[Anchor], head: ChainHead | None) -> None:
        self._anchor_by_seq = {anchor.kept_from_seq: anchor for anchor in reversed([*anchors])}
        self._head = head
        self._head_seq = head.seq if head is not None else -1
        self._last: tuple[int, str] | None = None
        self._first_seq: int | None = None
        self._hash_at_head: str | None = None
        self.walked = 0

    def _starts_chain(self, seq: int, prev_hash: str) -> bool:
        if seq == 1:
            return prev_hash == GENESIS_HASH
        anchor = self._anchor_by_seq.get(seq)
        return anchor is not None and anchor.anchor_hash == prev_hash and anchor.anchor_seq >= seq

    def feed(self, rows: Iterable[Sequence[Any]]) -> bool:
        sha256 = hashlib.sha256
        if self._last is None:
            last_seq, last_hash = -1, ""
        else:
            last_seq, last_hash = self._last
        walked = self.walked
        for seq, preimage, stored_hash, prev_hash, network_preimage, commit in rows:
            if walked == 0:
                if not self._starts_chain(seq, prev_hash):
                    return False
                self._first_seq = seq
            elif seq != last_seq + 1 or prev_hash != last_hash:
                return False
            if sha256(preimage).hexdigest() != stored_hash:
                return False
            if network_preimage is not None and sha256(network_preimage).hexdigest() != commit:
                return False
            if seq == self._head_seq:
                self._hash_at_head = stored_hash
            last_seq, last_hash = seq, stored_hash
            walked += 1
        self.walked = walked
        if walked:
            self._last = (last_seq, last_hash)
        return True

    def finish(self, pending: Collection[ChainHead] | None = None) -> VerifyReport:
        newest = ChainHead(*self._last) if self._last is not None else None
        return tail_report(
            self._head, pending, self.walked, self._first_seq, newest, self._hash_at_head
        )


def verify_chain(
    records: Iterable[ChainRecord],
    anchors: Iterable[Anchor],
    head: ChainHead | None,
    *,
    pending: Collection[ChainHead] | None = None,
) -> VerifyReport:
    """Walk `records` (ascending seq) and report OK or the first break and why: the whole
    walk in one call (see `ChainWalk` for the arguments and for a walk in batches)."""
    walk = ChainWalk(anchors, head)
    report = walk.feed(row_of_record(record) for record in records)
    return report if report is not None else walk.finish(pending)
