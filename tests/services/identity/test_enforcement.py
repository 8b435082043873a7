"""Every identity service operation under every built-in role: allowed or refused exactly as
the role's permission set says, and every refusal audited as ACCESS_DENIED."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.core.permissions import Permission as P
from cicini_desktop.core.roles import BUILT_IN_PERMISSIONS, BuiltInRole
from cicini_desktop.services import roles as roles_service
from cicini_desktop.services import staff as staff_service
from cicini_desktop.services.sessions import sign_in
from tests.services.identity.conftest import MEMBER_PASSWORD, Clinic, audit_rows


@dataclass(frozen=True)
class Op:
    name: str
    # Any one of these permissions allows the operation.
    needs_any: frozenset[P]
    run: Callable[[Clinic, Any, dict[str, str]], object]


def _new_staff(username: str) -> staff_service.NewStaff:
    return staff_service.NewStaff(username, "Someone New", MEMBER_PASSWORD)


OPS = [
    Op(
        "list_staff",
        frozenset({P.STAFF_VIEW}),
        lambda c, a, t: staff_service.list_staff(c.context, a),
    ),
    Op(
        "get_staff",
        frozenset({P.STAFF_VIEW}),
        lambda c, a, t: staff_service.get_staff(c.context, a, t["member"]),
    ),
    Op(
        "list_providers",
        frozenset({P.STAFF_VIEW, P.SCHEDULE_VIEW}),
        lambda c, a, t: staff_service.list_providers(c.context, a),
    ),
    Op(
        "provider_services",
        frozenset({P.STAFF_VIEW, P.SCHEDULE_VIEW}),
        lambda c, a, t: staff_service.provider_services(c.context, a, t["member"]),
    ),
    Op(
        "create_staff",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.create_staff(c.context, a, _new_staff("newbie")),
    ),
    Op(
        "update_staff",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.update_staff(
            c.context, a, t["member"], expected_version=None, display_name="Renamed Person"
        ),
    ),
    Op(
        "deactivate_staff",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.deactivate_staff(c.context, a, t["member"]),
    ),
    Op(
        "reactivate_staff",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.reactivate_staff(c.context, a, t["inactive"]),
    ),
    Op(
        "reset_password",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.reset_password(
            c.context, a, t["member"], "fresh temporary words 1"
        ),
    ),
    Op(
        "unlock_account",
        frozenset({P.STAFF_MANAGE}),
        lambda c, a, t: staff_service.unlock_account(c.context, a, t["member"]),
    ),
    Op(
        "list_roles",
        frozenset({P.STAFF_VIEW, P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.list_roles(c.context, a),
    ),
    Op(
        "create_role",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.create_role(c.context, a, "Another", [P.SCHEDULE_VIEW]),
    ),
    Op(
        "copy_role",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.copy_role(c.context, a, t["custom_role"], "Copied"),
    ),
    Op(
        "rename_role",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.rename_role(c.context, a, t["custom_role"], "Renamed"),
    ),
    Op(
        "delete_role",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.delete_role(c.context, a, t["custom_role"]),
    ),
    Op(
        "save_matrix",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.save_matrix(
            c.context, a, {t["custom_role"]: {P.SCHEDULE_VIEW, P.PATIENT_VIEW}}
        ),
    ),
    Op(
        "set_role_permissions",
        frozenset({P.ROLE_MANAGE}),
        lambda c, a, t: roles_service.set_role_permissions(
            c.context, a, t["custom_role"], {P.AUDIT_VIEW}
        ),
    ),
]


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
@pytest.mark.parametrize("role", list(BuiltInRole), ids=lambda role: role.value)
def test_operation_under_role(clinic: Clinic, role: BuiltInRole, op: Op) -> None:
    manager = clinic.manager.actor
    targets = {
        "member": clinic.add_member("target", BuiltInRole.RECEPTIONIST),
        "inactive": clinic.add_member("gone", BuiltInRole.RECEPTIONIST),
        "custom_role": roles_service.create_role(clinic.context, manager, "Custom", []),
    }
    staff_service.deactivate_staff(clinic.context, manager, targets["inactive"])
    clinic.add_member("actor", role)
    actor = sign_in(clinic.context, "actor", MEMBER_PASSWORD).actor
    allowed = bool(op.needs_any & BUILT_IN_PERMISSIONS[role])
    before = len(audit_rows(clinic.context))
    if allowed:
        op.run(clinic, actor, targets)
        new_rows = audit_rows(clinic.context)[before:]
        assert AuditAction.ACCESS_DENIED.value not in {r["action"] for r in new_rows}
        return
    with pytest.raises(PermissionDeniedError):
        op.run(clinic, actor, targets)
    new_rows = audit_rows(clinic.context)[before:]
    denials = [r for r in new_rows if r["action"] == AuditAction.ACCESS_DENIED.value]
    assert len(denials) == 1
    assert denials[0]["actor_id"] == actor.staff_id
    assert denials[0]["outcome"] == "denied"
    assert P(denials[0]["details"]["permission"]) in op.needs_any
