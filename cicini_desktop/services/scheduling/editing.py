"""One way to edit an existing appointment: transaction, load, permission, version.

    with editing_appointment(context, actor, appointment_id, Permission.APPOINTMENT_EDIT,
                             expected_version=v) as edit:
        edit.row.note = ...          # edit.tx (the unit of work), edit.zone (the clinic's)

Every use case that changes one appointment used to spell out the same steps; a step
forgotten in one of them (the version check, the provider scope) was a bug waiting. The
appointment is loaded before the permission check because the permission is scoped by its
provider; both happen in the transaction that makes the change (`tx.require`: a refusal
rolls it back and is audited in a transaction of its own), so an edit is one transaction,
not three, and the appointment is read once, not twice (on the clinic server, one round
trip less).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from cicini_desktop.core.ids import AppointmentId
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import check_version, clinic_zone, get_or_404
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import Appointment

# The clinic server's lock of the schedule (a transaction-level advisory lock; any number).
SCHEDULE_LOCK = 4_242_001


def lock_for_writing(session: Session) -> None:
    """Take the schedule's write lock now, before the conflict check: two workstations can
    then never both pass the check for the same time (the second waits, then sees the first).

    SQLite: its database write lock. The server: an advisory lock held to the end of the
    transaction (READ COMMITTED then lets the check see the first desk's committed booking).
    The server's exclusion constraints stay the backstop for any writer that skips this.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": SCHEDULE_LOCK})
        return
    session.execute(text("UPDATE appointment SET version = version WHERE 1 = 0"))


class OverrideRefused(Exception):
    """Raised inside a unit of work when overriding is not allowed; `refusing_overrides`
    turns it into the audited `PermissionDeniedError` once that transaction is gone (the
    denial is audited in a transaction of its own, which must not wait on ours)."""

    def __init__(self, target_id: str) -> None:
        super().__init__(target_id)
        self.target_id = target_id


@contextmanager
def refusing_overrides(context: ServiceContext, actor: Actor) -> Iterator[None]:
    try:
        yield
    except OverrideRefused as refused:
        require(
            context,
            actor,
            Permission.APPOINTMENT_OVERRIDE_CONFLICT,
            target_type="appointment",
            target_id=refused.target_id,
        )
        raise AssertionError("require() refuses an actor without the permission") from None


@dataclass(frozen=True, slots=True)
class Editing:
    tx: Transaction
    row: Appointment
    zone: ZoneInfo
    # The actor's grants as this transaction read them (decide an override by these).
    actor: Actor


@contextmanager
def editing_appointment(
    context: ServiceContext,
    actor: Actor,
    appointment_id: AppointmentId,
    permission: Permission,
    *,
    expected_version: int | None,
    also_for_providers: Iterable[str | None] = (),
    lock: bool = False,
    overrides: bool = False,
) -> Iterator[Editing]:
    """Yield the appointment, loaded inside one unit of work, after checking in that same
    transaction that `actor` holds `permission` for its provider (and for
    `also_for_providers`, e.g. a move's target) and that nobody saved it since
    `expected_version`.

    `lock` takes the write lock first (anything that runs a conflict check); `overrides`
    turns a refused conflict override into an audited refusal.
    """
    with ExitStack() as stack:
        if overrides:
            stack.enter_context(refusing_overrides(context, actor))
        tx = stack.enter_context(unit_of_work(context, actor))
        if lock:
            lock_for_writing(tx.session)
        row = get_or_404(tx.session, Appointment, appointment_id, "appointment")
        stored = tx.require(
            permission,
            provider_id=row.provider_id,
            target_type="appointment",
            target_id=appointment_id,
        )
        for other in also_for_providers:
            if other and other != row.provider_id:
                tx.require(permission, provider_id=other)
        check_version(row.version, expected_version)
        yield Editing(tx, row, clinic_zone(tx.session, context), stored)
