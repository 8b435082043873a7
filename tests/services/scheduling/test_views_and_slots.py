from datetime import date, datetime

import pytest

from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.slots import DayPart, Preferences
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.services.scheduling import appointments, availability, slots, views
from cicini_desktop.services.scheduling.appointments import BookingRequest

S = AppointmentStatus


def _book(clinic, when, provider=0, patient=None, type_id=None):
    return appointments.book_appointment(
        clinic.context,
        clinic.manager,
        BookingRequest(
            patient or clinic.patient, clinic.providers[provider], type_id or clinic.consult, when
        ),
    ).appointment_id


def test_day_week_month_and_arrivals(clinic):
    ctx, actor = clinic.context, clinic.manager
    today_a = _book(clinic, datetime(2026, 3, 16, 11, 0))
    today_b = _book(clinic, datetime(2026, 3, 16, 11, 0), provider=1, patient=clinic.other_patient)
    tomorrow = _book(clinic, datetime(2026, 3, 17, 9, 0), type_id=clinic.scan)
    cancelled = _book(clinic, datetime(2026, 3, 18, 9, 0))
    appointments.cancel_appointment(
        ctx, actor, cancelled, CancelReason.OTHER, expected_version=None
    )
    day = views.day_view(ctx, actor, date(2026, 3, 16), clinic.providers)
    assert {r.appointment_id for r in day} == {today_a, today_b}
    row = day[0]
    assert (row.start.hour, row.type_name, row.type_colour, row.status) == (
        11,
        "Consultation",
        "#3A7BD5",
        S.BOOKED,
    )
    week = views.week_view(ctx, actor, date(2026, 3, 16), clinic.providers)
    assert {r.appointment_id for r in week} == {today_a, today_b, tomorrow}
    assert [r.room_name for r in week if r.appointment_id == tomorrow] == ["Ultrasound 1"]
    with_cancelled = views.week_view(
        ctx, actor, date(2026, 3, 16), clinic.providers, include_cancelled=True
    )
    assert cancelled in {r.appointment_id for r in with_cancelled}
    counts = views.month_counts(ctx, actor, date(2026, 3, 1), date(2026, 3, 31), clinic.providers)
    assert (counts[date(2026, 3, 16)], counts[date(2026, 3, 17)], counts[date(2026, 3, 18)]) == (
        2,
        1,
        0,
    )
    assert len(counts) == 31
    appointments.change_status(ctx, actor, today_a, S.CONFIRMED, expected_version=None)
    appointments.check_in(ctx, actor, today_a, expected_version=None)
    arrivals = views.todays_arrivals(ctx, actor)
    assert {(r.appointment_id, r.status) for r in arrivals} == {
        (today_a, S.ARRIVED),
        (today_b, S.BOOKED),
    }
    hours = views.working_hours(ctx, actor, date(2026, 3, 16), clinic.providers[:1])
    assert [(s.hour, e.hour) for s, e in hours[clinic.providers[0]]] == [(9, 12), (13, 17)]
    views.note_view_opened(ctx, actor, "day")


def test_views_refuse_outside_scope(clinic):
    scoped = clinic.actor(Permission.SCHEDULE_VIEW, scope=frozenset({clinic.providers[1]}))
    assert views.day_view(clinic.context, scoped, date(2026, 3, 16), clinic.providers[1:2]) == []
    with pytest.raises(PermissionDeniedError):
        views.day_view(clinic.context, scoped, date(2026, 3, 16), clinic.providers)
    with pytest.raises(PermissionDeniedError):
        views.week_view(clinic.context, clinic.actor(), date(2026, 3, 16), clinic.providers[1:2])
    assert [p.id for p in availability.providers(clinic.context, scoped)] == [clinic.providers[1]]


def test_found_slots_are_bookable_and_respect_preferences(clinic):
    ctx, actor = clinic.context, clinic.manager
    _book(clinic, datetime(2026, 3, 16, 11, 0))  # provider 0 busy 11:00-11:35 today
    found = slots.find_free_slots(ctx, actor, clinic.consult, provider_id=clinic.providers[0])
    # now is 10:00 local: 10:00 and 10:15 fit before 11:00 with their 5-minute buffer
    # (10:30 would end its buffer at 11:05); after 11:35 no 30 minutes are left before the
    # 12:00 break, so the next is 13:00.
    assert [s.start.strftime("%H:%M") for s in found[:4]] == ["10:00", "10:15", "13:00", "13:15"]
    for slot in found:
        request = BookingRequest(clinic.other_patient, slot.provider_id, clinic.consult, slot.start)
        assert appointments.check_appointment(ctx, actor, request) == []
    afternoon = slots.find_free_slots(
        ctx,
        actor,
        clinic.scan,
        preferences=Preferences(DayPart.AFTERNOON, weekdays_only=True),
        limit=30,
    )
    assert len(afternoon) == 30
    assert all(s.start.hour >= 13 and s.room_id == clinic.room for s in afternoon)
    assert {s.provider_id for s in afternoon} == set(clinic.providers)  # any provider
    booked = appointments.book_appointment(
        ctx,
        actor,
        BookingRequest(clinic.patient, afternoon[0].provider_id, clinic.scan, afternoon[0].start),
    )
    assert booked.appointment_id
    later = slots.find_free_slots(
        ctx, actor, clinic.scan, after=datetime(2026, 6, 1, 0, 0), limit=1
    )
    assert later[0].start.date() == date(2026, 6, 1)
