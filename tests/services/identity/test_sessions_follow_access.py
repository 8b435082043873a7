"""A signed-in session follows what a manager changes: at its very next operation.

Before, a session kept the permissions it signed in with, so a receptionist who was
deactivated kept searching and booking. Each change below is made by a manager while the
receptionist stays signed in; the receptionist's next call sees it.
"""

from __future__ import annotations

import pytest

from cicini_desktop.core.errors import AccessChangedError, PermissionDeniedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services.roles import list_roles, save_matrix
from cicini_desktop.services.scheduling import patients
from cicini_desktop.services.sessions import refresh_session, sign_in
from cicini_desktop.services.staff import (
    RoleAssignment,
    deactivate_staff,
    get_staff,
    update_staff,
)
from tests.services.identity.conftest import MEMBER_PASSWORD, audit_rows, make_clinic


@pytest.fixture
def clinic(context):
    return make_clinic(context)


def desk_session(clinic):
    clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    session = sign_in(clinic.context, "rita", MEMBER_PASSWORD)
    assert patients.search_patients(clinic.context, session.actor, "any") == []  # allowed now
    return session


def test_a_revoked_permission_is_refused_at_the_next_operation(clinic):
    session = desk_session(clinic)
    manager = clinic.manager.actor
    receptionist_role = next(
        r for r in list_roles(clinic.context, manager) if r.name == "Receptionist"
    )
    save_matrix(
        clinic.context,
        manager,
        {receptionist_role.id: receptionist_role.permissions - {Permission.PATIENT_VIEW}},
        expected_versions={receptionist_role.id: receptionist_role.version},
    )
    with pytest.raises(PermissionDeniedError, match="does not allow"):
        patients.search_patients(clinic.context, session.actor, "any")
    denied = [r for r in audit_rows(clinic.context) if r["action"] == "access.denied"]
    assert denied
    assert denied[-1]["actor_id"] == session.staff_id
    # The session itself, re-read, says the same (the window rebuilds from this).
    assert Permission.PATIENT_VIEW not in refresh_session(clinic.context, session).actor.permissions


def test_a_changed_role_applies_at_the_next_operation(clinic):
    session = desk_session(clinic)
    manager = clinic.manager.actor
    member = get_staff(clinic.context, manager, session.staff_id)
    clinician = clinic.role_ids[BuiltInRole.CLINICIAN]
    update_staff(
        clinic.context,
        manager,
        session.staff_id,
        expected_version=member.version,
        assignments=[RoleAssignment(clinician)],
    )
    refreshed = refresh_session(clinic.context, session).actor
    assert refreshed.permissions != session.actor.permissions
    lost = session.actor.permissions - refreshed.permissions
    assert lost, "the clinician role lacks something the receptionist had"
    # Any permission the old role had and the new one lacks is now refused to the old session.
    from cicini_desktop.services.unit_of_work import require

    with pytest.raises(PermissionDeniedError):
        require(clinic.context, session.actor, sorted(lost)[0])


def test_a_deactivated_member_is_stopped_at_the_next_operation(clinic):
    session = desk_session(clinic)
    deactivate_staff(clinic.context, clinic.manager.actor, session.staff_id)
    with pytest.raises(AccessChangedError, match="deactivated"):
        patients.search_patients(clinic.context, session.actor, "any")


def test_an_actor_not_from_a_sign_in_keeps_its_own_permissions(clinic):
    """System work and test fixtures hold fixed permissions: nothing to follow."""
    from cicini_desktop.services.context import Actor

    fixed = Actor(clinic.manager.staff_id, clinic.context.organization_id, frozenset(Permission))
    assert not fixed.signed_in
    assert patients.search_patients(clinic.context, fixed, "any") == []
