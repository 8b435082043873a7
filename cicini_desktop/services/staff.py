"""Staff accounts: the first manager at onboarding, and staff management (`staff.manage`).

Members are never deleted (the schedule and the audit trail refer to them): they are
deactivated and may be reactivated. Every write checks the permission, changes, audits and
counts in one transaction. Audit records carry the member's internal id only.

Scheduling reads providers through `list_providers` (or the `staff` table's `id`,
`display_name`, `active`, `is_provider`, `colour` columns) and the appointment types a
provider offers from `staff_service` (`staff_id`, `appointment_type_id`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

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
from cicini_desktop.core.ids import StaffId, new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.passwords import check_username, normalize_username
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services import allowances
from cicini_desktop.services import identity_passwords as pw
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.identity_access import (
    enforce_role_manager_invariant,
    ensure_built_in_roles,
    role_permissions,
)
from cicini_desktop.services.unit_of_work import record_denial, require, unit_of_work
from cicini_desktop.store.models import Role, Staff, StaffRole, StaffRoleScope, StaffService

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
STAFF_CHANGES = Changes(staff=True)


@dataclass(frozen=True, slots=True)
class RoleAssignment:
    """A role held by a member; `provider_scope` None means all providers."""

    role_id: str
    provider_scope: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class ProviderInfo:
    id: str
    display_name: str
    colour: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class StaffSummary:
    id: str
    username: str
    display_name: str
    active: bool
    is_provider: bool
    colour: str | None
    role_ids: tuple[str, ...]
    locked: bool
    version: int


@dataclass(frozen=True, slots=True)
class StaffDetails:
    id: str
    username: str
    display_name: str
    active: bool
    is_provider: bool
    colour: str | None
    must_change_password: bool
    locked: bool
    assignments: tuple[RoleAssignment, ...]
    service_ids: frozenset[str]
    version: int


@dataclass(frozen=True, slots=True)
class NewStaff:
    username: str
    display_name: str
    password: str
    assignments: tuple[RoleAssignment, ...] = ()
    is_provider: bool = False
    colour: str | None = None
    service_ids: frozenset[str] = field(default_factory=frozenset)
    must_change_password: bool = True  # the manager chose it; the member picks their own


# --- plan allowances (checked inside the writing transaction) ------------------------------


def _check_allowance(check: str, context: ServiceContext, session: Session) -> None:
    """The single call site for plan allowances (raises AllowanceExceededError)."""
    if check == "check_can_add_staff":
        allowances.check_can_add_staff(context, session)
    else:
        allowances.check_can_activate_provider(context, session)


# --- validation -----------------------------------------------------------------------------


def _clean_display_name(display_name: str) -> str:
    value = " ".join(display_name.split())
    if not 1 <= len(value) <= 200:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.staff", "The display name must be 1 to 200 characters."),
            "display_name",
        )
    return value


def _clean_username(username: str) -> str:
    problem = check_username(username)
    if problem:
        raise ValidationError(problem, "username")
    return username.strip()


def _clean_colour(colour: str | None) -> str | None:
    if colour in (None, ""):
        return None
    assert colour is not None
    if not _COLOUR.match(colour):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.staff", "A colour is written as #RRGGBB, e.g. #3A7BD5."),
            "colour",
        )
    return colour.upper()


def _username_taken(session: Session, username: str, except_id: str | None = None) -> bool:
    query = (
        select(func.count())
        .select_from(Staff)
        .where(Staff.username_key == normalize_username(username))
    )
    if except_id:
        query = query.where(Staff.id != except_id)
    return bool(session.scalar(query))


def _get(session: Session, staff_id: str) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP(
                "errors.staff", "That staff member no longer exists; refresh the list."
            )
        )
    return staff


def _check_version(staff: Staff, expected_version: int | None) -> None:
    if expected_version is not None and staff.version != expected_version:
        raise StaleEditError(
            QT_TRANSLATE_NOOP(
                "errors.staff",
                "Someone else changed this staff member meanwhile; reopen it and make your change "
                "again.",
            )
        )


def _write_assignments(
    session: Session, staff_id: str, assignments: Iterable[RoleAssignment]
) -> None:
    known_roles = set(session.scalars(select(Role.id)))
    providers = set(session.scalars(select(Staff.id).where(Staff.is_provider.is_(True))))
    session.execute(
        delete(StaffRoleScope).where(
            StaffRoleScope.assignment_id.in_(
                select(StaffRole.id).where(StaffRole.staff_id == staff_id)
            )
        )
    )
    session.execute(delete(StaffRole).where(StaffRole.staff_id == staff_id))
    session.flush()
    seen: set[str] = set()
    for assignment in assignments:
        if assignment.role_id not in known_roles:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.staff", "One of the chosen roles no longer exists; refresh."
                ),
                "roles",
            )
        if assignment.role_id in seen:
            continue
        if not set(assignment.provider_scope or ()) <= providers:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.staff",
                    "A role can only be limited to staff marked as providers; refresh and choose "
                    "again.",
                ),
                "scope",
            )
        seen.add(assignment.role_id)
        assignment_id = new_id()
        session.add(
            StaffRole(
                id=assignment_id,
                staff_id=staff_id,
                role_id=assignment.role_id,
                scoped=assignment.provider_scope is not None,
            )
        )
        session.flush()
        for provider_id in sorted(assignment.provider_scope or ()):
            session.add(StaffRoleScope(assignment_id=assignment_id, provider_id=provider_id))
    session.flush()


def _write_services(session: Session, staff_id: str, service_ids: Iterable[str]) -> None:
    session.execute(delete(StaffService).where(StaffService.staff_id == staff_id))
    session.add_all(
        StaffService(staff_id=staff_id, appointment_type_id=type_id)
        for type_id in sorted(set(service_ids))
    )


def _assignments(session: Session, staff_id: str) -> tuple[RoleAssignment, ...]:
    result = []
    for assignment in session.scalars(select(StaffRole).where(StaffRole.staff_id == staff_id)):
        scope = None
        if assignment.scoped:
            scope = frozenset(
                session.scalars(
                    select(StaffRoleScope.provider_id).where(
                        StaffRoleScope.assignment_id == assignment.id
                    )
                )
            )
        result.append(RoleAssignment(assignment.role_id, scope))
    return tuple(sorted(result, key=lambda a: a.role_id))


def _is_locked(staff: Staff, now: datetime) -> bool:
    return staff.locked_until is not None and staff.locked_until > now


def _require_role_grants(
    context: ServiceContext, actor: Actor, assignments: Iterable[RoleAssignment]
) -> None:
    """Without `role.manage`, a manager may only hand out roles within their own rights."""
    if actor.may(Permission.ROLE_MANAGE):
        return
    with context.database.session() as session:
        perms = role_permissions(session)
    if any(not perms.get(a.role_id, frozenset()) <= actor.permissions for a in assignments):
        require(context, actor, Permission.ROLE_MANAGE, target_type="staff")


def _account_permissions(session: Session, staff_id: str) -> frozenset[Permission]:
    """Everything the account's roles allow (active or not: reactivation restores it)."""
    perms = role_permissions(session)
    held: set[Permission] = set()
    for assignment in _assignments(session, staff_id):
        held |= perms.get(assignment.role_id, frozenset())
    return frozenset(held)


def _require_outranks(context: ServiceContext, actor: Actor, staff_id: str) -> None:
    """No escalation: reset the password of, unlock, change the roles of, deactivate or
    reactivate only an account whose permissions are all within the actor's own (a custom
    role with "manage staff" must not take over the practice manager's account). Refused
    like any permission, audited."""
    if actor.is_system:
        return
    with context.database.session() as session:
        _get(session, staff_id)  # NotFoundError first, as before
        beyond = _account_permissions(session, staff_id) - actor.permissions
    if not beyond:
        return
    record_denial(context, actor, sorted(beyond)[0], target_type="staff", target_id=staff_id)
    raise PermissionDeniedError(
        QT_TRANSLATE_NOOP(
            "errors.staff",
            "That account holds permissions your role does not have; only someone who holds all "
            "of them can change its roles, password, lock or status.",
        )
    )


# --- onboarding -----------------------------------------------------------------------------


def validate_first_manager(username: str, display_name: str, password: str) -> None:
    """Check the first manager's fields before anything is created (onboarding, `init`)."""
    username = _clean_username(username)
    display_name = _clean_display_name(display_name)
    pw.validate_new_password(password, username, display_name)


def create_first_manager(
    context: ServiceContext, *, username: str, display_name: str, password: str
) -> StaffId:
    """The clinic's first account, a Practice Manager; seeds the built-in roles.

    Refused once any staff account exists (then managers create accounts).
    """
    organization_id = context.organization_id
    if organization_id is None:
        raise InvariantError(
            QT_TRANSLATE_NOOP(
                "errors.staff", "Set up the clinic before creating its first account."
            )
        )
    username = _clean_username(username)
    display_name = _clean_display_name(display_name)
    pw.validate_new_password(password, username, display_name)
    password_hash = pw.hash_password(password)
    staff_id = StaffId(new_id())
    now = context.clock.now()
    with unit_of_work(context, Actor.system(organization_id)) as tx:
        if tx.session.scalar(select(func.count()).select_from(Staff)):
            raise InvariantError(
                QT_TRANSLATE_NOOP(
                    "errors.staff",
                    "This clinic already has staff accounts; "
                    "sign in as a practice manager to add more.",
                )
            )
        roles = ensure_built_in_roles(tx.session, now)
        tx.session.add(
            Staff(
                id=staff_id,
                organization_id=organization_id,
                username=username,
                username_key=normalize_username(username),
                display_name=display_name,
                password_hash=password_hash,
                active=True,
                is_provider=False,
                must_change_password=False,
                failed_attempts=0,
                created_at=now,
            )
        )
        tx.session.flush()
        _write_assignments(
            tx.session, staff_id, [RoleAssignment(roles[BuiltInRole.PRACTICE_MANAGER])]
        )
        tx.audit(AuditAction.STAFF_CREATED, target_type="staff", target_id=staff_id)
        tx.count(Counter.STAFF_CREATED)
    return staff_id


def has_staff(context: ServiceContext) -> bool:
    """True once onboarding created the first account (the GUI shows sign-in, not the wizard)."""
    with context.database.session() as session:
        return bool(session.scalar(select(func.count()).select_from(Staff)))


# --- reading --------------------------------------------------------------------------------


def list_providers(
    context: ServiceContext, actor: Actor, *, include_inactive: bool = False
) -> list[ProviderInfo]:
    """Providers the actor may see (their provider scope applies), ordered by name."""
    if not (actor.may(Permission.STAFF_VIEW) or actor.may(Permission.SCHEDULE_VIEW)):
        require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        query = select(Staff).where(Staff.is_provider.is_(True))
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        rows = session.scalars(query).all()
        providers = [
            ProviderInfo(s.id, s.display_name, s.colour, s.active)
            for s in rows
            if actor.may_act_for(s.id)
        ]
    return sorted(providers, key=lambda p: p.display_name.casefold())


def provider_services(context: ServiceContext, actor: Actor, staff_id: str) -> frozenset[str]:
    """Appointment-type ids the provider offers."""
    if not (actor.may(Permission.STAFF_VIEW) or actor.may(Permission.SCHEDULE_VIEW)):
        require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        return frozenset(
            session.scalars(
                select(StaffService.appointment_type_id).where(StaffService.staff_id == staff_id)
            )
        )


def list_staff(
    context: ServiceContext,
    actor: Actor,
    *,
    search: str = "",
    role_id: str | None = None,
    active: bool | None = None,
) -> list[StaffSummary]:
    """Staff ordered by display name; `search` matches name or username, any case."""
    require(context, actor, Permission.STAFF_VIEW)
    needle = search.strip().casefold()
    now = context.clock.now()
    with context.database.session() as session:
        roles_of: dict[str, list[str]] = {}
        for staff_id, rid in session.execute(select(StaffRole.staff_id, StaffRole.role_id)):
            roles_of.setdefault(staff_id, []).append(rid)
        result = []
        for staff in session.scalars(select(Staff)):
            member_roles = tuple(sorted(roles_of.get(staff.id, [])))
            if active is not None and staff.active != active:
                continue
            if role_id is not None and role_id not in member_roles:
                continue
            if (
                needle
                and needle not in staff.display_name.casefold()
                and (needle not in staff.username.casefold())
            ):
                continue
            result.append(
                StaffSummary(
                    staff.id,
                    staff.username,
                    staff.display_name,
                    staff.active,
                    staff.is_provider,
                    staff.colour,
                    member_roles,
                    _is_locked(staff, now),
                    staff.version,
                )
            )
    return sorted(result, key=lambda s: (s.display_name.casefold(), s.id))


def get_staff(context: ServiceContext, actor: Actor, staff_id: str) -> StaffDetails:
    require(context, actor, Permission.STAFF_VIEW, target_type="staff", target_id=staff_id)
    with context.database.session() as session:
        staff = _get(session, staff_id)
        return StaffDetails(
            staff.id,
            staff.username,
            staff.display_name,
            staff.active,
            staff.is_provider,
            staff.colour,
            staff.must_change_password,
            _is_locked(staff, context.clock.now()),
            _assignments(session, staff.id),
            frozenset(
                session.scalars(
                    select(StaffService.appointment_type_id).where(
                        StaffService.staff_id == staff.id
                    )
                )
            ),
            staff.version,
        )


# --- writing --------------------------------------------------------------------------------


def create_staff(context: ServiceContext, actor: Actor, new: NewStaff) -> StaffId:
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff")
    _require_role_grants(context, actor, new.assignments)
    username = _clean_username(new.username)
    display_name = _clean_display_name(new.display_name)
    colour = _clean_colour(new.colour)
    pw.validate_new_password(new.password, username, display_name)
    password_hash = pw.hash_password(new.password)
    staff_id = StaffId(new_id())
    with unit_of_work(context, actor) as tx:
        if _username_taken(tx.session, username):
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.staff", "That username is taken; choose another."),
                "username",
            )
        _check_allowance("check_can_add_staff", context, tx.session)
        if new.is_provider:
            _check_allowance("check_can_activate_provider", context, tx.session)
        tx.session.add(
            Staff(
                id=staff_id,
                organization_id=actor.organization_id,
                username=username,
                username_key=normalize_username(username),
                display_name=display_name,
                password_hash=password_hash,
                active=True,
                is_provider=new.is_provider,
                colour=colour,
                must_change_password=new.must_change_password,
                failed_attempts=0,
                created_at=context.clock.now(),
            )
        )
        tx.session.flush()
        _write_assignments(tx.session, staff_id, new.assignments)
        _write_services(tx.session, staff_id, new.service_ids)
        tx.audit(AuditAction.STAFF_CREATED, target_type="staff", target_id=staff_id)
        tx.count(Counter.STAFF_CREATED)
    return staff_id


def update_staff(
    context: ServiceContext,
    actor: Actor,
    staff_id: str,
    *,
    expected_version: int | None,
    display_name: str | None = None,
    username: str | None = None,
    is_provider: bool | None = None,
    colour: str | None = None,
    service_ids: Iterable[str] | None = None,
    assignments: Iterable[RoleAssignment] | None = None,
) -> Changes:
    """Change what is given (None leaves a field as it is). Audits which fields changed."""
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff", target_id=staff_id)
    assignment_list = None if assignments is None else tuple(assignments)
    if assignment_list is not None:
        _require_outranks(context, actor, staff_id)
        _require_role_grants(context, actor, assignment_list)
    changed: list[str] = []
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, staff_id)
        _check_version(staff, expected_version)
        if display_name is not None:
            value = _clean_display_name(display_name)
            if value != staff.display_name:
                staff.display_name = value
                changed.append("display_name")
        if username is not None:
            value = _clean_username(username)
            if value != staff.username:
                if _username_taken(tx.session, value, except_id=staff.id):
                    raise ValidationError(
                        QT_TRANSLATE_NOOP(
                            "errors.staff", "That username is taken; choose another."
                        ),
                        "username",
                    )
                staff.username = value
                staff.username_key = normalize_username(value)
                changed.append("username")
        if is_provider is not None and is_provider != staff.is_provider:
            if is_provider and staff.active:
                _check_allowance("check_can_activate_provider", context, tx.session)
            staff.is_provider = is_provider
            changed.append("is_provider")
        if colour is not None and _clean_colour(colour) != staff.colour:
            staff.colour = _clean_colour(colour)
            changed.append("colour")
        if service_ids is not None:
            _write_services(tx.session, staff.id, service_ids)
            changed.append("services")
        if assignment_list is not None and assignment_list != _assignments(tx.session, staff.id):
            _write_assignments(tx.session, staff.id, assignment_list)
            changed.append("roles")
            enforce_role_manager_invariant(tx.session)
        if changed:
            staff.version += 1
            tx.session.flush()
            # One record per kind of change: field names only, never the values.
            for kind in changed:
                tx.audit(
                    AuditAction.STAFF_CHANGED,
                    target_type="staff",
                    target_id=staff.id,
                    details={"kind": kind},
                )
    return STAFF_CHANGES if changed else Changes()


def deactivate_staff(
    context: ServiceContext, actor: Actor, staff_id: str, *, expected_version: int | None = None
) -> Changes:
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff", target_id=staff_id)
    _require_outranks(context, actor, staff_id)
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, staff_id)
        _check_version(staff, expected_version)
        if not staff.active:
            return Changes()
        staff.active = False
        staff.version += 1
        enforce_role_manager_invariant(tx.session)
        tx.audit(AuditAction.STAFF_DEACTIVATED, target_type="staff", target_id=staff.id)
    return STAFF_CHANGES


def reactivate_staff(
    context: ServiceContext, actor: Actor, staff_id: str, *, expected_version: int | None = None
) -> Changes:
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff", target_id=staff_id)
    _require_outranks(context, actor, staff_id)
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, staff_id)
        _check_version(staff, expected_version)
        if staff.active:
            return Changes()
        _check_allowance("check_can_add_staff", context, tx.session)
        if staff.is_provider:
            _check_allowance("check_can_activate_provider", context, tx.session)
        staff.active = True
        staff.version += 1
        tx.audit(AuditAction.STAFF_REACTIVATED, target_type="staff", target_id=staff.id)
    return STAFF_CHANGES


def reset_password(
    context: ServiceContext, actor: Actor, staff_id: str, new_password: str
) -> Changes:
    """A manager sets a temporary password; the member must change it at next sign-in."""
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff", target_id=staff_id)
    _require_outranks(context, actor, staff_id)
    with context.database.session() as session:
        staff = _get(session, staff_id)
        words = (staff.username, staff.display_name)
    pw.validate_new_password(new_password, *words)
    password_hash = pw.hash_password(new_password)
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, staff_id)
        staff.password_hash = password_hash
        staff.must_change_password = True
        staff.failed_attempts = 0
        staff.next_attempt_at = None
        staff.locked_until = None
        tx.audit(AuditAction.STAFF_PASSWORD_RESET, target_type="staff", target_id=staff.id)
    return STAFF_CHANGES


def unlock_account(context: ServiceContext, actor: Actor, staff_id: str) -> Changes:
    """Lift a sign-in lock before it expires (a manager, after checking who is asking)."""
    require(context, actor, Permission.STAFF_MANAGE, target_type="staff", target_id=staff_id)
    _require_outranks(context, actor, staff_id)
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, staff_id)
        staff.failed_attempts = 0
        staff.next_attempt_at = None
        staff.locked_until = None
        tx.audit(AuditAction.ACCOUNT_UNLOCKED, target_type="staff", target_id=staff.id)
    return STAFF_CHANGES
