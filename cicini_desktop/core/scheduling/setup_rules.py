"""Rules for the clinic set-up (opening hours, rotas, breaks, types, holidays): pure, no I/O.

Each refusal is a `ValidationError` whose sentence names the field the person typed into
(e.g. "Opening hours, Monday: 12:00-14:00 overlaps 09:00-13:00.") and whose ``field`` is the
machine name of that field, so a form can put the focus there. The sentences, the weekday
names and the callers' labels are marked for translation (core/messages.py): the window
says them in its language. Hours are wall minutes of the
day (0..1440); weekday 0 is Monday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import pairwise

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP, Message

MINUTES_PER_DAY = 1440
# The booking grid's finest step (5, 10 or 15 minutes in the calendar): a duration or a
# buffer off this grid could never be booked back to back.
GRID_MINUTES = 5
MAX_TYPE_MINUTES = 12 * 60
MAX_BUFFER_MINUTES = 120
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The same names as the window says them (a Message equals its English name).
WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("weekdays", "Monday"),
    QT_TRANSLATE_NOOP("weekdays", "Tuesday"),
    QT_TRANSLATE_NOOP("weekdays", "Wednesday"),
    QT_TRANSLATE_NOOP("weekdays", "Thursday"),
    QT_TRANSLATE_NOOP("weekdays", "Friday"),
    QT_TRANSLATE_NOOP("weekdays", "Saturday"),
    QT_TRANSLATE_NOOP("weekdays", "Sunday"),
)
TIME_OFF_REASONS = ("vacation", "sick", "training", "other")

Interval = tuple[int, int, int]  # (weekday, start minute, end minute)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_COUNTRY = re.compile(r"^[A-Z]{2,3}$")


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _day(weekday: int) -> Message:
    if 0 <= weekday <= 6:
        return WEEKDAY_NAMES[weekday]
    return QT_TRANSLATE_NOOP("weekdays", "day {number}").format(number=str(weekday))


def _where(label: str, weekday: int) -> Message:
    return QT_TRANSLATE_NOOP("errors.setup", "{label}, {day}").format(
        label=label, day=_day(weekday)
    )


def _span(start: int, end: int) -> str:
    return f"{hhmm(start)}-{hhmm(end)}"


def intervals(rows: Iterable[Interval], label: str, field: str) -> list[Interval]:
    """Sorted working intervals: each inside one day, end after start, none overlapping."""
    rows = sorted(rows)
    for weekday, start, end in rows:
        if not 0 <= weekday <= 6:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup", "{label}: the weekday must be Monday to Sunday."
                ).format(label=label),
                field=field,
            )
        where = _where(label, weekday)
        if not (0 <= start <= MINUTES_PER_DAY and 0 <= end <= MINUTES_PER_DAY):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup", "{where}: times must lie within the day (00:00 to 24:00)."
                ).format(where=where),
                field=field,
            )
        if end < start:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup", "{where}: the end {end} is before the start {start}."
                ).format(where=where, end=hhmm(end), start=hhmm(start)),
                field=field,
            )
        if end == start:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup", "{where}: {span} has no length; give it an end time."
                ).format(where=where, span=_span(start, end)),
                field=field,
            )
    for (day_a, start_a, end_a), (day_b, start_b, end_b) in pairwise(rows):
        if day_a == day_b and start_b < end_a:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.setup", "{where}: {span} overlaps {other}.").format(
                    where=_where(label, day_a),
                    span=_span(start_b, end_b),
                    other=_span(start_a, end_a),
                ),
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
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "{where}: the break {span} lies outside the working hours of that day.",
                ).format(where=_where(label, weekday), span=_span(start, end)),
                field=field,
            )
    return rows


def _off_grid(label: str, minutes: int) -> Message:
    return QT_TRANSLATE_NOOP(
        "errors.setup",
        "{label}: {minutes} minutes does not fit the {grid}-minute time grid; "
        "use a multiple of {grid}.",
    ).format(label=label, minutes=str(minutes), grid=str(GRID_MINUTES))


def duration(
    minutes: int,
    label: str = QT_TRANSLATE_NOOP("errors.setup", "Duration"),
    field: str = "duration",
) -> int:
    if minutes <= 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "{label}: the duration must be more than zero minutes."
            ).format(label=label),
            field=field,
        )
    if minutes > MAX_TYPE_MINUTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "{label}: the duration cannot be more than {hours} hours."
            ).format(label=label, hours=MAX_TYPE_MINUTES // 60),
            field=field,
        )
    if minutes % GRID_MINUTES:
        raise ValidationError(_off_grid(label, minutes), field=field)
    return minutes


def buffer(minutes: int, label: str, field: str) -> int:
    if minutes < 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "{label}: a buffer cannot be negative.").format(
                label=label
            ),
            field=field,
        )
    if minutes > MAX_BUFFER_MINUTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "{label}: a buffer can be at most {minutes} minutes."
            ).format(label=label, minutes=MAX_BUFFER_MINUTES),
            field=field,
        )
    if minutes % GRID_MINUTES:
        raise ValidationError(_off_grid(label, minutes), field=field)
    return minutes


def validity(valid_from: date, valid_until: date | None, field: str = "valid_until") -> None:
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "Valid until: {until} is before valid from {since}."
            ).format(until=valid_until, since=valid_from),
            field=field,
        )


def unique_name(
    name: str,
    others: Iterable[str],
    label: str = QT_TRANSLATE_NOOP("errors.setup", "Name"),
    field: str = "name",
) -> str:
    """`name` must differ from each of `others` by more than letter case."""
    key = name.casefold()
    for other in others:
        if other.casefold() == key:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "{label}: '{other}' exists already (names differing only in capitals count "
                    "as the same); choose another name.",
                ).format(label=label, other=other),
                field=field,
            )
    return name


def colour(
    text: str, label: str = QT_TRANSLATE_NOOP("errors.setup", "Colour"), field: str = "colour"
) -> str:
    if not _COLOUR.match(text or ""):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "{label}: '{text}' is not a colour; pick one, or type it as #RRGGBB "
                "(for example #3A7BD5).",
            ).format(label=label, text=text),
            field=field,
        )
    return text.upper()


def date_range(start: date, end: date, label: str, field: str = "end_date") -> None:
    if end < start:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "{label}: the end {end} is before the start {start}."
            ).format(label=label, end=end, start=start),
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
                QT_TRANSLATE_NOOP(
                    "errors.setup", "{where}: times must lie within the day (00:00 to 24:00)."
                ).format(where=label),
                field=field,
            )
    first = start_minute or 0
    last = MINUTES_PER_DAY if end_minute is None else end_minute
    if start_date == end_date and last <= first:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup", "{label}: the end {end} is not after the start {start}."
            ).format(label=label, end=hhmm(last), start=hhmm(first)),
            field=field,
        )


def time_off_reason(reason: str) -> str:
    if reason not in TIME_OFF_REASONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "Reason: choose vacation, sick, training or other."),
            field="reason",
        )
    return reason


def holiday_region(
    country: str, region: str | None, supported: Mapping[str, Sequence[str]]
) -> tuple[str, str | None]:
    """A country code known to the holiday calendar, and one of its regions (or none)."""
    code = (country or "").strip().upper()
    if not _COUNTRY.match(code) or code not in supported:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "Country: '{country}' is not a country the holiday calendar knows; use a "
                "two-letter code such as DE or AT.",
            ).format(country=country),
            field="country",
        )
    if region is None or not region.strip():
        return code, None
    wanted = region.strip().upper()
    for known in supported[code]:
        if known.upper() == wanted:
            return code, known
    raise ValidationError(
        QT_TRANSLATE_NOOP(
            "errors.setup",
            "Region: '{region}' is not a region of {country} in the holiday calendar; leave it "
            "empty for national holidays only.",
        ).format(region=region, country=code),
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
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "{where}: '{part}' is not a time span; type it as "
                    "08:00-12:00 (several separated by commas).",
                ).format(where=_where(label, weekday), part=part),
                field=field,
            )
        start_h, start_m, end_h, end_m = (int(g) if g else 0 for g in match.groups())
        if start_m > 59 or end_m > 59:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.setup", "{where}: '{part}' has minutes above 59.").format(
                    where=_where(label, weekday), part=part
                ),
                field=field,
            )
        rows.append((weekday, start_h * 60 + start_m, end_h * 60 + end_m))
    return rows


def format_day(rows: Iterable[Interval], weekday: int) -> str:
    return ", ".join(
        f"{hhmm(start)}-{hhmm(end)}" for day, start, end in sorted(rows) if day == weekday
    )
