"""A usage counter that cannot be recorded never breaks the operation it counts, on either
store (SQLite: a savepoint; the server: one PL/pgSQL block whose exception handler is a
subtransaction, one round trip instead of three)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select, text

from cicini_desktop.core.counters import Counter
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store.models import Setting, UsageCounter


def _counted(context: ServiceContext, counter: Counter) -> int:
    with context.database.session() as session:
        rows = session.scalars(
            select(UsageCounter.count).where(UsageCounter.counter == counter.value)
        ).all()
    return sum(rows)


def _system(context: ServiceContext) -> Actor:
    return Actor.system(context.organization_id or "")


def test_counts_are_recorded_with_the_change(context: ServiceContext) -> None:
    booked, created = Counter.APPOINTMENT_BOOKED, Counter.STAFF_CREATED
    before = _counted(context, booked), _counted(context, created)
    with unit_of_work(context, _system(context)) as tx:
        tx.count(booked)
        tx.count(booked, 2)
        tx.count(created)
    assert (_counted(context, booked), _counted(context, created)) == (before[0] + 3, before[1] + 1)


def _refuse_counting(context: ServiceContext, request: pytest.FixtureRequest, on: bool) -> None:
    """A trigger that refuses every counter row (a stand-in for any failure there)."""
    if context.database.is_server:
        cluster = request.getfixturevalue("pg_cluster")
        statements = (
            [
                "CREATE FUNCTION refuse_count() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused'; END $$",
                "CREATE TRIGGER refuse_count BEFORE INSERT ON usage_counter "
                "FOR EACH ROW EXECUTE FUNCTION refuse_count()",
            ]
            if on
            else ["DROP TRIGGER refuse_count ON usage_counter", "DROP FUNCTION refuse_count()"]
        )
        with cluster.connect(context.config["server.database"]) as connection:
            for statement in statements:
                connection.execute(statement)
        return
    with context.database.session_factory.begin() as session:
        session.execute(
            text(
                "CREATE TRIGGER refuse_count BEFORE INSERT ON usage_counter "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
            if on
            else text("DROP TRIGGER refuse_count")
        )


def test_a_failing_counter_leaves_the_change_committed(
    context: ServiceContext, request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> None:
    before = _counted(context, Counter.APPOINTMENT_BOOKED)
    _refuse_counting(context, request, True)
    try:
        with caplog.at_level(logging.WARNING), unit_of_work(context, _system(context)) as tx:
            tx.session.add(Setting(key="test.counted_change", value='"kept"', version=1))
            tx.count(Counter.APPOINTMENT_BOOKED)
    finally:
        _refuse_counting(context, request, False)
    assert "usage counter not recorded" in caplog.text
    with context.database.session() as session:
        kept = session.scalar(select(Setting.value).where(Setting.key == "test.counted_change"))
    assert kept == '"kept"'
    assert _counted(context, Counter.APPOINTMENT_BOOKED) == before
