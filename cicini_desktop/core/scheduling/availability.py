"""Who can be booked when: clinic hours, closures, provider rota, time off, extra hours.

All hours are wall minutes (0..1440) on local dates; they become UTC spans only for a
concrete date range, in the clinic's zone, so 09:00 stays 09:00 across DST.

A provider's bookable time on a date is::

    ((rota in force on that date) ∪ extra hours) − time off, ∩ (clinic hours − closures)

The rota in force on a date is the provider's rota group with the latest
``effective_from`` on or before that date, so a new rota can be planned ahead.
A clinic with no opening hours at all is treated as unrestricted (a fresh install).
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


@dataclass(frozen=True, slots=True)
class RotaInterval:
    provider_id: str
    weekday: int
    start_minute: int
    end_minute: int
    effective_from: date


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
        return any(c.start_date <= day <= c.end_date for c in self.closures)

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
            return spans if self.closures else None
        spans = []
        for day in _days(start_day, end_day):
            if self.closed_on(day):
                continue
            for hours in self.clinic_hours:
                if hours.weekday == day.weekday():
                    spans.append(_span(day, hours.start_minute, hours.end_minute, self.zone))
        return intervals.merge(spans)

    # --- a provider -------------------------------------------------------------------

    def rota_on(self, provider_id: str, day: date) -> list[RotaInterval]:
        entries = self._rota_by_provider.get(provider_id, ())
        in_force = max((e.effective_from for e in entries if e.effective_from <= day), default=None)
        if in_force is None:
            return []
        return [e for e in entries if e.effective_from == in_force and e.weekday == day.weekday()]

    def provider_spans(self, provider_id: str, start_day: date, end_day: date) -> list[Span]:
        """Merged UTC spans in which `provider_id` may be booked, for whole local days."""
        working: list[Span] = []
        for day in _days(start_day, end_day):
            for entry in self.rota_on(provider_id, day):
                working.append(_span(day, entry.start_minute, entry.end_minute, self.zone))
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
