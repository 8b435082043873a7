"""Plain rows the calendar paints: no Qt, no services, just what is on screen.

`source.py` turns the scheduling services' answers into these; the views and the model only
ever see these types, so painting never waits on the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate

ACTIVE_STATUSES = ("booked", "confirmed", "arrived", "in_progress", "completed")
STATUS_LABELS: dict[str, str] = {
    "booked": QT_TRANSLATE_NOOP("schedule.rows", "Booked"),
    "confirmed": QT_TRANSLATE_NOOP("schedule.rows", "Confirmed"),
    "arrived": QT_TRANSLATE_NOOP("schedule.rows", "Arrived"),
    "in_progress": QT_TRANSLATE_NOOP("schedule.rows", "In progress"),
    "completed": QT_TRANSLATE_NOOP("schedule.rows", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("schedule.rows", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("schedule.rows", "No-show"),
}


@dataclass(frozen=True, slots=True)
class ProviderRow:
    id: str
    name: str
    colour: str = "#4a78c2"


@dataclass(frozen=True, slots=True)
class TypeRow:
    id: str
    name: str
    duration_minutes: int
    colour: str = "#6d8fd6"


@dataclass(frozen=True, slots=True)
class RoomRow:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    id: str
    provider_id: str
    start: datetime  # aware (UTC or clinic zone); the view converts to clinic-local time
    end: datetime
    patient_id: str
    patient_name: str
    type_id: str
    type_name: str
    colour: str
    status: str
    room_name: str = ""
    note: str = ""
    version: int = 1
    series_id: str | None = None
    arrived_at: datetime | None = None  # when the patient was checked in, if they were
    has_note: bool = False  # the calendar query says whether a note exists, not what it says
    room_id: str | None = None

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def status_label(self) -> str:
        return translate(
            "schedule.rows",
            STATUS_LABELS.get(self.status, self.status.replace("_", " ").capitalize()),
        )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


@dataclass(frozen=True, slots=True)
class Interval:
    """A stretch of local wall time on one provider's day, in minutes from midnight."""

    start_minute: int
    end_minute: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class ProviderDay:
    """Availability of one provider on one local date: working hours and greyed stretches."""

    provider_id: str
    day: date
    working: tuple[Interval, ...] = ()
    blocked: tuple[Interval, ...] = ()  # breaks inside the day's span, time off, closures


@dataclass(frozen=True, slots=True)
class ScheduleSnapshot:
    """Everything the calendar needs for a range of days and a set of providers."""

    first_day: date
    last_day: date
    provider_ids: tuple[str, ...]
    appointments: tuple[AppointmentRow, ...] = ()
    availability: tuple[ProviderDay, ...] = ()
    fetched_at: datetime | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PatientHit:
    id: str
    display_name: str
    detail: str = ""  # date of birth or masked phone, to tell namesakes apart


@dataclass(frozen=True, slots=True)
class WaitlistRow:
    id: str
    patient_id: str
    patient_name: str
    type_name: str
    provider_name: str
    priority: int
    preference: str = ""
    note: str = ""
    type_id: str = ""
    provider_id: str = ""
