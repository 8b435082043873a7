"""The closed vocabulary of usage counters: feature counts per UTC day, never content.

Each counter is documented with one line; that line is what the Settings page and the
protocol document show. Nothing outside this enum is ever counted or sent.
"""

from __future__ import annotations

from enum import StrEnum


class Counter(StrEnum):
    APPOINTMENT_BOOKED = "appointment.booked"
    APPOINTMENT_CANCELLED = "appointment.cancelled"
    APPOINTMENT_CHECKED_IN = "appointment.checked_in"
    APPOINTMENT_MOVED = "appointment.moved"
    APPOINTMENT_STATUS_CHANGED = "appointment.status_changed"
    APPOINTMENT_SERIES_BOOKED = "appointment.series_booked"
    PATIENT_CREATED = "patient.created"
    PATIENT_SEARCHED = "patient.searched"
    SLOT_FINDER_USED = "slot_finder.used"
    WAITLIST_ADDED = "waitlist.added"
    CALENDAR_DAY_VIEW_OPENED = "calendar.day_view_opened"
    CALENDAR_WEEK_VIEW_OPENED = "calendar.week_view_opened"
    CALENDAR_MONTH_VIEW_OPENED = "calendar.month_view_opened"
    DAY_SHEET_PRINTED = "day_sheet.printed"
    STAFF_CREATED = "staff.created"
    ROLE_CHANGED = "role.changed"
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    SIGN_IN_FAILED = "sign_in.failed"
    AUDIT_EXPORTED = "audit.exported"
    BACKUP_MADE = "backup.made"
    PRIVACY_REQUEST_HANDLED = "privacy.request_handled"
    REMINDER_SENT_EMAIL = "reminder.sent_email"
    REMINDER_SENT_SMS = "reminder.sent_sms"
    REMINDER_FAILED_EMAIL = "reminder.failed_email"
    REMINDER_FAILED_SMS = "reminder.failed_sms"


COUNTER_DOCS: dict[Counter, str] = {
    Counter.APPOINTMENT_BOOKED: "An appointment was booked (each occurrence of a series counts).",
    Counter.APPOINTMENT_CANCELLED: "An appointment was cancelled.",
    Counter.APPOINTMENT_CHECKED_IN: "A patient was checked in on arrival.",
    Counter.APPOINTMENT_MOVED: "An appointment was moved or resized.",
    Counter.APPOINTMENT_STATUS_CHANGED: "An appointment's status changed (other than check-in).",
    Counter.APPOINTMENT_SERIES_BOOKED: "A recurring series was booked.",
    Counter.PATIENT_CREATED: "A patient record was created.",
    Counter.PATIENT_SEARCHED: "A patient search was run.",
    Counter.SLOT_FINDER_USED: "The free-slot finder was used.",
    Counter.WAITLIST_ADDED: "A waitlist entry was added.",
    Counter.CALENDAR_DAY_VIEW_OPENED: "The day view was opened.",
    Counter.CALENDAR_WEEK_VIEW_OPENED: "The week view was opened.",
    Counter.CALENDAR_MONTH_VIEW_OPENED: "The month overview was opened.",
    Counter.DAY_SHEET_PRINTED: "A day sheet was printed or saved as PDF.",
    Counter.STAFF_CREATED: "A staff account was created.",
    Counter.ROLE_CHANGED: "A role or its permissions changed.",
    Counter.SIGN_IN_SUCCEEDED: "A staff member signed in.",
    Counter.SIGN_IN_FAILED: "A sign-in attempt failed.",
    Counter.AUDIT_EXPORTED: "The audit trail was exported.",
    Counter.BACKUP_MADE: "A backup was made.",
    Counter.PRIVACY_REQUEST_HANDLED: "A privacy request was handled.",
    Counter.REMINDER_SENT_EMAIL: "An appointment reminder was accepted by the mail server.",
    Counter.REMINDER_SENT_SMS: "An appointment reminder was accepted by the SMS provider.",
    Counter.REMINDER_FAILED_EMAIL: "An email reminder failed for good (refused or retries used).",
    Counter.REMINDER_FAILED_SMS: "An SMS reminder failed for good (refused or retries used).",
}

assert set(COUNTER_DOCS) == set(Counter), "every counter needs its one-line description"
