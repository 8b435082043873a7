"""The appointment status workflow: allowed transitions only, each recorded.

booked -> confirmed -> arrived -> in_progress -> completed
booked | confirmed -> cancelled (with a reason code) | no_show
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
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
    S.BOOKED: QT_TRANSLATE_NOOP("status", "booked"),
    S.CONFIRMED: QT_TRANSLATE_NOOP("status", "confirmed"),
    S.ARRIVED: QT_TRANSLATE_NOOP("status", "arrived"),
    S.IN_PROGRESS: QT_TRANSLATE_NOOP("status", "in progress"),
    S.COMPLETED: QT_TRANSLATE_NOOP("status", "completed"),
    S.CANCELLED: QT_TRANSLATE_NOOP("status", "cancelled"),
    S.NO_SHOW: QT_TRANSLATE_NOOP("status", "no-show"),
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
        raise StatusTransitionError(refusal(current, target), field="status")
    if target is S.CANCELLED and reason is None:
        raise StatusTransitionError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Choose a reason for the cancellation.",
            ),
            field="reason",
        )
    if target is not S.CANCELLED and reason is not None:
        reason = None  # only cancellations carry a reason code
    return StatusChange(current, target, at, by, reason)


def ensure_editable(current: AppointmentStatus) -> None:
    if current not in EDITABLE:
        raise StatusTransitionError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "An appointment that is {value} can no longer be moved or changed.",
            ).format(value=LABELS[current]),
            field="status",
        )


# What each step is called at the front desk, and why it is refused: plain words, not
# "an appointment that is arrived cannot become completed".
ACTION_WORDS: dict[AppointmentStatus, str] = {
    S.CONFIRMED: QT_TRANSLATE_NOOP("status", "confirm it"),
    S.ARRIVED: QT_TRANSLATE_NOOP("status", "check the patient in"),
    S.IN_PROGRESS: QT_TRANSLATE_NOOP("status", "start it"),
    S.COMPLETED: QT_TRANSLATE_NOOP("status", "mark it completed"),
    S.CANCELLED: QT_TRANSLATE_NOOP("status", "cancel it"),
    S.NO_SHOW: QT_TRANSLATE_NOOP("status", "mark it as a no-show"),
}
_STATE_WORDS: dict[AppointmentStatus, str] = {
    S.BOOKED: QT_TRANSLATE_NOOP("status", "it is booked but not yet confirmed"),
    S.CONFIRMED: QT_TRANSLATE_NOOP("status", "the patient has not arrived yet"),
    S.ARRIVED: QT_TRANSLATE_NOOP("status", "the patient has arrived but the visit has not started"),
    S.IN_PROGRESS: QT_TRANSLATE_NOOP("status", "the visit is still in progress"),
    S.COMPLETED: QT_TRANSLATE_NOOP("status", "the visit is already completed"),
    S.CANCELLED: QT_TRANSLATE_NOOP("status", "the appointment was cancelled"),
    S.NO_SHOW: QT_TRANSLATE_NOOP("status", "the patient did not come (no-show)"),
}
_NEXT_STEP: dict[AppointmentStatus, str] = {
    S.BOOKED: QT_TRANSLATE_NOOP("status", "Confirm it (C) or check the patient in (A)"),
    S.CONFIRMED: QT_TRANSLATE_NOOP("status", "Check the patient in (A) when they arrive"),
    S.ARRIVED: QT_TRANSLATE_NOOP("status", "Start the visit first (S)"),
    S.IN_PROGRESS: QT_TRANSLATE_NOOP("status", "Mark it completed when the visit ends (D)"),
    S.COMPLETED: QT_TRANSLATE_NOOP("status", "Its status can no longer change"),
    S.CANCELLED: QT_TRANSLATE_NOOP("status", "Its status can no longer change"),
    S.NO_SHOW: QT_TRANSLATE_NOOP("status", "Its status can no longer change"),
}


def refusal(current: AppointmentStatus, target: AppointmentStatus) -> str:
    """Why `current` cannot go to `target`, and what can be done, in plain words."""
    action = ACTION_WORDS.get(target, QT_TRANSLATE_NOOP("status", "change it"))
    return QT_TRANSLATE_NOOP("status", "You cannot {action} now: {state}. {next_step}.").format(
        action=action, state=_STATE_WORDS[current], next_step=_NEXT_STEP[current]
    )


def allowed_targets(current: AppointmentStatus) -> frozenset[AppointmentStatus]:
    """The statuses a front-desk action may move `current` to (check-in also confirms)."""
    allowed = set(ALLOWED[current])
    if current is S.BOOKED:
        allowed.add(S.ARRIVED)  # check-in confirms on the way (see services check_in)
    return frozenset(allowed)


def check_in_day_problem(start: int, now: int, tz: ZoneInfo) -> str | None:
    """A sentence if `now` is not on the appointment's own day in the clinic's zone."""
    day = datetime.fromtimestamp(start, tz).date()
    today = datetime.fromtimestamp(now, tz).date()
    if day == today:
        return None
    if day > today:
        when = (
            QT_TRANSLATE_NOOP("status", "This appointment is tomorrow")
            if (day - today).days == 1
            else QT_TRANSLATE_NOOP("status", "This appointment is on {day}").format(day=day)
        )
    else:
        when = (
            QT_TRANSLATE_NOOP("status", "This appointment was yesterday")
            if (today - day).days == 1
            else QT_TRANSLATE_NOOP("status", "This appointment was on {day}").format(day=day)
        )
    return QT_TRANSLATE_NOOP(
        "status",
        "{when}; a patient can be checked in only on the day of the appointment. "
        "A practice manager may check them in anyway and give the reason.",
    ).format(when=when)
