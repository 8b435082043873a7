"""The closed set of permissions: one for every service operation in the app.

Roles are sets of these. Each has a plain-language description shown in the role editor,
and a group that orders the editor's rows.
"""

from __future__ import annotations

from enum import StrEnum

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP, Message


class Permission(StrEnum):
    SCHEDULE_VIEW = "schedule.view"
    APPOINTMENT_BOOK = "appointment.book"
    APPOINTMENT_EDIT = "appointment.edit"
    APPOINTMENT_CANCEL = "appointment.cancel"
    APPOINTMENT_CHECK_IN = "appointment.check_in"
    APPOINTMENT_OVERRIDE_CONFLICT = "appointment.override_conflict"
    AVAILABILITY_MANAGE = "availability.manage"
    WAITLIST_MANAGE = "waitlist.manage"
    PATIENT_VIEW = "patient.view"
    PATIENT_EDIT = "patient.edit"
    PATIENT_EXPORT = "patient.export"
    STAFF_VIEW = "staff.view"
    STAFF_MANAGE = "staff.manage"
    ROLE_MANAGE = "role.manage"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    SETTINGS_MANAGE = "settings.manage"
    SYNC_MANAGE = "sync.manage"
    BACKUP_MANAGE = "backup.manage"
    PRIVACY_MANAGE = "privacy.manage"
    REMINDER_MANAGE = "reminder.manage"
    REMINDER_VIEW = "reminder.view"


PERMISSION_GROUPS: dict[str, tuple[Permission, ...]] = {
    "Schedule": (
        Permission.SCHEDULE_VIEW,
        Permission.APPOINTMENT_BOOK,
        Permission.APPOINTMENT_EDIT,
        Permission.APPOINTMENT_CANCEL,
        Permission.APPOINTMENT_CHECK_IN,
        Permission.APPOINTMENT_OVERRIDE_CONFLICT,
        Permission.AVAILABILITY_MANAGE,
        Permission.WAITLIST_MANAGE,
    ),
    "Patients": (Permission.PATIENT_VIEW, Permission.PATIENT_EDIT, Permission.PATIENT_EXPORT),
    "Staff and roles": (Permission.STAFF_VIEW, Permission.STAFF_MANAGE, Permission.ROLE_MANAGE),
    "Audit": (Permission.AUDIT_VIEW, Permission.AUDIT_EXPORT),
    "Administration": (
        Permission.SETTINGS_MANAGE,
        Permission.SYNC_MANAGE,
        Permission.BACKUP_MANAGE,
        Permission.PRIVACY_MANAGE,
    ),
    "Reminders": (Permission.REMINDER_VIEW, Permission.REMINDER_MANAGE),
}

# Marked for the catalogue: the Roles page and a refusal show them in the window's language.
DESCRIPTIONS: dict[Permission, Message] = {
    Permission.SCHEDULE_VIEW: QT_TRANSLATE_NOOP(
        "permissions", "See the schedule of the providers in scope."
    ),
    Permission.APPOINTMENT_BOOK: QT_TRANSLATE_NOOP(
        "permissions", "Book new appointments, single or recurring."
    ),
    Permission.APPOINTMENT_EDIT: QT_TRANSLATE_NOOP(
        "permissions", "Move, resize and edit appointments; change their status."
    ),
    Permission.APPOINTMENT_CANCEL: QT_TRANSLATE_NOOP(
        "permissions", "Cancel appointments or mark them as no-show."
    ),
    Permission.APPOINTMENT_CHECK_IN: QT_TRANSLATE_NOOP(
        "permissions", "Check patients in when they arrive."
    ),
    Permission.APPOINTMENT_OVERRIDE_CONFLICT: QT_TRANSLATE_NOOP(
        "permissions",
        "Save an appointment despite a conflict, with a reason.",
    ),
    Permission.AVAILABILITY_MANAGE: QT_TRANSLATE_NOOP(
        "permissions",
        "Set opening hours, closures, rotas, time off, rooms and types.",
    ),
    Permission.WAITLIST_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Add, edit and remove waitlist entries."
    ),
    Permission.PATIENT_VIEW: QT_TRANSLATE_NOOP(
        "permissions", "Find patients and see their contact details."
    ),
    Permission.PATIENT_EDIT: QT_TRANSLATE_NOOP(
        "permissions", "Create and correct patient records."
    ),
    Permission.PATIENT_EXPORT: QT_TRANSLATE_NOOP("permissions", "Export patient data."),
    Permission.STAFF_VIEW: QT_TRANSLATE_NOOP("permissions", "See the staff list."),
    Permission.STAFF_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Create, edit, deactivate staff accounts; reset passwords; unlock."
    ),
    Permission.ROLE_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Create and edit roles and what each role may do."
    ),
    Permission.AUDIT_VIEW: QT_TRANSLATE_NOOP("permissions", "Read the audit trail."),
    Permission.AUDIT_EXPORT: QT_TRANSLATE_NOOP("permissions", "Export the audit trail to a file."),
    Permission.SETTINGS_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Change clinic settings such as the time zone and retention."
    ),
    Permission.SYNC_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Enrol this installation and run the usage sync."
    ),
    # Making a backup needs no permission (an encrypted copy reveals nothing; IT schedules it).
    Permission.BACKUP_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Make and restore backups, and rotate the database key."
    ),
    Permission.PRIVACY_MANAGE: QT_TRANSLATE_NOOP(
        "permissions", "Handle privacy requests: access, erasure and restriction."
    ),
    Permission.REMINDER_VIEW: QT_TRANSLATE_NOOP(
        "permissions",
        "See today's reminders, failures and patients' replies; act on replies and consent.",
    ),
    Permission.REMINDER_MANAGE: QT_TRANSLATE_NOOP(
        "permissions",
        "Set reminder rules, message templates, quiet hours and the email/SMS services.",
    ),
}

assert set(DESCRIPTIONS) == set(Permission), "every permission needs a description"
assert {p for group in PERMISSION_GROUPS.values() for p in group} == set(Permission)


def not_allowed(permission: Permission) -> Message:
    """The sentence of a refusal: what the role lacks, in the reader's language."""
    return QT_TRANSLATE_NOOP(
        "errors.access",
        "Your role does not allow this ({permission}); ask a practice manager if you need it.",
    ).format(permission=DESCRIPTIONS[permission].as_clause())
