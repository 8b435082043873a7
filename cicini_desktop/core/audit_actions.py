"""The closed vocabulary of audit actions and outcomes (privacy policy, section 2.3)."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    SIGN_IN_FAILED = "sign_in.failed"
    SIGN_IN_THROTTLED = "sign_in.throttled"
    SIGN_IN_LOCKED = "sign_in.locked"
    SIGN_OUT = "sign_out"
    IDLE_LOCK = "idle_lock"
    UNLOCK = "unlock"
    ACCOUNT_UNLOCKED = "account.unlocked"
    PASSWORD_CHANGED = "password.changed"
    ACCESS_DENIED = "access.denied"
    STAFF_CREATED = "staff.created"
    STAFF_CHANGED = "staff.changed"
    STAFF_DEACTIVATED = "staff.deactivated"
    STAFF_REACTIVATED = "staff.reactivated"
    STAFF_PASSWORD_RESET = "staff.password_reset"
    ROLE_CREATED = "role.created"
    ROLE_CHANGED = "role.changed"
    ROLE_DELETED = "role.deleted"
    PERMISSION_GRANTED = "permission.granted"
    PERMISSION_REVOKED = "permission.revoked"
    SETTINGS_CHANGED = "settings.changed"
    ORGANIZATION_CREATED = "organization.created"
    DATA_EXPORTED = "data.exported"
    BACKUP_MADE = "backup.made"
    RESTORE_DONE = "restore.done"
    KEY_ROTATED = "key.rotated"
    RECOVERY_KEY_USED = "recovery_key.used"
    DATABASE_UNLOCK_FAILED = "database.unlock_failed"
    CONFLICT_OVERRIDDEN = "appointment.conflict_overridden"
    # A check-in on another day than the appointment's, by someone allowed to override.
    CHECK_IN_OVERRIDDEN = "appointment.check_in_overridden"
    # An appointment's front-desk note was changed (ids only, never the text).
    APPOINTMENT_NOTE_EDITED = "appointment.note_edited"
    # A waitlist entry was closed because the patient was booked from it.
    WAITLIST_BOOKED = "waitlist.booked"
    SYNC_ENROLLED = "sync.enrolled"
    SYNC_SENT = "sync.sent"
    SYNC_FAILED = "sync.failed"
    RETENTION_PURGE = "retention.purge"
    # A manager re-established the audit chain head after IT looked into a head finding
    # (e.g. the keystore holding its key was lost). Details: the seq it now vouches for.
    AUDIT_HEAD_RESET = "audit.head_reset"
    PRIVACY_REQUEST_HANDLED = "privacy.request_handled"
    # A correction of a patient's record (privacy: right of correction). Ids only, no values.
    PATIENT_CORRECTED = "patient.corrected"
    # Reminders: the target is the outbox row (or rule/template/patient), never a recipient.
    REMINDER_SENT = "reminder.sent"
    REMINDER_FAILED = "reminder.failed"
    REMINDER_REPLY_HANDLED = "reminder.reply_handled"
    REMINDER_RULE_CHANGED = "reminder.rule_changed"
    REMINDER_TEMPLATE_CHANGED = "reminder.template_changed"
    REMINDER_CONSENT_CHANGED = "reminder.consent_changed"


class AuditOutcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"


SYSTEM_ACTOR = "system"
