"""The set-up rules: each refusal is one sentence naming the field; valid input passes."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.scheduling import setup_rules as rules
from cicini_desktop.core.scheduling.availability import (
    Availability,
    Closure,
    RotaInterval,
    week_parity,
)

minutes = st.integers(min_value=0, max_value=1440)
weekdays = st.integers(min_value=0, max_value=6)


def _disjoint(rows):
    by_day = {}
    for day, start, end in rows:
        by_day.setdefault(day, []).append((start, end))
    for spans in by_day.values():
        spans.sort()
        for (_, a_end), (b_start, _) in itertools.pairwise(spans):
            if b_start < a_end:
                return False
    return True


@given(st.lists(st.tuples(weekdays, minutes, minutes), max_size=8))
def test_intervals_accept_exactly_the_valid_sets(rows):
    valid = all(start < end for _, start, end in rows) and _disjoint(rows)
    if valid:
        assert rules.intervals(rows, "Opening hours", "clinic_hours") == sorted(rows)
    else:
        with pytest.raises(ValidationError) as caught:
            rules.intervals(rows, "Opening hours", "clinic_hours")
        assert caught.value.field == "clinic_hours"
        assert caught.value.user_message.startswith("Opening hours")


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([(0, 540, 720), (0, 700, 800)], "11:40-13:20 overlaps 09:00-12:00"),
        ([(1, 720, 540)], "Tuesday: the end 09:00 is before the start 12:00"),
        ([(2, 600, 600)], "has no length"),
    ],
)
def test_interval_sentences_name_the_day_and_times(rows, words):
    with pytest.raises(ValidationError, match=words):
        rules.intervals(rows, "Opening hours", "clinic_hours")


@given(weekdays, minutes, minutes, minutes, minutes)
def test_a_break_must_lie_inside_a_working_interval(day, a, b, c, d):
    work_start, work_end = sorted((a, b))
    brk_start, brk_end = sorted((c, d))
    if work_start == work_end or brk_start == brk_end:
        return
    inside = work_start <= brk_start and brk_end <= work_end
    if inside:
        assert rules.breaks([(day, work_start, work_end)], [(day, brk_start, brk_end)], "B", "f")
    else:
        with pytest.raises(ValidationError, match="outside the working hours") as caught:
            rules.breaks([(day, work_start, work_end)], [(day, brk_start, brk_end)], "B", "f")
        assert caught.value.field == "f"


@given(st.integers(min_value=-100, max_value=1000))
def test_duration_is_positive_bounded_and_on_the_grid(value):
    ok = 0 < value <= rules.MAX_TYPE_MINUTES and value % rules.GRID_MINUTES == 0
    if ok:
        assert rules.duration(value) == value
    else:
        with pytest.raises(ValidationError) as caught:
            rules.duration(value, "Default duration")
        assert caught.value.field == "duration"
        assert caught.value.user_message.startswith("Default duration")


def test_duration_sentences():
    with pytest.raises(ValidationError, match="more than zero"):
        rules.duration(0)
    with pytest.raises(ValidationError, match="more than zero"):
        rules.duration(-15)
    with pytest.raises(ValidationError, match="does not fit the 5-minute time grid"):
        rules.duration(17)
    with pytest.raises(ValidationError, match="negative"):
        rules.buffer(-5, "Buffer before", "buffer_before")
    with pytest.raises(ValidationError, match="time grid"):
        rules.buffer(3, "Buffer after", "buffer_after")


@given(st.dates(), st.integers(min_value=-400, max_value=400))
def test_valid_until_not_before_valid_from(start, offset):
    try:
        until = start + timedelta(days=offset)
    except OverflowError:
        return
    if offset < 0:
        with pytest.raises(ValidationError, match="before valid from") as caught:
            rules.validity(start, until)
        assert caught.value.field == "valid_until"
    else:
        rules.validity(start, until)


@given(st.text(min_size=1, max_size=20))
def test_names_differing_only_in_case_clash(name):
    for variant in (name.upper(), name.lower(), name.swapcase()):
        if variant.casefold() == name.casefold():
            with pytest.raises(ValidationError, match="exists already") as caught:
                rules.unique_name(variant, [name], "Type name")
            assert caught.value.field == "name"


@given(st.text(max_size=10))
def test_colour_must_be_hex(text):
    import re

    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        assert rules.colour(text) == text.upper()
    else:
        with pytest.raises(ValidationError, match="is not a colour") as caught:
            rules.colour(text, "Calendar colour")
        assert caught.value.field == "colour"


def test_holiday_country_and_region():
    supported = {"DE": ("BE", "BY"), "AT": ("1", "9")}
    assert rules.holiday_region("de", "by", supported) == ("DE", "BY")
    assert rules.holiday_region("AT", "", supported) == ("AT", None)
    with pytest.raises(ValidationError, match="Country") as caught:
        rules.holiday_region("Narnia", None, supported)
    assert caught.value.field == "country"
    with pytest.raises(ValidationError, match="Region") as caught:
        rules.holiday_region("DE", "XX", supported)
    assert caught.value.field == "region"


def test_part_day_ranges():
    rules.part_day(date(2026, 5, 1), date(2026, 5, 1), 720, None, "Closure")
    with pytest.raises(ValidationError, match="is not after the start"):
        rules.part_day(date(2026, 5, 1), date(2026, 5, 1), 720, 600, "Closure")
    with pytest.raises(ValidationError, match="before the start"):
        rules.part_day(date(2026, 5, 2), date(2026, 5, 1), None, None, "Closure")


# --- availability: breaks, A/B weeks, validity, part-day closures ----------------------------

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 3, 16)


def _minutes_of(spans, day):
    from cicini_desktop.core.scheduling.wall_time import lenient_utc

    base = lenient_utc(day, 0, BERLIN)
    return [((s - base) // 60, (e - base) // 60) for s, e in spans]


def test_breaks_are_taken_out_and_ab_weeks_alternate():
    start = date(2026, 3, 2)  # a Monday: week A
    rota = (
        RotaInterval("p", 0, 480, 960, start, None, 0, "work"),
        RotaInterval("p", 0, 720, 780, start, None, 0, "break"),
        RotaInterval("p", 0, 600, 660, start, None, 1, "work"),
    )
    availability = Availability(BERLIN, rota=rota)
    week_a = start + timedelta(days=14)
    week_b = start + timedelta(days=7)
    assert week_parity(start, week_a) == 0
    assert week_parity(start, week_b) == 1
    assert _minutes_of(availability.provider_spans("p", week_a, week_a), week_a) == [
        (480, 720),
        (780, 960),
    ]
    assert _minutes_of(availability.provider_spans("p", week_b, week_b), week_b) == [(600, 660)]


def test_a_temporary_rota_ends_and_the_earlier_one_applies_again():
    rota = (
        RotaInterval("p", 0, 480, 720, date(2026, 1, 1)),
        RotaInterval("p", 0, 600, 660, date(2026, 3, 1), date(2026, 3, 20)),
    )
    availability = Availability(BERLIN, rota=rota)
    inside, after = MONDAY, MONDAY + timedelta(days=7)
    assert _minutes_of(availability.provider_spans("p", inside, inside), inside) == [(600, 660)]
    assert _minutes_of(availability.provider_spans("p", after, after), after) == [(480, 720)]


def test_a_part_day_closure_cuts_the_afternoon_only():
    rota = (RotaInterval("p", 0, 480, 1020, date(2026, 1, 1)),)
    closure = Closure(MONDAY, MONDAY, 720, 1440)
    availability = Availability(BERLIN, rota=rota, closures=(closure,))
    assert not availability.closed_on(MONDAY)
    spans = availability.provider_spans("p", MONDAY, MONDAY)
    assert _minutes_of(spans, MONDAY) == [(480, 720)]
    assert availability.closed_during(spans[0][1], spans[0][1] + 600)


@given(st.lists(st.tuples(st.integers(0, 1439), st.integers(1, 1440)), max_size=4))
def test_typed_spans_round_trip(pairs):
    rows = sorted((2, start, end) for start, end in pairs)
    text = rules.format_day(rows, 2)
    assert rules.parse_day(text, 2, "Opening hours", "clinic_hours") == rows


def test_typed_spans_accept_short_forms_and_refuse_junk():
    assert rules.parse_day("8-12; 13.30-18", 0, "Hours", "f") == [(0, 480, 720), (0, 810, 1080)]
    with pytest.raises(ValidationError, match="Hours, Monday: 'noon' is not a time span"):
        rules.parse_day("noon", 0, "Hours", "f")
