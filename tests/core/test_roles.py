from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.errors import InvariantError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import (
    BUILT_IN_PERMISSIONS,
    BuiltInRole,
    MemberGrants,
    check_role_manager_invariant,
    role_managers,
)

MANAGER = BUILT_IN_PERMISSIONS[BuiltInRole.PRACTICE_MANAGER]
RECEPTION = BUILT_IN_PERMISSIONS[BuiltInRole.RECEPTIONIST]


def test_built_in_roles_are_sensible():
    assert Permission.ROLE_MANAGE in MANAGER
    assert Permission.STAFF_MANAGE in MANAGER
    assert Permission.ROLE_MANAGE not in RECEPTION
    assert Permission.PATIENT_VIEW not in BUILT_IN_PERMISSIONS[BuiltInRole.IT_ADMINISTRATOR]
    assert Permission.BACKUP_MANAGE in BUILT_IN_PERMISSIONS[BuiltInRole.IT_ADMINISTRATOR]
    assert Permission.APPOINTMENT_BOOK in RECEPTION


def test_invariant_needs_an_active_role_manager():
    check_role_manager_invariant([MemberGrants("a", True, (MANAGER,))])
    with pytest.raises(InvariantError, match="no active account able to manage roles"):
        check_role_manager_invariant(
            [MemberGrants("a", False, (MANAGER,)), MemberGrants("b", True, (RECEPTION,))]
        )
    with pytest.raises(InvariantError):
        check_role_manager_invariant([])


@given(
    st.lists(
        st.tuples(st.booleans(), st.lists(st.sampled_from(list(BuiltInRole)), max_size=3)),
        max_size=6,
    )
)
def test_invariant_matches_definition(members):
    grants = [
        MemberGrants(str(i), active, tuple(BUILT_IN_PERMISSIONS[r] for r in roles))
        for i, (active, roles) in enumerate(members)
    ]
    expected = any(active and BuiltInRole.PRACTICE_MANAGER in roles for active, roles in members)
    assert bool(role_managers(grants)) == expected
    if expected:
        check_role_manager_invariant(grants)
    else:
        with pytest.raises(InvariantError):
            check_role_manager_invariant(grants)
