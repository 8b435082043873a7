"""Waitlist matching: which entries fit a freed stretch of time, best first.

An entry fits freed time [start, end) of provider P when it is active and not expired,
asks for P or any provider (and P offers the entry's type), its type (with buffers) fits
in the freed time, and the freed start is on a preferred weekday and within the
preferred wall-clock window of start times. Best first: higher priority, then the longest waiting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class WaitlistWish:
    entry_id: str
    patient_id: str
    type_id: str
    provider_id: str | None  # None = any provider offering the type
    weekdays: frozenset[int]  # empty = any day
    earliest_minute: int  # wall minutes, 0..1440
    latest_minute: int
    priority: int  # higher first
    created_at: int
    expires_on: date | None
    needed_seconds: int  # type duration + buffers


def matches(
    freed_provider_id: str,
    freed_start: int,
    freed_end: int,
    wishes: Iterable[WaitlistWish],
    *,
    offered_types: frozenset[str],
    zone: ZoneInfo,
    today: date,
) -> list[WaitlistWish]:
    local = datetime.fromtimestamp(freed_start, zone)
    minute = local.hour * 60 + local.minute
    fitting = [
        w
        for w in wishes
        if (w.expires_on is None or w.expires_on >= today)
        and (w.provider_id is None or w.provider_id == freed_provider_id)
        and w.type_id in offered_types
        and w.needed_seconds <= freed_end - freed_start
        and (not w.weekdays or local.weekday() in w.weekdays)
        and w.earliest_minute <= minute < w.latest_minute
    ]
    return sorted(fitting, key=lambda w: (-w.priority, w.created_at, w.entry_id))
