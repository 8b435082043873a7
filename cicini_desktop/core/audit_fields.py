"""The allow-lists of the audit trail: which target types and which details keys exist,
and what kind of value each details key may hold.

Adding a key here is the one way to record something new; anything else is refused by the
PII guard (`pii_guard.py`). No kind admits free text.
"""

from __future__ import annotations

from enum import Enum


class DetailKind(Enum):
    UUID = "uuid"  # an internal identifier
    COUNT = "count"  # a non-negative integer
    FLAG = "flag"  # a boolean
    PERMISSION = "permission"  # a value of core.permissions.Permission
    ACTION = "action"  # a value of core.audit_actions.AuditAction
    SETTING_KEY = "setting_key"  # a dotted lower-case configuration/setting key
    CODE = "code"  # a short programmatic token (reason code, kind, error class name)
    DIGEST = "digest"  # a SHA-256 hex digest (chain anchors)
    DATE = "date"  # an ISO date YYYY-MM-DD
    VERSION = "version"  # a dotted version number, e.g. a schema or app version


DEVICE_CATEGORIES = frozenset({"desktop", "laptop", "virtual_machine", "unknown"})
OS_FAMILIES = frozenset({"windows", "macos", "linux", "other"})

# What a record may point at. Every target id is an internal UUID, except settings (their key).
TARGET_TYPES = frozenset(
    {
        "appointment",
        "appointment_type",
        "audit_trail",
        "availability",
        "backup",
        "database",
        "installation",
        "organization",
        "patient",
        "permission",
        "privacy_request",
        "provider",
        "reminder_outbox",
        "reminder_reply",
        "reminder_rule",
        "reminder_template",
        "role",
        "room",
        "series",
        "session",
        "setting",
        "staff",
        "sync",
        "waitlist_entry",
    }
)
SETTING_TARGET = "setting"

DETAIL_FIELDS: dict[str, DetailKind] = {
    # identifiers
    "appointment_id": DetailKind.UUID,
    "backup_id": DetailKind.UUID,
    "new_role_id": DetailKind.UUID,
    "old_role_id": DetailKind.UUID,
    "patient_id": DetailKind.UUID,
    "provider_id": DetailKind.UUID,
    "request_id": DetailKind.UUID,
    "role_id": DetailKind.UUID,
    "series_id": DetailKind.UUID,
    "session_id": DetailKind.UUID,
    "staff_id": DetailKind.UUID,
    # counts and durations
    "attempts": DetailKind.COUNT,
    "count": DetailKind.COUNT,
    "days": DetailKind.COUNT,
    "failures": DetailKind.COUNT,
    "hashes_dropped": DetailKind.COUNT,
    "kept_from_seq": DetailKind.COUNT,
    "minutes": DetailKind.COUNT,
    "occurrences": DetailKind.COUNT,
    "purged_through_seq": DetailKind.COUNT,
    "records": DetailKind.COUNT,
    "removed": DetailKind.COUNT,
    "retry_after_seconds": DetailKind.COUNT,
    "seconds": DetailKind.COUNT,
    "status_code": DetailKind.COUNT,
    "years": DetailKind.COUNT,
    "vouched_seq": DetailKind.COUNT,
    # flags
    "active": DetailKind.FLAG,  # a room or appointment type left active or not (set-up)
    "automatic": DetailKind.FLAG,
    "dry_run": DetailKind.FLAG,
    "forced": DetailKind.FLAG,
    "granted": DetailKind.FLAG,
    # vocabulary values
    "permission": DetailKind.PERMISSION,
    "denied_action": DetailKind.ACTION,
    "setting": DetailKind.SETTING_KEY,
    "error": DetailKind.CODE,
    "channel": DetailKind.CODE,  # reminder channel: email or sms
    "intent": DetailKind.CODE,  # what a reply asked for: confirm, cancel, stop, other
    "format": DetailKind.CODE,
    "kind": DetailKind.CODE,
    "reason": DetailKind.CODE,
    "request": DetailKind.CODE,  # privacy request kind: access, erase, restrict, ...
    "request_kind": DetailKind.CODE,
    "status": DetailKind.CODE,
    "subject": DetailKind.CODE,  # privacy request subject: patient or staff
    "finding": DetailKind.CODE,  # the verify finding a head reset replaced (a Break value)
    # chain anchors and ranges
    "anchor_hash": DetailKind.DIGEST,
    "since": DetailKind.DATE,
    "until": DetailKind.DATE,
    "from_version": DetailKind.VERSION,
    "to_version": DetailKind.VERSION,
}

MAX_DETAILS = 12
