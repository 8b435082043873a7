"""Tamper evidence and retention of the audit trail: the chain head kept outside the
database, `verify`, and the retention purge (with its anchor).

The head (newest seq and hash) goes to the OS keystore after every commit that appended
(Secret.AUDIT_CHAIN_HEAD); in key-file set-ups, which may have no keystore, to a file beside
the database signed with an HMAC key derived from the database key. Either way, cutting the
newest records from the database no longer goes unnoticed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.audit_chain import Break, ChainHead, VerifyReport, verify_chain
from cicini_desktop.core.errors import AuditChainError, CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store import audit_log
from cicini_desktop.store.vault import KeyVault, Secret

if TYPE_CHECKING:
    from cicini_desktop.services.doctor import DoctorRun

log = logging.getLogger(__name__)

AUTOMATIC_PURGE_INTERVAL = timedelta(days=1)


# --- the chain head outside the database --------------------------------------------------


class ChainHeadStore:
    """Where the head lives: the keystore, or an HMAC-signed file in key-file set-ups."""

    def __init__(self, vault: KeyVault, database_id: str, database_path: Path) -> None:
        self._vault = vault
        self._database_id = database_id
        self._file = database_path.with_name(database_path.name + ".audit-head")

    def _file_key(self) -> bytes:
        key = self._vault.load_key(self._database_id)
        return hmac.new(key, b"cicini audit chain head", hashlib.sha256).digest()

    def load(self) -> ChainHead | None:
        if not self._vault.uses_key_file:
            text = self._vault.get_secret(self._database_id, Secret.AUDIT_CHAIN_HEAD)
            return ChainHead.from_text(text) if text else None
        try:
            body, _, signature = self._file.read_text(encoding="ascii").strip().rpartition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        expected = hmac.new(self._file_key(), body.encode("ascii"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise AuditChainError(
                f"{self._file} has been altered (its signature does not match); restore the "
                "database and this file from the same backup, or ask IT to investigate."
            )
        return ChainHead.from_text(body)

    def save(self, head: ChainHead, *, force: bool = False) -> None:
        """Keep `head` unless a newer one is already kept (two windows append at once)."""
        if not force:
            current = self._load_quietly()
            if current is not None and current.seq > head.seq:
                return
        if not self._vault.uses_key_file:
            self._vault.set_secret(self._database_id, Secret.AUDIT_CHAIN_HEAD, head.to_text())
            return
        body = head.to_text()
        signature = hmac.new(self._file_key(), body.encode("ascii"), hashlib.sha256).hexdigest()
        temporary = self._file.with_name(self._file.name + ".tmp")
        temporary.write_text(f"{body}\n{signature}\n", encoding="ascii")
        os.replace(temporary, self._file)

    def _load_quietly(self) -> ChainHead | None:
        try:
            return self.load()
        except AuditChainError:
            return None


def head_store(context: ServiceContext) -> ChainHeadStore:
    database = context.database
    return ChainHeadStore(context.vault, database.database_id, database.path)


def install_chain_head(context: ServiceContext) -> None:
    """Keep the chain head outside the database after every commit that appends.

    Called where a context is made (`services.clinic`); harmless to call twice. The kept head
    only moves forward along the chain: if the record it names is no longer in the database
    as it was (the tail was cut and written again), it stays put, so `verify` reports it.
    """
    store = head_store(context)
    database = context.database

    def advance(head: ChainHead) -> None:
        current = store.load()
        if current is not None and current != head:
            if current.seq > head.seq:
                return  # another window is ahead of us already
            with database.session() as session:
                still_there = audit_log.hash_at(session, current.seq)
            if still_there is not None and still_there != current.hash:
                log.warning("audit chain head not advanced: the kept head's record changed")
                return
        store.save(head, force=True)

    sink: Callable[[ChainHead], None] = advance
    audit_log.set_head_sink(database.engine, sink)


def reset_chain_head(context: ServiceContext) -> ChainHead | None:
    """Make the kept head match the database as it is now: after a restore from backup
    (an older trail is legitimately shorter), never to paper over a failed verify."""
    with context.database.session() as session:
        head = audit_log.newest(session)
    if head is not None:
        head_store(context).save(head, force=True)
    return head


# --- verify -------------------------------------------------------------------------------


def _walk(context: ServiceContext, head: ChainHead | None) -> VerifyReport:
    with context.database.session() as session:
        return verify_chain(audit_log.iter_chain(session), audit_log.anchors(session), head)


def verify_trail(context: ServiceContext, actor: Actor | None = None) -> VerifyReport:
    """Walk the whole chain; OK, or the first broken record and why.

    The head is read before the database snapshot, so a record appended meanwhile can only
    make the database longer than the head; if that is all, the walk is repeated once with
    the head read again (the other window has saved it by then).
    """
    if actor is not None:
        require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    store = head_store(context)
    head = store.load()
    report = _walk(context, head)
    if report.reason is Break.INSERTED and head is not None and report.broken_seq == head.seq + 1:
        newer = store.load()
        if newer != head:
            report = _walk(context, newer)
    return report


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
    if context.organization_id is None:
        return None
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
