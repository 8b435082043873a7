"""Fault injection over real loopback HTTP: the collector's fault mode and a closed port.

Each failure leaves every day pending; the next healthy run makes the server's totals
equal the local totals exactly (each day carries totals, so a resend never adds twice).
"""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from cicini_desktop.core.backoff import BackoffPolicy
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.services import usage
from cicini_desktop.sync.client import enroll, sync_now
from cicini_desktop.sync.transport import Timeouts
from tests.sync.conftest import (
    CODE,
    FAST,
    SHORT,
    count,
    local_totals,
    no_sleep,
    point_at,
    seeded,
    server_totals,
)


@pytest.fixture
def enrolled(context, collector):
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.APPOINTMENT_BOOKED, 2)
    count(context, Counter.SIGN_IN_SUCCEEDED)
    return context


def run(context, **kwargs):
    kwargs.setdefault("policy", FAST)
    kwargs.setdefault("timeouts", SHORT)
    return sync_now(context, sleep=no_sleep, rng=seeded(), **kwargs)


def healthy_and_equal(context, collector) -> None:
    report = run(context, manual=True)
    assert report.succeeded, report
    assert server_totals(collector, context.installation_id) == local_totals(context)


def test_server_down_backs_off_then_recovers(context, collector, tmp_path) -> None:
    enroll_url = collector.url
    point_at(context, enroll_url)
    enroll(context, enroll_url, CODE, SHORT)
    count(context, Counter.PATIENT_CREATED)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    point_at(context, closed)
    report = run(context)
    assert report.outcome is SyncOutcome.RETRY_LATER
    assert report.reason == "connection"
    assert report.attempts == FAST.max_attempts
    assert len(report.waits) == FAST.max_attempts - 1
    assert all(0 <= w <= FAST.cap_seconds for w in report.waits)
    assert len(usage.pending_days(context)) == 1  # nothing lost
    point_at(context, enroll_url)
    healthy_and_equal(context, collector)


@pytest.mark.parametrize(
    "fault", ["500", "502", "malformed", "bad_answer", "drop", "reset", "slow:1.0"]
)
def test_transient_fault_is_retried_without_double_counting(enrolled, collector, fault) -> None:
    collector.collector.faults.push(fault)
    report = run(enrolled)
    assert report.outcome is SyncOutcome.SENT
    assert report.attempts == 2
    assert server_totals(collector, enrolled.installation_id) == local_totals(enrolled)


def test_slow_server_hits_the_read_timeout(enrolled, collector) -> None:
    collector.collector.faults.push("slow:1.0", "slow:1.0")
    report = run(enrolled, policy=BackoffPolicy(0.01, 0.01, 2, 1.0))
    assert report.outcome is SyncOutcome.RETRY_LATER
    assert report.reason == "timeout"
    # The server stored the document before answering too late: a resend must not add.
    healthy_and_equal(enrolled, collector)


@pytest.mark.parametrize("code", ["503", "429"])
def test_retry_after_is_honoured(enrolled, collector, code) -> None:
    collector.collector.faults.push(f"{code}:3")
    report = run(enrolled, policy=BackoffPolicy(0.01, 0.05, 4, 10.0))
    assert report.outcome is SyncOutcome.SENT
    assert report.waits == (3.0,)  # exactly what the server asked, not the backoff


def test_retry_after_beyond_the_run_budget_defers_the_next_run(enrolled, collector, clock) -> None:
    collector.collector.faults.push("503:120")
    report = run(enrolled)
    assert report.outcome is SyncOutcome.WAITING
    status = usage.sync_status(enrolled)
    assert status.retry_not_before == clock.now() + timedelta(seconds=120)
    # A background run before that time does not touch the network.
    assert run(enrolled).outcome is SyncOutcome.WAITING
    clock.advance(seconds=121)
    assert run(enrolled).outcome is SyncOutcome.SENT


def test_413_splits_the_batch(enrolled, collector, clock) -> None:
    for _ in range(3):
        clock.advance(days=1)
        count(enrolled, Counter.CALENDAR_DAY_VIEW_OPENED)
    collector.collector.faults.push("413")
    report = run(enrolled)
    assert report.outcome is SyncOutcome.SENT
    sizes = [len(doc["days"]) for doc in collector.collector.requests]
    assert sizes == [2, 2]  # 4 days refused as one, accepted as two halves
    assert server_totals(collector, enrolled.installation_id) == local_totals(enrolled)


def test_413_for_a_single_day_stops(enrolled, collector) -> None:
    collector.collector.faults.push("413")
    report = run(enrolled)
    assert report.outcome is SyncOutcome.REJECTED
    assert report.reason == "too_large"


def test_401_stops_and_asks_for_re_enrolment(enrolled, collector) -> None:
    collector.collector.faults.push("401")
    report = run(enrolled)
    assert report.outcome is SyncOutcome.NEEDS_ENROLMENT
    assert report.attempts == 1
    assert usage.sync_status(enrolled).halted == "needs_enrolment"
    assert run(enrolled).outcome is SyncOutcome.NEEDS_ENROLMENT  # no network until re-enrolled
    assert list(collector.collector.requests) == []
    enroll(enrolled, collector.url, CODE, SHORT)
    healthy_and_equal(enrolled, collector)


def test_400_stops_until_a_manager_retries(enrolled, collector) -> None:
    collector.collector.faults.push("400")
    report = run(enrolled)
    assert report.outcome is SyncOutcome.REJECTED
    assert report.reason == "fault_400"
    assert run(enrolled).outcome is SyncOutcome.REJECTED  # background runs stay stopped
    healthy_and_equal(enrolled, collector)  # manual run


def test_revoked_token_is_a_real_401(enrolled, collector) -> None:
    # Re-enrolling elsewhere (another machine with the same installation id) revokes it.
    from cicini_desktop.store.vault import Secret

    enrolled.vault.set_secret(enrolled.database.database_id, Secret.SYNC_TOKEN, "x" * 43)
    assert run(enrolled).outcome is SyncOutcome.NEEDS_ENROLMENT


def test_short_timeouts_are_always_set(enrolled, collector) -> None:
    collector.collector.faults.push("slow:2")
    report = run(enrolled, timeouts=Timeouts(connect=0.5, read=0.2))
    assert report.outcome is SyncOutcome.SENT


def test_heartbeat_refreshes_the_plan_when_nothing_was_counted(context, collector, clock) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    report = run(context)
    assert report.outcome is SyncOutcome.NOTHING_TO_SEND
    assert collector.collector.requests[-1]["days"] == []  # a plan refresh, no counts
    assert usage.sync_status(context).last_success_at == clock.now()
    assert run(context).outcome is SyncOutcome.NOTHING_TO_SEND
    assert len(collector.collector.requests) == 1  # not again within 12 hours
