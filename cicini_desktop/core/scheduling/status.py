"""The appointment status workflow: allowed transitions only, each recorded.

booked -> confirmed -> arrived -> in_progress -> completed
booked | confirmed -> cancelled (with a reason code) | no_show
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cicini_desktop.core.scheduling.errors import StatusTransitionError


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class CancelReason(StrEnum):
    """Codes only: the reason for a cancellation is never free text."""

    PATIENT_REQUEST = "patient_request"
    ILLNESS = "illness"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    CLINIC_CLOSED = "clinic_closed"
    RESCHEDULED = "rescheduled"
    DUPLICATE = "duplicate"
    OTHER = "other"


S = AppointmentStatus

ALLOWED: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    S.BOOKED: frozenset({S.CONFIRMED, S.CANCELLED, S.NO_SHOW}),
    S.CONFIRMED: frozenset({S.ARRIVED, S.CANCELLED, S.NO_SHOW}),
    S.ARRIVED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.NO_SHOW: frozenset(),
}

# Statuses that hold the provider's, room's and patient's time.
BLOCKING: frozenset[AppointmentStatus] = frozenset(
    {S.BOOKED, S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS, S.COMPLETED}
)
# Statuses in which time, provider, room and type may still be edited.
EDITABLE: frozenset[AppointmentStatus] = frozenset({S.BOOKED, S.CONFIRMED})

LABELS: dict[AppointmentStatus, str] = {
    S.BOOKED: "booked",
    S.CONFIRMED: "confirmed",
    S.ARRIVED: "arrived",
    S.IN_PROGRESS: "in progress",
    S.COMPLETED: "completed",
    S.CANCELLED: "cancelled",
    S.NO_SHOW: "no-show",
}


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One recorded transition: who moved the appointment from what to what, when."""

    from_status: AppointmentStatus | None
    to_status: AppointmentStatus
    at: int
    by: str
    reason: CancelReason | None = None


def can_transition(current: AppointmentStatus, target: AppointmentStatus) -> bool:
    return target in ALLOWED[current]


def transition(
    current: AppointmentStatus,
    target: AppointmentStatus,
    *,
    at: int,
    by: str,
    reason: CancelReason | None = None,
) -> StatusChange:
    """The recorded change, or a sentence saying why the move is not allowed."""
    if not can_transition(current, target):
        raise StatusTransitionError(
            f"An appointment that is {LABELS[current]} cannot become {LABELS[target]}.",
            field="status",
        )
    if target is S.CANCELLED and reason is None:
        raise StatusTransitionError("Choose a reason for the cancellation.", field="reason")
    if target is not S.CANCELLED and reason is not None:
        reason = None  # only cancellations carry a reason code
    return StatusChange(current, target, at, by, reason)


def ensure_editable(current: AppointmentStatus) -> None:
    if current not in EDITABLE:
        raise StatusTransitionError(
            f"An appointment that is {LABELS[current]} can no longer be moved or changed.",
            field="status",
        )
