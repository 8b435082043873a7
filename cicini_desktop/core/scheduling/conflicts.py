"""Conflicts as typed values, each with a plain sentence, and the pure check.

A booking blocks its provider over [start - buffer_before, end + buffer_after). Two
bookings of a provider whose own times overlap are `ProviderBooked`; whose times do not
overlap but whose buffers do are `BufferOverlap`. Rooms and patients are blocked over the
appointment's own time only. The appointment's own time (not its buffers) must lie inside
the provider's bookable hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP, Message
from cicini_desktop.core.scheduling import intervals
from cicini_desktop.core.scheduling.availability import Availability
from cicini_desktop.core.scheduling.status import BLOCKING, AppointmentStatus


@dataclass(frozen=True, slots=True)
class Booking:
    """What the conflict check and the slot finder need to know of an appointment."""

    id: str
    provider_id: str
    patient_id: str | None
    room_id: str | None
    start: int
    end: int
    buffer_before: int = 0  # seconds
    buffer_after: int = 0
    status: AppointmentStatus = AppointmentStatus.BOOKED

    @property
    def block_start(self) -> int:
        return self.start - self.buffer_before

    @property
    def block_end(self) -> int:
        return self.end + self.buffer_after

    @property
    def blocking(self) -> bool:
        return self.status in BLOCKING


class ConflictKind(StrEnum):
    PROVIDER_BOOKED = "provider_booked"
    ROOM_BOOKED = "room_booked"
    PATIENT_DOUBLE_BOOKED = "patient_double_booked"
    OUTSIDE_HOURS = "outside_hours"
    TIME_OFF = "time_off"
    CLINIC_CLOSED = "clinic_closed"
    BUFFER_OVERLAP = "buffer_overlap"


def _local(instant: int, tz: ZoneInfo) -> datetime:
    """A time parameter of a sentence (the window writes it with the clinic's clock)."""
    return datetime.fromtimestamp(instant, tz)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Base of every conflict: `kind`, the other appointment if any, and `sentence`."""

    start: int
    end: int
    zone: ZoneInfo
    other_appointment_id: str | None = None

    kind = ConflictKind.PROVIDER_BOOKED

    template = QT_TRANSLATE_NOOP("errors.conflicts", "There is a conflict from {start} to {end}.")

    @property
    def sentence(self) -> Message:
        """One sentence (a `Message`: English, translated by the window)."""
        return self.template.format(
            start=_local(self.start, self.zone), end=_local(self.end, self.zone)
        )


@dataclass(frozen=True, slots=True)
class ProviderBooked(Conflict):
    kind = ConflictKind.PROVIDER_BOOKED

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts", "The provider already has an appointment from {start} to {end}."
    )


@dataclass(frozen=True, slots=True)
class RoomBooked(Conflict):
    kind = ConflictKind.ROOM_BOOKED

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts", "The room is already booked from {start} to {end}."
    )


@dataclass(frozen=True, slots=True)
class PatientDoubleBooked(Conflict):
    kind = ConflictKind.PATIENT_DOUBLE_BOOKED

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts", "The patient already has another appointment from {start} to {end}."
    )


@dataclass(frozen=True, slots=True)
class OutsideHours(Conflict):
    kind = ConflictKind.OUTSIDE_HOURS

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts", "The provider does not work from {start} to {end}."
    )


@dataclass(frozen=True, slots=True)
class DuringTimeOff(Conflict):
    kind = ConflictKind.TIME_OFF

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts", "The provider is on time off from {start} to {end}."
    )


@dataclass(frozen=True, slots=True)
class ClinicClosed(Conflict):
    kind = ConflictKind.CLINIC_CLOSED

    @property
    def sentence(self) -> Message:
        day = datetime.fromtimestamp(self.start, self.zone).date()
        return QT_TRANSLATE_NOOP("errors.conflicts", "The clinic is closed on {day}.").format(
            day=day
        )


@dataclass(frozen=True, slots=True)
class BufferOverlap(Conflict):
    kind = ConflictKind.BUFFER_OVERLAP

    template = QT_TRANSLATE_NOOP(
        "errors.conflicts",
        "This is too close to the appointment from {start} to {end}: "
        "the preparation or clean-up time would overlap.",
    )


def summary(conflicts: Iterable[Conflict]) -> Message:
    """One message for a `ConflictError`: the sentences, joined."""
    return QT_TRANSLATE_NOOP(
        "errors.conflicts", "{conflicts} Pick another time, or override the conflict with a reason."
    ).format(conflicts=tuple(c.sentence for c in conflicts))


def check(
    candidate: Booking,
    others: Iterable[Booking],
    availability: Availability | None,
) -> list[Conflict]:
    """Every conflict `candidate` would have with `others` and the provider's hours.

    `others` may hold anything nearby; the candidate itself (same id) and appointments that
    no longer block time (cancelled, no-show) are ignored.
    """
    zone = availability.zone if availability is not None else ZoneInfo("UTC")
    found: list[Conflict] = []
    for other in others:
        if other.id == candidate.id or not other.blocking:
            continue
        core_overlap = intervals.overlaps(candidate.start, candidate.end, other.start, other.end)
        if other.provider_id == candidate.provider_id:
            if core_overlap:
                found.append(ProviderBooked(other.start, other.end, zone, other.id))
            elif intervals.overlaps(
                candidate.block_start, candidate.block_end, other.block_start, other.block_end
            ):
                found.append(BufferOverlap(other.start, other.end, zone, other.id))
        if core_overlap and candidate.room_id is not None and other.room_id == candidate.room_id:
            found.append(RoomBooked(other.start, other.end, zone, other.id))
        if (
            core_overlap
            and candidate.patient_id is not None
            and other.patient_id == candidate.patient_id
            and other.provider_id != candidate.provider_id
        ):
            found.append(PatientDoubleBooked(other.start, other.end, zone, other.id))
    if availability is not None:
        found.extend(hours_conflicts(candidate, availability))
    return found


def hours_conflicts(candidate: Booking, availability: Availability) -> list[Conflict]:
    zone = availability.zone
    spans = availability.spans_for(candidate.provider_id, candidate.start, candidate.end)
    if intervals.contains(spans, candidate.start, candidate.end):
        return []
    found: list[Conflict] = []
    if availability.closed_during(candidate.start, candidate.end):
        found.append(ClinicClosed(candidate.start, candidate.end, zone))
    for off_start, off_end in availability.time_off_spans(candidate.provider_id):
        if intervals.overlaps(candidate.start, candidate.end, off_start, off_end):
            found.append(DuringTimeOff(candidate.start, candidate.end, zone))
            break
    if not found:
        found.append(OutsideHours(candidate.start, candidate.end, zone))
    return found
