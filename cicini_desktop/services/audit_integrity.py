"""Tamper evidence and retention of the audit trail: the chain head kept outside the
database, `verify`, and the retention purge (with its anchor).

The head lives in a file beside the database (`store.audit_head`), authenticated with an
HMAC key that is not the database key: a random key kept in the OS keystore under an entry
named by the database id *and* the data folder (so a restore drill in another folder never
shares it), read once per process. Key-file set-ups, which may have no keystore, derive it
from the key file instead (weaker: see the threat model in README's audit section).
It is written in two phases around each COMMIT that appended (see `store.audit_log`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.audit_chain import (
    Break,
    ChainHead,
    ChainWalk,
    QuickWalk,
    VerifyReport,
    continues,
    verify_chain,
)
from cicini_desktop.core.errors import AuditChainError, CiciniError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.services.worker import Progress, drive
from cicini_desktop.store import audit_log
from cicini_desktop.store.audit_head import HeadFile, HeadFileError, HeadState, head_path
from cicini_desktop.store.vault import KeyVault, Secret, folder_scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cicini_desktop.services.doctor import DoctorRun

log = logging.getLogger(__name__)

AUTOMATIC_PURGE_INTERVAL = timedelta(days=1)
HEAD_KEY_BYTES = 32


# --- the chain head outside the database --------------------------------------------------


@dataclass(frozen=True)
class HeadInspection:
    """What `verify` found outside the database: the state, or why there is none."""

    state: HeadState | None
    problem: str | None = None


class ChainHeadStore:
    """The head file of one database in one data folder, and its key (the `HeadKeeper`)."""

    def __init__(self, vault: KeyVault, database_id: str, database_path: Path) -> None:
        self._vault = vault
        self._database_id = database_id
        self._scope = folder_scope(database_path)
        self.file = HeadFile(head_path(database_path))
        self._key: bytes | None = None  # read once, then kept for the process
        self._key_read = False
        self._warned = False

    # --- the key ----------------------------------------------------------------------

    def _read_key(self, *, create: bool) -> bytes | None:
        if self._vault.uses_key_file:
            database_key = self._vault.load_key(self._database_id)
            label = f"cicini audit head key|{self._scope}".encode("ascii")
            return hmac.new(database_key, label, hashlib.sha256).digest()
        text = self._vault.get_scoped_secret(self._database_id, self._scope, Secret.AUDIT_HEAD_KEY)
        if text is not None:
            try:
                key = bytes.fromhex(text)
            except ValueError:
                key = b""
            return key if len(key) == HEAD_KEY_BYTES else None
        if not create:
            return None
        key = secrets.token_bytes(HEAD_KEY_BYTES)
        self._vault.set_scoped_secret(
            self._database_id, self._scope, Secret.AUDIT_HEAD_KEY, key.hex()
        )
        return key

    def _writer_key(self, *, create: bool = False) -> bytes | None:
        if self._key is None and (not self._key_read or create):
            self._key = self._read_key(create=create)
            self._key_read = True
        return self._key

    # --- the keeper: two phases around COMMIT -----------------------------------------

    def prepare(self, base: ChainHead | None, head: ChainHead) -> bool:
        key = self._writer_key(create=base is None)
        if key is None:
            self._warn("no key for the audit chain head")
            return False
        vouched = False

        def change(state: HeadState | None) -> HeadState | None:
            nonlocal vouched
            if state is None:
                if base is not None:
                    return None  # records exist but no head: a finding, never "healed"
                state = HeadState(self._database_id, None)
            if state.database_id != self._database_id or not state.vouches_for(base):
                return None  # the newest record is not one the app wrote: keep the evidence
            vouched = True
            return state.with_pending(head)

        try:
            self.file.update(key, change)
        except HeadFileError:
            self._warn("the audit chain head file does not verify")
            return False
        if not vouched:
            self._warn("the audit trail's newest record is not vouched for; head left as is")
        return vouched

    def confirm(self, head: ChainHead) -> None:
        key = self._writer_key()
        if key is None:
            return
        self.file.update(
            key,
            lambda state: (
                None
                if state is None or state.database_id != self._database_id
                else state.confirmed(head)
            ),
        )

    def abandon(self, head: ChainHead) -> None:
        key = self._writer_key()
        if key is None:
            return
        self.file.update(
            key,
            lambda state: (
                None
                if state is None or head not in state.pending
                else replace(state, pending=tuple(p for p in state.pending if p != head))
            ),
        )

    def _warn(self, what: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("%s; 'cicini audit verify' reports it", what)

    # --- reading for verify (the key is read afresh) ----------------------------------

    def inspect(self) -> HeadInspection:
        name = self.file.path.name
        if not self.file.exists():
            return HeadInspection(None, f"the chain head file {name} is missing")
        key = self._read_key(create=False)
        if key is None:
            return HeadInspection(
                None, "the key that authenticates the chain head is missing from the keystore"
            )
        try:
            state = self.file.read(key)
        except HeadFileError:
            return HeadInspection(
                None,
                f"the chain head file {name} does not verify (altered, copied from another "
                "installation or folder, or its key was replaced)",
            )
        except OSError:
            return HeadInspection(None, f"the chain head file {name} cannot be read")
        if state is None:
            return HeadInspection(None, f"the chain head file {name} is empty")
        if state.database_id != self._database_id:
            return HeadInspection(None, f"the chain head file {name} belongs to another database")
        return HeadInspection(state)

    def load(self) -> ChainHead | None:
        """The committed head (None when there is none); AuditChainError when it does not
        verify."""
        inspection = self.inspect()
        if inspection.state is None:
            if self.file.exists():
                problem = inspection.problem
                # The problem itself is the head file's technical detail (English).
                raise AuditChainError(
                    QT_TRANSLATE_NOOP(
                        "audit_chain", "The audit trail cannot be vouched for: {problem}."
                    ).format(problem=str(problem))
                )
            return None
        return inspection.state.committed

    def snapshot(self) -> HeadState | None:
        return self.inspect().state

    # --- explicit resets (set-up, restore, rekey) --------------------------------------

    def reset(self, head: ChainHead | None, pending: tuple[ChainHead, ...] = ()) -> None:
        key = self._read_key(create=True)
        assert key is not None  # create=True makes one
        self._key, self._key_read = key, True
        self.file.replace_all(key, HeadState(self._database_id, head, pending))

    def save(self, head: ChainHead, *, force: bool = False) -> None:
        """Keep `head` as the committed head (`force`: whatever the file said before)."""
        if force:
            self.reset(head)
        else:
            self.confirm(head)

    def settle(self, context: ServiceContext) -> None:
        """At open: resolve intents left by a process killed between COMMIT and the head
        write. Under the database's write lock no transaction is between its intent and its
        COMMIT, so the database decides: an intent it holds (reached by an intact chain from
        the committed head) becomes the committed head; the others are dropped. Anything
        else is left exactly as it is, for `verify` to report. Never raises."""
        try:
            key = self._writer_key()
            state = self.file.read(key) if key is not None and self.file.exists() else None
            if state is None or not state.pending or state.database_id != self._database_id:
                return
            with context.database.session_factory() as session:
                audit_log.lock_trail(session)
                newest = audit_log.newest(session)
                settled: HeadState | None = None
                if newest is not None and newest == state.committed:
                    settled = replace(state, pending=())
                elif newest is not None and newest in state.pending and state.committed:
                    tail = audit_log.records_from(session, state.committed.seq)
                    if continues(state.committed, tail) == newest:
                        settled = replace(state, committed=newest, pending=())
                if settled is not None:
                    self.file.update(key, lambda current: settled if current == state else None)
                session.rollback()
        except Exception as error:  # opening must never fail for this; verify reports
            log.warning("audit chain head not settled: %s", type(error).__name__)

    def migrate_legacy(self) -> None:
        """A head kept by an earlier version in the keystore becomes the head file's start."""
        if self._vault.uses_key_file:
            self._migrate_legacy_file()
            return
        if self.file.exists():
            return
        try:
            text = self._vault.get_secret(self._database_id, Secret.AUDIT_CHAIN_HEAD)
        except CiciniError:
            return
        head = ChainHead.from_text(text) if text else None
        if head is None:
            return
        self.reset(head)
        self._vault.delete_secret(self._database_id, Secret.AUDIT_CHAIN_HEAD)
        log.info("audit chain head moved from the keystore to the head file")

    def _migrate_legacy_file(self) -> None:
        """Key-file set-ups of earlier versions (0.1.0 before the two-slot head file) kept
        the head in the same path as `<head text>\n<HMAC-SHA256 hex>`, keyed from the
        database key. One that verifies becomes the new file's start; one that does not is
        left alone, so `verify` reports it (an upgrade never launders a tampered head)."""
        try:
            raw = self.file.path.read_bytes()
        except OSError:
            return
        if not raw.startswith(b"{") or len(raw) >= 512:
            return  # the two-slot file (2 KB) or nothing we know: nothing to migrate
        try:
            body, _, signature = raw.decode("ascii").strip().rpartition("\n")
            database_key = self._vault.load_key(self._database_id)
        except (UnicodeDecodeError, CiciniError):
            return
        legacy_key = hmac.new(database_key, b"cicini audit chain head", hashlib.sha256).digest()
        expected = hmac.new(legacy_key, body.encode("ascii"), hashlib.sha256).hexdigest()
        head = ChainHead.from_text(body) if hmac.compare_digest(expected, signature) else None
        if head is None:
            log.warning("audit chain head: an earlier version's head file does not verify")
            return
        self.file.path.unlink()
        self.reset(head)
        log.info("audit chain head moved from an earlier version's head file (seq %d)", head.seq)


def head_store(context: ServiceContext) -> ChainHeadStore:
    database = context.database
    return ChainHeadStore(context.vault, database.database_id, database.path)


def install_chain_head(context: ServiceContext) -> ChainHeadStore:
    """Keep the chain head outside the database around every commit that appends.

    Called where a context is made (`services.clinic`); harmless to call twice.
    """
    store = head_store(context)
    if context.database.is_server:
        # Several desks append to one trail: no desk's file can hold the head. The server
        # is the anchor instead: the application's role may not UPDATE, DELETE or TRUNCATE
        # the trail (grants and triggers, store/server_roles.py).
        audit_log.set_head_keeper(context.database.engine, None)
        return store
    store.migrate_legacy()
    store.settle(context)
    audit_log.set_head_keeper(context.database.engine, store)
    return store


def reset_chain_head(context: ServiceContext) -> ChainHead | None:
    """Make the kept head match the database as it is now: after a restore from backup
    (an older trail is legitimately shorter), never to paper over a failed verify."""
    with context.database.session() as session:
        head = audit_log.newest(session)
    store = head_store(context)
    store.reset(head)
    audit_log.set_head_keeper(context.database.engine, store)
    return head


def reset_head(context: ServiceContext, actor: Actor) -> VerifyReport:
    """A manager vouches for the trail as it is now (after IT looked into a finding, e.g. a
    keystore that was lost with the head key): the head is started again, audited under the
    manager's id with the finding it replaced. Never done implicitly by any other command."""
    require(context, actor, Permission.SETTINGS_MANAGE, target_type="audit_trail")
    require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    before = verify_trail(context)
    head = reset_chain_head(context)
    with unit_of_work(context, actor) as tx:
        tx.audit(
            AuditAction.AUDIT_HEAD_RESET,
            target_type="audit_trail",
            details={
                "vouched_seq": head.seq if head is not None else 0,
                "finding": str(before.reason) if before.reason is not None else "none",
            },
        )
    return verify_trail(context)


# --- verify -------------------------------------------------------------------------------


# Records per batch of a verify: about 50-100 ms of hashing, so the worker takes other work
# (a day view, a booking) between two batches and the progress moves smoothly.
VERIFY_BATCH = 20_000


def _walk_in_one_snapshot(context: ServiceContext, state: HeadState) -> VerifyReport:
    """The whole walk in one read transaction: the authoritative answer on a break."""
    with context.database.session() as session:
        return verify_chain(
            audit_log.iter_chain(session),
            audit_log.anchors(session),
            state.committed,
            pending=state.pending,
        )


def _walk_steps(
    context: ServiceContext, state: HeadState
) -> Generator[Progress, None, VerifyReport]:
    """The walk in batches, each read in a short session of its own: the fast path first
    (`QuickWalk`); where it meets anything it cannot prove, the precise walk explains."""
    with context.database.session() as session:
        anchors = audit_log.anchors(session)
        span = audit_log.chain_span(session)
    expected = span[1] - span[0] + 1 if span is not None else 0
    if not context.database.is_server:
        quick = QuickWalk(anchors, state.committed)
        proven = yield from _batches(
            context, audit_log.chain_preimages, quick.feed, lambda: quick.walked, expected
        )
        if proven:
            return quick.finish(state.pending)
    precise = ChainWalk(anchors, state.committed)
    broken: list[VerifyReport] = []

    def feed(rows: list[tuple[Any, ...]]) -> bool:
        report = precise.feed(rows)
        if report is not None:
            broken.append(report)
        return report is None

    if not context.database.is_server:
        yield Progress(QT_TRANSLATE_NOOP("progress", "looking closer"), 0.0)
    if not (
        yield from _batches(context, audit_log.chain_rows, feed, lambda: precise.walked, expected)
    ):
        return broken[0]
    return precise.finish(state.pending)


def _batches(
    context: ServiceContext,
    read: Callable[[Session, int, int], list[tuple[Any, ...]]],
    feed: Callable[[list[tuple[Any, ...]]], bool],
    walked: Callable[[], int],
    expected: int,
) -> Generator[Progress, None, bool]:
    """Read the trail in batches (seq is each row's first column) and feed them on; False as
    soon as `feed` does. One progress step per batch."""
    after = -1
    while True:
        with context.database.session() as session:
            rows = read(session, after, VERIFY_BATCH)
        if not rows:
            return True
        if not feed(rows):
            return False
        after = int(rows[-1][0])
        total = max(expected, walked())
        yield Progress(
            QT_TRANSLATE_NOOP("progress", "{checked} of {total} records checked").format(
                checked=walked(), total=total
            ),
            walked() / total,
        )


def _head_finding(context: ServiceContext, problem: str) -> VerifyReport:
    with context.database.session() as session:
        newest = audit_log.newest(session)
    if newest is None:
        return VerifyReport(True, 0, None, None)
    return VerifyReport(False, 0, None, newest.seq, newest.seq, Break.HEAD, problem + ".")


def verify_steps(
    context: ServiceContext, actor: Actor | None = None
) -> Generator[Progress, None, VerifyReport]:
    """Walk the whole chain, batch by batch (a long job): OK, or the first broken record.

    The head is read before the walk, so a record appended meanwhile can only make the trail
    longer than the head; if that is all, the walk is repeated once with the head read again
    (the other window has recorded its intent by then). Any other break is confirmed by a
    walk in one snapshot before it is reported: between two batches, a retention purge may
    have removed the oldest records, and only a single snapshot tells that from tampering.
    """
    if actor is not None:
        require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    if context.database.is_server:
        return (yield from _server_walk_steps(context))
    store = head_store(context)
    inspection = store.inspect()
    if inspection.state is None:
        return _head_finding(context, inspection.problem or "the chain head is missing")
    report = yield from _walk_steps(context, inspection.state)
    if report.reason is Break.INSERTED:
        again = store.inspect()
        if again.state is not None and again.state != inspection.state:
            report = yield from _walk_steps(context, again.state)
    if not report.ok:
        yield Progress(QT_TRANSLATE_NOOP("progress", "confirming the finding"), 0.99)
        confirmed = store.inspect()
        if confirmed.state is None:
            return _head_finding(context, confirmed.problem or "the chain head is missing")
        report = _walk_in_one_snapshot(context, confirmed.state)
    return report


def _server_walk_steps(context: ServiceContext) -> Generator[Progress, None, VerifyReport]:
    """On the clinic server the trail is append-only for every desk (revoked rights and
    triggers), and its newest record is the head. Desks append while the walk reads its
    batches, so a finding is confirmed in one snapshot that reads its own newest record."""
    with context.database.session() as session:
        newest = audit_log.newest(session)
    report = yield from _walk_steps(context, HeadState(context.database.database_id, newest))
    if report.ok:
        return report
    yield Progress(QT_TRANSLATE_NOOP("progress", "confirming the finding"), 0.99)
    with context.database.session() as session:
        return verify_chain(
            audit_log.iter_chain(session),
            audit_log.anchors(session),
            audit_log.newest(session),
        )


def verify_trail(context: ServiceContext, actor: Actor | None = None) -> VerifyReport:
    """`verify_steps` in one call (doctor, reset-head, the tests)."""
    return drive(verify_steps(context, actor), _ignore_progress)


def _ignore_progress(_step: Progress) -> None:
    return None


# --- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeOutcome:
    dry_run: bool
    removed: int
    hashes_dropped: int
    cutoff: datetime  # records that occurred before this are removed
    network_cutoff: datetime  # network hashes of records before this are cleared
    kept_from_seq: int | None

    def sentence(self) -> str:
        verb = "would remove" if self.dry_run else "removed"
        clear = "would clear" if self.dry_run else "cleared"
        return (
            f"Audit retention {verb} {self.removed} record(s) older than "
            f"{self.cutoff:%Y-%m-%d} and {clear} {self.hashes_dropped} network hash(es) "
            f"older than {self.network_cutoff:%Y-%m-%d}."
        )


def purge_trail(
    context: ServiceContext,
    actor: Actor,
    *,
    dry_run: bool = False,
    automatic: bool = False,
    max_records: int | None = None,
) -> PurgeOutcome:
    """Apply the retention settings; audited (with the anchor) unless `dry_run`.

    With `max_records`, one batch: call again until `removed` is 0.
    """
    require(context, actor, Permission.SETTINGS_MANAGE, target_type="audit_trail")
    if context.database.is_server and not dry_run:
        raise AuditChainError(
            QT_TRANSLATE_NOOP(
                "errors.maintenance",
                "On the clinic server the audit trail is append-only for every desk; removing old "
                "records is IT's task on the server itself (see the IT guide).",
            )
        )
    now = context.clock.now()
    years = int(context.config["retention.audit_years"])
    days = int(context.config["retention.network_hash_days"])
    cutoff = now - relativedelta(years=years)
    network_cutoff = now - timedelta(days=days)
    with unit_of_work(context, actor) as tx:
        result = audit_log.purge(
            tx.session,
            older_than=int(cutoff.timestamp()),
            hashes_older_than=int(network_cutoff.timestamp()),
            dry_run=dry_run,
            max_records=max_records,
        )
        if not dry_run:
            details: dict[str, str | int | bool] = {
                "removed": result.removed,
                "hashes_dropped": result.hashes_dropped,
                "years": years,
                "days": days,
                "automatic": automatic,
            }
            if result.removed and result.anchor_hash and result.kept_from_seq:
                details["kept_from_seq"] = result.kept_from_seq
                details["purged_through_seq"] = result.purged_through_seq or 0
                details["anchor_hash"] = result.anchor_hash
            tx.audit(AuditAction.RETENTION_PURGE, target_type="audit_trail", details=details)
    return PurgeOutcome(
        dry_run, result.removed, result.hashes_dropped, cutoff, network_cutoff, result.kept_from_seq
    )


def purge_if_due(context: ServiceContext) -> PurgeOutcome | None:
    """The automatic daily purge (as the system): runs when the last one is a day old.

    Never raises: a failed automatic purge is logged and tried again next time.
    """
    if context.organization_id is None or context.database.is_server:
        return None  # the server's trail is purged by IT, never by a desk
    try:
        with context.database.session() as session:
            last = audit_log.last_occurrence(session, AuditAction.RETENTION_PURGE)
        now = context.clock.now()
        if last is not None and now - last < AUTOMATIC_PURGE_INTERVAL:
            return None
        return purge_trail(context, Actor.system(context.organization_id), automatic=True)
    except CiciniError as error:
        log.warning("automatic audit purge failed: %s", type(error).__name__)
        return None


def check_audit_chain(run: DoctorRun) -> str:
    """`cicini doctor`'s check (registered by the CLI): the chain verifies end to end."""
    report = verify_trail(run.require_context())
    if not report.ok:
        raise AuditChainError(report.problem())
    detail = f"{report.records} records, chain intact"
    if report.warnings:
        detail += f" ({'; '.join(report.warnings)})"
    return detail
