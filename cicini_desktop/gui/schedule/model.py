"""The calendar's model: which days and providers are on screen, and their rows.

The views ask this model for columns and the appointments of a column; the page fills it
from a `ScheduleSnapshot` fetched on the database worker. Rows outside the visible days or
providers are dropped here, so the views never paint (or hit-test) what is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from cicini_desktop.gui.schedule.rows import (
    AppointmentRow,
    Interval,
    ProviderDay,
    ProviderRow,
    ScheduleSnapshot,
)


@dataclass(frozen=True, slots=True)
class Column:
    day: date
    provider: ProviderRow


class ScheduleModel(QObject):
    """Visible range + providers + the rows fetched for them."""

    changed = Signal()

    def __init__(self, timezone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self.days: tuple[date, ...] = ()
        self.providers: tuple[ProviderRow, ...] = ()
        self._by_column: dict[tuple[date, str], list[AppointmentRow]] = {}
        self._availability: dict[tuple[date, str], ProviderDay] = {}
        self._by_id: dict[str, AppointmentRow] = {}
        # Made when the range changes, not on every ask: the grid's geometry asks for the
        # column count thousands of times a paint.
        self._columns: list[Column] = []
        # Rows of a day share a few hundred instants, each asked for its local time several
        # times a layout and paint; zone conversion is the cost (cleared with the rows).
        self._local: dict[datetime, datetime] = {}

    def _set_visible(self, days: tuple[date, ...], providers: tuple[ProviderRow, ...]) -> None:
        self.days = days
        self.providers = providers
        self._columns = [Column(day, provider) for day in days for provider in providers]

    # --- what is visible -------------------------------------------------------------
    def set_range(self, days: tuple[date, ...], providers: tuple[ProviderRow, ...]) -> None:
        self._set_visible(days, providers)
        self._by_column.clear()
        self._availability.clear()
        self._by_id.clear()
        self.changed.emit()

    def show_range(
        self,
        days: tuple[date, ...],
        providers: tuple[ProviderRow, ...],
        snapshot: ScheduleSnapshot,
    ) -> None:
        """A new range with its rows at once: one `changed`, so the grid lays out and paints
        once (not an empty grid first, then the rows)."""
        self._set_visible(days, providers)
        self.set_snapshot(snapshot)

    def columns(self) -> list[Column]:
        """Day view: one column per provider. Week view: each day, then its providers.
        (The model's own list: read it, do not change it.)"""
        return self._columns

    def local_bounds(self) -> tuple[datetime, datetime]:
        """The visible range as aware instants: first day 00:00 to the day after the last."""
        if not self.days:
            raise ValueError("no days visible")
        first = datetime.combine(self.days[0], time(0), self.timezone)
        last = datetime.combine(self.days[-1] + timedelta(days=1), time(0), self.timezone)
        return first, last

    # --- rows ------------------------------------------------------------------------
    def set_snapshot(self, snapshot: ScheduleSnapshot) -> None:
        self._local.clear()
        self._by_column.clear()
        self._availability.clear()
        self._by_id.clear()
        if not self.days:
            self.changed.emit()
            return
        visible_days = set(self.days)
        visible_providers = {provider.id for provider in self.providers}
        start, end = self.local_bounds()
        for row in snapshot.appointments:
            if row.provider_id not in visible_providers:
                continue
            if row.end <= start or row.start >= end:
                continue
            day = self.local(row.start).date()
            if day not in visible_days:
                continue
            self._by_column.setdefault((day, row.provider_id), []).append(row)
            self._by_id[row.id] = row
        for rows in self._by_column.values():
            rows.sort(key=lambda r: (r.start, r.end, r.id))
        for provider_day in snapshot.availability:
            if provider_day.day in visible_days and provider_day.provider_id in visible_providers:
                self._availability[(provider_day.day, provider_day.provider_id)] = provider_day
        self.changed.emit()

    def appointments(self) -> list[AppointmentRow]:
        """Every visible appointment, in time order."""
        return sorted(self._by_id.values(), key=lambda r: (r.start, r.provider_id, r.id))

    def appointments_in(self, day: date, provider_id: str) -> list[AppointmentRow]:
        return self._by_column.get((day, provider_id), [])

    def appointment(self, appointment_id: str) -> AppointmentRow | None:
        return self._by_id.get(appointment_id)

    def availability(self, day: date, provider_id: str) -> ProviderDay | None:
        return self._availability.get((day, provider_id))

    def provider(self, provider_id: str) -> ProviderRow | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    # --- time --------------------------------------------------------------------------
    def local(self, instant: datetime) -> datetime:
        found = self._local.get(instant)
        if found is None:
            found = self._local[instant] = instant.astimezone(self.timezone)
        return found

    def minute_of_day(self, instant: datetime) -> int:
        local = self.local(instant)
        return local.hour * 60 + local.minute

    def instant(self, day: date, minute: int) -> datetime:
        """Local wall time `minute` after midnight of `day`, as an aware datetime."""
        return datetime.combine(day, time(0), self.timezone) + timedelta(minutes=minute)


def lanes(rows: list[AppointmentRow]) -> dict[str, tuple[int, int]]:
    """Side-by-side layout of overlapping appointments: id -> (lane, lanes in its cluster)."""
    result: dict[str, tuple[int, int]] = {}
    cluster: list[tuple[AppointmentRow, int]] = []
    cluster_end: datetime | None = None
    lane_ends: list[datetime] = []

    def close() -> None:
        width = max((lane for _, lane in cluster), default=-1) + 1
        for row, lane in cluster:
            result[row.id] = (lane, width)

    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        if cluster_end is not None and row.start >= cluster_end:
            close()
            cluster, lane_ends, cluster_end = [], [], None
        for index, lane_end in enumerate(lane_ends):
            if lane_end <= row.start:
                lane_ends[index] = row.end
                cluster.append((row, index))
                break
        else:
            lane_ends.append(row.end)
            cluster.append((row, len(lane_ends) - 1))
        cluster_end = row.end if cluster_end is None else max(cluster_end, row.end)
    close()
    return result


def free_minutes(provider_day: ProviderDay | None) -> list[Interval]:
    return list(provider_day.working) if provider_day else []
