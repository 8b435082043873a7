"""Recurring series: rules expanded on local wall time with dateutil's rrule.

The rule runs on naive local datetimes, so a 09:00 weekly series is 09:00 wall time on
every date, whatever the UTC offset that day. Each occurrence is then turned into UTC
instants; one that falls in a spring gap cannot exist and one in an autumn overlap is
resolved by the series' ``fold`` (or listed as a problem when no fold was chosen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil import rrule

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.scheduling.wall_time import is_ambiguous, is_nonexistent

MAX_OCCURRENCES = 400
_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY_BY_DATE = "monthly_by_date"  # e.g. the 15th of every month
    MONTHLY_BY_WEEKDAY = "monthly_by_weekday"  # e.g. the second Tuesday; -1 = the last


@dataclass(frozen=True, slots=True)
class RecurrenceRule:
    frequency: Frequency
    interval: int = 1  # every N days/weeks/months
    weekdays: tuple[int, ...] = ()  # WEEKLY: 0 = Monday; empty = the first date's weekday
    week_position: int | None = None  # MONTHLY_BY_WEEKDAY: 1..4 or -1; None = from first date
    until: date | None = None  # inclusive, local date
    count: int | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "frequency": self.frequency.value,
                "interval": self.interval,
                "weekdays": list(self.weekdays),
                "week_position": self.week_position,
                "until": self.until.isoformat() if self.until else None,
                "count": self.count,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> RecurrenceRule:
        raw = json.loads(text)
        return cls(
            frequency=Frequency(raw["frequency"]),
            interval=int(raw["interval"]),
            weekdays=tuple(raw["weekdays"]),
            week_position=raw["week_position"],
            until=date.fromisoformat(raw["until"]) if raw["until"] else None,
            count=raw["count"],
        )


@dataclass(frozen=True, slots=True)
class Occurrence:
    local_start: datetime  # naive wall time
    start: int | None  # UTC seconds; None when the wall time does not exist
    end: int | None
    problem: str | None = None  # a sentence when the occurrence cannot be booked as is


def validate(rule: RecurrenceRule) -> None:
    if rule.interval < 1 or rule.interval > 52:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Repeat every 1 to 52 days, weeks or months.",
            ),
            field="interval",
        )
    if rule.until is None and rule.count is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Say when the series ends: an end date or a number of occurrences.",
            ),
            field="until",
        )
    if rule.count is not None and not 1 <= rule.count <= MAX_OCCURRENCES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "A series has 1 to {most} occurrences.",
            ).format(most=str(MAX_OCCURRENCES)),
            field="count",
        )
    if any(not 0 <= d <= 6 for d in rule.weekdays):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Weekdays must be Monday to Sunday.",
            ),
            field="weekdays",
        )
    if rule.week_position is not None and rule.week_position not in (1, 2, 3, 4, -1):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Choose the first, second, third, fourth or last weekday of the month.",
            ),
            field="week_position",
        )


def wall_starts(rule: RecurrenceRule, first: datetime) -> list[datetime]:
    """The naive local start of every occurrence (at most MAX_OCCURRENCES)."""
    validate(rule)
    first = first.replace(tzinfo=None, fold=0)
    kwargs: dict[str, object] = {"dtstart": first, "interval": rule.interval}
    if rule.count is not None:
        kwargs["count"] = rule.count
    if rule.until is not None:
        kwargs["until"] = datetime.combine(rule.until, time.max)
    if rule.frequency is Frequency.DAILY:
        freq = rrule.DAILY
    elif rule.frequency is Frequency.WEEKLY:
        freq = rrule.WEEKLY
        kwargs["byweekday"] = [_WEEKDAYS[d] for d in (rule.weekdays or (first.weekday(),))]
    elif rule.frequency is Frequency.MONTHLY_BY_DATE:
        freq = rrule.MONTHLY
        kwargs["bymonthday"] = first.day
    else:
        freq = rrule.MONTHLY
        position = rule.week_position or min((first.day - 1) // 7 + 1, 4)
        kwargs["byweekday"] = _WEEKDAYS[first.weekday()](position)
    starts: list[datetime] = []
    for occurrence in rrule.rrule(freq, **kwargs):  # type: ignore[arg-type]
        starts.append(occurrence)
        if len(starts) >= MAX_OCCURRENCES:
            break
    if not starts:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "This repeat rule has no occurrences; check the first date and the end date.",
            ),
            field="until",
        )
    return starts


def expand(
    rule: RecurrenceRule,
    first: datetime,
    duration: timedelta,
    zone: ZoneInfo,
    fold: int | None = None,
) -> list[Occurrence]:
    """Every occurrence with its UTC instants, or a sentence saying why it cannot exist."""
    result: list[Occurrence] = []
    for local in wall_starts(rule, first):
        stamp = local.strftime("%Y-%m-%d %H:%M")
        if is_nonexistent(local, zone):
            problem = f"{stamp} does not exist (the clocks skip it for summer time)."
            result.append(Occurrence(local, None, None, problem))
            continue
        if is_ambiguous(local, zone) and fold is None:
            problem = f"{stamp} happens twice (the clocks go back); choose which one."
            result.append(Occurrence(local, None, None, problem))
            continue
        start = int(local.replace(tzinfo=zone, fold=fold or 0).timestamp())
        # The end is wall time too: a 60-minute visit at 01:30 on a change night still
        # ends 60 real minutes later; duration is elapsed time, not wall time.
        result.append(Occurrence(local, start, start + int(duration.total_seconds())))
    return result
