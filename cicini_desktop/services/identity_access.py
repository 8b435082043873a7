"""Shared identity queries: who holds what, the built-in roles, the role-manager invariant.

Helpers take an open SQLAlchemy session (the caller's unit of work) and never commit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    BuiltInRole,
    MemberGrants,
    check_role_manager_invariant,
)
from cicini_desktop.services.context import Actor
from cicini_desktop.store.models import Role, RolePermission, Staff, StaffRole, StaffRoleScope


def ensure_built_in_roles(session: Session, now: datetime) -> dict[BuiltInRole, str]:
    """Create any missing built-in role with its default permissions; ids by role."""
    existing = {
        role.built_in: role.id
        for role in session.scalars(select(Role).where(Role.built_in.is_not(None)))
    }
    ids: dict[BuiltInRole, str] = {}
    for built_in in BuiltInRole:
        if built_in.value in existing:
            ids[built_in] = existing[built_in.value]
            continue
        role_id = new_id()
        name = BUILT_IN_NAMES[built_in]
        session.add(
            Role(
                id=role_id,
                name=name,
                name_key=name.casefold(),
                built_in=built_in.value,
                created_at=now,
            )
        )
        session.flush()
        session.add_all(
            RolePermission(role_id=role_id, permission=p.value)
            for p in sorted(BUILT_IN_PERMISSIONS[built_in])
        )
        ids[built_in] = role_id
    session.flush()
    return ids


def role_permissions(session: Session) -> dict[str, frozenset[Permission]]:
    """Every role's permission set (roles without any permission included)."""
    table: dict[str, set[Permission]] = {
        role_id: set() for role_id in session.scalars(select(Role.id))
    }
    for role_id, value in session.execute(
        select(RolePermission.role_id, RolePermission.permission)
    ):
        # A value no longer in the enum (older build) grants nothing.
        if value in Permission._value2member_map_:
            table[role_id].add(Permission(value))
    return {role_id: frozenset(perms) for role_id, perms in table.items()}


def actor_for(session: Session, organization_id: str, staff_id: str) -> Actor:
    """The actor of `staff_id`: the union of their roles' permissions, and their scope.

    Scope: None (all providers) as soon as one assignment is unscoped; otherwise the union
    of the assignments' provider sets.
    """
    return account_grants(session, organization_id, staff_id)[1]


@dataclass(frozen=True, slots=True)
class AccountState:
    active: bool
    must_change_password: bool


# The account, its assignments and their roles' permissions in one read: every permission
# check of a signed-in session re-reads them, and on the clinic server each query is a
# network round trip (four queries a check used to cost a day view 80 of them).
_GRANTS = (
    select(
        Staff.active,
        Staff.must_change_password,
        StaffRole.id,
        StaffRole.scoped,
        RolePermission.permission,
    )
    .select_from(Staff)
    .outerjoin(StaffRole, StaffRole.staff_id == Staff.id)
    .outerjoin(RolePermission, RolePermission.role_id == StaffRole.role_id)
    .where(Staff.id == bindparam("staff_id"))
)


def account_grants(
    session: Session, organization_id: str, staff_id: str
) -> tuple[AccountState | None, Actor]:
    """The account's state (None: no such account) and its actor, from one query (and one
    more for the provider sets of scoped assignments, when there are any)."""
    state: AccountState | None = None
    permissions: set[Permission] = set()
    assignments: set[str] = set()
    scoped: set[str] = set()
    for active, must_change, assignment_id, is_scoped, value in session.execute(
        _GRANTS, {"staff_id": staff_id}
    ):
        state = AccountState(bool(active), bool(must_change))
        if assignment_id is None:
            continue
        assignments.add(assignment_id)
        if is_scoped:
            scoped.add(assignment_id)
        # A value no longer in the enum (older build) grants nothing.
        if value is not None and value in Permission._value2member_map_:
            permissions.add(Permission(value))
    scope: set[str] = set()
    if scoped and scoped == assignments:
        scope.update(
            session.scalars(
                select(StaffRoleScope.provider_id).where(
                    StaffRoleScope.assignment_id.in_(sorted(scoped))
                )
            )
        )
    unscoped = bool(assignments) and scoped != assignments
    actor = Actor(
        staff_id=staff_id,
        organization_id=organization_id,
        permissions=frozenset(permissions),
        provider_scope=None if unscoped or not assignments else frozenset(scope),
    )
    return state, actor


def member_grants(session: Session) -> list[MemberGrants]:
    perms_by_role = role_permissions(session)
    roles_of: dict[str, list[frozenset[Permission]]] = defaultdict(list)
    for staff_id, role_id in session.execute(select(StaffRole.staff_id, StaffRole.role_id)):
        roles_of[staff_id].append(perms_by_role.get(role_id, frozenset()))
    return [
        MemberGrants(staff_id, active, tuple(roles_of.get(staff_id, ())))
        for staff_id, active in session.execute(select(Staff.id, Staff.active))
    ]


def enforce_role_manager_invariant(session: Session) -> None:
    """Call after flushing a change: raises InvariantError (the transaction rolls back)."""
    session.flush()
    check_role_manager_invariant(member_grants(session))
