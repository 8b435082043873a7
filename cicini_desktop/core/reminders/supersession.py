"""Which outbox rows still stand after an appointment changed, and which new rows to plan.

An outbox row is keyed by (appointment, rule, appointment version). Any change to the
appointment bumps its version, so a pending row of an older version is superseded, and the
planner makes a row for the current version. A row already *sent* for the same appointment
start is not sent again (a confirmation or a note edit bumps the version too, and must not
repeat a reminder the patient has had).
"""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.core.reminders.vocabulary import OutboxStatus

# Appointment statuses that still want reminders.
REMINDABLE = frozenset({"booked", "confirmed"})


@dataclass(frozen=True, slots=True)
class AppointmentState:
    """What supersession needs to know of an appointment, as the runner re-reads it."""

    version: int
    status: str
    start_at: int


def supersede_reason(
    row_version: int, row_start_at: int, current: AppointmentState | None, now: int
) -> str | None:
    """Why a pending row of `row_version` no longer stands (a code), or None if it does."""
    if current is None:
        return "deleted"
    if current.status not in REMINDABLE:
        return "cancelled" if current.status == "cancelled" else "status"
    if current.start_at != row_start_at:
        return "moved"
    if current.version != row_version:
        return "changed"
    if current.start_at <= now:
        return "started"
    return None


@dataclass(frozen=True, slots=True)
class ExistingRow:
    rule_id: str
    appointment_version: int
    start_at: int
    status: OutboxStatus


def needs_row(rule_id: str, current: AppointmentState, existing: list[ExistingRow]) -> bool:
    """Whether the planner should add a row for (appointment at `current`, `rule_id`)."""
    if current.status not in REMINDABLE:
        return False
    for row in existing:
        if row.rule_id != rule_id:
            continue
        if row.appointment_version == current.version:
            return False  # already planned for this version (whatever became of it)
        if row.status is OutboxStatus.SENT and row.start_at == current.start_at:
            return False  # the patient already had this reminder for this very time
    return True
