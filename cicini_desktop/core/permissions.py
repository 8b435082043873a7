"""The closed set of permissions: one for every service operation in the app.

Roles are sets of these. Each has a plain-language description shown in the role editor,
and a group that orders the editor's rows.
"""

from __future__ import annotations

from enum import StrEnum


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

DESCRIPTIONS: dict[Permission, str] = {
    Permission.SCHEDULE_VIEW: "See the schedule of the providers in scope.",
    Permission.APPOINTMENT_BOOK: "Book new appointments, single or recurring.",
    Permission.APPOINTMENT_EDIT: "Move, resize and edit appointments; change their status.",
    Permission.APPOINTMENT_CANCEL: "Cancel appointments or mark them as no-show.",
    Permission.APPOINTMENT_CHECK_IN: "Check patients in when they arrive.",
    Permission.APPOINTMENT_OVERRIDE_CONFLICT: (
        "Save an appointment despite a conflict, with a reason."
    ),
    Permission.AVAILABILITY_MANAGE: (
        "Set opening hours, closures, rotas, time off, rooms and types."
    ),
    Permission.WAITLIST_MANAGE: "Add, edit and remove waitlist entries.",
    Permission.PATIENT_VIEW: "Find patients and see their contact details.",
    Permission.PATIENT_EDIT: "Create and correct patient records.",
    Permission.PATIENT_EXPORT: "Export patient data.",
    Permission.STAFF_VIEW: "See the staff list.",
    Permission.STAFF_MANAGE: "Create, edit, deactivate staff accounts; reset passwords; unlock.",
    Permission.ROLE_MANAGE: "Create and edit roles and what each role may do.",
    Permission.AUDIT_VIEW: "Read the audit trail.",
    Permission.AUDIT_EXPORT: "Export the audit trail to a file.",
    Permission.SETTINGS_MANAGE: "Change clinic settings such as the time zone and retention.",
    Permission.SYNC_MANAGE: "Enrol this installation and run the usage sync.",
    # Making a backup needs no permission (an encrypted copy reveals nothing; IT schedules it).
    Permission.BACKUP_MANAGE: "Make and restore backups, and rotate the database key.",
    Permission.PRIVACY_MANAGE: "Handle privacy requests: access, erasure and restriction.",
    Permission.REMINDER_VIEW: (
        "See today's reminders, failures and patients' replies; act on replies and consent."
    ),
    Permission.REMINDER_MANAGE: (
        "Set reminder rules, message templates, quiet hours and the email/SMS services."
    ),
}

assert set(DESCRIPTIONS) == set(Permission), "every permission needs a description"
assert {p for group in PERMISSION_GROUPS.values() for p in group} == set(Permission)
