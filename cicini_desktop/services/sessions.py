"""Sign-in, sign-out, idle lock and unlock, switching user, changing one's own password.

Throttling never sleeps: after a failure the account records when the next attempt is
allowed (`next_attempt_at`, doubling each time) and, after `sign_in.lockout_after_failures`
failures in a row, a lock until `locked_until`. An attempt before then is refused at once
with `retry_at`, so the GUI can count down without blocking its thread.

Every attempt is audited. The record names the account by its internal id when the typed
username matches one; a username that matches nothing is never recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import (
    AccountLockedError,
    AuthenticationError,
    InvariantError,
    SignInThrottledError,
    ValidationError,
)
from cicini_desktop.core.ids import StaffId, new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.passwords import escalating_delay_seconds, normalize_username
from cicini_desktop.services import identity_passwords as pw
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.identity_access import actor_for
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store.models import Staff

WRONG_CREDENTIALS = QT_TRANSLATE_NOOP(
    "errors.sign_in", "The username or password is not right; check both and try again."
)


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A signed-in member at this workstation. Pass `actor` to every service call.

    While `must_change_password` is set, `actor` holds no permission at all: the member
    first chooses a new password (`change_own_password` returns the full session).
    """

    session_id: str
    staff_id: StaffId
    display_name: str
    actor: Actor
    must_change_password: bool
    signed_in_at: datetime


def _organization_id(context: ServiceContext) -> str:
    if context.organization_id is None:
        raise InvariantError(
            QT_TRANSLATE_NOOP("errors.sign_in", "Set up the clinic before signing in.")
        )
    return context.organization_id


def _lock_sentence(until: datetime) -> str:
    return QT_TRANSLATE_NOOP(
        "errors.sign_in",
        "This account is locked after too many failed sign-ins. Try again after "
        "{time} UTC, or ask a practice manager to unlock it.",
    ).format(time=until.strftime("%H:%M"))


def _wait_sentence(now: datetime, until: datetime) -> str:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    return QT_TRANSLATE_NOOP(
        "errors.sign_in", "Too many failed attempts: wait {seconds} seconds, then try again."
    ).format(seconds=seconds)


def _session_for(context: ServiceContext, staff: Staff, now: datetime) -> StaffSession:
    with context.database.session() as session:
        actor = replace(actor_for(session, _organization_id(context), staff.id), signed_in=True)
    if staff.must_change_password:
        actor = replace(actor, permissions=frozenset())
    return StaffSession(
        session_id=new_id(),
        staff_id=StaffId(staff.id),
        display_name=staff.display_name,
        actor=actor,
        must_change_password=staff.must_change_password,
        signed_in_at=now,
    )


def _check_password_for(
    context: ServiceContext, staff_id: str | None, password: str, *, success: AuditAction
) -> Staff:
    """Verify `password` for `staff_id` with throttling, lock-out and audit; the row on success.

    `staff_id` None stands for a username that matches no account; a deactivated account
    is refused with the same sentence.
    """
    organization_id = _organization_id(context)
    system = Actor.system(organization_id)
    config = context.config
    now = context.clock.now()
    if staff_id is None:
        pw.burn_verification_time(password)
        with unit_of_work(context, system) as tx:
            tx.audit(
                AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, details={"reason": "unknown"}
            )
            tx.count(Counter.SIGN_IN_FAILED)
        raise AuthenticationError(WRONG_CREDENTIALS)

    error: AuthenticationError | None = None
    with unit_of_work(context, system) as tx:
        staff = tx.session.get(Staff, staff_id)
        assert staff is not None
        if not staff.active:
            # Same answer (and cost) as a wrong password; the record names the account.
            pw.burn_verification_time(password)
            tx.audit(
                AuditAction.SIGN_IN_FAILED,
                AuditOutcome.FAILURE,
                target_type="staff",
                target_id=staff.id,
                details={"reason": "inactive"},
            )
            tx.count(Counter.SIGN_IN_FAILED)
            error = AuthenticationError(WRONG_CREDENTIALS)
        elif staff.locked_until is not None and staff.locked_until > now:
            tx.audit(
                AuditAction.SIGN_IN_LOCKED,
                AuditOutcome.DENIED,
                target_type="staff",
                target_id=staff.id,
                details={"reason": "locked"},
            )
            error = AccountLockedError(_lock_sentence(staff.locked_until), staff.locked_until)
        elif staff.next_attempt_at is not None and staff.next_attempt_at > now:
            tx.audit(
                AuditAction.SIGN_IN_THROTTLED,
                AuditOutcome.DENIED,
                target_type="staff",
                target_id=staff.id,
            )
            error = SignInThrottledError(
                _wait_sentence(now, staff.next_attempt_at), staff.next_attempt_at
            )
        elif not pw.verify_password(staff.password_hash, password):
            staff.failed_attempts += 1
            tx.audit(
                AuditAction.SIGN_IN_FAILED,
                AuditOutcome.FAILURE,
                target_type="staff",
                target_id=staff.id,
                details={"failures": staff.failed_attempts},
            )
            tx.count(Counter.SIGN_IN_FAILED)
            if staff.failed_attempts >= int(config["sign_in.lockout_after_failures"]):
                staff.locked_until = now + timedelta(minutes=int(config["sign_in.lockout_minutes"]))
                staff.next_attempt_at = None
                tx.audit(
                    AuditAction.SIGN_IN_LOCKED,
                    AuditOutcome.FAILURE,
                    target_type="staff",
                    target_id=staff.id,
                    details={"reason": "too_many_failures"},
                )
                error = AccountLockedError(_lock_sentence(staff.locked_until), staff.locked_until)
            else:
                delay = escalating_delay_seconds(
                    float(config["sign_in.delay_seconds"]), staff.failed_attempts
                )
                staff.next_attempt_at = now + timedelta(seconds=delay) if delay else None
                error = AuthenticationError(WRONG_CREDENTIALS, staff.next_attempt_at)
        else:
            staff.failed_attempts = 0
            staff.next_attempt_at = None
            staff.locked_until = None
            if pw.needs_rehash(staff.password_hash):
                staff.password_hash = pw.hash_password(password)
            if success is AuditAction.SIGN_IN_SUCCEEDED:
                staff.last_sign_in_at = now
                tx.count(Counter.SIGN_IN_SUCCEEDED)
            tx.actor = Actor(staff.id, organization_id, frozenset())
            tx.audit(success, target_type="staff", target_id=staff.id)
            tx.session.flush()
            tx.session.expunge(staff)
    if error is not None:
        raise error
    return staff


def _find_account(context: ServiceContext, username: str) -> str | None:
    key = normalize_username(username)
    with context.database.session() as session:
        return session.scalar(select(Staff.id).where(Staff.username_key == key))


def sign_in(context: ServiceContext, username: str, password: str) -> StaffSession:
    """Check the credentials; the signed-in session, or AuthenticationError (a subclass
    says locked or throttled, with `retry_at`)."""
    staff = _check_password_for(
        context, _find_account(context, username), password, success=AuditAction.SIGN_IN_SUCCEEDED
    )
    return _session_for(context, staff, context.clock.now())


def sign_out(context: ServiceContext, session: StaffSession) -> None:
    with unit_of_work(context, session.actor) as tx:
        tx.audit(AuditAction.SIGN_OUT, target_type="staff", target_id=session.staff_id)


def lock_session(context: ServiceContext, session: StaffSession) -> None:
    """The idle lock engaged (the window keeps its state behind the lock screen)."""
    with unit_of_work(context, session.actor) as tx:
        tx.audit(AuditAction.IDLE_LOCK, target_type="staff", target_id=session.staff_id)


def unlock_session(context: ServiceContext, session: StaffSession, password: str) -> StaffSession:
    """The same member unlocks with their password (failures count towards the lock-out).

    Returns a refreshed session: roles may have changed while the screen was locked.
    """
    with context.database.session() as db:
        staff = db.get(Staff, session.staff_id)
        staff_id = staff.id if staff is not None else None
    staff = _check_password_for(context, staff_id, password, success=AuditAction.UNLOCK)
    return replace(_session_for(context, staff, context.clock.now()), session_id=session.session_id)


def switch_user(
    context: ServiceContext, current: StaffSession | None, username: str, password: str
) -> StaffSession:
    """Another member takes over the workstation: sign them in, then sign the first out.

    The GUI asks the first member's unsaved work to be kept or discarded before calling.
    """
    new_session = sign_in(context, username, password)
    if current is not None and current.staff_id != new_session.staff_id:
        sign_out(context, current)
    return new_session


def refresh_session(context: ServiceContext, session: StaffSession) -> StaffSession:
    """Re-read the member's roles (after a role or assignment change) keeping the session."""
    with context.database.session() as db:
        staff = db.get(Staff, session.staff_id)
        if staff is None or not staff.active:
            raise AuthenticationError(
                QT_TRANSLATE_NOOP(
                    "errors.sign_in", "This account was deactivated; sign in with another one."
                )
            )
        db.expunge(staff)
    return replace(
        _session_for(context, staff, session.signed_in_at), session_id=session.session_id
    )


def change_own_password(
    context: ServiceContext, session: StaffSession, current_password: str, new_password: str
) -> StaffSession:
    """The member changes their own password (the current one proves it is them)."""
    with context.database.session() as db:
        staff = db.get(Staff, session.staff_id)
        if staff is None:
            raise AuthenticationError(
                QT_TRANSLATE_NOOP("errors.sign_in", "This account no longer exists; sign in again.")
            )
        words = (staff.username, staff.display_name)
        current_hash = staff.password_hash
    if not pw.verify_password(current_hash, current_password):
        raise AuthenticationError(
            QT_TRANSLATE_NOOP("errors.sign_in", "The current password is not right; type it again.")
        )
    if pw.verify_password(current_hash, new_password):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.sign_in", "Choose a password different from the current one."
            ),
            "password",
        )
    pw.validate_new_password(new_password, *words)
    new_hash = pw.hash_password(new_password)
    with unit_of_work(context, replace(session.actor, staff_id=session.staff_id)) as tx:
        staff = tx.session.get(Staff, session.staff_id)
        assert staff is not None
        staff.password_hash = new_hash
        staff.must_change_password = False
        tx.audit(AuditAction.PASSWORD_CHANGED, target_type="staff", target_id=staff.id)
        tx.session.flush()
        tx.session.expunge(staff)
    return replace(
        _session_for(context, staff, session.signed_in_at), session_id=session.session_id
    )
