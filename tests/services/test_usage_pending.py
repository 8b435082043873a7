"""Which days are pending, retention of sent days, and the plan heartbeat."""

from __future__ import annotations

from datetime import timedelta

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.plan import Plan
from cicini_desktop.core.sync_protocol import UsageAnswer
from cicini_desktop.services import usage
from tests.sync.conftest import count, local_totals


def accept_all(context) -> None:
    days = usage.pending_days(context)
    plan = Plan("Practice", 5, 5, context.clock.now() + timedelta(days=30))
    usage.record_accepted(context, days, UsageAnswer(frozenset(d.day for d in days), plan))


def test_pending_rules(context, clock) -> None:
    assert usage.pending_days(context) == []
    count(context, Counter.APPOINTMENT_MOVED)
    accept_all(context)
    assert [d.day for d in usage.pending_days(context)] == [clock.now().date()]  # today
    clock.advance(days=1)
    assert len(usage.pending_days(context)) == 1  # once more after midnight
    accept_all(context)
    assert usage.pending_days(context) == []  # final
    count(context, Counter.APPOINTMENT_MOVED)  # today (the next day) changes
    assert [d.day for d in usage.pending_days(context)] == [clock.now().date()]


def test_changed_totals_make_a_day_pending_again(context, clock) -> None:
    count(context, Counter.APPOINTMENT_MOVED)
    sent = usage.pending_days(context)
    count(context, Counter.APPOINTMENT_MOVED)  # counted while the document was in flight
    plan = Plan("Practice", 5, 5, clock.now() + timedelta(days=30))
    clock.advance(days=1)
    usage.record_accepted(context, sent, UsageAnswer(frozenset(d.day for d in sent), plan))
    pending = usage.pending_days(context)
    assert len(pending) == 1
    assert pending[0].counters == {"appointment.moved": 2}


def test_retention_forgets_only_final_old_days(context, clock) -> None:
    count(context, Counter.BACKUP_MADE)
    clock.advance(days=1)
    accept_all(context)  # the first day is final now
    count(context, Counter.BACKUP_MADE)  # a second day, never sent
    clock.advance(days=95)
    usage.purge_sent(context)
    assert list(local_totals(context)) == [(clock.now() - timedelta(days=95)).date().isoformat()]


def test_no_unknown_rows_reach_a_document(context) -> None:
    from sqlalchemy import text

    with context.database.session() as session, session.begin():
        session.execute(
            text("INSERT INTO usage_counter VALUES ('2026-03-16', 'patient.name', 5)")
        )  # fmt: skip
    assert usage.next_document(context) is None
