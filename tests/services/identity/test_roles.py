from __future__ import annotations

import pytest

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import InvariantError, ValidationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services.roles import (
    copy_role,
    create_role,
    delete_role,
    list_roles,
    rename_role,
    save_matrix,
)
from cicini_desktop.services.sessions import sign_in
from tests.services.identity.conftest import MEMBER_PASSWORD, require_audit


def _role(clinic, role_id):
    return next(r for r in list_roles(clinic.context, clinic.manager.actor) if r.id == role_id)


def test_matrix_grants_and_revokes_are_audited_one_by_one(clinic):
    actor = clinic.manager.actor
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    before = _role(clinic, reception).permissions
    wanted = (before - {Permission.WAITLIST_MANAGE}) | {
        Permission.AUDIT_VIEW,
        Permission.PATIENT_EXPORT,
    }
    changes = save_matrix(clinic.context, actor, {reception: wanted})
    assert changes.roles
    assert _role(clinic, reception).permissions == wanted
    rows = require_audit(clinic.context)
    granted = [r for r in rows if r["action"] == AuditAction.PERMISSION_GRANTED.value]
    revoked = [r for r in rows if r["action"] == AuditAction.PERMISSION_REVOKED.value]
    granted_here = {r["details"]["permission"] for r in granted if r["target_id"] == reception}
    assert granted_here == {"audit.view", "patient.export"}
    assert [r["details"] for r in revoked] == [
        {"permission": "waitlist.manage", "role_id": reception}
    ]


def test_matrix_takes_effect_at_next_sign_in(clinic):
    clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    save_matrix(
        clinic.context,
        clinic.manager.actor,
        {reception: _role(clinic, reception).permissions | {Permission.AUDIT_VIEW}},
    )
    assert sign_in(clinic.context, "rita", MEMBER_PASSWORD).actor.may(Permission.AUDIT_VIEW)


def test_invariant_refuses_revoking_the_last_role_manager(clinic):
    manager_role = clinic.role_ids[BuiltInRole.PRACTICE_MANAGER]
    wanted = _role(clinic, manager_role).permissions - {Permission.ROLE_MANAGE}
    with pytest.raises(InvariantError, match="no active account able to manage roles"):
        save_matrix(clinic.context, clinic.manager.actor, {manager_role: wanted})
    assert Permission.ROLE_MANAGE in _role(clinic, manager_role).permissions
    # Give IT the permission, and someone holding IT: now the manager role may lose it.
    it_role = clinic.role_ids[BuiltInRole.IT_ADMINISTRATOR]
    clinic.add_member("ivan", BuiltInRole.IT_ADMINISTRATOR)
    save_matrix(
        clinic.context,
        clinic.manager.actor,
        {
            it_role: _role(clinic, it_role).permissions | {Permission.ROLE_MANAGE},
            manager_role: wanted,
        },
    )


def test_custom_role_life_cycle(clinic):
    actor = clinic.manager.actor
    role_id = create_role(clinic.context, actor, "Locum", [Permission.SCHEDULE_VIEW])
    with pytest.raises(ValidationError):
        create_role(clinic.context, actor, "locum")
    rename_role(clinic.context, actor, role_id, "Locum doctor")
    copy_id = copy_role(clinic.context, actor, role_id, "Locum copy")
    assert _role(clinic, copy_id).permissions == {Permission.SCHEDULE_VIEW}
    member = clinic.add_member("lou", None)
    from cicini_desktop.services.staff import RoleAssignment, update_staff

    update_staff(
        clinic.context, actor, member, expected_version=None, assignments=[RoleAssignment(role_id)]
    )
    with pytest.raises(InvariantError, match="hold this role"):
        delete_role(clinic.context, actor, role_id)
    delete_role(clinic.context, actor, copy_id)
    assert copy_id not in {r.id for r in list_roles(clinic.context, actor)}


def test_built_in_roles_cannot_be_renamed_or_deleted(clinic):
    role_id = clinic.role_ids[BuiltInRole.CLINICIAN]
    with pytest.raises(InvariantError):
        rename_role(clinic.context, clinic.manager.actor, role_id, "Doctor")
    with pytest.raises(InvariantError):
        delete_role(clinic.context, clinic.manager.actor, role_id)
