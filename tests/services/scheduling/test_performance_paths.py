"""The faster paths keep the rules: bulk booking, batched arrival times, bounded availability,
the cached clinic zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import AppointmentStatus as S
from cicini_desktop.services.scheduling import appointments, availability, bulk, views
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.services.scheduling.common import clinic_zone, load_availability
from cicini_desktop.store.models import Appointment, AppointmentHistory, UsageCounter

BERLIN = ZoneInfo("Europe/Berlin")


def _at(hour: int, minute: int = 0, day: int = 17) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


def _request(clinic, patient: str, start: datetime, provider: int = 0) -> BookingRequest:
    return BookingRequest(patient, clinic.providers[provider], clinic.consult, start)


def test_book_many_applies_the_conflict_rules_within_the_batch(clinic):
    items = [
        bulk.BulkBooking(_request(clinic, clinic.patient, _at(9)), (S.CONFIRMED, S.ARRIVED)),
        # the same patient again at the same time, with another provider: refused
        bulk.BulkBooking(_request(clinic, clinic.patient, _at(9, 10), provider=1)),
        # outside the rota (lunch break): refused
        bulk.BulkBooking(_request(clinic, clinic.other_patient, _at(12, 15))),
        # an invalid workflow step stops that appointment's walk, not the batch
        bulk.BulkBooking(_request(clinic, clinic.other_patient, _at(10)), (S.COMPLETED,)),
    ]
    outcomes = bulk.book_many(clinic.context, clinic.manager, items)
    assert outcomes[1] is None
    assert outcomes[2] is None
    assert outcomes[0] is not None
    assert outcomes[3] is not None
    first = appointments.get_appointment(clinic.context, clinic.manager, outcomes[0])
    assert first.status is S.ARRIVED
    assert appointments.get_appointment(clinic.context, clinic.manager, outcomes[3]).status is (
        S.BOOKED
    )
    history = appointments.appointment_history(clinic.context, clinic.manager, outcomes[0])
    assert [h.to_status for h in history] == [S.BOOKED, S.CONFIRMED, S.ARRIVED]
    with clinic.context.database.session() as session:
        booked = session.scalar(
            select(func.sum(UsageCounter.count)).where(
                UsageCounter.counter == Counter.APPOINTMENT_BOOKED.value
            )
        )
    assert booked == 2


def test_book_many_checks_permissions_before_writing(clinic):
    actor = clinic.actor(Permission.APPOINTMENT_BOOK, Permission.SCHEDULE_VIEW)
    items = [bulk.BulkBooking(_request(clinic, clinic.patient, _at(9)), (S.ARRIVED,))]
    with pytest.raises(PermissionDeniedError):
        bulk.book_many(clinic.context, actor, items)
    with clinic.context.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 0


def test_arrival_times_returns_the_latest_check_in_in_one_call(clinic):
    outcomes = bulk.book_many(
        clinic.context,
        clinic.manager,
        [
            bulk.BulkBooking(
                _request(clinic, clinic.patient, _at(13, day=16)), (S.CONFIRMED, S.ARRIVED)
            ),
            bulk.BulkBooking(_request(clinic, clinic.other_patient, _at(11, day=16))),
        ],
    )
    arrived, waiting = outcomes
    assert arrived is not None
    assert waiting is not None
    times = views.arrival_times(clinic.context, clinic.manager, [arrived, waiting])
    assert set(times) == {arrived}
    with clinic.context.database.session() as session:
        at = session.scalar(
            select(AppointmentHistory.at).where(
                AppointmentHistory.appointment_id == arrived,
                AppointmentHistory.to_status == S.ARRIVED.value,
            )
        )
    assert int(times[arrived].timestamp()) == at
    scoped = clinic.actor(Permission.SCHEDULE_VIEW, scope=frozenset({clinic.providers[2]}))
    assert views.arrival_times(clinic.context, scoped, [arrived]) == {}


def test_availability_is_read_only_around_the_asked_dates(clinic):
    provider = clinic.providers[0]
    availability.add_time_off(clinic.context, clinic.manager, provider, date(2025, 6, 2))
    availability.add_time_off(clinic.context, clinic.manager, provider, date(2026, 3, 17))
    availability.add_closure(clinic.context, clinic.manager, date(2025, 12, 24))
    availability.set_rota(
        clinic.context, clinic.manager, provider, [(1, 600, 660)], effective_from=date(2026, 4, 1)
    )
    with clinic.context.database.session() as session:
        loaded = load_availability(
            session, BERLIN, [provider], date(2026, 3, 17), date(2026, 3, 17)
        )
    assert [t.start_date for t in loaded.time_off] == [date(2026, 3, 17)]
    assert loaded.closures == ()
    assert {r.effective_from for r in loaded.rota} == {date(2026, 1, 1)}
    # the answers are those of the whole history
    hours = views.working_hours(clinic.context, clinic.manager, date(2026, 3, 17), [provider])
    assert hours[provider] == []
    april = views.working_hours(clinic.context, clinic.manager, date(2026, 4, 7), [provider])
    assert [(s.hour, e.hour) for s, e in april[provider]] == [(10, 11)]


def test_clinic_zone_is_read_once_per_context(clinic):
    with clinic.context.database.session() as session:
        assert clinic_zone(session, clinic.context) == BERLIN
    assert clinic.context.zone_cache == {clinic.context.organization_id: "Europe/Berlin"}
