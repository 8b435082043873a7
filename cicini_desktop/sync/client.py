"""The sync client: enrol once, then send pending usage days until the server holds them.

Behaviour by answer (the protocol is in openapi.yaml beside this file):

- 2xx with a valid body: the accepted days are marked sent with the totals that were sent.
  Days sent but not listed in `accepted_days` stay pending, and the run ends NOT_ACCEPTED
  (never "sent" or "up to date": the server did not store them). A 2xx whose body does not
  follow the protocol counts as a failure (retried).
- 400 (and other unexpected 4xx): stop; the run ends REJECTED, audited with the server's
  reason code; background runs stay stopped until a manager runs `cicini sync now`.
  Except for a heartbeat (a document with no days, sent after 12 hours without success to
  refresh the plan): its refusal ends the run HEARTBEAT_REFUSED, which stops nothing; the
  next heartbeat waits another 12 hours, and real days are sent as usual.
- 401/403: stop; the installation must be enrolled again.
- 413: the batch is halved and both halves are sent; a single day too large is REJECTED.
- 429/503: wait `Retry-After` (or back off if absent); if that is longer than the run's
  waiting budget, the run ends and the next one starts no earlier than the server asked.
- other 5xx, timeouts, dropped connections, malformed 2xx: exponential backoff with full
  jitter, capped, a bounded number of attempts per document and run.

Because each day carries its totals so far, resending is always safe: whatever failed
half-way, the server ends with exactly the local totals.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from cicini_desktop._version import __version__
from cicini_desktop.core.backoff import BackoffPolicy, parse_retry_after, retry_wait
from cicini_desktop.core.errors import SyncError
from cicini_desktop.core.sync_protocol import (
    MalformedAnswer,
    SyncMode,
    SyncOutcome,
    SyncReport,
    not_accepted_reason,
    parse_enroll_answer,
    parse_usage_answer,
    reason_code,
)
from cicini_desktop.core.usage_document import DayTotals, split_batch
from cicini_desktop.services import usage
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.sync.transport import Answer, HttpTransport, Timeouts, TransportFailure

log = logging.getLogger(__name__)

HEARTBEAT_AFTER = timedelta(hours=12)  # refresh the plan even when nothing was counted


def make_transport(context: ServiceContext, timeouts: Timeouts | None = None) -> HttpTransport:
    endpoint = usage.effective_endpoint(context)
    if not endpoint:
        raise SyncError("No sync endpoint is configured; ask IT to set sync.endpoint or enrol.")
    return HttpTransport(endpoint, context.config["sync.ca_bundle"] or None, timeouts)


# --- enrolment ------------------------------------------------------------------------


def enroll(
    context: ServiceContext, endpoint: str, code: str, timeouts: Timeouts | None = None
) -> None:
    """Exchange the enrolment code for a token kept in the keystore (never shown)."""
    transport = HttpTransport(
        endpoint, context.config["sync.ca_bundle"] or None, timeouts or Timeouts()
    )
    body = {
        "enrollment_code": code,
        "installation_id": context.installation_id,
        "app_version": __version__,
    }
    try:
        answer = transport.post("/v1/enroll", json.dumps(body).encode("utf-8"), {})
    except TransportFailure as failure:
        usage.record_enrolment_failure(context, failure.reason)
        raise SyncError(
            f"The enrolment endpoint could not be reached ({failure.reason}); check the address "
            "and the network, then try again."
        ) from None
    finally:
        transport.close()
    if answer.status in (401, 403):
        usage.record_enrolment_failure(context, f"http_{answer.status}")
        raise SyncError("The enrolment code was refused; check the code with Cicini and retry.")
    if not 200 <= answer.status < 300:
        usage.record_enrolment_failure(context, f"http_{answer.status}")
        raise SyncError(
            f"The enrolment endpoint answered with an error (HTTP {answer.status}); "
            "try again later or contact Cicini support."
        )
    try:
        token = parse_enroll_answer(answer.json())
    except MalformedAnswer:
        usage.record_enrolment_failure(context, "malformed_answer")
        raise SyncError(
            "The enrolment endpoint gave an answer this version does not understand; "
            "check the address points to a Cicini usage endpoint."
        ) from None
    usage.record_enrolment(context, transport.endpoint, token)


# --- one sync run ---------------------------------------------------------------------


@dataclass
class _Run:
    context: ServiceContext
    transport: HttpTransport
    token: str
    policy: BackoffPolicy
    sleep: Callable[[float], None]
    rng: random.Random
    attempts: int = 0
    waited: float = 0.0
    waits: list[float] = field(default_factory=list)
    sent: list[date] = field(default_factory=list)  # days the server stored
    offered: set[date] = field(default_factory=set)  # days in documents it answered 2xx to
    retry_not_before: datetime | None = None

    def report(self, outcome: SyncOutcome, reason: str | None = None) -> SyncReport:
        return SyncReport(
            outcome,
            self.context.clock.now(),
            tuple(sorted(set(self.sent))),
            reason,
            self.attempts,
            tuple(self.waits),
        )


def sync_now(
    context: ServiceContext,
    *,
    manual: bool = False,
    policy: BackoffPolicy | None = None,
    timeouts: Timeouts | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> SyncReport:
    """Send every pending day. Never raises for network trouble: the report says it.

    `manual` is a person asking (`cicini sync now`, the Settings page): it lifts a stop
    after a rejection and ignores a pending Retry-After; background runs respect both.
    """
    now = context.clock.now()
    if not context.config["sync.enabled"] or not usage.effective_endpoint(context):
        return SyncReport(SyncOutcome.DISABLED, now)
    status = usage.sync_status(context)
    if status.halted == "needs_enrolment":  # only `cicini enroll` lifts this one
        return SyncReport(SyncOutcome.NEEDS_ENROLMENT, now, reason=status.last_reason)
    if manual:
        usage.clear_halt(context)
    elif status.halted == "rejected":
        return SyncReport(SyncOutcome.REJECTED, now, reason=status.last_reason)
    elif status.retry_not_before is not None and now < status.retry_not_before:
        return SyncReport(SyncOutcome.WAITING, now, reason=status.last_reason)
    token = usage.sync_token(context)
    if token is None:
        report = SyncReport(SyncOutcome.NOT_ENROLLED, now, reason="no_token")
        usage.record_run(context, report, None)
        return report
    pending = usage.pending_days(context)
    if not pending:
        if not _heartbeat_due(status, now):
            return SyncReport(SyncOutcome.NOTHING_TO_SEND, now)
        if not manual and _heartbeat_refused_recently(status, now):
            # Still no success to report, and no new request either (see the module doc).
            return SyncReport(SyncOutcome.HEARTBEAT_REFUSED, now, reason=status.last_reason)
    transport = make_transport(context, timeouts)
    run = _Run(context, transport, token, policy or BackoffPolicy(), sleep, rng or random.Random())
    try:
        report = _send_all(run, usage.batches(pending) or [[]])
    finally:
        transport.close()
    usage.record_run(context, report, run.retry_not_before)
    if report.succeeded:
        usage.purge_sent(context)
    log.info("sync run: %s (%s), %d attempts", report.outcome, report.reason, report.attempts)
    return report


def _heartbeat_due(status: usage.SyncStatus, now: datetime) -> bool:
    """A heartbeat (no days) refreshes the plan after 12 hours without success."""
    return status.last_success_at is None or now - status.last_success_at > HEARTBEAT_AFTER


def _heartbeat_refused_recently(status: usage.SyncStatus, now: datetime) -> bool:
    """One the server refused is tried again 12 hours later (or when a person asks), not
    at every background run."""
    return (
        status.last_outcome == SyncOutcome.HEARTBEAT_REFUSED.value
        and status.last_sent_at is not None
        and now - status.last_sent_at <= HEARTBEAT_AFTER
    )


def _send_all(run: _Run, batches: list[list[DayTotals]]) -> SyncReport:
    queue: deque[list[DayTotals]] = deque(batches)
    while queue:
        batch = queue.popleft()
        stop = _send_batch(run, batch, queue)
        if stop is not None:
            return stop
    if not run.offered:
        return run.report(SyncOutcome.NOTHING_TO_SEND)  # a heartbeat, answered
    stored = set(run.sent)
    if stored != run.offered:
        return run.report(
            SyncOutcome.NOT_ACCEPTED, not_accepted_reason(len(stored), len(run.offered))
        )
    return run.report(SyncOutcome.SENT)


def _send_batch(
    run: _Run, batch: list[DayTotals], queue: deque[list[DayTotals]]
) -> SyncReport | None:
    """Send one document until accepted; None to go on, or the report that ends the run."""
    context = run.context
    body = usage.document_bytes(context, batch)
    headers = {"Authorization": f"Bearer {run.token}", "Idempotency-Key": str(uuid.uuid4())}
    sent_days = frozenset(d.day for d in batch)
    for attempt in range(1, run.policy.max_attempts + 1):
        run.attempts += 1
        retry_after: float | None = None
        try:
            answer: Answer | None = run.transport.post("/v1/usage", body, headers)
        except TransportFailure as failure:
            answer, reason = None, failure.reason
        usage.record_exchange(
            context, body, answer.status if answer else None, answer.body if answer else None
        )
        # Counts and codes only: never the token, the endpoint's answer or the payload.
        log.debug(
            "sync: sent %d day(s), %d bytes, attempt %d: %s",
            len(batch),
            len(body),
            attempt,
            answer.status if answer else "no answer",
        )
        if answer is not None:
            status = answer.status
            if 200 <= status < 300:
                try:
                    parsed = parse_usage_answer(answer.json(), sent_days)
                except MalformedAnswer:
                    reason = "malformed_answer"
                else:
                    run.sent.extend(usage.record_accepted(context, batch, parsed))
                    run.offered.update(sent_days)
                    return None
            elif status in (401, 403):
                return run.report(SyncOutcome.NEEDS_ENROLMENT, f"http_{status}")
            elif not batch and 400 <= status < 500 and status not in (408, 429):
                # A refused heartbeat says nothing about real days: nothing stops.
                return run.report(
                    SyncOutcome.HEARTBEAT_REFUSED, reason_code(answer.json(), f"http_{status}")
                )
            elif status == 413:
                if len(batch) > 1:
                    first, second = split_batch(batch)
                    queue.extendleft([second, first])
                    return None
                return run.report(SyncOutcome.REJECTED, "too_large")
            elif status in (429, 503):
                reason = f"http_{status}"
                retry_after = parse_retry_after(
                    answer.headers.get("Retry-After"), context.clock.now()
                )
            elif 400 <= status < 500 and status != 408:
                return run.report(
                    SyncOutcome.REJECTED, reason_code(answer.json(), f"http_{status}")
                )
            else:
                reason = f"http_{status}"
        if attempt == run.policy.max_attempts:
            break
        wait = retry_wait(attempt, retry_after, run.policy, run.rng)
        if run.waited + wait > run.policy.max_wait_seconds:
            if retry_after is not None:
                run.retry_not_before = context.clock.now() + timedelta(seconds=retry_after)
                return run.report(SyncOutcome.WAITING, reason)
            break
        run.waited += wait
        run.waits.append(wait)
        run.sleep(wait)
    if retry_after is not None:
        run.retry_not_before = context.clock.now() + timedelta(seconds=retry_after)
    return run.report(SyncOutcome.RETRY_LATER, reason)


MODE_POLICIES: dict[SyncMode, tuple[BackoffPolicy, Timeouts]] = {
    # A background run may wait a while, but never holds its thread for long.
    SyncMode.BACKGROUND: (BackoffPolicy(max_wait_seconds=120.0), Timeouts()),
    SyncMode.MANUAL: (BackoffPolicy(max_attempts=3, max_wait_seconds=30.0), Timeouts()),
    # Closing the window: one attempt with short timeouts, no waiting.
    SyncMode.EXIT: (BackoffPolicy(max_attempts=1, max_wait_seconds=0.0), Timeouts(2.0, 3.0)),
}


def run_mode(
    context: ServiceContext, mode: SyncMode, sleep: Callable[[float], None] = time.sleep
) -> SyncReport:
    """The GUI's entry point (wired by the composition root): `sleep` may raise
    `SyncCancelled` to end a wait when the application closes."""
    policy, timeouts = MODE_POLICIES[mode]
    return sync_now(
        context, manual=mode is SyncMode.MANUAL, policy=policy, timeouts=timeouts, sleep=sleep
    )
