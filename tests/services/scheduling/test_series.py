from datetime import datetime

import pytest

from cicini_desktop.core.errors import ConflictError, ValidationError
from cicini_desktop.core.scheduling.recurrence import Frequency, RecurrenceRule
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.services.scheduling import appointments, series
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.services.scheduling.series import SeriesScope

S = AppointmentStatus
WEEKLY_6 = RecurrenceRule(Frequency.WEEKLY, count=6)  # Tuesdays 17 Mar .. 21 Apr, over DST


def _request(clinic, hour=9):
    return BookingRequest(
        clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, hour, 0)
    )


def _book_series(clinic):
    booked = series.book_series(clinic.context, clinic.manager, _request(clinic), WEEKLY_6)
    return booked


def _starts(clinic, series_id):
    return [
        (s.strftime("%m-%d %H:%M"), st)
        for _, s, st in series.series_occurrences(clinic.context, clinic.manager, series_id)
    ]


def _version(clinic, appointment_id):
    return appointments.get_appointment(clinic.context, clinic.manager, appointment_id).version


def test_preview_lists_conflicts_and_booking_skips_them(clinic):
    ctx, actor = clinic.context, clinic.manager
    blocker = appointments.book_appointment(
        ctx,
        actor,
        BookingRequest(
            clinic.other_patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 24, 9, 0)
        ),
    )
    previews = series.preview_series(ctx, actor, _request(clinic), WEEKLY_6)
    assert [p.local_start.day for p in previews] == [17, 24, 31, 7, 14, 21]
    assert all(p.start.hour == 9 for p in previews)  # 09:00 wall time before and after DST
    assert {p.start.utcoffset().seconds // 3600 for p in previews} == {1, 2}
    assert [p.bookable for p in previews] == [True, False, True, True, True, True]
    assert "provider already has an appointment" in previews[1].sentences[0]
    with pytest.raises(ConflictError, match="2026-03-24 09:00"):
        series.book_series(ctx, actor, _request(clinic), WEEKLY_6)
    booked = series.book_series(
        ctx, actor, _request(clinic), WEEKLY_6, skip=[previews[1].local_start]
    )
    assert len(booked.appointment_ids) == 5
    assert booked.skipped == (datetime(2026, 3, 24, 9, 0),)
    assert blocker.appointment_id not in booked.appointment_ids


def test_occurrence_in_the_spring_gap_must_be_skipped(clinic):
    ctx, actor = clinic.context, clinic.manager
    rule = RecurrenceRule(Frequency.DAILY, count=3)
    request = BookingRequest(
        clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 28, 2, 30)
    )
    with pytest.raises(ValidationError, match="does not exist"):
        series.book_series(ctx, actor, request, rule, override_reason="night")
    booked = series.book_series(
        ctx,
        actor,
        request,
        rule,
        skip=[datetime(2026, 3, 29, 2, 30)],
        override_reason="Night shift (outside hours)",
    )
    assert len(booked.appointment_ids) == 2


def test_edit_this_occurrence_only(clinic):
    booked = _book_series(clinic)
    third = booked.appointment_ids[2]
    series.edit_series(
        clinic.context,
        clinic.manager,
        third,
        SeriesScope.THIS,
        expected_version=_version(clinic, third),
        start=datetime(2026, 3, 31, 10, 0),
    )
    hours = [s[6:8] for s, _ in _starts(clinic, booked.series_id)]
    assert hours == ["09", "09", "10", "09", "09", "09"]


def test_edit_this_and_following_splits_the_series(clinic):
    booked = _book_series(clinic)
    fourth = booked.appointment_ids[3]
    series.edit_series(
        clinic.context,
        clinic.manager,
        fourth,
        SeriesScope.FOLLOWING,
        expected_version=_version(clinic, fourth),
        start=datetime(2026, 4, 7, 14, 0),
    )
    assert [s for s, _ in _starts(clinic, booked.series_id)] == [
        "03-17 09:00",
        "03-24 09:00",
        "03-31 09:00",
    ]
    new_series = appointments.get_appointment(clinic.context, clinic.manager, fourth).series_id
    assert new_series != booked.series_id
    assert [s for s, _ in _starts(clinic, new_series)] == [
        "04-07 14:00",
        "04-14 14:00",
        "04-21 14:00",
    ]
    history = appointments.appointment_history(clinic.context, clinic.manager, fourth)
    assert history[-1].kind == "moved"
    assert history[-1].old_start.hour == 9


def test_edit_whole_series_leaves_past_occurrences_alone(clinic):
    booked = _book_series(clinic)
    ctx, actor = clinic.context, clinic.manager
    first, second = booked.appointment_ids[:2]
    clinic.context.clock.set(datetime.fromisoformat("2026-03-17T07:00:00+00:00"))  # its day
    for target in (S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS, S.COMPLETED):
        appointments.change_status(ctx, actor, first, target, expected_version=None)
    clinic.context.clock.set(datetime.fromisoformat("2026-03-20T12:00:00+00:00"))
    series.edit_series(
        ctx,
        actor,
        booked.appointment_ids[4],
        SeriesScope.ALL,
        expected_version=_version(clinic, booked.appointment_ids[4]),
        start=datetime(2026, 4, 14, 10, 30),
        duration_minutes=45,
    )
    starts = _starts(clinic, booked.series_id)
    assert starts[0] == ("03-17 09:00", S.COMPLETED)  # past and completed: untouched
    assert [s for s, _ in starts[1:]] == [
        "03-24 10:30",
        "03-31 10:30",
        "04-07 10:30",
        "04-14 10:30",
        "04-21 10:30",
    ]
    moved = appointments.get_appointment(ctx, actor, second)
    assert (moved.end - moved.start).seconds == 45 * 60
    assert len(appointments.appointment_history(ctx, actor, first)) == 5  # its own history kept


def test_cancel_scopes(clinic):
    ctx, actor = clinic.context, clinic.manager
    booked = _book_series(clinic)
    ids = booked.appointment_ids
    series.cancel_series(
        ctx,
        actor,
        ids[1],
        SeriesScope.THIS,
        CancelReason.PATIENT_REQUEST,
        expected_version=_version(clinic, ids[1]),
    )
    series.cancel_series(
        ctx,
        actor,
        ids[4],
        SeriesScope.FOLLOWING,
        CancelReason.PATIENT_REQUEST,
        expected_version=_version(clinic, ids[4]),
    )
    assert [st for _, st in _starts(clinic, booked.series_id)] == [
        S.BOOKED,
        S.CANCELLED,
        S.BOOKED,
        S.BOOKED,
        S.CANCELLED,
        S.CANCELLED,
    ]
    freed = series.cancel_series(
        ctx,
        actor,
        ids[0],
        SeriesScope.ALL,
        CancelReason.PROVIDER_UNAVAILABLE,
        expected_version=_version(clinic, ids[0]),
    )
    assert freed.changes.appointments
    assert {st for _, st in _starts(clinic, booked.series_id)} == {S.CANCELLED}
    detail = appointments.get_appointment(ctx, actor, ids[2])
    assert detail.cancel_reason is CancelReason.PROVIDER_UNAVAILABLE
