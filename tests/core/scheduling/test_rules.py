"""Wall time, intervals, validation sentences, the status workflow, conflict sentences."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.scheduling import intervals, validation
from cicini_desktop.core.scheduling.availability import (
    Availability,
    Closure,
    ExtraHours,
    RotaInterval,
    TimeOff,
)
from cicini_desktop.core.scheduling.conflicts import (
    Booking,
    BufferOverlap,
    ClinicClosed,
    ConflictKind,
    DuringTimeOff,
    OutsideHours,
    PatientDoubleBooked,
    ProviderBooked,
    RoomBooked,
    check,
    summary,
)
from cicini_desktop.core.scheduling.errors import (
    AmbiguousTimeError,
    NonexistentTimeError,
    StatusTransitionError,
    UnknownZoneError,
)
from cicini_desktop.core.scheduling.status import (
    ALLOWED,
    AppointmentStatus,
    CancelReason,
    transition,
)
from cicini_desktop.core.scheduling.wall_time import to_local, to_utc, zone

BERLIN = ZoneInfo("Europe/Berlin")
S = AppointmentStatus


# --- wall time ------------------------------------------------------------------------------


def test_spring_gap_is_refused_with_a_sentence():
    with pytest.raises(NonexistentTimeError, match="does not exist"):
        to_utc(datetime(2026, 3, 29, 2, 30), BERLIN)


def test_autumn_overlap_needs_an_explicit_fold():
    with pytest.raises(AmbiguousTimeError, match="happens twice"):
        to_utc(datetime(2026, 10, 25, 2, 30), BERLIN)
    first = to_utc(datetime(2026, 10, 25, 2, 30), BERLIN, fold=0)
    second = to_utc(datetime(2026, 10, 25, 2, 30), BERLIN, fold=1)
    assert second - first == 3600
    assert to_local(first, BERLIN).hour == to_local(second, BERLIN).hour == 2


def test_unknown_zone_is_refused():
    with pytest.raises(UnknownZoneError, match="not a known time zone"):
        zone("Mars/Olympus_Mons")


# --- intervals ------------------------------------------------------------------------------

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 50)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(spans, spans)
def test_subtract_and_intersect_partition_the_base(base, holes):
    # membership can only change at an endpoint: check each one and the second before it
    points = {x - d for s in (*base, *holes) for x in s for d in (0, 1)}
    left = intervals.subtract(base, holes)
    both = intervals.intersect(base, holes)

    def inside(ss, x):
        return any(s <= x < e for s, e in ss)

    for x in points:
        assert inside(left, x) == (inside(base, x) and not inside(holes, x))
        assert inside(both, x) == (inside(base, x) and inside(holes, x))


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: validation.span(100, 50), "end is before the start"),
        (lambda: validation.span(100, 100), "no length"),
        (lambda: validation.span(0, 24 * 3600 + 60), "more than 24 hours"),
        (lambda: validation.duration_minutes(0), "more than zero"),
        (lambda: validation.duration_minutes(24 * 60 + 1), "more than 24 hours"),
        (lambda: validation.note("x" * 201), "shorten it to 200"),
        (lambda: validation.phone("12", "DE"), "phone number is not valid"),
        (lambda: validation.phone("+49 30", None), "phone number is not valid"),
        (lambda: validation.email("someone@"), "email address is not valid"),
        (lambda: validation.email("a b@example.org"), "email address is not valid"),
        (
            lambda: validation.working_intervals([(0, 540, 720), (0, 700, 800)]),
            "overlap",
        ),
        (lambda: validation.wall_interval(600, 540), "end is before the start"),
    ],
)
def test_bad_input_gets_a_sentence(call, fragment):
    with pytest.raises(ValidationError, match=fragment) as raised:
        call()
    assert str(raised.value).endswith(".")


def test_phone_is_normalised_to_e164():
    assert validation.phone("030 1234567", "DE") == "+49301234567"
    assert validation.phone("+1 (212) 555-0123", None) == "+12125550123"
    assert validation.note("x" * 200) == "x" * 200


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_phone_validator_never_crashes_and_returns_e164(text):
    try:
        result = validation.phone(text, "DE")
    except ValidationError:
        return
    assert result is None or (result.startswith("+") and result[1:].isdigit())


# --- status workflow ------------------------------------------------------------------------

EXPECTED = {
    (S.BOOKED, S.CONFIRMED),
    (S.CONFIRMED, S.ARRIVED),
    (S.ARRIVED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.BOOKED, S.CANCELLED),
    (S.CONFIRMED, S.CANCELLED),
    (S.BOOKED, S.NO_SHOW),
    (S.CONFIRMED, S.NO_SHOW),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_transition_is_allowed_or_refused_as_specified(current, target):
    reason = CancelReason.PATIENT_REQUEST if target is S.CANCELLED else None
    if (current, target) in EXPECTED:
        change = transition(current, target, at=1, by="staff", reason=reason)
        assert (change.from_status, change.to_status, change.by) == (current, target, "staff")
        assert change.reason == reason
    else:
        with pytest.raises(StatusTransitionError, match=r"You cannot .* now: "):
            transition(current, target, at=1, by="staff", reason=reason)


def test_the_table_is_the_specification():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED


def test_cancelling_needs_a_reason_code():
    with pytest.raises(StatusTransitionError, match="reason"):
        transition(S.BOOKED, S.CANCELLED, at=1, by="x")


# --- conflicts ------------------------------------------------------------------------------

MON = date(2026, 3, 16)


def _at(hour: int, minute: int = 0, day: int = 16) -> int:
    return to_utc(datetime(2026, 3, day, hour, minute), BERLIN)


def _availability() -> Availability:
    return Availability(
        zone=BERLIN,
        rota=tuple(
            RotaInterval(p, d, 540, 1020, date(2026, 1, 1)) for d in range(5) for p in ("p1", "p2")
        ),
        closures=(Closure(date(2026, 3, 18), date(2026, 3, 18)),),
        time_off=(TimeOff("p1", date(2026, 3, 19), date(2026, 3, 19)),),
        extra=(ExtraHours("p1", date(2026, 3, 21), 600, 720),),
    )


def _book(bid: str, start: int, end: int, **kw: object) -> Booking:
    fields = {"provider_id": "p1", "patient_id": "pat", "room_id": None}
    fields.update(kw)
    return Booking(bid, start=start, end=end, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidate", "others", "kind", "fragment"),
    [
        (
            _book("new", _at(10), _at(10, 30), patient_id="x"),
            [_book("a", _at(10, 15), _at(10, 45))],
            ProviderBooked,
            "provider already has an appointment from 10:15 to 10:45",
        ),
        (
            _book("new", _at(10), _at(10, 30), provider_id="p2", patient_id="x", room_id="r"),
            [_book("a", _at(10), _at(10, 30), room_id="r")],
            RoomBooked,
            "room is already booked",
        ),
        (
            _book("new", _at(10), _at(10, 30), provider_id="p2"),
            [_book("a", _at(10), _at(10, 30))],
            PatientDoubleBooked,
            "patient already has another appointment",
        ),
        (
            _book("new", _at(10, 30), _at(11), patient_id="x", buffer_before=600),
            [_book("a", _at(10), _at(10, 25))],
            BufferOverlap,
            "too close to the appointment from 10:00 to 10:25",
        ),
        (_book("new", _at(7), _at(7, 30)), [], OutsideHours, "does not work from 07:00"),
        (_book("new", _at(10, day=18), _at(11, day=18)), [], ClinicClosed, "closed on 2026-03-18"),
        (_book("new", _at(10, day=19), _at(11, day=19)), [], DuringTimeOff, "on time off"),
    ],
)
def test_each_conflict_has_its_sentence(candidate, others, kind, fragment):
    found = check(candidate, others, _availability())
    assert [type(c) for c in found] == [kind]
    assert fragment in found[0].sentence
    assert found[0].kind in ConflictKind
    assert "override" in summary(found)


def test_extra_hours_open_a_saturday_and_cancelled_bookings_free_time():
    saturday = _book("new", _at(10, day=21), _at(11, day=21))
    assert check(saturday, [], _availability()) == []
    cancelled = _book("a", _at(10), _at(11), status=S.CANCELLED)
    assert check(_book("new", _at(10), _at(11)), [cancelled], _availability()) == []


def test_a_new_rota_takes_over_from_its_effective_date():
    availability = Availability(
        zone=BERLIN,
        rota=(
            RotaInterval("p1", 0, 540, 720, date(2026, 1, 1)),
            RotaInterval("p1", 0, 780, 1020, date(2026, 3, 23)),
        ),
    )
    before = availability.provider_spans("p1", date(2026, 3, 16), date(2026, 3, 16))
    after = availability.provider_spans("p1", date(2026, 3, 23), date(2026, 3, 23))
    assert [to_local(s, BERLIN).hour for s, _ in before] == [9]
    assert [to_local(s, BERLIN).hour for s, _ in after] == [13]
