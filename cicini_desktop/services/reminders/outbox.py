"""The outbox: planning rows, superseding stale ones, and the atomic claim of each row.

Exactly once with several running instances on one database (two desks' apps, or the app and
`cicini reminders run`): a row is sent only by the instance whose claim changed it from
`pending` to `sending`. On SQLite the claim is one conditional UPDATE per row, checked by its
row count: SQLite serialises writers, so of two instances exactly one sees rowcount 1, whether
the transaction began IMMEDIATE or DEFERRED (the UPDATE is the transaction's first statement,
so it never has to upgrade a read snapshot). On PostgreSQL the candidates are locked with
`SELECT ... FOR UPDATE SKIP LOCKED` in the same transaction, so instances never wait on each
other and never take the same row. The same UPDATE also re-checks the appointment's version
and status, so a row whose appointment changed an instant earlier is not claimed.

A claimed row is finished only by its claimer (`claim_token`). A claim left behind by a
process that died mid-send is not retried (the message may have gone): after
`STALE_CLAIM_SECONDS` it is failed as `interrupted` and shown at the desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.core.reminders.supersession import (
    REMINDABLE,
    AppointmentState,
    ExistingRow,
    needs_row,
    supersede_reason,
)
from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.core.reminders.windows import horizon_seconds, send_window
from cicini_desktop.store.models import Appointment, ReminderOutbox, ReminderRule

STALE_CLAIM_SECONDS = 15 * 60


def message_id_for(outbox_id: str, from_address: str) -> str:
    """Stable per outbox row: a retry after a lost connection is the same message."""
    domain = from_address.rpartition("@")[2] or "cicini.invalid"
    return f"<reminder.{outbox_id}@{domain}>"


def take_write_lock(session: Session) -> None:
    """Make a write the transaction's first statement (as appointments.lock_for_writing does).

    On SQLite a transaction that reads first and writes later must upgrade its lock, and in
    WAL mode that fails at once ("database is locked") if another instance committed in
    between; a transaction that starts with a write waits for the lock (busy_timeout)
    instead. Harmless where transactions already begin IMMEDIATE, and on PostgreSQL."""
    session.execute(text("UPDATE reminder_outbox SET id = id WHERE 0 = 1"))


# --- supersession -------------------------------------------------------------------------


def supersede_pending(session: Session, appointment_id: str, *, now: int) -> int:
    """Eager hook: supersede the appointment's pending rows whose version no longer holds.

    The runner does the same on every pass; calling this from the appointment services right
    after a change only makes the effect immediate. Returns how many rows it superseded."""
    current = session.execute(
        select(Appointment.version, Appointment.status, Appointment.start_at).where(
            Appointment.id == appointment_id
        )
    ).first()
    state = AppointmentState(*current) if current is not None else None
    rows = session.execute(
        select(
            ReminderOutbox.id, ReminderOutbox.appointment_version, ReminderOutbox.start_at
        ).where(
            ReminderOutbox.appointment_id == appointment_id,
            ReminderOutbox.status == OutboxStatus.PENDING.value,
        )
    ).all()
    stale = [r.id for r in rows if supersede_reason(r.appointment_version, r.start_at, state, now)]
    return _mark(session, stale, OutboxStatus.SUPERSEDED, "superseded", now)


def _mark(session: Session, ids: Sequence[str], status: OutboxStatus, code: str, now: int) -> int:
    done = 0
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        result = session.execute(
            update(ReminderOutbox)
            .where(
                ReminderOutbox.id.in_(chunk), ReminderOutbox.status == OutboxStatus.PENDING.value
            )
            .values(status=status.value, error_code=code, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        done += result.rowcount or 0
    return done


def supersede_stale(session: Session, now: int) -> int:
    """Supersede every pending row whose appointment changed, moved, ended or was cancelled."""
    rows = session.execute(
        select(
            ReminderOutbox.id,
            ReminderOutbox.appointment_version,
            ReminderOutbox.start_at,
            Appointment.version,
            Appointment.status,
            Appointment.start_at,
        )
        .join(Appointment, Appointment.id == ReminderOutbox.appointment_id)
        .where(
            ReminderOutbox.status == OutboxStatus.PENDING.value,
            (Appointment.version != ReminderOutbox.appointment_version)
            | Appointment.status.not_in(REMINDABLE)
            | (Appointment.start_at != ReminderOutbox.start_at)
            | (Appointment.start_at <= now),
        )
    ).all()
    stale = [
        r[0] for r in rows if supersede_reason(r[1], r[2], AppointmentState(r[3], r[4], r[5]), now)
    ]
    return _mark(session, stale, OutboxStatus.SUPERSEDED, "superseded", now)


def expire_closed(session: Session, now: int) -> int:
    ids = session.scalars(
        select(ReminderOutbox.id).where(
            ReminderOutbox.status == OutboxStatus.PENDING.value, ReminderOutbox.not_after <= now
        )
    ).all()
    return _mark(session, ids, OutboxStatus.EXPIRED, "window_closed", now)


def fail_stale_claims(session: Session, now: int) -> list[tuple[str, str]]:
    """Claims older than STALE_CLAIM_SECONDS: (id, channel) of the rows failed as interrupted."""
    rows = session.execute(
        select(ReminderOutbox.id, ReminderOutbox.channel, ReminderOutbox.claim_token).where(
            ReminderOutbox.status == OutboxStatus.SENDING.value,
            ReminderOutbox.claimed_at <= now - STALE_CLAIM_SECONDS,
        )
    ).all()
    failed = []
    for row in rows:
        result = session.execute(
            update(ReminderOutbox)
            .where(
                ReminderOutbox.id == row.id,
                ReminderOutbox.claim_token == row.claim_token,
                ReminderOutbox.status == OutboxStatus.SENDING.value,
            )
            .values(status=OutboxStatus.FAILED.value, error_code="interrupted", updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            failed.append((row.id, row.channel))
    return failed


# --- planning -----------------------------------------------------------------------------


def _insert_ignoring_duplicates(session: Session, values: list[dict[str, object]]) -> int:
    """Insert rows; one another instance planned first is skipped by the unique key."""
    if not values:
        return 0
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(ReminderOutbox)
        .values(values)
        .on_conflict_do_nothing(index_elements=["appointment_id", "rule_id", "appointment_version"])
    )
    if dialect == "postgresql":
        # psycopg reports no row count for a multi-row INSERT: count what came back.
        return len(session.execute(statement.returning(ReminderOutbox.id)).all())
    result = session.execute(statement)
    return result.rowcount or 0


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    channel: Channel
    offset_minutes: int
    late_minutes: int
    type_id: str | None


def plan_reminders(session: Session, settings: ReminderSettings, tz: ZoneInfo, now: int) -> int:
    """Add the rows the active rules call for, for the current version of each upcoming
    appointment. Consent and contact details are checked at send time (an opt-out between
    planning and sending must win). Returns how many rows were added."""
    rules = [
        _Rule(r.id, Channel(r.channel), r.offset_minutes, r.late_minutes, r.type_id)
        for r in session.scalars(select(ReminderRule).where(ReminderRule.active.is_(True)))
    ]
    if not rules:
        return 0
    until = now + horizon_seconds(max(r.offset_minutes for r in rules))
    appointments = session.execute(
        select(
            Appointment.id,
            Appointment.version,
            Appointment.status,
            Appointment.start_at,
            Appointment.type_id,
            Appointment.updated_at,
        )
        .where(
            Appointment.start_at > now,
            Appointment.start_at <= until,
            Appointment.status.in_(REMINDABLE),
        )
        .order_by(Appointment.start_at)
    ).all()
    if not appointments:
        return 0
    existing: dict[str, list[ExistingRow]] = {}
    ids = [a.id for a in appointments]
    for start in range(0, len(ids), 500):
        for row in session.execute(
            select(
                ReminderOutbox.appointment_id,
                ReminderOutbox.rule_id,
                ReminderOutbox.appointment_version,
                ReminderOutbox.start_at,
                ReminderOutbox.status,
            ).where(ReminderOutbox.appointment_id.in_(ids[start : start + 500]))
        ):
            existing.setdefault(row[0], []).append(
                ExistingRow(row[1], row[2], row[3], OutboxStatus(row[4]))
            )
    values: list[dict[str, object]] = []
    for appointment in appointments:
        state = AppointmentState(appointment.version, appointment.status, appointment.start_at)
        for rule in rules:
            if rule.type_id is not None and rule.type_id != appointment.type_id:
                continue
            if not needs_row(rule.id, state, existing.get(appointment.id, [])):
                continue
            window = send_window(
                start_at=appointment.start_at,
                offset_minutes=rule.offset_minutes,
                late_minutes=rule.late_minutes,
                changed_at=appointment.updated_at,
                now=now,
                quiet=settings.quiet_hours,
                tz=tz,
                settle_minutes=settings.settle_minutes,
            )
            if window is None or window.not_after <= now:
                continue  # booked too late for this rule: nothing to send
            outbox_id = str(uuid.uuid4())
            values.append(
                {
                    "id": outbox_id,
                    "appointment_id": appointment.id,
                    "rule_id": rule.id,
                    "appointment_version": appointment.version,
                    "start_at": appointment.start_at,
                    "channel": rule.channel.value,
                    "status": OutboxStatus.PENDING.value,
                    "not_before": window.not_before,
                    "not_after": window.not_after,
                    "next_attempt_at": window.not_before,
                    "attempts": 0,
                    "message_id": message_id_for(outbox_id, settings.smtp.from_address),
                    "created_at": now,
                    "updated_at": now,
                }
            )
    added = 0
    for start in range(0, len(values), 200):
        added += _insert_ignoring_duplicates(session, values[start : start + 200])
    return added


# --- claiming -----------------------------------------------------------------------------


def _current_version_holds() -> object:
    return exists().where(
        Appointment.id == ReminderOutbox.appointment_id,
        Appointment.version == ReminderOutbox.appointment_version,
        Appointment.start_at == ReminderOutbox.start_at,
        Appointment.status.in_(REMINDABLE),
    )


def _due(now: int, channels: Sequence[Channel]) -> list[object]:
    return [
        ReminderOutbox.status == OutboxStatus.PENDING.value,
        ReminderOutbox.not_before <= now,
        ReminderOutbox.not_after > now,
        ReminderOutbox.next_attempt_at <= now,
        ReminderOutbox.channel.in_([c.value for c in channels]),
    ]


def due_ids(session: Session, now: int, channels: Sequence[Channel], limit: int) -> list[str]:
    return list(
        session.scalars(
            select(ReminderOutbox.id)
            .where(*_due(now, channels))
            .order_by(ReminderOutbox.not_before, ReminderOutbox.id)
            .limit(limit)
        )
    )


def claim_one(session: Session, outbox_id: str, token: str, now: int) -> bool:
    """Atomically take one row for sending. True only for the one instance that got it."""
    result = session.execute(
        update(ReminderOutbox)
        .where(
            ReminderOutbox.id == outbox_id,
            ReminderOutbox.status == OutboxStatus.PENDING.value,
            ReminderOutbox.not_after > now,
            _current_version_holds(),
        )
        .values(
            status=OutboxStatus.SENDING.value, claim_token=token, claimed_at=now, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def locked_due_statement(now: int, channels: Sequence[Channel], limit: int) -> Select[tuple[str]]:
    """PostgreSQL: due rows no other instance has locked, locked for this transaction."""
    return (
        select(ReminderOutbox.id)
        .where(*_due(now, channels), _current_version_holds())
        .order_by(ReminderOutbox.not_before, ReminderOutbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


def claim_batch_postgresql(
    session: Session, now: int, channels: Sequence[Channel], limit: int, token: str
) -> list[str]:
    """PostgreSQL: lock due rows no other instance holds, and claim them, in one transaction."""
    ids = list(session.scalars(locked_due_statement(now, channels, limit)))
    if ids:
        session.execute(
            update(ReminderOutbox)
            .where(ReminderOutbox.id.in_(ids))
            .values(
                status=OutboxStatus.SENDING.value,
                claim_token=token,
                claimed_at=now,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    return ids
