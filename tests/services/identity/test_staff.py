from __future__ import annotations

import pytest

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import (
    AccessChangedError,
    InvariantError,
    StaleEditError,
    ValidationError,
)
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
    deactivate_staff,
    get_staff,
    has_staff,
    list_providers,
    list_staff,
    provider_services,
    reactivate_staff,
    update_staff,
)
from tests.services.identity.conftest import MEMBER_PASSWORD, require_audit


def test_first_manager_only_once(clinic):
    assert has_staff(clinic.context)
    with pytest.raises(InvariantError):
        create_first_manager(
            clinic.context, username="second", display_name="Second", password="long enough pass 1"
        )


def test_first_manager_password_policy(context):
    with pytest.raises(ValidationError):
        create_first_manager(context, username="boss", display_name="Boss", password="short")
    with pytest.raises(ValidationError, match="username or name"):
        create_first_manager(
            context, username="bossman", display_name="Boss", password="bossman is great"
        )
    assert not has_staff(context)


def test_usernames_are_unique_regardless_of_case(clinic):
    clinic.add_member("anna", BuiltInRole.RECEPTIONIST)
    with pytest.raises(ValidationError, match="taken"):
        clinic.add_member("ANNA", BuiltInRole.RECEPTIONIST)


def test_list_filter_and_search(clinic):
    actor = clinic.manager.actor
    anna = clinic.add_member("anna", BuiltInRole.RECEPTIONIST, display_name="Anna Berg")
    clinic.add_member("carl", BuiltInRole.CLINICIAN, display_name="Carl Doe", is_provider=True)
    assert [s.id for s in list_staff(clinic.context, actor, search="BERG")] == [anna]
    receptionists = list_staff(
        clinic.context, actor, role_id=clinic.role_ids[BuiltInRole.RECEPTIONIST]
    )
    assert [s.id for s in receptionists] == [anna]
    deactivate_staff(clinic.context, actor, anna)
    assert anna not in {s.id for s in list_staff(clinic.context, actor, active=True)}
    assert anna in {s.id for s in list_staff(clinic.context, actor, active=False)}
    assert len(list_staff(clinic.context, actor)) == 3


def test_providers_colour_services_and_scope(clinic):
    actor = clinic.manager.actor
    doc_a = clinic.add_member("doca", BuiltInRole.CLINICIAN, is_provider=True)
    doc_b = clinic.add_member("docb", BuiltInRole.CLINICIAN, is_provider=True)
    details = get_staff(clinic.context, actor, doc_a)
    update_staff(
        clinic.context,
        actor,
        doc_a,
        expected_version=details.version,
        colour="#3a7bd5",
        service_ids=["type-1", "type-2"],
    )
    assert provider_services(clinic.context, actor, doc_a) == {"type-1", "type-2"}
    providers = list_providers(clinic.context, actor)
    assert {p.id for p in providers} == {doc_a, doc_b}
    assert next(p for p in providers if p.id == doc_a).colour == "#3A7BD5"
    # A receptionist scoped to doctor A only sees doctor A.
    clinic.add_member("rec", BuiltInRole.RECEPTIONIST, scope=frozenset({doc_a}))
    receptionist = sign_in(clinic.context, "rec", MEMBER_PASSWORD)
    assert receptionist.actor.provider_scope == frozenset({doc_a})
    assert [p.id for p in list_providers(clinic.context, receptionist.actor)] == [doc_a]
    with pytest.raises(ValidationError):
        update_staff(clinic.context, actor, doc_b, expected_version=None, colour="blue")


def test_scope_is_union_and_unscoped_wins(clinic):
    doc_a = clinic.add_member("doca", None, is_provider=True)
    doc_b = clinic.add_member("docb", None, is_provider=True)
    roles = clinic.role_ids
    create_staff(
        clinic.context,
        clinic.manager.actor,
        NewStaff(
            "multi",
            "Multi Role",
            MEMBER_PASSWORD,
            assignments=(
                RoleAssignment(roles[BuiltInRole.RECEPTIONIST], frozenset({doc_a})),
                RoleAssignment(roles[BuiltInRole.CLINICIAN], frozenset({doc_b})),
            ),
            must_change_password=False,
        ),
    )
    assert sign_in(clinic.context, "multi", MEMBER_PASSWORD).actor.provider_scope == {doc_a, doc_b}
    create_staff(
        clinic.context,
        clinic.manager.actor,
        NewStaff(
            "wide",
            "Wide Role",
            MEMBER_PASSWORD,
            assignments=(
                RoleAssignment(roles[BuiltInRole.RECEPTIONIST], frozenset({doc_a})),
                RoleAssignment(roles[BuiltInRole.CLINICIAN], None),
            ),
            must_change_password=False,
        ),
    )
    assert sign_in(clinic.context, "wide", MEMBER_PASSWORD).actor.provider_scope is None


def test_stale_edit_is_refused(clinic):
    actor = clinic.manager.actor
    member = clinic.add_member("ed", BuiltInRole.RECEPTIONIST)
    version = get_staff(clinic.context, actor, member).version
    update_staff(clinic.context, actor, member, expected_version=version, display_name="Ed A")
    with pytest.raises(StaleEditError):
        update_staff(clinic.context, actor, member, expected_version=version, display_name="Ed B")


def test_last_role_manager_cannot_be_deactivated_or_demoted(clinic):
    actor = clinic.manager.actor
    manager_id = clinic.manager.staff_id
    with pytest.raises(InvariantError, match="manage roles"):
        deactivate_staff(clinic.context, actor, manager_id)
    with pytest.raises(InvariantError):
        update_staff(
            clinic.context,
            actor,
            manager_id,
            expected_version=None,
            assignments=[RoleAssignment(clinic.role_ids[BuiltInRole.RECEPTIONIST])],
        )
    assert get_staff(clinic.context, actor, manager_id).active
    # With a second manager, the first may go; their own session then ends at its next
    # operation, and the deputy brings them back.
    clinic.add_member("deputy", BuiltInRole.PRACTICE_MANAGER)
    deactivate_staff(clinic.context, actor, manager_id)
    with pytest.raises(AccessChangedError):
        reactivate_staff(clinic.context, actor, manager_id)
    deputy = sign_in(clinic.context, "deputy", MEMBER_PASSWORD).actor
    reactivate_staff(clinic.context, deputy, manager_id)
    assert get_staff(clinic.context, deputy, manager_id).active


def test_staff_writes_are_audited_by_id(clinic):
    member = clinic.add_member("fred", BuiltInRole.RECEPTIONIST, display_name="Fred Person")
    update_staff(
        clinic.context, clinic.manager.actor, member, expected_version=None, colour="#112233"
    )
    rows = require_audit(clinic.context)
    mine = [r for r in rows if r["target_id"] == member]
    assert {AuditAction.STAFF_CREATED.value, AuditAction.STAFF_CHANGED.value} <= {
        r["action"] for r in mine
    }
    assert "Fred" not in repr(rows)
    assert "fred" not in repr(rows)
