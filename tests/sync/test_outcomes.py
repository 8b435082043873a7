"""No false "up to date": a 200 that stores nothing is not a success, and a refused
heartbeat stops nothing. The CLI, `sync status` and the Settings page say the same."""

from __future__ import annotations

from cicini_desktop.cli import main
from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.services import usage
from cicini_desktop.sync.client import enroll
from tests.sync.conftest import CODE, SHORT, count, local_totals, point_at, server_totals
from tests.sync.test_audit_and_headers import audit_rows
from tests.sync.test_faults import run


def enrolled_with_two_days(context, collector, clock):
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.APPOINTMENT_BOOKED, 2)
    clock.advance(days=1)
    count(context, Counter.PATIENT_CREATED)
    return context


def test_a_200_that_stores_nothing_is_not_a_success(context, collector, clock) -> None:
    enrolled_with_two_days(context, collector, clock)
    collector.collector.faults.push("accept_none")
    report = run(context, manual=True)

    assert report.outcome is SyncOutcome.NOT_ACCEPTED
    assert not report.succeeded
    assert report.sent_days == ()
    assert report.sentence().startswith("Cicini answered but stored none of the 2 days sent")
    status = usage.sync_status(context)
    assert status.pending_days == 2
    assert status.last_success_at is None  # never set by an answer that stored nothing
    assert status.halted is None  # nothing stops: the next run sends them again
    assert status.last_run == report.sentence()
    page = usage.shared_data(context)
    assert page.last_run == report.sentence()
    assert page.pending_days == 2
    assert page.next_document is not None

    report = run(context)  # a background run, the server healthy again
    assert report.outcome is SyncOutcome.SENT
    assert server_totals(collector, context.installation_id) == local_totals(context)
    assert usage.sync_status(context).last_success_at == clock.now()
    assert usage.shared_data(context).last_run is None


def test_an_answer_that_stores_nothing_is_audited_as_a_failure(context, collector, clock) -> None:
    enrolled_with_two_days(context, collector, clock)
    collector.collector.faults.push("accept_none")
    first = run(context, manual=True)
    assert first.outcome is SyncOutcome.NOT_ACCEPTED
    assert first.reason == "accepted_0_of_2"
    actions = [action for action, _, _ in audit_rows(context)]
    assert AuditAction.SYNC_SENT.value not in actions  # nothing was stored: not "sent"
    assert AuditAction.SYNC_FAILED.value in actions


def test_the_cli_says_what_happened_and_status_agrees(context, collector, capsys) -> None:
    data = ["--data-dir", str(context.config.data_dir)]
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.SLOT_FINDER_USED, 3)
    collector.collector.faults.push("accept_none")
    assert main([*data, "sync", "now"]) == 20
    out = capsys.readouterr()
    assert "up to date" not in out.out + out.err
    assert "Cicini answered but stored none of the 1 day sent" in out.err
    assert "Traceback" not in out.err

    assert main([*data, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "Last success:    never" in status
    assert "Last run:        not_accepted (accepted_0_of_1)" in status
    assert "stored none of the 1 day sent" in status
    assert "Pending days:    1" in status

    assert main([*data, "sync", "now"]) == 0
    assert "sent" in capsys.readouterr().out


def test_a_refused_heartbeat_stops_nothing(context, collector, clock) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    collector.collector.faults.push("400")  # a collector that refuses empty documents
    report = run(context)  # background; nothing pending, no success yet: a heartbeat
    assert report.outcome is SyncOutcome.HEARTBEAT_REFUSED
    assert report.reason == "fault_400"
    status = usage.sync_status(context)
    assert status.halted is None
    assert status.last_success_at is None
    exchanged = status.last_sent_at

    # Not again at every interval: the next heartbeat waits 12 hours (and meanwhile no
    # run claims "up to date")...
    clock.advance(minutes=15)
    quiet = run(context)
    assert quiet.outcome is SyncOutcome.HEARTBEAT_REFUSED
    assert not quiet.succeeded
    assert usage.sync_status(context).last_sent_at == exchanged  # no request went out
    # ...but real days go out at once, in a background run, no manager needed.
    count(context, Counter.WAITLIST_ADDED)
    assert run(context).outcome is SyncOutcome.SENT
    assert server_totals(collector, context.installation_id) == local_totals(context)


def test_a_heartbeat_is_tried_again_after_twelve_hours(context, collector, clock) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    collector.collector.faults.push("400")
    assert run(context).outcome is SyncOutcome.HEARTBEAT_REFUSED
    clock.advance(hours=13)
    report = run(context)
    assert report.outcome is SyncOutcome.NOTHING_TO_SEND  # answered: the plan is fresh
    assert collector.collector.requests[-1]["days"] == []
    assert usage.sync_status(context).last_success_at == clock.now()
