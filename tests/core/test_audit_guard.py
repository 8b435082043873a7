"""The PII guard: every action recordable, allow-lists enforced, personal data refused."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cicini_desktop.core import pii_guard
from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.audit_entry import AuditEntry, WorkstationInfo
from cicini_desktop.core.audit_fields import DETAIL_FIELDS, TARGET_TYPES, DetailKind
from cicini_desktop.core.errors import PiiRejectedError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission

ORG = "5b0c6f0e-6a43-4f4e-9d43-2f5a3a8f1b11"
STAFF = "0f7e4d1e-3b1a-4c55-8a5e-7f5a1d2c3b4a"
WORKSTATION = WorkstationInfo(
    masked_network="192.0.2.0/24",
    network_hash="ab" * 32,
    device_category="desktop",
    os_family="linux",
    os_major="6",
    app_version="0.1.0",
)
NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def entry(**changes: object) -> AuditEntry:
    base = AuditEntry(NOW, AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, STAFF, ORG)
    return replace(base, **changes)  # type: ignore[arg-type]


SAMPLE_DETAIL: dict[DetailKind, object] = {
    DetailKind.UUID: STAFF,
    DetailKind.COUNT: 3,
    DetailKind.FLAG: True,
    DetailKind.PERMISSION: Permission.AUDIT_VIEW.value,
    DetailKind.ACTION: AuditAction.BACKUP_MADE.value,
    DetailKind.SETTING_KEY: "retention.audit_years",
    DetailKind.CODE: "too_many_failures",
    DetailKind.DIGEST: "0" * 64,
    DetailKind.DATE: "2026-03-16",
    DetailKind.VERSION: "10.0.19045",
}


@pytest.mark.parametrize("action", list(AuditAction))
@pytest.mark.parametrize("outcome", list(AuditOutcome))
def test_every_action_and_outcome_passes_the_guard(action, outcome):
    pii_guard.check(entry(action=action, outcome=outcome), WORKSTATION)


@pytest.mark.parametrize("target_type", sorted(TARGET_TYPES))
def test_every_target_type_with_a_uuid_passes(target_type):
    target_id = "retention.audit_years" if target_type == "setting" else new_id()
    pii_guard.check(entry(target_type=target_type, target_id=target_id), WORKSTATION)


@pytest.mark.parametrize("key", sorted(DETAIL_FIELDS))
def test_every_details_key_accepts_its_kind(key):
    pii_guard.check(entry(details={key: SAMPLE_DETAIL[DETAIL_FIELDS[key]]}), WORKSTATION)


def test_system_actor_and_ipv6_network_pass():
    workstation = replace(WORKSTATION, masked_network="2001:db8:1::/48", network_hash=None)
    pii_guard.check(entry(actor_id=SYSTEM_ACTOR), workstation)


@pytest.mark.parametrize(
    "changes",
    [
        {"actor_id": "anna"},
        {"actor_id": "anna@example.org"},
        {"organization_id": "Test Clinic"},
        {"target_type": "patient_name", "target_id": STAFF},
        {"target_type": None, "target_id": STAFF},
        {"target_type": "staff", "target_id": "Anna Smith"},
        {"target_type": "setting", "target_id": "+49 151 2345 6789"},
        {"details": {"note": "called back"}},
        {"details": {"count": "3"}},
        {"details": {"count": -1}},
        {"details": {"dry_run": 1}},
        {"details": {"permission": "everything"}},
        {"details": {"reason": "anna smith"}},
        {"details": {"since": "2026-02-30"}},
        {"details": {"to_version": "1.2.3.4"}},
        {"details": {"anchor_hash": "xyz"}},
        {"details": {f"count{i}": i for i in range(20)}},
    ],
)
def test_values_off_the_allow_list_are_refused(changes):
    with pytest.raises(PiiRejectedError):
        pii_guard.check(entry(**changes), WORKSTATION)


@pytest.mark.parametrize(
    "changes",
    [
        {"masked_network": "192.0.2.77/32"},
        {"masked_network": "192.0.2.77"},
        {"masked_network": "192.0.2.0/16"},
        {"masked_network": "2001:db8:1::/64"},
        {"network_hash": "203.0.113.9"},
        {"device_category": "Anna's laptop"},
        {"os_family": "plan9"},
        {"os_major": "203.0.113.9"},
        {"app_version": "192.168.1.20"},
    ],
)
def test_workstation_fields_off_the_allow_list_are_refused(changes):
    with pytest.raises(PiiRejectedError):
        pii_guard.check(entry(), replace(WORKSTATION, **changes))


# --- personal data in any field (hypothesis) -----------------------------------------------

label = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
emails = st.builds(
    lambda user, domain, tld: f"{user}@{domain}.{tld}",
    label,
    label,
    st.sampled_from(["com", "org", "de", "co.uk", "info"]),
)
phones = st.builds(
    lambda plus, groups: ("+" if plus else "") + " ".join(groups),
    st.booleans(),
    st.lists(st.text("0123456789", min_size=2, max_size=4), min_size=3, max_size=4).filter(
        lambda groups: sum(len(g) for g in groups) >= 7
    ),
)
ipv4s = st.ip_addresses(v=4).map(str)
ipv6s = st.ip_addresses(v=6).map(str)
personal = st.one_of(emails, phones, ipv4s, ipv6s)
affix = st.text(string.ascii_letters + " _-", max_size=6)

TEXT_FIELDS = ("actor_id", "organization_id", "target_type", "target_id")
STRING_DETAIL_KEYS = sorted(
    key for key, kind in DETAIL_FIELDS.items() if kind not in (DetailKind.COUNT, DetailKind.FLAG)
)
WORKSTATION_FIELDS = (
    "masked_network",
    "network_hash",
    "device_category",
    "os_family",
    "os_major",
    "app_version",
)


def _embed(prefix: str, value: str, suffix: str) -> str:
    # separated by a space so the value stays recognisable as what it is
    return " ".join(part for part in (prefix, value, suffix) if part)


@settings(max_examples=300)
@given(value=personal, prefix=affix, suffix=affix, field=st.sampled_from(TEXT_FIELDS))
def test_personal_data_in_an_entry_field_is_refused(value, prefix, suffix, field):
    text = _embed(prefix, value, suffix)
    changes: dict[str, object] = {field: text}
    if field == "target_id":
        changes["target_type"] = "staff"
    with pytest.raises(PiiRejectedError):
        pii_guard.check(entry(**changes), WORKSTATION)


@settings(max_examples=300)
@given(value=personal, prefix=affix, suffix=affix, key=st.sampled_from(STRING_DETAIL_KEYS))
def test_personal_data_in_any_details_value_is_refused(value, prefix, suffix, key):
    with pytest.raises(PiiRejectedError):
        pii_guard.check(entry(details={key: _embed(prefix, value, suffix)}), WORKSTATION)


@settings(max_examples=200)
@given(value=personal, field=st.sampled_from(WORKSTATION_FIELDS))
def test_personal_data_in_a_workstation_field_is_refused(value, field):
    with pytest.raises(PiiRejectedError):
        pii_guard.check(entry(), replace(WORKSTATION, **{field: value}))


@given(value=personal)
def test_detectors_recognise_personal_data(value):
    assert pii_guard.personal_data_kind(value) is not None


@given(st.uuids(version=4))
def test_uuids_are_never_mistaken_for_phone_numbers(identifier):
    pii_guard.check(
        entry(actor_id=str(identifier), target_type="staff", target_id=str(identifier)), WORKSTATION
    )


def test_the_refusal_message_never_repeats_the_value():
    with pytest.raises(PiiRejectedError) as refused:
        pii_guard.check(entry(details={"reason": "anna@example.org"}), WORKSTATION)
    assert "anna" not in str(refused.value)
    assert "details.reason" in str(refused.value)
