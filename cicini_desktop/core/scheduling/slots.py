"""The free-slot finder: earliest N starts where a type fits, best first.

A slot for provider P at start s fits when
  * [s, s + duration) lies inside one of P's bookable spans,
  * [s - buffer_before, s + duration + buffer_after) overlaps no blocked span of P
    (existing bookings with their own buffers),
  * if a room kind is needed, one room of that kind is free over [s, s + duration),
  * the preferences hold (morning = starts before 12:00, afternoon = at or after 12:00,
    weekdays = Monday to Friday, all in clinic wall time).
These are exactly the rules of `conflicts.check`, so every slot returned is bookable.
Starts are on a grid of `step` minutes of local wall time (the clinic's quarter hours).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from cicini_desktop.core.scheduling.intervals import Span

NOON_MINUTE = 12 * 60


class DayPart(StrEnum):
    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"


@dataclass(frozen=True, slots=True)
class Preferences:
    day_part: DayPart = DayPart.ANY
    weekdays_only: bool = False
    weekdays: frozenset[int] | None = None  # 0 = Monday; None = any day


@dataclass(frozen=True, slots=True)
class SlotQuery:
    duration: int  # seconds
    buffer_before: int = 0
    buffer_after: int = 0
    step_minutes: int = 15
    limit: int = 10
    preferences: Preferences = Preferences()


@dataclass(frozen=True, slots=True)
class Slot:
    provider_id: str
    start: int
    end: int
    room_id: str | None = None


class _Busy:
    """Sorted blocked spans with a fast 'first one that could collide' lookup."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # running max of ends so a long span earlier in the list is never missed
        self.max_end: list[int] = []
        running = -(2**62)
        for _, end in self.spans:
            running = max(running, end)
            self.max_end.append(running)

    def collision_end(self, start: int, end: int) -> int | None:
        """The latest end among spans overlapping [start, end), or None when free."""
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`
        latest: int | None = None
        j = i - 1
        while j >= 0 and self.max_end[j] > start:
            s, e = self.spans[j]
            if e > start and s < end:
                latest = e if latest is None else max(latest, e)
            j -= 1
        return latest


def _preferred(instant: int, zone: ZoneInfo, prefs: Preferences) -> bool:
    if prefs.day_part is DayPart.ANY and not prefs.weekdays_only and prefs.weekdays is None:
        return True
    local = datetime.fromtimestamp(instant, zone)
    weekday = local.weekday()
    if prefs.weekdays_only and weekday >= 5:
        return False
    if prefs.weekdays is not None and weekday not in prefs.weekdays:
        return False
    minute = local.hour * 60 + local.minute
    if prefs.day_part is DayPart.MORNING:
        return minute < NOON_MINUTE
    if prefs.day_part is DayPart.AFTERNOON:
        return minute >= NOON_MINUTE
    return True


def _grid_up(instant: int, zone: ZoneInfo, step: int) -> int:
    """The first instant >= `instant` on the local `step`-second grid."""
    offset = int(datetime.fromtimestamp(instant, zone).utcoffset().total_seconds())  # type: ignore[union-attr]
    local = instant + offset
    return instant + (-local) % step


def _provider_slots(
    provider_id: str,
    working: Sequence[Span],
    busy: _Busy,
    query: SlotQuery,
    zone: ZoneInfo,
    not_before: int,
    rooms: Mapping[str, _Busy] | None,
) -> Iterator[Slot]:
    step = query.step_minutes * 60
    duration = query.duration
    for span_start, span_end in working:
        candidate = _grid_up(max(span_start, not_before), zone, step)
        while candidate + duration <= span_end:
            collision = busy.collision_end(
                candidate - query.buffer_before, candidate + duration + query.buffer_after
            )
            if collision is not None:
                # jump past the colliding block, then back onto the grid
                candidate = _grid_up(
                    max(candidate + step, collision + query.buffer_before), zone, step
                )
                continue
            room_id: str | None = None
            if rooms is not None:
                room_id = next(
                    (
                        r
                        for r, b in rooms.items()
                        if b.collision_end(candidate, candidate + duration) is None
                    ),
                    None,
                )
                if room_id is None:
                    candidate = _grid_up(candidate + step, zone, step)
                    continue
            if _preferred(candidate, zone, query.preferences):
                yield Slot(provider_id, candidate, candidate + duration, room_id)
            candidate = _grid_up(candidate + step, zone, step)


def find_slots(
    query: SlotQuery,
    *,
    zone: ZoneInfo,
    working: Mapping[str, Sequence[Span]],
    busy: Mapping[str, Sequence[Span]],
    not_before: int,
    room_busy: Mapping[str, Sequence[Span]] | None = None,
) -> list[Slot]:
    """Earliest `query.limit` slots over the providers of `working`, ordered by start.

    `working`: merged bookable spans per provider; `busy`: blocked spans (with buffers) of
    their existing bookings; `room_busy`: when a room kind is needed, the booked spans of
    every room of that kind (an empty mapping means no such room, so no slot).
    """
    rooms = None if room_busy is None else {r: _Busy(s) for r, s in room_busy.items()}
    streams = [
        _provider_slots(p, spans, _Busy(busy.get(p, ())), query, zone, not_before, rooms)
        for p, spans in working.items()
    ]
    order = {p: i for i, p in enumerate(working)}
    merged = heapq.merge(*streams, key=lambda s: (s.start, order[s.provider_id]))
    result: list[Slot] = []
    for slot in merged:
        result.append(slot)
        if len(result) >= query.limit:
            break
    return result
