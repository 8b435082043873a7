"""No privilege escalation: "manage staff" reaches only accounts whose permissions are all
within the actor's own. Found by the campaign: a custom role holding only "view staff" and
"manage staff" reset the practice manager's password and signed in as them."""

from __future__ import annotations

import pytest

from cicini_desktop.core.errors import InvariantError, PermissionDeniedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services import roles, staff
from cicini_desktop.services.sessions import sign_in
from tests.services.identity.conftest import (
    MANAGER_PASSWORD,
    MANAGER_USERNAME,
    MEMBER_PASSWORD,
    Clinic,
    audit_rows,
)

NEW_PASSWORD = "copper meadow lantern 19"


@pytest.fixture
def staff_admin(clinic: Clinic):
    """Signed in with a custom role: view staff + manage staff, nothing else."""
    role_id = roles.create_role(
        clinic.context,
        clinic.manager.actor,
        "Staff admin",
        [Permission.STAFF_VIEW, Permission.STAFF_MANAGE],
    )
    admin_id = staff.create_staff(
        clinic.context,
        clinic.manager.actor,
        staff.NewStaff(
            username="sam.staff",
            display_name="Sam",
            password=MEMBER_PASSWORD,
            assignments=(staff.RoleAssignment(role_id),),
            must_change_password=False,
        ),
    )
    assert admin_id
    return sign_in(clinic.context, "sam.staff", MEMBER_PASSWORD)


def _manager_id(clinic: Clinic) -> str:
    return clinic.manager.staff_id


@pytest.mark.parametrize("action", ["reset", "unlock", "roles", "deactivate"])
def test_manage_staff_cannot_take_over_a_more_powerful_account(
    clinic: Clinic, staff_admin, action: str
) -> None:
    context, actor, target = clinic.context, staff_admin.actor, _manager_id(clinic)
    before = len(audit_rows(context))
    attempts = {
        "reset": lambda: staff.reset_password(context, actor, target, NEW_PASSWORD),
        "unlock": lambda: staff.unlock_account(context, actor, target),
        "roles": lambda: staff.update_staff(
            context, actor, target, expected_version=None, assignments=()
        ),
        "deactivate": lambda: staff.deactivate_staff(context, actor, target),
    }
    with pytest.raises(PermissionDeniedError, match="holds permissions your role does not have"):
        attempts[action]()
    denial = audit_rows(context)[before:]
    assert [row["action"] for row in denial] == ["access.denied"]
    assert denial[0]["actor_id"] == staff_admin.staff_id
    assert denial[0]["target_id"] == target
    # the manager's account is as it was: the old password still signs in
    assert sign_in(context, MANAGER_USERNAME, MANAGER_PASSWORD).actor.may(Permission.ROLE_MANAGE)


def test_receptionist_accounts_are_beyond_a_staff_only_role_too(clinic: Clinic, staff_admin):
    receptionist = clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    with pytest.raises(PermissionDeniedError):
        staff.reset_password(clinic.context, staff_admin.actor, receptionist, NEW_PASSWORD)


def test_accounts_within_the_actors_permissions_can_be_managed(clinic: Clinic, staff_admin):
    viewer_role = roles.create_role(
        clinic.context, clinic.manager.actor, "Viewer", [Permission.STAFF_VIEW]
    )
    viewer = staff.create_staff(
        clinic.context,
        clinic.manager.actor,
        staff.NewStaff(
            username="vic.viewer",
            display_name="Vic",
            password=MEMBER_PASSWORD,
            assignments=(staff.RoleAssignment(viewer_role),),
            must_change_password=False,
        ),
    )
    actor = staff_admin.actor
    assert staff.reset_password(clinic.context, actor, viewer, NEW_PASSWORD).any()
    assert staff.unlock_account(clinic.context, actor, viewer).any()
    assert staff.deactivate_staff(clinic.context, actor, viewer).any()
    assert staff.reactivate_staff(clinic.context, actor, viewer).any()


def test_a_practice_manager_still_manages_everyone_below_and_the_last_manager_rule_stays(
    clinic: Clinic,
):
    receptionist = clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    manager = clinic.manager.actor
    assert staff.reset_password(clinic.context, manager, receptionist, NEW_PASSWORD).any()
    with pytest.raises(InvariantError):
        staff.deactivate_staff(clinic.context, manager, _manager_id(clinic))


def test_the_role_matrix_cannot_grant_what_the_editor_does_not_hold(clinic: Clinic) -> None:
    """"manage roles" without "restore backups": neither a new role nor one's own role can
    be given it; what the editor holds can still be granted, and revoking is unaffected."""
    editor_role = roles.create_role(
        clinic.context,
        clinic.manager.actor,
        "Role editor",
        [Permission.ROLE_MANAGE, Permission.STAFF_VIEW, Permission.SCHEDULE_VIEW],
    )
    staff.create_staff(
        clinic.context,
        clinic.manager.actor,
        staff.NewStaff(
            username="ed.roles",
            display_name="Ed",
            password=MEMBER_PASSWORD,
            assignments=(staff.RoleAssignment(editor_role),),
            must_change_password=False,
        ),
    )
    editor = sign_in(clinic.context, "ed.roles", MEMBER_PASSWORD).actor
    before = len(audit_rows(clinic.context))
    with pytest.raises(PermissionDeniedError, match="only grant permissions your own role"):
        roles.set_role_permissions(
            clinic.context,
            editor,
            editor_role,
            [Permission.ROLE_MANAGE, Permission.STAFF_VIEW, Permission.BACKUP_MANAGE],
        )
    with pytest.raises(PermissionDeniedError):
        roles.create_role(clinic.context, editor, "Sneaky", [Permission.PRIVACY_MANAGE])
    assert [r["action"] for r in audit_rows(clinic.context)[before:]] == ["access.denied"] * 2
    assert roles.create_role(clinic.context, editor, "Viewers", [Permission.SCHEDULE_VIEW])
    roles.set_role_permissions(
        clinic.context, editor, editor_role, [Permission.ROLE_MANAGE, Permission.STAFF_VIEW]
    )
