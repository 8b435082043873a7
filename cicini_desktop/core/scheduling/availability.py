"""Who can be booked when: clinic hours, closures, provider rota, time off, extra hours.

All hours are wall minutes (0..1440) on local dates; they become UTC spans only for a
concrete date range, in the clinic's zone, so 09:00 stays 09:00 across DST.

A provider's bookable time on a date is::

    ((rota in force on that date) ∪ extra hours) − time off, ∩ (clinic hours − closures)

The rota in force on a date is the provider's rota group with the latest
``effective_from`` on or before that date whose ``valid_until`` (if any) is not before it,
so a new rota can be planned ahead and a temporary one ends by itself. Within a group,
rows with a ``parity`` alternate by week (0 = week A, the week of ``effective_from``;
1 = week B), and rows of kind "break" are taken out of the working rows of their day.
A clinic with no opening hours at all is treated as unrestricted (a fresh install).
A closure may be whole days, or a part day: from (start_date, start_minute) to
(end_date, end_minute), like time off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from cicini_desktop.core.scheduling import intervals
from cicini_desktop.core.scheduling.intervals import Span
from cicini_desktop.core.scheduling.wall_time import lenient_utc, local_date


@dataclass(frozen=True, slots=True)
class ClinicHours:
    weekday: int  # 0 = Monday
    start_minute: int
    end_minute: int


@dataclass(frozen=True, slots=True)
class Closure:
    start_date: date
    end_date: date  # inclusive
    start_minute: int | None = None  # None with end_minute None: whole days
    end_minute: int | None = None

    @property
    def whole_days(self) -> bool:
        return self.start_minute is None and self.end_minute is None


@dataclass(frozen=True, slots=True)
class RotaInterval:
    provider_id: str
    weekday: int
    start_minute: int
    end_minute: int
    effective_from: date
    valid_until: date | None = None
    parity: int | None = None  # None: every week; 0: week A; 1: week B
    kind: str = "work"  # "work" | "break"
    room_id: str | None = None


def week_parity(effective_from: date, day: date) -> int:
    """0 in the week (Monday to Sunday) of `effective_from` and every second week after."""
    monday = effective_from - timedelta(days=effective_from.weekday())
    return ((day - monday).days // 7) % 2


@dataclass(frozen=True, slots=True)
class TimeOff:
    """From (start_date, start_minute or 00:00) to (end_date, end_minute or 24:00)."""

    provider_id: str
    start_date: date
    end_date: date
    start_minute: int | None = None
    end_minute: int | None = None


@dataclass(frozen=True, slots=True)
class ExtraHours:
    provider_id: str
    on_date: date
    start_minute: int
    end_minute: int


@dataclass(frozen=True)
class Availability:
    zone: ZoneInfo
    clinic_hours: tuple[ClinicHours, ...] = ()
    closures: tuple[Closure, ...] = ()
    rota: tuple[RotaInterval, ...] = ()
    time_off: tuple[TimeOff, ...] = ()
    extra: tuple[ExtraHours, ...] = ()
    _rota_by_provider: dict[str, list[RotaInterval]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    # Clinic spans per date range: the same for every provider of one slot search.
    _clinic_cache: dict[tuple[date, date], list[Span] | None] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for entry in self.rota:
            self._rota_by_provider.setdefault(entry.provider_id, []).append(entry)

    # --- the clinic -------------------------------------------------------------------

    def closed_on(self, day: date) -> bool:
        """Closed all day (a whole-day closure covers it)."""
        return any(c.whole_days and c.start_date <= day <= c.end_date for c in self.closures)

    def closure_spans(self) -> list[Span]:
        """UTC spans of part-day closures (whole days are left out of the day loop)."""
        return [
            (
                lenient_utc(c.start_date, c.start_minute or 0, self.zone),
                lenient_utc(c.end_date, 1440 if c.end_minute is None else c.end_minute, self.zone),
            )
            for c in self.closures
            if not c.whole_days
        ]

    def closed_during(self, start: int, end: int) -> bool:
        """Any closure (whole day or part day) overlaps the instants [start, end)."""
        first, last = local_date(start, self.zone), local_date(max(start, end - 1), self.zone)
        if self.closed_on(first) or self.closed_on(last):
            return True
        return any(intervals.overlaps(start, end, s, e) for s, e in self.closure_spans())

    def clinic_spans(self, start_day: date, end_day: date) -> list[Span] | None:
        """UTC spans the clinic is open on [start_day, end_day]; None = unrestricted."""
        key = (start_day, end_day)
        if key not in self._clinic_cache:
            self._clinic_cache[key] = self._clinic_spans(start_day, end_day)
        return self._clinic_cache[key]

    def _clinic_spans(self, start_day: date, end_day: date) -> list[Span] | None:
        if not self.clinic_hours:
            spans: list[Span] = []
            for day in _days(start_day, end_day):
                if not self.closed_on(day):
                    spans.append(
                        (lenient_utc(day, 0, self.zone), lenient_utc(day, 1440, self.zone))
                    )
            if not self.closures:
                return None
            return intervals.subtract(spans, self.closure_spans())
        spans = []
        for day in _days(start_day, end_day):
            if self.closed_on(day):
                continue
            for hours in self.clinic_hours:
                if hours.weekday == day.weekday():
                    spans.append(_span(day, hours.start_minute, hours.end_minute, self.zone))
        return intervals.subtract(intervals.merge(spans), self.closure_spans())

    # --- a provider -------------------------------------------------------------------

    def rota_on(self, provider_id: str, day: date) -> list[RotaInterval]:
        """The rows (work and breaks) of the group in force on `day`, for that weekday and
        that week of an A/B rota."""
        entries = self._rota_by_provider.get(provider_id, ())
        in_force = max(
            (
                e.effective_from
                for e in entries
                if e.effective_from <= day and (e.valid_until is None or day <= e.valid_until)
            ),
            default=None,
        )
        if in_force is None:
            return []
        parity = week_parity(in_force, day)
        return [
            e
            for e in entries
            if e.effective_from == in_force
            and e.weekday == day.weekday()
            and (e.parity is None or e.parity == parity)
        ]

    def provider_spans(self, provider_id: str, start_day: date, end_day: date) -> list[Span]:
        """Merged UTC spans in which `provider_id` may be booked, for whole local days."""
        working: list[Span] = []
        pauses: list[Span] = []
        for day in _days(start_day, end_day):
            for entry in self.rota_on(provider_id, day):
                span = _span(day, entry.start_minute, entry.end_minute, self.zone)
                (pauses if entry.kind == "break" else working).append(span)
        if pauses:
            working = intervals.subtract(intervals.merge(working), intervals.merge(pauses))
        for extra in self.extra:
            if extra.provider_id == provider_id and start_day <= extra.on_date <= end_day:
                working.append(
                    _span(extra.on_date, extra.start_minute, extra.end_minute, self.zone)
                )
        working = intervals.subtract(working, self.time_off_spans(provider_id))
        clinic = self.clinic_spans(start_day, end_day)
        return intervals.merge(working) if clinic is None else intervals.intersect(working, clinic)

    def time_off_spans(self, provider_id: str) -> list[Span]:
        return [
            (
                lenient_utc(t.start_date, t.start_minute or 0, self.zone),
                lenient_utc(t.end_date, 1440 if t.end_minute is None else t.end_minute, self.zone),
            )
            for t in self.time_off
            if t.provider_id == provider_id
        ]

    def spans_for(self, provider_id: str, start: int, end: int) -> list[Span]:
        """Bookable spans of the provider covering the instants [start, end)."""
        first = local_date(start, self.zone) - timedelta(days=1)
        last = local_date(end, self.zone) + timedelta(days=1)
        return self.provider_spans(provider_id, first, last)


def _days(start_day: date, end_day: date) -> Iterable[date]:
    day = start_day
    while day <= end_day:
        yield day
        day += timedelta(days=1)


def _span(day: date, start_minute: int, end_minute: int, tz: ZoneInfo) -> Span:
    return lenient_utc(day, start_minute, tz), lenient_utc(day, end_minute, tz)
