"""Built-in roles and the invariants roles must keep (pure rules, no storage).

The built-in roles are seeded at the first manager's creation; a practice manager can later
edit what each may do (the matrix editor), but never rename or delete a built-in role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cicini_desktop.core.errors import InvariantError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission

P = Permission


class BuiltInRole(StrEnum):
    RECEPTIONIST = "receptionist"
    CLINICIAN = "clinician"
    PRACTICE_MANAGER = "practice_manager"
    IT_ADMINISTRATOR = "it_administrator"


BUILT_IN_NAMES: dict[BuiltInRole, str] = {
    BuiltInRole.RECEPTIONIST: "Receptionist",
    BuiltInRole.CLINICIAN: "Clinician",
    BuiltInRole.PRACTICE_MANAGER: "Practice Manager",
    BuiltInRole.IT_ADMINISTRATOR: "IT Administrator",
}

BUILT_IN_PERMISSIONS: dict[BuiltInRole, frozenset[Permission]] = {
    # The front desk: the whole schedule and patients' contact data, no administration.
    BuiltInRole.RECEPTIONIST: frozenset(
        {
            P.SCHEDULE_VIEW,
            P.APPOINTMENT_BOOK,
            P.APPOINTMENT_EDIT,
            P.APPOINTMENT_CANCEL,
            P.APPOINTMENT_CHECK_IN,
            P.WAITLIST_MANAGE,
            P.PATIENT_VIEW,
            P.PATIENT_EDIT,
            P.STAFF_VIEW,
            P.REMINDER_VIEW,  # the desk handles failures and replies
        }
    ),
    # Sees (typically their own, via scope) schedule and patients; books follow-ups.
    BuiltInRole.CLINICIAN: frozenset(
        {
            P.SCHEDULE_VIEW,
            P.APPOINTMENT_BOOK,
            P.APPOINTMENT_EDIT,
            P.APPOINTMENT_CHECK_IN,
            P.PATIENT_VIEW,
            P.PATIENT_EDIT,
            P.STAFF_VIEW,
        }
    ),
    # Runs the practice: everything except the machine-level chores IT keeps.
    BuiltInRole.PRACTICE_MANAGER: frozenset(Permission) - {P.SYNC_MANAGE, P.BACKUP_MANAGE},
    # Keeps the machine healthy; no patient data, no bookings.
    BuiltInRole.IT_ADMINISTRATOR: frozenset(
        {
            P.STAFF_VIEW,
            P.AUDIT_VIEW,
            P.AUDIT_EXPORT,
            P.SETTINGS_MANAGE,
            P.SYNC_MANAGE,
            P.BACKUP_MANAGE,
            P.REMINDER_MANAGE,  # sets up the mail server and SMS provider accounts
        }
    ),
}

ROLE_NAME_MAX = 60


@dataclass(frozen=True, slots=True)
class MemberGrants:
    """One staff member as the invariant sees them: active or not, and their roles' sets."""

    staff_id: str
    active: bool
    role_permissions: tuple[frozenset[Permission], ...]

    def holds(self, permission: Permission) -> bool:
        return any(permission in permissions for permissions in self.role_permissions)


def role_managers(members: Iterable[MemberGrants]) -> frozenset[str]:
    """Ids of the active members able to manage roles."""
    return frozenset(m.staff_id for m in members if m.active and m.holds(Permission.ROLE_MANAGE))


def check_role_manager_invariant(members: Iterable[MemberGrants]) -> None:
    """Raise InvariantError unless at least one active member can still manage roles."""
    if not role_managers(members):
        raise InvariantError(
            QT_TRANSLATE_NOOP(
                "errors.roles",
                "This change would leave no active account able to manage roles; give another "
                "active account a role with 'role.manage' first.",
            )
        )


def check_role_name(name: str) -> str:
    """The trimmed name, or ValidationError-worthy None is signalled by raising ValueError."""
    value = " ".join(name.split())
    if not 1 <= len(value) <= ROLE_NAME_MAX:
        raise ValueError(f"A role name needs 1 to {ROLE_NAME_MAX} characters.")
    return value
