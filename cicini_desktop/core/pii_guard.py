"""The PII guard of the audit trail: every field of every record passes through here.

A value is refused (`PiiRejectedError`) when it looks like an email address, a phone number
or a full IPv4/IPv6 address, or when it is not what the allow-list says its field holds.
Strictly shaped values (a canonical UUID, a SHA-256 digest, a /24 or /48 network) are checked
by shape; every other text is also scanned for personal data. Messages name the field, never
the value (the value may be the very thing we refuse to write down).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from datetime import date

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.audit_entry import AuditEntry, WorkstationInfo
from cicini_desktop.core.audit_fields import (
    DETAIL_FIELDS,
    DEVICE_CATEGORIES,
    MAX_DETAILS,
    OS_FAMILIES,
    SETTING_TARGET,
    TARGET_TYPES,
    DetailKind,
)
from cicini_desktop.core.errors import PiiRejectedError
from cicini_desktop.core.masking import is_masked_network
from cicini_desktop.core.permissions import Permission

UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DIGEST_SHAPE = re.compile(r"[0-9a-f]{64}")
SETTING_KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]{0,39}(?:\.[a-z][a-z0-9_]{0,39}){0,3}")
CODE_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,47}")
DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
VERSION_SHAPE = re.compile(r"\d{1,6}(?:\.\d{1,6}){0,2}(?:[.+-]?[a-z][a-z0-9]{0,15})?")
OS_MAJOR_SHAPE = re.compile(r"\d{0,4}")

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|@[A-Za-z0-9-]+\.[A-Za-z]{2,}")
# Digits with the separators phone numbers are written with; 7 or more digits is a phone.
PHONE_RUN = re.compile(r"\+?\(?\d[\d\s().\-/]*\d")
PHONE_DIGITS = 7
IPV4_LIKE = re.compile(r"(?<!\d)\d{1,3}(?:\.\d{1,3}){3}(?!\d)")
IP_CANDIDATE = re.compile(r"[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")
MAX_TEXT = 128
MAX_VERSION_DIGITS = 9
MAX_COUNT = 2**53


def _refuse(field: str, why: str) -> PiiRejectedError:
    return PiiRejectedError(
        f"The audit record was not written: field '{field}' {why}. "
        "Record internal identifiers and allow-listed details only."
    )


def looks_like_email(text: str) -> bool:
    return "@" in text and EMAIL.search(text) is not None


def looks_like_phone(text: str) -> bool:
    return any(
        sum(ch.isdigit() for ch in match.group(0)) >= PHONE_DIGITS
        for match in PHONE_RUN.finditer(text)
    )


def looks_like_ip(text: str) -> bool:
    """A full IPv4 address (dotted quad) or anything that parses as an IPv6 address."""
    if IPV4_LIKE.search(text):
        return True
    if ":" not in text:
        return False
    for match in IP_CANDIDATE.finditer(text):
        candidate = match.group(0).strip(".")
        if candidate.count(":") < 2:
            continue
        try:
            ipaddress.IPv6Address(candidate)
            return True
        except ValueError:
            pass
        # "2001:db8::1:" or "fe80::1." pasted into text: try trimming trailing punctuation
        try:
            ipaddress.IPv6Address(candidate.rstrip(":"))
            return True
        except ValueError:
            continue
    return False


def personal_data_kind(text: str) -> str | None:
    """'an email address' / 'a phone number' / 'an IP address' if `text` holds one, else None."""
    if looks_like_email(text):
        return "an email address"
    if looks_like_ip(text):
        return "an IP address"
    if looks_like_phone(text):
        return "a phone number"
    return None


def _text(field: str, value: object, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise _refuse(field, "must be text")
    if len(value) > MAX_TEXT:
        raise _refuse(field, "is too long")
    return value


def _scan(field: str, text: str) -> None:
    kind = personal_data_kind(text)
    if kind is not None:
        raise _refuse(field, f"looks like {kind}")


def _uuid(field: str, value: object) -> None:
    text = _text(field, value)
    assert text is not None
    if not UUID_SHAPE.fullmatch(text):
        _scan(field, text)
        raise _refuse(field, "must be an internal identifier (UUID)")


def _shaped(field: str, value: object, shape: re.Pattern[str], what: str) -> None:
    text = _text(field, value)
    assert text is not None
    _scan(field, text)
    if not shape.fullmatch(text):
        raise _refuse(field, f"must be {what}")


def _date(field: str, value: object) -> None:
    # Checked by shape and calendar, not scanned: "2026-03-16" has the digits of a phone.
    text = _text(field, value)
    assert text is not None
    try:
        valid = DATE_SHAPE.fullmatch(text) is not None and date.fromisoformat(text) is not None
    except ValueError:
        valid = False
    if not valid:
        _scan(field, text)
        raise _refuse(field, "must be a date (YYYY-MM-DD)")


def _version(field: str, value: object) -> None:
    # At most three numeric parts (never a dotted quad) and a few digits (never a phone).
    text = _text(field, value)
    assert text is not None
    if VERSION_SHAPE.fullmatch(text) and sum(ch.isdigit() for ch in text) <= MAX_VERSION_DIGITS:
        return
    _scan(field, text)
    raise _refuse(field, "must be a version number")


def _member(field: str, value: object, allowed: frozenset[str], what: str) -> None:
    if isinstance(value, str) and value in allowed:
        return  # members of a closed vocabulary are known to be clean
    text = _text(field, value)
    assert text is not None
    _scan(field, text)
    raise _refuse(field, f"is not {what}")


_CLEAN_WORKSTATIONS: set[WorkstationInfo] = set()
MAX_REMEMBERED = 64
_PERMISSIONS = frozenset(p.value for p in Permission)
_ACTIONS = frozenset(a.value for a in AuditAction)
_OUTCOMES = frozenset(o.value for o in AuditOutcome)


def check_detail(key: str, value: object) -> None:
    """One details entry: its key on the allow-list, its value of the key's kind."""
    kind = DETAIL_FIELDS.get(key) if isinstance(key, str) else None
    if kind is None:
        raise _refuse("details", "has a key that is not on the allow-list")
    field = f"details.{key}"
    if kind is DetailKind.FLAG:
        if not isinstance(value, bool):
            raise _refuse(field, "must be true or false")
        return
    if kind is DetailKind.COUNT:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_COUNT:
            raise _refuse(field, "must be a whole number from 0")
        return
    if kind is DetailKind.UUID:
        _uuid(field, value)
    elif kind is DetailKind.DIGEST:
        text = _text(field, value)
        if not DIGEST_SHAPE.fullmatch(text or ""):
            raise _refuse(field, "must be a SHA-256 digest")
    elif kind is DetailKind.PERMISSION:
        _member(field, value, _PERMISSIONS, "a known permission")
    elif kind is DetailKind.ACTION:
        _member(field, value, _ACTIONS, "a known audit action")
    elif kind is DetailKind.SETTING_KEY:
        _shaped(field, value, SETTING_KEY_SHAPE, "a setting key")
    elif kind is DetailKind.CODE:
        _shaped(field, value, CODE_SHAPE, "a short code")
    elif kind is DetailKind.DATE:
        _date(field, value)
    elif kind is DetailKind.VERSION:
        _version(field, value)


def check_details(details: Mapping[str, object]) -> None:
    if not isinstance(details, Mapping):
        raise _refuse("details", "must be a map")
    if len(details) > MAX_DETAILS:
        raise _refuse("details", "has too many entries")
    for key, value in details.items():
        check_detail(key, value)


def check_workstation(workstation: WorkstationInfo) -> None:
    # A workstation is detected once and reused for every record: remember the good ones.
    if workstation in _CLEAN_WORKSTATIONS:
        return
    _check_workstation(workstation)
    if len(_CLEAN_WORKSTATIONS) < MAX_REMEMBERED:
        _CLEAN_WORKSTATIONS.add(workstation)


def _check_workstation(workstation: WorkstationInfo) -> None:
    masked = _text("masked_network", workstation.masked_network, nullable=True)
    if masked is not None and not is_masked_network(masked):
        raise _refuse("masked_network", "must be a /24 (IPv4) or /48 (IPv6) network")
    network_hash = _text("network_hash", workstation.network_hash, nullable=True)
    if network_hash is not None and not DIGEST_SHAPE.fullmatch(network_hash):
        raise _refuse("network_hash", "must be a SHA-256 digest")
    _member("device_category", workstation.device_category, DEVICE_CATEGORIES, "a known device")
    _member("os_family", workstation.os_family, OS_FAMILIES, "a known OS family")
    _shaped("os_major", workstation.os_major, OS_MAJOR_SHAPE, "a major version number")
    _version("app_version", workstation.app_version)
    if workstation.desk_id is not None:
        _uuid("desk_id", workstation.desk_id)


def check_entry(entry: AuditEntry) -> None:
    """Refuse the entry unless every field is on its allow-list and free of personal data."""
    _member("action", entry.action, _ACTIONS, "a known audit action")
    _member("outcome", entry.outcome, _OUTCOMES, "a known outcome")
    if entry.actor_id != SYSTEM_ACTOR:
        _uuid("actor_id", entry.actor_id)
    _uuid("organization_id", entry.organization_id)
    if entry.target_type is None:
        if entry.target_id is not None:
            raise _refuse("target_id", "needs a target type")
    else:
        _member("target_type", entry.target_type, TARGET_TYPES, "a known target type")
        if entry.target_id is not None:
            if entry.target_type == SETTING_TARGET:
                _shaped("target_id", entry.target_id, SETTING_KEY_SHAPE, "a setting key")
            else:
                _uuid("target_id", entry.target_id)
    check_details(entry.details)


def check(entry: AuditEntry, workstation: WorkstationInfo) -> None:
    check_entry(entry)
    check_workstation(workstation)
