"""What the schedule page asks of the scheduling services, as plain rows.

`ScheduleBackend` is the page's whole contract with the data; `services_backend.py`
implements it over the real scheduling services. Every method runs on the database worker
(through `WriteOp`/`QueryOp`), never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.ids import (
    AppointmentId,
    AppointmentTypeId,
    PatientId,
    StaffId,
    WaitlistEntryId,
)
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP
from cicini_desktop.gui.schedule.rows import (
    PatientHit,
    ProviderRow,
    RoomRow,
    ScheduleSnapshot,
    TypeRow,
    WaitlistRow,
)


@dataclass(frozen=True, slots=True)
class BookingDraft:
    provider_id: str
    start: datetime
    minutes: int
    patient_id: str = ""
    type_id: str = ""
    room_id: str = ""
    note: str = ""
    # Recurrence: "" (none), "daily", "weekly", "every_2_weeks", "monthly"; `count` occurrences.
    repeat: str = ""
    count: int = 1
    waitlist_entry_id: str = ""  # booked from this waitlist entry: it is closed on booking


@dataclass(frozen=True, slots=True)
class NewPatient:
    given_name: str
    family_name: str
    birth_date: date | None = None
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class OccurrenceCheck:
    start: datetime
    sentences: tuple[str, ...] = ()
    wall: datetime | None = None  # naive clinic wall time of the occurrence (series only)


@dataclass(frozen=True, slots=True)
class SlotRow:
    provider_id: str
    provider_name: str
    start: datetime
    end: datetime
    room_id: str = ""


@dataclass(frozen=True, slots=True)
class CancelOutcome:
    changes: Changes
    offers: tuple[WaitlistRow, ...] = ()
    freed_provider_id: str = ""
    freed_start: datetime | None = None
    freed_minutes: int = 0


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One appointment in a patient's file."""

    appointment_id: str
    start: datetime
    end: datetime
    provider_id: str
    provider_name: str
    type_name: str
    status: str
    status_label: str
    late_cancel: bool = False


@dataclass(frozen=True, slots=True)
class PatientFileView:
    """What the patient file shows; built on the worker, painted on the GUI thread."""

    patient_id: str
    name: str
    number: str
    birth_date: date | None
    phone: str
    email: str
    reminder: str
    upcoming: tuple[VisitRow, ...] = ()
    past: tuple[VisitRow, ...] = ()
    attendance: str = ""
    no_shows: int = 0
    late_cancels: int = 0
    waitlist: tuple[WaitlistRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The slow-changing lists the page keeps: providers, types, rooms, cancel reasons."""

    providers: tuple[ProviderRow, ...]
    types: tuple[TypeRow, ...]
    rooms: tuple[RoomRow, ...]
    cancel_reasons: tuple[tuple[str, str], ...] = field(
        default=(
            ("patient_request", QT_TRANSLATE_NOOP("schedule.source", "Patient asked to cancel")),
            ("illness", QT_TRANSLATE_NOOP("schedule.source", "Patient is ill")),
            ("provider_unavailable", QT_TRANSLATE_NOOP("schedule.source", "Provider unavailable")),
            ("rescheduled", QT_TRANSLATE_NOOP("schedule.source", "Rescheduled")),
            ("other", QT_TRANSLATE_NOOP("schedule.source", "Other")),
        )
    )


class ScheduleBackend(Protocol):
    def catalogue(self) -> Catalogue: ...

    def snapshot(
        self, first_day: date, last_day: date, provider_ids: tuple[StaffId, ...]
    ) -> ScheduleSnapshot: ...

    def month_counts(self, first_day: date, last_day: date) -> dict[date, int]: ...

    def search_patients(self, text: str, limit: int = 20) -> list[PatientHit]: ...

    def create_patient(self, patient: NewPatient) -> PatientHit: ...

    def check(self, draft: BookingDraft, ignore_id: str = "") -> list[OccurrenceCheck]: ...

    def book(
        self, draft: BookingDraft, override_reason: str = "", skip: tuple[datetime, ...] = ()
    ) -> Changes: ...

    def move(
        self,
        appointment_id: AppointmentId,
        version: int,
        provider_id: StaffId,
        start: datetime,
        end: datetime,
        override_reason: str = "",
        scope: str = "this",
        room_id: str = "",
        without_room: bool = False,
    ) -> Changes: ...

    def set_status(
        self, appointment_id: AppointmentId, version: int, status: str, override_reason: str = ""
    ) -> Changes: ...

    def edit_note(self, appointment_id: AppointmentId, version: int, note: str) -> Changes: ...

    def patient_file(self, patient_id: PatientId) -> PatientFileView: ...

    def attendance(self, patient_id: PatientId) -> str: ...

    def cancel(
        self, appointment_id: AppointmentId, version: int, reason: str, scope: str = "this"
    ) -> CancelOutcome: ...

    def find_slots(
        self,
        type_id: AppointmentTypeId,
        provider_id: StaffId,
        after: datetime,
        preference: str,
        limit: int = 20,
    ) -> list[SlotRow]: ...

    def waitlist(self) -> list[WaitlistRow]: ...

    def add_waitlist(
        self,
        patient_id: PatientId,
        type_id: AppointmentTypeId,
        provider_id: StaffId,
        priority: int,
        note: str,
    ) -> Changes: ...

    def edit_waitlist(self, entry_id: WaitlistEntryId, priority: int, note: str) -> Changes: ...

    def remove_waitlist(self, entry_id: WaitlistEntryId) -> Changes: ...

    def appointment_note(self, appointment_id: AppointmentId) -> str: ...

    def next_open_day(self, after: date, provider_ids: tuple[StaffId, ...]) -> date | None: ...

    def day_sheet_options(self) -> tuple[bool, bool]: ...  # phones, page per provider

    def patient_phones(self, patient_ids: tuple[PatientId, ...]) -> dict[str, str]: ...

    def day_sheet_printed(self) -> Changes: ...
