from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import (
    AccountLockedError,
    AuthenticationError,
    PermissionDeniedError,
    SignInThrottledError,
    ValidationError,
)
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services import identity_passwords as pw
from cicini_desktop.services.sessions import (
    change_own_password,
    lock_session,
    sign_in,
    sign_out,
    switch_user,
    unlock_session,
)
from cicini_desktop.services.staff import reset_password, unlock_account
from cicini_desktop.store.models import Staff
from tests.services.identity.conftest import (
    MANAGER_PASSWORD,
    MANAGER_USERNAME,
    MEMBER_PASSWORD,
    require_audit,
)


def _fail(context, username, password="definitely not it!"):  # noqa: S107
    with pytest.raises(AuthenticationError) as info:
        sign_in(context, username, password)
    return info.value


def test_sign_in_is_case_insensitive_and_carries_actor(clinic):
    session = sign_in(clinic.context, MANAGER_USERNAME.upper(), MANAGER_PASSWORD)
    assert session.staff_id == clinic.manager.staff_id
    assert session.actor.staff_id == session.staff_id
    assert session.actor.provider_scope is None
    assert not session.must_change_password


def test_unknown_username_is_refused_and_never_recorded(clinic):
    error = _fail(clinic.context, "no.such.person")
    assert "not right" in error.user_message
    rows = require_audit(clinic.context)
    failed = [r for r in rows if r["action"] == AuditAction.SIGN_IN_FAILED.value]
    assert failed
    assert failed[-1]["target_id"] is None
    assert "no.such.person" not in repr(rows)


def test_escalating_delay_then_lock_then_manager_unlock(clinic, clock):
    context = clinic.context
    member_id = clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    first = _fail(context, "rita")
    assert first.retry_at == clock.now() + timedelta(seconds=1)
    # Too soon: throttled, not counted as a failure, and the password is not even checked.
    with pytest.raises(SignInThrottledError):
        sign_in(context, "rita", MEMBER_PASSWORD)
    clock.advance(seconds=1)
    second = _fail(context, "rita")
    assert second.retry_at == clock.now() + timedelta(seconds=2)  # doubled
    for _ in range(3):
        clock.advance(seconds=60)
        error = _fail(context, "rita")
    assert isinstance(error, AccountLockedError)
    assert error.retry_at == clock.now() + timedelta(minutes=15)
    clock.advance(seconds=60)
    with pytest.raises(AccountLockedError):
        sign_in(context, "rita", MEMBER_PASSWORD)  # the right password does not help
    unlock_account(context, clinic.manager.actor, member_id)
    assert sign_in(context, "rita", MEMBER_PASSWORD).staff_id == member_id
    rows = require_audit(context)
    actions = [r["action"] for r in rows if r["target_id"] == member_id]
    for action in (
        AuditAction.SIGN_IN_FAILED,
        AuditAction.SIGN_IN_THROTTLED,
        AuditAction.SIGN_IN_LOCKED,
        AuditAction.ACCOUNT_UNLOCKED,
        AuditAction.SIGN_IN_SUCCEEDED,
    ):
        assert action.value in actions


def test_lock_expires_by_itself(clinic, clock):
    clinic.add_member("sam", BuiltInRole.CLINICIAN)
    for _ in range(5):
        _fail(clinic.context, "sam")
        clock.advance(seconds=100)
    with pytest.raises(AccountLockedError):
        sign_in(clinic.context, "sam", MEMBER_PASSWORD)
    clock.advance(minutes=16)
    assert sign_in(clinic.context, "sam", MEMBER_PASSWORD)


def test_lockout_threshold_comes_from_config(clinic, clock):
    clinic.context.config = clinic.context.config.with_values(
        **{"sign_in.lockout_after_failures": 3, "sign_in.delay_seconds": 0.0}
    )
    clinic.add_member("tom", BuiltInRole.CLINICIAN)
    errors = [_fail(clinic.context, "tom") for _ in range(3)]
    assert not isinstance(errors[1], AccountLockedError)
    assert isinstance(errors[2], AccountLockedError)


def test_unlock_account_needs_staff_manage(clinic):
    member_id = clinic.add_member("ursula", BuiltInRole.RECEPTIONIST)
    clinic.add_member("victor", BuiltInRole.RECEPTIONIST)
    victor = sign_in(clinic.context, "victor", MEMBER_PASSWORD)
    with pytest.raises(PermissionDeniedError):
        unlock_account(clinic.context, victor.actor, member_id)


def test_deactivated_member_cannot_sign_in(clinic):
    from cicini_desktop.services.staff import deactivate_staff

    member_id = clinic.add_member("wendy", BuiltInRole.RECEPTIONIST)
    deactivate_staff(clinic.context, clinic.manager.actor, member_id)
    error = _fail(clinic.context, "wendy", MEMBER_PASSWORD)
    assert error.user_message == _fail(clinic.context, "nobody.at.all").user_message
    rows = require_audit(clinic.context)
    failed = [r for r in rows if r["action"] == AuditAction.SIGN_IN_FAILED.value]
    assert failed[-2]["target_id"] == member_id
    assert failed[-2]["details"] == {"reason": "inactive"}


def test_reset_forces_change_at_next_sign_in(clinic):
    member_id = clinic.add_member("xena", BuiltInRole.RECEPTIONIST)
    reset_password(clinic.context, clinic.manager.actor, member_id, "temporary lantern 1234")
    session = sign_in(clinic.context, "xena", "temporary lantern 1234")
    assert session.must_change_password
    assert session.actor.permissions == frozenset()  # nothing until the password is changed
    with pytest.raises(ValidationError):
        change_own_password(clinic.context, session, "temporary lantern 1234", "password123456")
    with pytest.raises(AuthenticationError):
        change_own_password(clinic.context, session, "wrong current pw", "my own new phrase 9")
    session = change_own_password(
        clinic.context, session, "temporary lantern 1234", "my own new phrase 9"
    )
    assert not session.must_change_password
    assert session.actor.permissions
    assert sign_in(clinic.context, "xena", "my own new phrase 9").staff_id == member_id


def test_idle_lock_unlock_and_switch_user(clinic, clock):
    context = clinic.context
    clinic.add_member("yara", BuiltInRole.RECEPTIONIST)
    session = clinic.manager
    lock_session(context, session)
    with pytest.raises(AuthenticationError):
        unlock_session(context, session, "not my password")
    clock.advance(seconds=5)
    unlocked = unlock_session(context, session, MANAGER_PASSWORD)
    assert unlocked.session_id == session.session_id
    other = switch_user(context, unlocked, "yara", MEMBER_PASSWORD)
    assert other.staff_id != session.staff_id
    sign_out(context, other)
    rows = require_audit(context)
    actions = [r["action"] for r in rows]
    for action in (AuditAction.IDLE_LOCK, AuditAction.UNLOCK, AuditAction.SIGN_OUT):
        assert action.value in actions


def test_counters_count_sign_ins(clinic):
    _fail(clinic.context, "nobody-here")
    sign_in(clinic.context, MANAGER_USERNAME, MANAGER_PASSWORD)
    with clinic.context.database.session() as session:
        counts = dict(session.execute(text("SELECT counter, count FROM usage_counter")).all())
    assert counts.get("sign_in.failed", 0) >= 1
    assert counts.get("sign_in.succeeded", 0) >= 2


def test_stored_hash_is_argon2id_with_owasp_parameters(clinic):
    with clinic.context.database.session() as session:
        stored = session.scalars(select(Staff.password_hash)).first()
    assert stored.startswith("$argon2id$")
    params = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19456
    assert int(params["t"]) >= 2
    assert MANAGER_PASSWORD not in stored


def test_weak_hash_is_upgraded_at_sign_in(clinic):
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(MANAGER_PASSWORD)
    with clinic.context.database.session() as session, session.begin():
        session.execute(text("UPDATE staff SET password_hash = :h"), {"h": weak})
    assert pw.needs_rehash(weak)
    sign_in(clinic.context, MANAGER_USERNAME, MANAGER_PASSWORD)
    with clinic.context.database.session() as session:
        stored = session.scalars(select(Staff.password_hash)).first()
    assert not pw.needs_rehash(stored)


def test_refresh_session_picks_up_role_changes(clinic):
    from cicini_desktop.core.permissions import Permission
    from cicini_desktop.services.roles import list_roles, save_matrix
    from cicini_desktop.services.sessions import refresh_session
    from cicini_desktop.services.staff import deactivate_staff

    member_id = clinic.add_member("zed", BuiltInRole.RECEPTIONIST)
    session = sign_in(clinic.context, "zed", MEMBER_PASSWORD)
    assert not session.actor.may(Permission.AUDIT_VIEW)
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    current = next(r for r in list_roles(clinic.context, clinic.manager.actor) if r.id == reception)
    save_matrix(
        clinic.context,
        clinic.manager.actor,
        {reception: current.permissions | {Permission.AUDIT_VIEW}},
    )
    refreshed = refresh_session(clinic.context, session)
    assert refreshed.actor.may(Permission.AUDIT_VIEW)
    assert refreshed.session_id == session.session_id
    deactivate_staff(clinic.context, clinic.manager.actor, member_id)
    with pytest.raises(AuthenticationError):
        refresh_session(clinic.context, session)
