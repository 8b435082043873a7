"""English labels of the closed audit vocabulary, marked for translation (the audit
viewer's filters and rows show them). A new action without a label here still shows,
spelled out from its code, and tests/gui/i18n flags it through the German walk."""

from __future__ import annotations

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP

ACTION_LABELS: dict[str, str] = {
    "sign_in.succeeded": QT_TRANSLATE_NOOP("audit_labels", "Sign in: succeeded"),
    "sign_in.failed": QT_TRANSLATE_NOOP("audit_labels", "Sign in: failed"),
    "sign_in.throttled": QT_TRANSLATE_NOOP("audit_labels", "Sign in: throttled"),
    "sign_in.locked": QT_TRANSLATE_NOOP("audit_labels", "Sign in: locked"),
    "sign_out": QT_TRANSLATE_NOOP("audit_labels", "Sign out"),
    "idle_lock": QT_TRANSLATE_NOOP("audit_labels", "Idle lock"),
    "unlock": QT_TRANSLATE_NOOP("audit_labels", "Unlock"),
    "account.unlocked": QT_TRANSLATE_NOOP("audit_labels", "Account: unlocked"),
    "password.changed": QT_TRANSLATE_NOOP("audit_labels", "Password: changed"),
    "access.denied": QT_TRANSLATE_NOOP("audit_labels", "Access: denied"),
    "staff.created": QT_TRANSLATE_NOOP("audit_labels", "Staff: created"),
    "staff.changed": QT_TRANSLATE_NOOP("audit_labels", "Staff: changed"),
    "staff.deactivated": QT_TRANSLATE_NOOP("audit_labels", "Staff: deactivated"),
    "staff.reactivated": QT_TRANSLATE_NOOP("audit_labels", "Staff: reactivated"),
    "staff.password_reset": QT_TRANSLATE_NOOP("audit_labels", "Staff: password reset"),
    "role.created": QT_TRANSLATE_NOOP("audit_labels", "Role: created"),
    "role.changed": QT_TRANSLATE_NOOP("audit_labels", "Role: changed"),
    "role.deleted": QT_TRANSLATE_NOOP("audit_labels", "Role: deleted"),
    "permission.granted": QT_TRANSLATE_NOOP("audit_labels", "Permission: granted"),
    "permission.revoked": QT_TRANSLATE_NOOP("audit_labels", "Permission: revoked"),
    "settings.changed": QT_TRANSLATE_NOOP("audit_labels", "Settings: changed"),
    "organization.created": QT_TRANSLATE_NOOP("audit_labels", "Organization: created"),
    "data.exported": QT_TRANSLATE_NOOP("audit_labels", "Data: exported"),
    "backup.made": QT_TRANSLATE_NOOP("audit_labels", "Backup: made"),
    "restore.done": QT_TRANSLATE_NOOP("audit_labels", "Restore: done"),
    "key.rotated": QT_TRANSLATE_NOOP("audit_labels", "Key: rotated"),
    "recovery_key.used": QT_TRANSLATE_NOOP("audit_labels", "Recovery key: used"),
    "database.unlock_failed": QT_TRANSLATE_NOOP("audit_labels", "Database: unlock failed"),
    "appointment.conflict_overridden": QT_TRANSLATE_NOOP(
        "audit_labels", "Appointment: conflict overridden"
    ),
    "appointment.check_in_overridden": QT_TRANSLATE_NOOP(
        "audit_labels", "Appointment: check in overridden"
    ),
    "appointment.note_edited": QT_TRANSLATE_NOOP("audit_labels", "Appointment: note edited"),
    "waitlist.booked": QT_TRANSLATE_NOOP("audit_labels", "Waitlist: booked"),
    "sync.enrolled": QT_TRANSLATE_NOOP("audit_labels", "Sync: enrolled"),
    "sync.sent": QT_TRANSLATE_NOOP("audit_labels", "Sync: sent"),
    "sync.failed": QT_TRANSLATE_NOOP("audit_labels", "Sync: failed"),
    "retention.purge": QT_TRANSLATE_NOOP("audit_labels", "Retention: purge"),
    "audit.head_reset": QT_TRANSLATE_NOOP("audit_labels", "Audit: head reset"),
    "privacy.request_handled": QT_TRANSLATE_NOOP("audit_labels", "Privacy: request handled"),
    "patient.corrected": QT_TRANSLATE_NOOP("audit_labels", "Patient: corrected"),
    "reminder.sent": QT_TRANSLATE_NOOP("audit_labels", "Reminder: sent"),
    "reminder.failed": QT_TRANSLATE_NOOP("audit_labels", "Reminder: failed"),
    "reminder.reply_handled": QT_TRANSLATE_NOOP("audit_labels", "Reminder: reply handled"),
    "reminder.rule_changed": QT_TRANSLATE_NOOP("audit_labels", "Reminder: rule changed"),
    "reminder.template_changed": QT_TRANSLATE_NOOP("audit_labels", "Reminder: template changed"),
    "reminder.consent_changed": QT_TRANSLATE_NOOP("audit_labels", "Reminder: consent changed"),
}
OUTCOME_LABELS: dict[str, str] = {
    "success": QT_TRANSLATE_NOOP("audit_labels", "Success"),
    "failure": QT_TRANSLATE_NOOP("audit_labels", "Failure"),
    "denied": QT_TRANSLATE_NOOP("audit_labels", "Denied"),
}
