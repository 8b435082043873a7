"""Rules for the clinic set-up (opening hours, rotas, breaks, types, holidays): pure, no I/O.

Each refusal is a `ValidationError` whose sentence names the field the person typed into
(e.g. "Opening hours, Monday: 12:00-14:00 overlaps 09:00-13:00.") and whose ``field`` is the
machine name of that field, so a form can put the focus there. Hours are wall minutes of the
day (0..1440); weekday 0 is Monday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import pairwise

from cicini_desktop.core.errors import ValidationError

MINUTES_PER_DAY = 1440
# The booking grid's finest step (5, 10 or 15 minutes in the calendar): a duration or a
# buffer off this grid could never be booked back to back.
GRID_MINUTES = 5
MAX_TYPE_MINUTES = 12 * 60
MAX_BUFFER_MINUTES = 120
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME_OFF_REASONS = ("vacation", "sick", "training", "other")

Interval = tuple[int, int, int]  # (weekday, start minute, end minute)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_COUNTRY = re.compile(r"^[A-Z]{2,3}$")


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _day(weekday: int) -> str:
    return WEEKDAYS[weekday] if 0 <= weekday <= 6 else f"day {weekday}"


def intervals(rows: Iterable[Interval], label: str, field: str) -> list[Interval]:
    """Sorted working intervals: each inside one day, end after start, none overlapping."""
    rows = sorted(rows)
    for weekday, start, end in rows:
        if not 0 <= weekday <= 6:
            raise ValidationError(f"{label}: the weekday must be Monday to Sunday.", field=field)
        where = f"{label}, {_day(weekday)}"
        if not (0 <= start <= MINUTES_PER_DAY and 0 <= end <= MINUTES_PER_DAY):
            raise ValidationError(
                f"{where}: times must lie within the day (00:00 to 24:00).", field=field
            )
        if end < start:
            raise ValidationError(
                f"{where}: the end {hhmm(end)} is before the start {hhmm(start)}.", field=field
            )
        if end == start:
            raise ValidationError(
                f"{where}: {hhmm(start)}-{hhmm(end)} has no length; give it an end time.",
                field=field,
            )
    for (day_a, start_a, end_a), (day_b, start_b, end_b) in pairwise(rows):
        if day_a == day_b and start_b < end_a:
            raise ValidationError(
                f"{label}, {_day(day_a)}: {hhmm(start_b)}-{hhmm(end_b)} overlaps "
                f"{hhmm(start_a)}-{hhmm(end_a)}.",
                field=field,
            )
    return rows


def breaks(
    work: Sequence[Interval], rows: Iterable[Interval], label: str, field: str
) -> list[Interval]:
    """Breaks: valid intervals, each inside one working interval of its weekday."""
    rows = intervals(rows, label, field)
    for weekday, start, end in rows:
        if not any(w == weekday and s <= start and end <= e for w, s, e in work):
            raise ValidationError(
                f"{label}, {_day(weekday)}: the break {hhmm(start)}-{hhmm(end)} lies outside "
                "the working hours of that day.",
                field=field,
            )
    return rows


def duration(minutes: int, label: str = "Duration", field: str = "duration") -> int:
    if minutes <= 0:
        raise ValidationError(f"{label}: the duration must be more than zero minutes.", field=field)
    if minutes > MAX_TYPE_MINUTES:
        raise ValidationError(
            f"{label}: the duration cannot be more than {MAX_TYPE_MINUTES // 60} hours.",
            field=field,
        )
    if minutes % GRID_MINUTES:
        raise ValidationError(
            f"{label}: {minutes} minutes does not fit the {GRID_MINUTES}-minute time grid; "
            f"use a multiple of {GRID_MINUTES}.",
            field=field,
        )
    return minutes


def buffer(minutes: int, label: str, field: str) -> int:
    if minutes < 0:
        raise ValidationError(f"{label}: a buffer cannot be negative.", field=field)
    if minutes > MAX_BUFFER_MINUTES:
        raise ValidationError(
            f"{label}: a buffer can be at most {MAX_BUFFER_MINUTES} minutes.", field=field
        )
    if minutes % GRID_MINUTES:
        raise ValidationError(
            f"{label}: {minutes} minutes does not fit the {GRID_MINUTES}-minute time grid; "
            f"use a multiple of {GRID_MINUTES}.",
            field=field,
        )
    return minutes


def validity(valid_from: date, valid_until: date | None, field: str = "valid_until") -> None:
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError(
            f"Valid until: {valid_until.isoformat()} is before valid from "
            f"{valid_from.isoformat()}.",
            field=field,
        )


def unique_name(name: str, others: Iterable[str], label: str = "Name", field: str = "name") -> str:
    """`name` must differ from each of `others` by more than letter case."""
    key = name.casefold()
    for other in others:
        if other.casefold() == key:
            raise ValidationError(
                f"{label}: '{other}' exists already (names differing only in capitals count "
                "as the same); choose another name.",
                field=field,
            )
    return name


def colour(text: str, label: str = "Colour", field: str = "colour") -> str:
    if not _COLOUR.match(text or ""):
        raise ValidationError(
            f"{label}: '{text}' is not a colour; pick one, or type it as #RRGGBB "
            "(for example #3A7BD5).",
            field=field,
        )
    return text.upper()


def date_range(start: date, end: date, label: str, field: str = "end_date") -> None:
    if end < start:
        raise ValidationError(
            f"{label}: the end {end.isoformat()} is before the start {start.isoformat()}.",
            field=field,
        )


def part_day(
    start_date: date,
    end_date: date,
    start_minute: int | None,
    end_minute: int | None,
    label: str,
    field: str = "end",
) -> None:
    """A range from (start_date, start_minute or 00:00) to (end_date, end_minute or 24:00)."""
    date_range(start_date, end_date, label, "end_date")
    for minute in (start_minute, end_minute):
        if minute is not None and not 0 <= minute <= MINUTES_PER_DAY:
            raise ValidationError(
                f"{label}: times must lie within the day (00:00 to 24:00).", field=field
            )
    first = start_minute or 0
    last = MINUTES_PER_DAY if end_minute is None else end_minute
    if start_date == end_date and last <= first:
        raise ValidationError(
            f"{label}: the end {hhmm(last)} is not after the start {hhmm(first)}.", field=field
        )


def time_off_reason(reason: str) -> str:
    if reason not in TIME_OFF_REASONS:
        raise ValidationError("Reason: choose vacation, sick, training or other.", field="reason")
    return reason


def holiday_region(
    country: str, region: str | None, supported: Mapping[str, Sequence[str]]
) -> tuple[str, str | None]:
    """A country code known to the holiday calendar, and one of its regions (or none)."""
    code = (country or "").strip().upper()
    if not _COUNTRY.match(code) or code not in supported:
        raise ValidationError(
            f"Country: '{country}' is not a country the holiday calendar knows; use a "
            "two-letter code such as DE or AT.",
            field="country",
        )
    if region is None or not region.strip():
        return code, None
    wanted = region.strip().upper()
    for known in supported[code]:
        if known.upper() == wanted:
            return code, known
    raise ValidationError(
        f"Region: '{region}' is not a region of {code} in the holiday calendar; leave it empty "
        "for national holidays only.",
        field="region",
    )


_TYPED_SPAN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?$")


def parse_day(text: str, weekday: int, label: str, field: str) -> list[Interval]:
    """Spans typed for one weekday, e.g. "8-12, 13:00-18:30" (commas or semicolons)."""
    rows: list[Interval] = []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip()
        if not part:
            continue
        match = _TYPED_SPAN.match(part)
        if match is None:
            raise ValidationError(
                f"{label}, {_day(weekday)}: '{part}' is not a time span; type it as "
                "08:00-12:00 (several separated by commas).",
                field=field,
            )
        start_h, start_m, end_h, end_m = (int(g) if g else 0 for g in match.groups())
        if start_m > 59 or end_m > 59:
            raise ValidationError(
                f"{label}, {_day(weekday)}: '{part}' has minutes above 59.", field=field
            )
        rows.append((weekday, start_h * 60 + start_m, end_h * 60 + end_m))
    return rows


def format_day(rows: Iterable[Interval], weekday: int) -> str:
    return ", ".join(
        f"{hhmm(start)}-{hhmm(end)}" for day, start, end in sorted(rows) if day == weekday
    )
