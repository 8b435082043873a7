"""Input rules with one sentence each: notes, names, phone (E.164), email, durations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from itertools import pairwise

import phonenumbers

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

NOTE_MAX = 200
NAME_MAX = 100
MAX_DURATION_SECONDS = 24 * 3600
MAX_BUFFER_MINUTES = 120
MINUTES_PER_DAY = 1440

# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is not ours to check.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def note(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if len(text) > NOTE_MAX:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "The note is {length} characters long; shorten it to {limit} or fewer.",
            ).format(length=len(text), limit=NOTE_MAX),
            field="note",
        )
    return text or None


def _is_invisible(char: str) -> bool:
    """Format characters (zero-width space, joiners, direction marks) and spaces."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp")


def name(text: str, field: str = "name") -> str:
    text = text or ""
    # A newline, tab or NUL in a name is a paste gone wrong (it would break the day
    # sheet, the search index and exports): refuse it instead of quietly folding it.
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "The name contains a line break, tab or other control character; "
                "type it on one line.",
            ),
            field=field,
        )
    if text and all(_is_invisible(c) for c in text) and not text.isspace():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "The name has only invisible characters; type the name with letters.",
            ),
            field=field,
        )
    text = " ".join(text.split())
    if not text:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Enter a name; it cannot be empty."), field=field
        )
    if len(text) > NAME_MAX:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "Shorten the name to {limit} characters or fewer."
            ).format(limit=NAME_MAX),
            field=field,
        )
    return text


def phone(text: str | None, default_region: str | None) -> str | None:
    """Normalise to E.164 (+4930…); national numbers need the clinic's `default_region`."""
    if text is None or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text, None if text.strip().startswith("+") else default_region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "That phone number is not valid; enter it with the area code, "
                "or in international form such as +49 30 1234567.",
            ),
            field="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    text = text.strip()
    if len(text) > 254 or not _EMAIL.match(text):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "That email address is not valid; it should look like name@example.org.",
            ),
            field="email",
        )
    return text


def birth_date(value: date | None, today: date) -> date | None:
    if value is not None and (value > today or value.year < 1880):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "The date of birth must be a real date in the past."
            ),
            field="dob",
        )
    return value


def span(start: int, end: int) -> None:
    """An appointment's [start, end): end after start, at most 24 hours."""
    if end < start:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "The end is before the start; pick a later end time."
            ),
            field="end",
        )
    if end == start:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "The appointment has no length; give it a duration."
            ),
            field="end",
        )
    if end - start > MAX_DURATION_SECONDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "An appointment cannot last more than 24 hours."
            ),
            field="end",
        )


def duration_minutes(minutes: int, field: str = "duration") -> int:
    if minutes <= 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "The duration must be more than zero minutes."),
            field=field,
        )
    if minutes * 60 > MAX_DURATION_SECONDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "The duration cannot be more than 24 hours."),
            field=field,
        )
    return minutes


def buffer_minutes(minutes: int, field: str = "buffer") -> int:
    if not 0 <= minutes <= MAX_BUFFER_MINUTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "A buffer must be between 0 and {limit} minutes."
            ).format(limit=MAX_BUFFER_MINUTES),
            field=field,
        )
    return minutes


def colour(text: str) -> str:
    if not _COLOUR.match(text or ""):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "Pick a colour as #RRGGBB, for example #3A7BD5."
            ),
            field="colour",
        )
    return text.upper()


def wall_interval(start_minute: int, end_minute: int, field: str = "hours") -> None:
    if not (0 <= start_minute < MINUTES_PER_DAY and 0 < end_minute <= MINUTES_PER_DAY):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "Hours must lie within one day (00:00 to 24:00)."
            ),
            field=field,
        )
    if end_minute <= start_minute:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "The end is before the start; pick a later end time."
            ),
            field=field,
        )


def working_intervals(intervals: Iterable[tuple[int, int, int]], field: str = "hours") -> None:
    """(weekday, start_minute, end_minute) rows: each valid, none overlapping on a weekday."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for weekday, start, end in intervals:
        if not 0 <= weekday <= 6:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.scheduling", "The weekday must be Monday to Sunday."),
                field=field,
            )
        wall_interval(start, end, field)
        by_day.setdefault(weekday, []).append((start, end))
    for spans in by_day.values():
        spans.sort()
        for (_, prev_end), (start, _) in pairwise(spans):
            if start < prev_end:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "errors.scheduling",
                        "Two working-hour intervals on the same day overlap; "
                        "make them follow one another.",
                    ),
                    field=field,
                )
