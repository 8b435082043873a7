"""Usage sync bookkeeping as use cases: what is pending, what was sent, what came back.

The network lives in `cicini_desktop.sync` (a layer above); everything transactional is
here so it commits with its audit record: accepted days with SYNC_SENT, enrolment with
SYNC_ENROLLED, a failed run with SYNC_FAILED (reason code only, never content). Sync runs on
behalf of the system actor: it is the installation, not a person, that reports.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from cicini_desktop._version import __version__
from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import SyncError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.plan import EffectivePlan, Plan, effective_plan
from cicini_desktop.core.sync_protocol import (
    SyncOutcome,
    SyncReport,
    UsageAnswer,
    outcome_sentence,
)
from cicini_desktop.core.usage_document import (
    MAX_DAYS_PER_DOCUMENT,
    DayTotals,
    build_document,
    encode_document,
    group_rows,
)
from cicini_desktop.services.context import Actor, ServiceContext, through_worker
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store import usage_sync
from cicini_desktop.store.models.usage import SyncState
from cicini_desktop.store.vault import Secret

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 16_000  # what is kept of an answer for the Settings page
HALTING = {SyncOutcome.REJECTED: "rejected", SyncOutcome.NEEDS_ENROLMENT: "needs_enrolment"}
SUCCEEDED = frozenset({SyncOutcome.SENT.value, SyncOutcome.NOTHING_TO_SEND.value})


def _system(context: ServiceContext) -> Actor:
    if context.organization_id is None or context.installation_id is None:
        raise SyncError(
            QT_TRANSLATE_NOOP(
                "errors.sync",
                "This clinic is not set up yet; finish onboarding before syncing.",
            )
        )
    return Actor.system(context.organization_id)


def _day_end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)


def _is_pending(day: DayTotals, sent: dict[date, tuple[str, datetime]]) -> bool:
    """A day is (re)sent until the server holds its final totals.

    Pending when never accepted, when its totals changed since, or when it was last accepted
    before the day ended (it could still change then): so today goes in every document, and
    a day goes once more after midnight, then never again.
    """
    previous = sent.get(day.day)
    if previous is None:
        return True
    totals, sent_at = previous
    return totals != usage_sync.encode_totals(day.counters) or sent_at < _day_end(day.day)


@through_worker
def pending_days(context: ServiceContext) -> list[DayTotals]:
    with context.database.session() as session:
        rows = usage_sync.counter_rows(session)
        sent = usage_sync.sent_days(session)
    return [day for day in group_rows(rows) if _is_pending(day, sent)]


def batches(days: list[DayTotals]) -> list[list[DayTotals]]:
    """Oldest first, at most MAX_DAYS_PER_DOCUMENT days each (a 413 splits further)."""
    size = MAX_DAYS_PER_DOCUMENT
    return [days[i : i + size] for i in range(0, len(days), size)]


@through_worker
def document_bytes(context: ServiceContext, days: list[DayTotals]) -> bytes:
    """The exact bytes sent for `days` (and shown by `cicini sync preview`)."""
    _system(context)
    document = build_document(
        days,
        installation_id=str(context.installation_id),
        organization_id=str(context.organization_id),
        app_version=__version__,
        os_family=context.workstation.os_family,
        region=context.config["sync.region"] or None,
    )
    return encode_document(document)


@through_worker
def next_document(context: ServiceContext) -> bytes | None:
    """The next document queued (the first batch of pending days), or None if none."""
    queued = batches(pending_days(context))
    return document_bytes(context, queued[0]) if queued else None


@through_worker
def effective_endpoint(context: ServiceContext) -> str:
    """IT's sync.endpoint if set, else the address the installation was enrolled with."""
    configured = str(context.config["sync.endpoint"] or "")
    if configured:
        return configured
    with context.database.session() as session:
        state = usage_sync.read_state(session)
        return (state.enrolled_endpoint or "") if state else ""


# --- events counted here because no other use case runs when they happen ---------------


def record_day_sheet_printed(context: ServiceContext, actor: Actor) -> Changes:
    """Count that the day sheet was printed or saved as PDF (the GUI calls this once the
    sheet is painted; printing itself is Qt's work and touches no data)."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    with unit_of_work(context, actor) as tx:
        tx.count(Counter.DAY_SHEET_PRINTED)
    return Changes(usage=True)


# --- the token ------------------------------------------------------------------------


@through_worker
def sync_token(context: ServiceContext) -> str | None:
    return context.vault.get_secret(context.database.database_id, Secret.SYNC_TOKEN)


@through_worker
def record_enrolment(context: ServiceContext, endpoint: str, token: str) -> None:
    """Keep the token in the keystore only; audit SYNC_ENROLLED; lift any halt."""
    actor = _system(context)
    context.vault.set_secret(context.database.database_id, Secret.SYNC_TOKEN, token)
    with unit_of_work(context, actor) as tx:
        state = usage_sync.state(tx.session)
        state.enrolled_at = context.clock.now()
        state.enrolled_endpoint = endpoint
        state.halted = None
        state.retry_not_before = None
        tx.audit(
            AuditAction.SYNC_ENROLLED,
            target_type="installation",
            target_id=context.installation_id,
        )


@through_worker
def record_enrolment_failure(context: ServiceContext, reason: str) -> None:
    with unit_of_work(context, _system(context)) as tx:
        tx.audit(
            AuditAction.SYNC_ENROLLED,
            AuditOutcome.FAILURE,
            target_type="installation",
            target_id=context.installation_id,
            details={"reason": reason},
        )


# --- one exchange, and the end of a run -----------------------------------------------


@through_worker
def record_exchange(
    context: ServiceContext, document: bytes, status: int | None, answer: bytes | None
) -> None:
    """Remember the last document that went out, byte for byte, and what came back."""
    with unit_of_work(context, _system(context)) as tx:
        state = usage_sync.state(tx.session)
        state.last_document = document.decode("ascii")
        state.last_sent_at = context.clock.now()
        state.last_status = status
        state.last_answer = (
            None if answer is None else answer[:MAX_ANSWER_CHARS].decode("utf-8", "replace")
        )


@through_worker
def record_accepted(
    context: ServiceContext, sent: list[DayTotals], answer: UsageAnswer
) -> tuple[date, ...]:
    """Mark the accepted days with the totals that were sent; keep the plan; audit.

    Days sent but not accepted stay pending. "Last success" is not set here but by
    `record_run`, from how the whole run ended: an answer that stored nothing is no success.
    """
    now = context.clock.now()
    accepted = [day for day in sent if day.day in answer.accepted_days]
    with unit_of_work(context, _system(context)) as tx:
        usage_sync.mark_sent(tx.session, ((d.day, d.counters) for d in accepted), now)
        state = usage_sync.state(tx.session)
        state.retry_not_before = None
        state.plan_name = answer.plan.name
        state.plan_active_providers = answer.plan.active_providers
        state.plan_staff_accounts = answer.plan.staff_accounts
        state.plan_valid_until = answer.plan.valid_until
        state.plan_received_at = now
        if accepted or not sent:  # stored days, or an answered heartbeat
            tx.audit(
                AuditAction.SYNC_SENT,
                target_type="installation",
                target_id=context.installation_id,
                details={"days": len(accepted)},
            )
    return tuple(d.day for d in accepted)


@through_worker
def record_run(
    context: ServiceContext, report: SyncReport, retry_not_before: datetime | None
) -> None:
    """Store how the run ended. A failure is audited when it differs from the previous
    run's (an offline laptop does not write one record every 15 minutes)."""
    with unit_of_work(context, _system(context)) as tx:
        state = usage_sync.state(tx.session)
        changed = (state.last_outcome, state.last_reason) != (report.outcome.value, report.reason)
        state.last_outcome = report.outcome.value
        state.last_reason = report.reason
        state.retry_not_before = retry_not_before
        if report.succeeded:
            state.last_success_at = report.finished_at
        if report.outcome in HALTING:
            state.halted = HALTING[report.outcome]
        if not report.succeeded and report.outcome is not SyncOutcome.WAITING and changed:
            tx.audit(
                AuditAction.SYNC_FAILED,
                AuditOutcome.FAILURE,
                target_type="installation",
                target_id=context.installation_id,
                details={
                    "kind": report.outcome.value,
                    "reason": report.reason or "none",
                    "attempts": report.attempts,
                },
            )


@through_worker
def clear_halt(context: ServiceContext) -> None:
    """A manager's explicit `sync now` tries again after a rejection."""
    with unit_of_work(context, _system(context)) as tx:
        state = usage_sync.state(tx.session)
        if state.halted == "rejected":
            state.halted = None
        state.retry_not_before = None


@through_worker
def purge_sent(context: ServiceContext) -> None:
    """Drop counters of days the server holds final, older than retention.sent_usage_days."""
    keep_days = int(context.config["retention.sent_usage_days"])
    cutoff = context.clock.now().date() - timedelta(days=keep_days)
    with unit_of_work(context, _system(context)) as tx:
        sent = usage_sync.sent_days(tx.session)
        rows = usage_sync.counter_rows(tx.session)
        final = {
            d.day
            for d in group_rows(rows)
            if d.day < cutoff and d.day in sent and not _is_pending(d, sent)
        }
        usage_sync.delete_final_days(tx.session, final)


# --- what the CLI status, the GUI page and the allowance checks read -------------------


@dataclass(frozen=True)
class SyncStatus:
    enabled: bool
    endpoint: str
    enrolled: bool
    enrolled_at: datetime | None
    last_success_at: datetime | None
    last_outcome: str | None
    last_reason: str | None
    halted: str | None
    retry_not_before: datetime | None
    pending_days: int
    plan: EffectivePlan
    last_sent_at: datetime | None
    last_status: int | None
    last_document: str | None
    last_answer: str | None

    @property
    def last_run(self) -> str | None:
        """The last run in a sentence, as `cicini sync now` said it."""
        return run_sentence(self.last_outcome, self.last_reason)


def run_sentence(outcome: str | None, reason: str | None) -> str | None:
    try:
        return outcome_sentence(SyncOutcome(outcome), reason) if outcome else None
    except ValueError:  # an outcome a newer version wrote
        return None


def received_plan(state: SyncState | None) -> Plan | None:
    if state is None or state.plan_name is None or state.plan_valid_until is None:
        return None
    return Plan(
        name=state.plan_name,
        active_providers=int(state.plan_active_providers or 0),
        staff_accounts=int(state.plan_staff_accounts or 0),
        valid_until=state.plan_valid_until,
    )


@through_worker
def sync_status(context: ServiceContext) -> SyncStatus:
    pending = len(pending_days(context))
    with context.database.session() as session:
        state = usage_sync.read_state(session)
        plan = effective_plan(received_plan(state), context.clock.now())
        return SyncStatus(
            enabled=bool(context.config["sync.enabled"]),
            endpoint=str(context.config["sync.endpoint"]),
            enrolled=sync_token(context) is not None,
            enrolled_at=state.enrolled_at if state else None,
            last_success_at=state.last_success_at if state else None,
            last_outcome=state.last_outcome if state else None,
            last_reason=state.last_reason if state else None,
            halted=state.halted if state else None,
            retry_not_before=state.retry_not_before if state else None,
            pending_days=pending,
            plan=plan,
            last_sent_at=state.last_sent_at if state else None,
            last_status=state.last_status if state else None,
            last_document=state.last_document if state else None,
            last_answer=state.last_answer if state else None,
        )


@dataclass(frozen=True)
class SharedData:
    """What the "Data shared with Cicini" page shows: the exact bytes, nothing decoded."""

    last_document: str | None
    last_sent_at: datetime | None
    last_status: int | None
    last_answer: str | None
    last_success_at: datetime | None
    next_document: str | None
    # When the last run did not succeed: the sentence `cicini sync now|status` shows.
    last_run: str | None = None
    pending_days: int = 0


@through_worker
def shared_data(context: ServiceContext) -> SharedData:
    status = sync_status(context)
    queued = next_document(context)
    return SharedData(
        last_document=status.last_document,
        last_sent_at=status.last_sent_at,
        last_status=status.last_status,
        last_answer=status.last_answer,
        last_success_at=status.last_success_at,
        next_document=queued.decode("ascii") if queued is not None else None,
        last_run=None if status.last_outcome in SUCCEEDED else status.last_run,
        pending_days=status.pending_days,
    )


def pretty(document: bytes | str | None) -> str:
    """Indented JSON for people; the page shows the exact bytes next to it."""
    if document is None:
        return ""
    try:
        return json.dumps(json.loads(document), indent=2, sort_keys=True)
    except ValueError:
        return document if isinstance(document, str) else document.decode("utf-8", "replace")
