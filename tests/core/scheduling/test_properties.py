"""Hypothesis properties: accepted bookings never overlap, every found slot is bookable,
recurrences keep their wall time across DST in three hemispheres' zones."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.scheduling.availability import (
    Availability,
    ClinicHours,
    RotaInterval,
    TimeOff,
)
from cicini_desktop.core.scheduling.conflicts import Booking, check
from cicini_desktop.core.scheduling.recurrence import Frequency, RecurrenceRule, expand
from cicini_desktop.core.scheduling.slots import DayPart, Preferences, SlotQuery, find_slots
from cicini_desktop.core.scheduling.wall_time import to_local, to_utc

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney"]
PROVIDERS = ("p1", "p2")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _availability(zone: ZoneInfo) -> Availability:
    rota = tuple(
        RotaInterval(p, d, start, end, date(2026, 1, 1))
        for p in PROVIDERS
        for d in range(6)
        for start, end in ((480, 720), (780, 1080))
    )
    return Availability(
        zone=zone,
        clinic_hours=tuple(ClinicHours(d, 420, 1140) for d in range(6)),
        rota=rota,
        time_off=(TimeOff("p2", date(2026, 3, 31), date(2026, 4, 1)),),
    )


requests = st.lists(
    st.tuples(
        st.sampled_from(PROVIDERS),
        st.sampled_from(["a", "b", "c", None]),  # patient
        st.sampled_from(["r1", None]),  # room
        st.integers(0, 14 * 24 * 4),  # quarter hours from the start day
        st.sampled_from([15, 20, 30, 45, 60, 90]),  # minutes
        st.sampled_from([0, 5, 10]),  # buffer before
        st.sampled_from([0, 5, 15]),  # buffer after
    ),
    max_size=40,
)


@FAST
@given(st.sampled_from(ZONES), requests)
def test_no_two_accepted_bookings_of_a_provider_overlap(zone_name, wanted):
    zone = ZoneInfo(zone_name)
    availability = _availability(zone)
    base = to_utc(datetime(2026, 3, 23), zone)  # two weeks spanning EU/US/AU DST changes
    accepted: list[Booking] = []
    for i, (provider, patient, room, quarter, minutes, before, after) in enumerate(wanted):
        start = base + quarter * 900
        candidate = Booking(
            f"b{i}", provider, patient, room, start, start + minutes * 60, before * 60, after * 60
        )
        if not check(candidate, accepted, availability):
            accepted.append(candidate)
    for i, a in enumerate(accepted):
        for b in accepted[i + 1 :]:
            if a.provider_id == b.provider_id:
                assert a.block_end <= b.block_start or b.block_end <= a.block_start
            if a.room_id is not None and a.room_id == b.room_id:
                assert a.end <= b.start or b.end <= a.start
            if a.patient_id is not None and a.patient_id == b.patient_id:
                assert a.end <= b.start or b.end <= a.start


@FAST
@given(
    st.sampled_from(ZONES),
    requests,
    st.sampled_from([15, 25, 30, 60]),
    st.sampled_from([0, 10]),
    st.sampled_from([0, 5]),
    st.sampled_from(list(DayPart)),
    st.booleans(),
    st.booleans(),
)
def test_every_slot_found_is_bookable_without_conflict(
    zone_name, existing, minutes, before, after, day_part, weekdays_only, with_room
):
    zone = ZoneInfo(zone_name)
    availability = _availability(zone)
    first, last = date(2026, 3, 23), date(2026, 4, 12)
    base = to_utc(datetime(2026, 3, 23), zone)
    bookings = []
    for i, (provider, patient, room, quarter, length, b, a) in enumerate(existing):
        start = base + quarter * 900
        bookings.append(
            Booking(f"x{i}", provider, patient, room, start, start + length * 60, b * 60, a * 60)
        )
    working = {p: availability.provider_spans(p, first, last) for p in PROVIDERS}
    busy = {
        p: [(b.block_start, b.block_end) for b in bookings if b.provider_id == p] for p in PROVIDERS
    }
    room_busy = (
        {"r1": [(b.start, b.end) for b in bookings if b.room_id == "r1"], "r2": []}
        if with_room
        else None
    )
    if with_room:  # fill r2 completely so the finder must pick r1 around its bookings
        room_busy["r2"] = [(base - 86400, base + 30 * 86400)]
    query = SlotQuery(
        minutes * 60,
        before * 60,
        after * 60,
        limit=25,
        preferences=Preferences(day_part, weekdays_only),
    )
    slots = find_slots(
        query, zone=zone, working=working, busy=busy, not_before=base, room_busy=room_busy
    )
    assert slots == sorted(slots, key=lambda s: (s.start, PROVIDERS.index(s.provider_id)))
    for slot in slots:
        candidate = Booking(
            "new",
            slot.provider_id,
            None,
            slot.room_id,
            slot.start,
            slot.end,
            before * 60,
            after * 60,
        )
        assert check(candidate, bookings, availability) == []
        local = to_local(slot.start, zone)
        if day_part is DayPart.MORNING:
            assert local.hour < 12
        if day_part is DayPart.AFTERNOON:
            assert local.hour >= 12
        if weekdays_only:
            assert local.weekday() < 5
        assert local.minute % 15 == 0


def test_slot_finder_returns_the_earliest_first():
    zone = ZoneInfo("Europe/Berlin")
    availability = _availability(zone)
    day = date(2026, 3, 23)
    working = {p: availability.provider_spans(p, day, day) for p in PROVIDERS}
    start = to_utc(datetime(2026, 3, 23, 8), zone)
    busy = {"p1": [(start, start + 3600)], "p2": []}
    slots = find_slots(
        SlotQuery(1800, limit=3), zone=zone, working=working, busy=busy, not_before=start
    )
    assert [(s.provider_id, to_local(s.start, zone).strftime("%H:%M")) for s in slots] == [
        ("p2", "08:00"),
        ("p2", "08:15"),
        ("p2", "08:30"),
    ]


@FAST
@given(
    st.sampled_from(ZONES),
    st.sampled_from(list(Frequency)),
    st.integers(1, 3),
    st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True),
    st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    st.sampled_from([time(9), time(7, 30), time(12, 15), time(18)]),
    st.integers(1, 60),
)
def test_recurrence_keeps_the_wall_time_across_dst(zone_name, freq, every, days, first, at, n):
    zone = ZoneInfo(zone_name)
    rule = RecurrenceRule(freq, every, tuple(days) if freq is Frequency.WEEKLY else (), count=n)
    occurrences = expand(rule, datetime.combine(first, at), timedelta(minutes=30), zone)
    assert 1 <= len(occurrences) <= n
    offsets = set()
    for occ in occurrences:
        assert occ.problem is None  # none of these times falls in a DST change
        assert occ.local_start.time() == at
        local = to_local(occ.start, zone)
        assert (local.hour, local.minute) == (at.hour, at.minute)
        assert occ.end - occ.start == 1800
        offsets.add(local.utcoffset())
    # A series longer than any season of these zones (New York's summer time: 238 days)
    # whose steps are shorter than any season (Sydney's: 182 days) has met both offsets. A
    # monthly series on the 31st may skip a whole winter (no 31st in November or February).
    starts = [occ.local_start for occ in occurrences]
    longest_step = max(((b - a).days for a, b in itertools.pairwise(starts)), default=0)
    if (starts[-1] - starts[0]).days > 240 and longest_step <= 92:
        assert len(offsets) == 2  # the series did cross a DST change, still at `at`


@pytest.mark.parametrize(
    ("zone_name", "before", "after"),
    [
        ("Europe/Berlin", 8, 7),  # CET -> CEST on 2026-03-29
        ("America/New_York", 14, 13),  # EST -> EDT on 2026-03-08
        ("Australia/Sydney", 22, 23),  # AEDT -> AEST on 2026-04-05 (previous UTC day)
    ],
)
def test_weekly_nine_oclock_moves_in_utc_not_on_the_wall(zone_name, before, after):
    zone = ZoneInfo(zone_name)
    rule = RecurrenceRule(Frequency.WEEKLY, count=8)
    occurrences = expand(rule, datetime(2026, 3, 2, 9), timedelta(minutes=30), zone)
    utc_hours = [datetime.fromtimestamp(o.start, ZoneInfo("UTC")).hour for o in occurrences]
    assert utc_hours[0] == before
    assert utc_hours[-1] == after
    assert all(o.local_start.hour == 9 for o in occurrences)


def test_occurrences_in_the_gap_or_overlap_are_listed_not_guessed():
    zone = ZoneInfo("Europe/Berlin")
    rule = RecurrenceRule(Frequency.DAILY, until=date(2026, 3, 30))
    occurrences = expand(rule, datetime(2026, 3, 28, 2, 30), timedelta(minutes=30), zone)
    assert [o.problem is not None for o in occurrences] == [False, True, False]
    assert "does not exist" in occurrences[1].problem
    rule = RecurrenceRule(Frequency.DAILY, count=2)
    autumn = expand(rule, datetime(2026, 10, 25, 2, 30), timedelta(minutes=30), zone)
    assert "happens twice" in autumn[0].problem
    chosen = expand(rule, datetime(2026, 10, 25, 2, 30), timedelta(minutes=30), zone, fold=1)
    assert chosen[0].problem is None


def test_monthly_rules_and_empty_rules():
    zone = ZoneInfo("Europe/Berlin")
    by_position = expand(
        RecurrenceRule(Frequency.MONTHLY_BY_WEEKDAY, week_position=-1, count=3),
        datetime(2026, 1, 27, 10),  # a Tuesday
        timedelta(minutes=20),
        zone,
    )
    assert [o.local_start.date() for o in by_position] == [
        date(2026, 1, 27),
        date(2026, 2, 24),
        date(2026, 3, 31),
    ]
    by_date = expand(
        RecurrenceRule(Frequency.MONTHLY_BY_DATE, count=3),
        datetime(2026, 1, 31, 10),
        timedelta(minutes=20),
        zone,
    )
    assert [o.local_start.date() for o in by_date] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
    ]
    every_two = expand(
        RecurrenceRule(Frequency.WEEKLY, interval=2, weekdays=(0, 3), count=4),
        datetime(2026, 3, 2, 9),
        timedelta(minutes=20),
        zone,
    )
    assert [o.local_start.day for o in every_two] == [2, 5, 16, 19]
    with pytest.raises(ValidationError, match="no occurrences"):
        expand(
            RecurrenceRule(Frequency.DAILY, until=date(2026, 1, 1)),
            datetime(2026, 2, 1, 9),
            timedelta(minutes=20),
            zone,
        )
    with pytest.raises(ValidationError, match="when the series ends"):
        expand(RecurrenceRule(Frequency.DAILY), datetime(2026, 2, 1, 9), timedelta(1), zone)
