"""The reminder runner: supersede, expire, plan, then claim and send what is due, in batches.

One pass has three steps, so the app can keep network waits off its database worker:

    phase = prepare(context, batch=BACKGROUND_BATCH)        # database worker (None: off)
    results = transmit(phase, since=reply_window_start(context))   # any thread, no database
    report = conclude(context, phase, results)               # database worker

`run_due_reminders(context)` does all three on the calling thread (the CLI, tests, or the
worker if the integrator prefers one call). Any number of instances may run at once on one
database: rows are claimed atomically (see outbox.py), so none is sent twice. Rows claimed
by `prepare` and never concluded (the app was killed) are failed as "interrupted" after
15 minutes, never sent twice.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.backoff import backoff_delay
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.reminders.outcome import RETRY_POLICY, SendOutcome
from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.core.reminders.windows import is_quiet
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import outbox, replies
from cicini_desktop.services.reminders.messages import NotSendable, OutgoingMessage, build_message
from cicini_desktop.services.reminders.settings import read_settings, sms_token, smtp_password
from cicini_desktop.services.reminders.sms_provider import InboundSms, RestSmsProvider, SmsProvider
from cicini_desktop.services.reminders.smtp_sender import SmtpSender
from cicini_desktop.services.scheduling.common import clinic_zone, now
from cicini_desktop.services.unit_of_work import Transaction, unit_of_work
from cicini_desktop.store.models import Organization, ReminderOutbox

log = logging.getLogger(__name__)

SENT_COUNTER: dict[Channel, Counter] = {
    Channel.EMAIL: Counter.REMINDER_SENT_EMAIL,
    Channel.SMS: Counter.REMINDER_SENT_SMS,
}
FAILED_COUNTER: dict[Channel, Counter] = {
    Channel.EMAIL: Counter.REMINDER_FAILED_EMAIL,
    Channel.SMS: Counter.REMINDER_FAILED_SMS,
}
# Temporary failures that say the service itself is unreachable or misconfigured: the rest
# of the batch on that channel waits for the next run instead of hammering it.
CHANNEL_DOWN = frozenset(
    {
        "connection_failed",
        "smtp_auth",
        "smtp_no_starttls",
        "tls_error",
        "http_401",
        "http_403",
        "http_429",
        "http_503",
        "timeout",
    }
)
DEFAULT_BATCH = 50
# For the app's background runs: a small batch each minute keeps each database step short.
BACKGROUND_BATCH = 10
BACKGROUND_INTERVAL_SECONDS = 60


class EmailSender:  # the shape the runner needs (SmtpSender in production)
    def send(self, message: OutgoingMessage) -> SendOutcome:  # pragma: no cover - protocol
        raise NotImplementedError


@dataclass
class Senders:
    email: SmtpSender | EmailSender | None = None
    sms: SmsProvider | None = None

    def for_channel(self, channel: Channel) -> SmtpSender | EmailSender | SmsProvider | None:
        return self.email if channel is Channel.EMAIL else self.sms


@dataclass
class RunReport:
    enabled: bool = True
    planned: int = 0
    superseded: int = 0
    expired: int = 0
    sent: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    retrying: int = 0
    skipped: int = 0
    interrupted: int = 0
    replies: int = 0
    quiet: bool = False
    busy: bool = False  # another instance held the database for maintenance

    def sentence(self) -> str:
        if not self.enabled:
            return "Reminders are switched off for this clinic."
        sent = sum(self.sent.values())
        parts = [
            f"{sent} sent",
            f"{self.failed} failed",
            f"{self.retrying} to retry",
            f"{self.planned} planned",
            f"{self.superseded} superseded",
            f"{self.expired} expired",
            f"{self.skipped} skipped (no consent or address)",
        ]
        if self.replies:
            parts.append(f"{self.replies} replies read")
        text = "Reminders: " + ", ".join(parts) + "."
        if self.quiet:
            text += " Quiet hours: nothing is sent now."
        return text


def default_senders(context: ServiceContext, settings: ReminderSettings) -> Senders:
    """Senders for the services that are configured (and whose secret the keystore holds)."""
    with context.database.session() as session:
        name = session.scalar(select(Organization.name)) or ""
    email = (
        SmtpSender(settings.smtp, smtp_password(context), name)
        if settings.smtp.configured
        else None
    )
    sms = RestSmsProvider(settings.sms, sms_token(context)) if settings.sms.configured else None
    return Senders(email, sms)


def _system(context: ServiceContext) -> Actor:
    assert context.organization_id is not None
    return Actor.system(context.organization_id)


def _failed(tx: Transaction, outbox_id: str, channel: Channel, code: str, attempts: int) -> None:
    tx.audit(
        AuditAction.REMINDER_FAILED,
        AuditOutcome.FAILURE,
        target_type="reminder_outbox",
        target_id=outbox_id,
        details={"channel": channel.value, "error": code, "attempts": attempts},
    )
    tx.count(FAILED_COUNTER[channel])


def _maintain(context: ServiceContext, settings: ReminderSettings, report: RunReport) -> None:
    moment = now(context)
    with unit_of_work(context, _system(context)) as tx:
        outbox.take_write_lock(tx.session)
        for outbox_id, channel in outbox.fail_stale_claims(tx.session, moment):
            _failed(tx, outbox_id, Channel(channel), "interrupted", 0)
            report.interrupted += 1
        report.superseded += outbox.supersede_stale(tx.session, moment)
        report.expired += outbox.expire_closed(tx.session, moment)
        report.planned += outbox.plan_reminders(
            tx.session, settings, clinic_zone(tx.session, context), moment
        )


def _claim_next(context: ServiceContext, channels: list[Channel], token: str) -> str | None:
    moment = now(context)
    if context.database.engine.dialect.name == "postgresql":
        with context.database.session_factory.begin() as session:
            ids = outbox.claim_batch_postgresql(session, moment, channels, 1, token)
            return ids[0] if ids else None
    with context.database.session() as session:
        candidates = outbox.due_ids(session, moment, channels, 20)
    for candidate in candidates:
        # One short write transaction per claim: the UPDATE decides, by its row count.
        with context.database.session_factory.begin() as session:
            if outbox.claim_one(session, candidate, token, moment):
                return candidate
    return None


def _finish(
    context: ServiceContext,
    outbox_id: str,
    token: str,
    outcome: SendOutcome | NotSendable,
    rng: random.Random,
    report: RunReport,
) -> None:
    moment = now(context)
    with unit_of_work(context, _system(context)) as tx:
        outbox.take_write_lock(tx.session)
        row = tx.session.scalar(
            select(ReminderOutbox).where(
                ReminderOutbox.id == outbox_id,
                ReminderOutbox.claim_token == token,
                ReminderOutbox.status == OutboxStatus.SENDING.value,
            )
        )
        if row is None:
            return  # no longer ours (failed as interrupted by another instance)
        channel = Channel(row.channel)
        row.updated_at = moment
        row.claim_token = None
        if isinstance(outcome, NotSendable):
            row.status = OutboxStatus.SKIPPED.value
            row.error_code = outcome.code
            report.skipped += 1
            if outcome.code == "template_error":
                row.status = OutboxStatus.FAILED.value
                _failed(tx, row.id, channel, outcome.code, row.attempts)
                report.failed += 1
                report.skipped -= 1
            return
        row.attempts += 1
        if outcome.accepted:
            row.status = OutboxStatus.SENT.value
            row.sent_at = moment
            row.provider_message_id = outcome.provider_message_id
            row.error_code = None
            tx.audit(
                AuditAction.REMINDER_SENT,
                target_type="reminder_outbox",
                target_id=row.id,
                details={"channel": channel.value, "attempts": row.attempts},
            )
            tx.count(SENT_COUNTER[channel])
            report.sent[channel.value] = report.sent.get(channel.value, 0) + 1
            return
        row.error_code = outcome.error_code
        if outcome.temporary and row.attempts < RETRY_POLICY.max_attempts:
            retry_at = moment + int(backoff_delay(row.attempts, RETRY_POLICY, rng)) + 1
            if retry_at < row.not_after:
                row.status = OutboxStatus.PENDING.value
                row.next_attempt_at = retry_at
                report.retrying += 1
                return
        row.status = OutboxStatus.FAILED.value
        _failed(tx, row.id, channel, outcome.error_code or "refused", row.attempts)
        report.failed += 1


@dataclass(frozen=True, slots=True)
class Claimed:
    outbox_id: str
    token: str
    message: OutgoingMessage | NotSendable


@dataclass
class Phase:
    """What the database step hands to the network step (no session, no ORM objects)."""

    settings: ReminderSettings
    senders: Senders
    claimed: list[Claimed] = field(default_factory=list)
    status_checks: list[tuple[str, str]] = field(default_factory=list)  # (outbox, provider id)
    report: RunReport = field(default_factory=RunReport)


@dataclass
class Results:
    """What the network step brings back for the database step."""

    outcomes: list[tuple[Claimed, SendOutcome | NotSendable]] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    inbound: list[InboundSms] = field(default_factory=list)


DEFERRED = "deferred"  # not tried this run (its channel was down, or the run was stopped)


def prepare(
    context: ServiceContext,
    *,
    senders: Senders | None = None,
    batch: int = DEFAULT_BATCH,
    poll_replies: bool = True,
) -> Phase | None:
    """Database step: maintenance, then claim up to `batch` due rows and build their
    messages; list the SMS whose delivery status to ask for. None when reminders are off."""
    with context.database.session() as session:
        settings = read_settings(session)
        tz = clinic_zone(session, context)
    if not settings.enabled:
        return None
    phase = Phase(settings, senders if senders is not None else default_senders(context, settings))
    report = phase.report
    try:
        _maintain(context, settings, report)
    except OperationalError:
        # The database was busy with another instance's writes: it does the same work.
        report.busy = True
    if is_quiet(now(context), settings.quiet_hours, tz):
        report.quiet = True
    else:
        channels = [c for c in Channel if phase.senders.for_channel(c) is not None]
        token = str(uuid.uuid4())
        for _ in range(batch if channels else 0):
            try:
                claimed = _claim_next(context, channels, token)
            except OperationalError:
                report.busy = True
                break
            if claimed is None:
                break
            try:
                with context.database.session() as session:
                    message = build_message(session, context, settings, claimed)
            except Exception:
                _release(context, claimed, token)  # never leave a claim behind on a bug
                raise
            phase.claimed.append(Claimed(claimed, token, message))
    if poll_replies and phase.senders.sms is not None:
        phase.status_checks = replies.pending_status_checks(context)
    return phase


def transmit(
    phase: Phase, *, should_stop: Callable[[], bool] = lambda: False, since: date | None = None
) -> Results:
    """Network step (no database): send the claimed messages, ask the SMS provider for
    delivery statuses and new replies. Safe on a thread of its own."""
    results = Results()
    down: set[Channel] = set()
    for claimed in phase.claimed:
        message = claimed.message
        if isinstance(message, NotSendable):
            results.outcomes.append((claimed, message))
            continue
        sender = phase.senders.for_channel(message.channel)
        if sender is None or message.channel in down or should_stop():
            results.outcomes.append((claimed, SendOutcome.retry(DEFERRED)))
            continue
        outcome = sender.send(message)
        results.outcomes.append((claimed, outcome))
        if not outcome.accepted and outcome.temporary and outcome.error_code in CHANNEL_DOWN:
            down.add(message.channel)  # the rest of this channel waits for the next run
    provider = phase.senders.sms
    if provider is not None and not should_stop() and (phase.status_checks or since):
        for outbox_id, provider_id in phase.status_checks:
            status = provider.delivery_status(provider_id)
            if status is not None:
                results.statuses[outbox_id] = status
        if since is not None:
            results.inbound = list(provider.inbound_since(since))
    return results


def conclude(
    context: ServiceContext, phase: Phase, results: Results, rng: random.Random | None = None
) -> RunReport:
    """Database step: record every outcome (audited, counted), delivery statuses, replies."""
    rng = rng or random.Random()
    report = phase.report
    for claimed, outcome in results.outcomes:
        if isinstance(outcome, SendOutcome) and outcome.error_code == DEFERRED:
            _release(context, claimed.outbox_id, claimed.token, count_attempt=False)
            continue
        _finish(context, claimed.outbox_id, claimed.token, outcome, rng, report)
    if results.statuses:
        replies.apply_statuses(context, results.statuses)
    if results.inbound:
        report.replies += replies.handle_inbound(context, phase.settings, results.inbound)
    log.info(
        "reminders run: sent=%s failed=%d retrying=%d planned=%d superseded=%d expired=%d",
        sum(report.sent.values()),
        report.failed,
        report.retrying,
        report.planned,
        report.superseded,
        report.expired,
    )
    return report


def reply_window_start(context: ServiceContext) -> date:
    return (context.clock.now() - timedelta(days=replies.REPLY_WINDOW_DAYS)).date()


def run_due_reminders(
    context: ServiceContext,
    *,
    senders: Senders | None = None,
    batch: int = DEFAULT_BATCH,
    rng: random.Random | None = None,
    poll_replies: bool = True,
    should_stop: Callable[[], bool] = lambda: False,
) -> RunReport:
    """One whole pass on the calling thread (the CLI, tests): prepare, transmit, conclude."""
    phase = prepare(context, senders=senders, batch=batch, poll_replies=poll_replies)
    if phase is None:
        return RunReport(enabled=False)
    since = reply_window_start(context) if poll_replies else None
    results = transmit(phase, should_stop=should_stop, since=since)
    return conclude(context, phase, results, rng)


def _release(
    context: ServiceContext, outbox_id: str, token: str, *, count_attempt: bool = True
) -> None:
    """Back to pending (a bug stopped the send, or it was deferred): tried again soon."""
    moment = now(context)
    with context.database.session_factory.begin() as session:
        session.execute(
            update(ReminderOutbox)
            .where(ReminderOutbox.id == outbox_id, ReminderOutbox.claim_token == token)
            .values(
                status=OutboxStatus.PENDING.value,
                claim_token=None,
                attempts=ReminderOutbox.attempts + (1 if count_attempt else 0),
                next_attempt_at=moment + 60 if count_attempt else moment,
                updated_at=moment,
            )
        )
