"""Roles and what each may do (`role.manage`): create, rename, copy, delete, matrix edits.

Each permission granted or revoked is audited as its own record (PERMISSION_GRANTED /
PERMISSION_REVOKED with the permission and the role's id). Every change is checked against
the invariant that at least one active account can still manage roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import (
    InvariantError,
    NotFoundError,
    PermissionDeniedError,
    StaleEditError,
    ValidationError,
)
from cicini_desktop.core.ids import RoleId, new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import DESCRIPTIONS, Permission
from cicini_desktop.core.roles import check_role_name
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.identity_access import (
    enforce_role_manager_invariant,
    role_permissions,
)
from cicini_desktop.services.unit_of_work import Transaction, record_denial, require, unit_of_work
from cicini_desktop.store.models import Role, RolePermission, StaffRole

ROLE_CHANGES = Changes(roles=True, staff=True)


@dataclass(frozen=True, slots=True)
class RoleInfo:
    id: RoleId
    name: str
    built_in: bool
    permissions: frozenset[Permission]
    members: int  # how many staff hold it (active or not)
    version: int


def _roles(session: Session) -> list[RoleInfo]:
    perms = role_permissions(session)
    members = dict(
        session.execute(select(StaffRole.role_id, func.count()).group_by(StaffRole.role_id)).all()
    )
    return sorted(
        (
            RoleInfo(
                RoleId(role.id),
                role.name,
                role.is_built_in,
                perms.get(role.id, frozenset()),
                int(members.get(role.id, 0)),
                role.version,
            )
            for role in session.scalars(select(Role))
        ),
        # Built-in roles first in their fixed order, then custom roles by name.
        key=lambda r: (not r.built_in, r.name.casefold()),
    )


def list_roles(context: ServiceContext, actor: Actor) -> list[RoleInfo]:
    """Every role with its permissions: for the staff screen (`staff.view`) and the editor."""
    if not actor.may(Permission.ROLE_MANAGE):
        require(context, actor, Permission.STAFF_VIEW)
    with context.database.session() as session:
        return _roles(session)


def _clean_name(session: Session, name: str, except_id: str | None = None) -> str:
    try:
        value = check_role_name(name)
    except ValueError as error:
        raise ValidationError(str(error), "name") from None
    query = select(func.count()).select_from(Role).where(Role.name_key == value.casefold())
    if except_id:
        query = query.where(Role.id != except_id)
    if session.scalar(query):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.roles", "A role with that name exists; choose another name."),
            "name",
        )
    return value


def _get(session: Session, role_id: str) -> Role:
    role = session.get(Role, role_id)
    if role is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("errors.roles", "That role no longer exists; refresh the list.")
        )
    return role


def _require_grantable(
    context: ServiceContext, actor: Actor, matrix: Mapping[str | None, Iterable[Permission]]
) -> None:
    """No escalation through the matrix: a permission can only be granted (to any role,
    one's own included) by someone who holds it. Revoking is not limited here (the
    last-manager invariant guards that). `None` stands for a role about to be created."""
    if actor.is_system:
        return
    with context.database.session() as session:
        current = role_permissions(session)
    granted: set[Permission] = set()
    for role_id, wanted in matrix.items():
        have = current.get(role_id, frozenset()) if role_id is not None else frozenset()
        granted |= {Permission(p) for p in wanted} - have
    beyond = sorted(granted - actor.permissions)
    if not beyond:
        return
    record_denial(context, actor, beyond[0], target_type="role")
    raise PermissionDeniedError(
        QT_TRANSLATE_NOOP(
            "errors.access",
            "You can only grant permissions your own role holds ({permission} is not one of them).",
        ).format(permission=DESCRIPTIONS[beyond[0]].as_clause())
    )


def _apply_permissions(tx: Transaction, role_id: str, wanted: Iterable[Permission]) -> int:
    """Make the role's set equal `wanted`; one audit record per grant and per revoke."""
    wanted_set = frozenset(Permission(p) for p in wanted)
    current = role_permissions(tx.session).get(role_id, frozenset())
    for permission in sorted(wanted_set - current):
        tx.session.add(RolePermission(role_id=role_id, permission=permission.value))
        tx.audit(
            AuditAction.PERMISSION_GRANTED,
            target_type="role",
            target_id=role_id,
            details={"permission": permission.value, "role_id": role_id},
        )
    revoked = sorted(current - wanted_set)
    if revoked:
        tx.session.execute(
            delete(RolePermission).where(
                RolePermission.role_id == role_id,
                RolePermission.permission.in_([p.value for p in revoked]),
            )
        )
    for permission in revoked:
        tx.audit(
            AuditAction.PERMISSION_REVOKED,
            target_type="role",
            target_id=role_id,
            details={"permission": permission.value, "role_id": role_id},
        )
    return len(wanted_set ^ current)


def create_role(
    context: ServiceContext,
    actor: Actor,
    name: str,
    permissions: Iterable[Permission] = (),
) -> RoleId:
    require(context, actor, Permission.ROLE_MANAGE, target_type="role")
    permissions = tuple(permissions)
    _require_grantable(context, actor, {None: permissions})
    role_id = RoleId(new_id())
    with unit_of_work(context, actor) as tx:
        value = _clean_name(tx.session, name)
        tx.session.add(
            Role(id=role_id, name=value, name_key=value.casefold(), created_at=context.clock.now())
        )
        tx.session.flush()
        tx.audit(AuditAction.ROLE_CREATED, target_type="role", target_id=role_id)
        _apply_permissions(tx, role_id, permissions)
        tx.count(Counter.ROLE_CHANGED)
    return role_id


def copy_role(context: ServiceContext, actor: Actor, role_id: str, name: str) -> RoleId:
    """A new custom role with the same permissions as `role_id`."""
    require(context, actor, Permission.ROLE_MANAGE, target_type="role", target_id=role_id)
    with context.database.session() as session:
        _get(session, role_id)
        permissions = role_permissions(session).get(role_id, frozenset())
    return create_role(context, actor, name, permissions)


def rename_role(
    context: ServiceContext,
    actor: Actor,
    role_id: str,
    name: str,
    *,
    expected_version: int | None = None,
) -> Changes:
    require(context, actor, Permission.ROLE_MANAGE, target_type="role", target_id=role_id)
    with unit_of_work(context, actor) as tx:
        role = _get(tx.session, role_id)
        if expected_version is not None and role.version != expected_version:
            raise StaleEditError(
                QT_TRANSLATE_NOOP(
                    "errors.roles", "Someone else changed this role meanwhile; reopen it and retry."
                )
            )
        if role.is_built_in:
            raise InvariantError(
                QT_TRANSLATE_NOOP(
                    "errors.roles", "Built-in roles keep their names; copy the role to rename it."
                )
            )
        value = _clean_name(tx.session, name, except_id=role.id)
        if value == role.name:
            return Changes()
        role.name = value
        role.name_key = value.casefold()
        role.version += 1
        tx.audit(
            AuditAction.ROLE_CHANGED,
            target_type="role",
            target_id=role.id,
            details={"kind": "name"},
        )
        tx.count(Counter.ROLE_CHANGED)
    return ROLE_CHANGES


def delete_role(context: ServiceContext, actor: Actor, role_id: str) -> Changes:
    """Delete a custom role nobody holds (deactivated members included)."""
    require(context, actor, Permission.ROLE_MANAGE, target_type="role", target_id=role_id)
    with unit_of_work(context, actor) as tx:
        role = _get(tx.session, role_id)
        if role.is_built_in:
            raise InvariantError(
                QT_TRANSLATE_NOOP(
                    "errors.roles",
                    "Built-in roles cannot be deleted; remove its permissions instead.",
                )
            )
        holders = tx.session.scalar(
            select(func.count()).select_from(StaffRole).where(StaffRole.role_id == role_id)
        )
        if holders:
            raise InvariantError(
                QT_TRANSLATE_NOOP(
                    "errors.roles",
                    "{holders} staff member(s) hold this role; give them another role first.",
                ).format(holders=holders)
            )
        tx.session.execute(delete(RolePermission).where(RolePermission.role_id == role_id))
        tx.session.delete(role)
        tx.audit(AuditAction.ROLE_DELETED, target_type="role", target_id=role_id)
        tx.count(Counter.ROLE_CHANGED)
    return ROLE_CHANGES


def set_role_permissions(
    context: ServiceContext, actor: Actor, role_id: str, permissions: Iterable[Permission]
) -> Changes:
    return save_matrix(context, actor, {role_id: frozenset(permissions)})


def save_matrix(
    context: ServiceContext,
    actor: Actor,
    matrix: Mapping[str, Iterable[Permission]],
    *,
    expected_versions: Mapping[str, int] | None = None,
) -> Changes:
    """Save the editor's matrix (role id -> its full permission set) in one transaction.

    Roles not in `matrix` are left alone. Refused as a whole when it would leave no active
    account able to manage roles, or when a role changed meanwhile.
    """
    require(context, actor, Permission.ROLE_MANAGE, target_type="role")
    matrix = {role_id: tuple(wanted) for role_id, wanted in matrix.items()}
    _require_grantable(context, actor, dict(matrix))
    changed = 0
    with unit_of_work(context, actor) as tx:
        for role_id, wanted in matrix.items():
            role = _get(tx.session, role_id)
            expected = (expected_versions or {}).get(role_id)
            if expected is not None and role.version != expected:
                raise StaleEditError(
                    QT_TRANSLATE_NOOP(
                        "errors.roles",
                        "Someone else changed these roles meanwhile; reopen the editor and retry.",
                    )
                )
            role_changes = _apply_permissions(tx, role_id, wanted)
            if role_changes:
                # Bump the role's version so a concurrent editor sees its view is stale.
                role.version += 1
                changed += role_changes
        if changed:
            enforce_role_manager_invariant(tx.session)
            tx.count(Counter.ROLE_CHANGED)
    return ROLE_CHANGES if changed else Changes()
