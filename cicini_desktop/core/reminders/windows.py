"""When a reminder may go: its send window, quiet hours and the settle delay.

All instants are UTC seconds; quiet hours are clinic-local wall time, so the zone is an
argument (a 2-hours-before reminder is about the clinic's clock, also across DST).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
DEFAULT_SETTLE_MINUTES = 5


@dataclass(frozen=True, slots=True)
class QuietHours:
    """No message between `start_minute` and `end_minute` local time (may wrap midnight).

    Equal start and end means "no quiet hours".
    """

    start_minute: int = 21 * 60
    end_minute: int = 8 * 60

    def __post_init__(self) -> None:
        for value in (self.start_minute, self.end_minute):
            if not 0 <= value < MINUTES_PER_DAY:
                raise ValueError("quiet hours are minutes of the day, 0 to 1439")

    def contains(self, minute_of_day: int) -> bool:
        if self.start_minute == self.end_minute:
            return False
        if self.start_minute < self.end_minute:
            return self.start_minute <= minute_of_day < self.end_minute
        return minute_of_day >= self.start_minute or minute_of_day < self.end_minute


def _local(seconds: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).astimezone(tz)


def is_quiet(seconds: int, quiet: QuietHours, tz: ZoneInfo) -> bool:
    local = _local(seconds, tz)
    return quiet.contains(local.hour * 60 + local.minute)


def quiet_end_after(seconds: int, quiet: QuietHours, tz: ZoneInfo) -> int:
    """The first instant at or after `seconds` that is not quiet (minute resolution)."""
    moment = seconds
    # At most a day of minutes; stepping by minutes is exact across DST jumps.
    for _ in range(MINUTES_PER_DAY + 1):
        if not is_quiet(moment, quiet, tz):
            return moment
        moment = (moment // 60 + 1) * 60
    return moment


def quiet_start_before(seconds: int, quiet: QuietHours, tz: ZoneInfo) -> int:
    """The last non-quiet minute at or before `seconds` (the moment quiet hours begin - 1 min)."""
    moment = seconds
    for _ in range(MINUTES_PER_DAY + 1):
        if not is_quiet(moment, quiet, tz):
            return moment
        moment = (moment // 60 - 1) * 60
    return moment


@dataclass(frozen=True, slots=True)
class Window:
    not_before: int
    not_after: int

    def open_at(self, seconds: int) -> bool:
        return self.not_before <= seconds < self.not_after


def send_window(
    *,
    start_at: int,
    offset_minutes: int,
    late_minutes: int,
    changed_at: int,
    now: int,
    quiet: QuietHours,
    tz: ZoneInfo,
    settle_minutes: int = DEFAULT_SETTLE_MINUTES,
) -> Window | None:
    """The window of a reminder `offset_minutes` before `start_at`, or None if there is none.

    * ideal time = start - offset; it may go up to `late_minutes` after it, never after the
      start of the appointment;
    * not before the appointment has been left unchanged for `settle_minutes` (an undone move
      sends nothing, a burst of edits sends one message);
    * an ideal time in quiet hours moves earlier, to just before they begin (a 2-hour reminder
      of an 08:30 appointment goes the evening before), or, if that is already past or the
      planning is too late, to when they end, if that is still before the appointment.
    """
    if offset_minutes <= 0 or late_minutes < 0:
        raise ValueError("a reminder goes a positive number of minutes before the appointment")
    ideal = start_at - offset_minutes * 60
    settled = changed_at + settle_minutes * 60
    not_after = min(ideal + late_minutes * 60, start_at)
    not_before = max(ideal, settled)
    if is_quiet(not_before, quiet, tz):
        earlier = quiet_start_before(not_before, quiet, tz)
        if earlier >= max(now, settled) and not_before == ideal:
            not_before = earlier
            not_after = max(not_after, earlier + 60)
            not_after = min(not_after, start_at)
        else:
            not_before = quiet_end_after(not_before, quiet, tz)
    if not_before >= not_after:
        return None
    return Window(not_before, not_after)


def horizon_seconds(max_offset_minutes: int) -> int:
    """How far ahead the planner looks: the largest offset plus a day of quiet-hours slack."""
    return int(timedelta(minutes=max_offset_minutes, days=1).total_seconds())
