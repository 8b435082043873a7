"""One transaction per use case: permission check, change, audit record, usage count.

    with unit_of_work(context, actor) as tx:
        tx.require(Permission.STAFF_MANAGE)
        ... change rows through tx.session ...
        tx.audit(AuditAction.STAFF_CREATED, target_type="staff", target_id=staff.id)
        tx.count(Counter.STAFF_CREATED)

Either all of it commits or none of it does: an audit write that fails rolls the change back.
A refused permission is audited in a transaction of its own (so the denial survives the
rollback of the refused work) and raises `PermissionDeniedError`.

`tx.require` reads the actor's grants in the transaction that then makes the change: the
permission and the change are seen at the same moment, and the check needs no session of
its own (on the file no transaction of its own; on the clinic server, where a read session
runs in autocommit, no connection checkout of its own: the same one round trip either way).
`require(context, ...)`, in a short read session of its own, is for the checks that come
before any unit of work (reads, exports).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.audit_entry import AuditEntry
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import AccessChangedError, ConflictError, PermissionDeniedError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP, Message
from cicini_desktop.core.permissions import Permission, not_allowed
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.store import audit_log, usage_counts
from cicini_desktop.store.server_errors import overlap_constraint

log = logging.getLogger(__name__)


class Refused(Exception):
    """Raised by `Transaction.require`. `unit_of_work` audits the refusal once the refused
    transaction has rolled back (in a transaction of its own: on SQLite it could not be
    written while ours holds the write lock, and it must outlive our rollback), then raises
    the sentence as `PermissionDeniedError`."""

    def __init__(
        self,
        permission: Permission,
        sentence: Message,
        target_type: str | None,
        target_id: str | None,
    ) -> None:
        super().__init__(permission.value)
        self.permission = permission
        self.sentence = sentence
        self.target_type = target_type
        self.target_id = target_id


@dataclass
class Transaction:
    context: ServiceContext
    actor: Actor
    session: Session
    _counts: dict[Counter, int] = field(default_factory=dict)
    _stored_actor: Actor | None = None

    def require(
        self,
        permission: Permission,
        *,
        provider_id: str | None = None,
        target_type: str | None = None,
        target_id: str | None = None,
    ) -> Actor:
        """Refuse (audited, by `unit_of_work`) unless the actor holds `permission`, for
        `provider_id` if given, as this transaction reads the database; return that actor
        (the grants to decide anything else in this transaction by, e.g. an override)."""
        if self._stored_actor is None:
            self._stored_actor = actor_as_stored(self.session, self.actor)
        sentence = refusal(self._stored_actor, permission, provider_id)
        if sentence is not None:
            raise Refused(permission, sentence, target_type, target_id)
        return self._stored_actor

    def audit(
        self,
        action: AuditAction,
        outcome: AuditOutcome = AuditOutcome.SUCCESS,
        *,
        target_type: str | None = None,
        target_id: str | None = None,
        details: dict[str, str | int | bool] | None = None,
    ) -> None:
        entry = AuditEntry(
            occurred_at=self.context.clock.now(),
            action=action,
            outcome=outcome,
            actor_id=self.actor.staff_id,
            organization_id=self.actor.organization_id,
            target_type=target_type,
            target_id=target_id,
            details=dict(details or {}),
        )
        audit_log.append(self.session, entry, self.context.workstation)

    def count(self, counter: Counter, amount: int = 1) -> None:
        """Counted at commit, in the same transaction, folded per counter."""
        self._counts[counter] = self._counts.get(counter, 0) + amount

    def _flush_counts(self) -> None:
        if not self._counts:
            return
        # The change itself is flushed first, outside the savepoint below: a failing change
        # (an exclusion constraint on the server) must fail the operation, never be swallowed
        # with the counters' savepoint and leave a success without its row.
        self.session.flush()
        # A counting failure never breaks the operation it counts (a savepoint, or the
        # server's exception block: store/usage_counts.py).
        usage_counts.bump_all(self.session, self._counts, self.context.clock.now().date())


@contextmanager
def unit_of_work(context: ServiceContext, actor: Actor) -> Iterator[Transaction]:
    try:
        with context.database.session_factory.begin() as session:
            tx = Transaction(context, actor, session)
            yield tx
            tx._flush_counts()
            session.flush()
    except Refused as refused:
        record_denial(
            context,
            actor,
            refused.permission,
            target_type=refused.target_type,
            target_id=refused.target_id,
        )
        raise PermissionDeniedError(refused.sentence) from None
    except (IntegrityError, OperationalError) as error:
        # The server's own integrity rules (store/server.py): another desk got there first.
        kind = overlap_constraint(error)
        if kind is None:
            raise
        raise ConflictError(_TAKEN[kind]) from None


_TAKEN = {
    "provider": QT_TRANSLATE_NOOP(
        "errors.conflicts",
        "The provider is already booked at this time: another desk booked it a moment "
        "ago. Pick another time, or override the conflict with a reason.",
    ),
    "room": QT_TRANSLATE_NOOP(
        "errors.conflicts",
        "The room is already booked at this time: another desk booked it a moment ago. "
        "Pick another time or room, or override the conflict with a reason.",
    ),
}


def record_denial(
    context: ServiceContext,
    actor: Actor,
    permission: Permission,
    *,
    target_type: str | None = None,
    target_id: str | None = None,
) -> None:
    with unit_of_work(context, actor) as tx:
        tx.audit(
            AuditAction.ACCESS_DENIED,
            AuditOutcome.DENIED,
            target_type=target_type,
            target_id=target_id,
            details={"permission": permission.value},
        )


def current_actor(context: ServiceContext, actor: Actor) -> Actor:
    """`actor` as the database says it is now, read in a short transaction of its own."""
    if actor.is_system or not actor.signed_in:
        return actor
    with context.database.session() as session:
        return actor_as_stored(session, actor)


def actor_as_stored(session: Session, actor: Actor) -> Actor:
    """`actor` as `session` reads it: a signed-in session follows role changes.

    A manager who revokes a permission, changes a member's roles or deactivates them does so
    in the database; the member's window still holds the `Actor` it signed in with. Every
    permission check re-reads it (one indexed read of the account and its assignments), so
    the change takes effect at that session's next operation, on this desk or any other.
    A member who must change their password keeps no permission until they have.
    """
    if actor.is_system or not actor.signed_in:
        return actor
    from cicini_desktop.services.identity_access import account_grants

    state, current = account_grants(session, actor.organization_id, actor.staff_id)
    if state is None or not state.active:
        raise AccessChangedError(
            QT_TRANSLATE_NOOP(
                "errors.access",
                "This account was deactivated since it signed in; the action was not done. "
                "Sign in with another account, or ask a practice manager.",
            )
        )
    if state.must_change_password:
        return replace(actor, permissions=frozenset(), provider_scope=None)
    return replace(current, signed_in=True)


def refusal(actor: Actor, permission: Permission, provider_id: str | None) -> Message | None:
    """Why `actor` may not use `permission` (for `provider_id`), or None if it may."""
    if not actor.may(permission):
        return not_allowed(permission)
    if not actor.may_act_for(provider_id):
        return QT_TRANSLATE_NOOP(
            "errors.access",
            "Your role does not cover this provider's schedule; "
            "ask a practice manager if you need it.",
        )
    return None


def require(
    context: ServiceContext,
    actor: Actor,
    permission: Permission,
    *,
    provider_id: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
) -> None:
    """Refuse (audited) unless `actor` holds `permission`, for `provider_id` if given.

    The actor's permissions are those in the database now, not those it signed in with.
    Inside a unit of work, use `tx.require` (the same check, in that transaction).
    """
    sentence = refusal(current_actor(context, actor), permission, provider_id)
    if sentence is None:
        return
    record_denial(context, actor, permission, target_type=target_type, target_id=target_id)
    raise PermissionDeniedError(sentence)
