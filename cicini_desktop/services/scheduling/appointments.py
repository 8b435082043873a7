"""Appointments: check, book, move/resize, status changes, cancel, details and history.

    conflicts = check_appointment(context, actor, BookingRequest(...))   # list of Conflict
    booked = book_appointment(context, actor, request)                    # Booked(id, changes)
    # a ConflictError(e.conflicts, str(e) = the sentences) stops a conflicting booking;
    # a user with appointment.override_conflict may pass override_reason="…" (audited)
    freed = move_appointment(context, actor, id, expected_version=v, start=..., end=...)
    freed = cancel_appointment(context, actor, id, CancelReason.PATIENT_REQUEST, expected_version=v)
    freed.offers            # waitlist entries that fit the freed time, best first
    change_status(context, actor, id, AppointmentStatus.ARRIVED, expected_version=v)

`expected_version` is the `version` of the row the user was looking at; if someone else
saved the appointment meanwhile, `StaleEditError` says "…changed by someone else; reload it."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import ConflictError, ValidationError
from cicini_desktop.core.ids import AppointmentId, WaitlistEntryId, new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import conflicts as conflict_rules
from cicini_desktop.core.scheduling import validation
from cicini_desktop.core.scheduling.availability import Availability
from cicini_desktop.core.scheduling.conflicts import Booking, Conflict, RoomBooked
from cicini_desktop.core.scheduling.status import (
    AppointmentStatus,
    CancelReason,
    check_in_day_problem,
    ensure_editable,
    transition,
)
from cicini_desktop.core.scheduling.wall_time import local_date
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    aware,
    clinic_zone,
    conflict_inputs,
    get_or_404,
    instant,
    nearby_bookings,
    now,
)
from cicini_desktop.services.scheduling.editing import (
    SCHEDULE_LOCK,
    Editing,
    OverrideRefused,
    editing_appointment,
    lock_for_writing,
    refusing_overrides,
)
from cicini_desktop.services.scheduling.waitlist import (
    WaitlistOffer,
    close_booked_entry,
    offers_for_freed,
)
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import (
    Appointment,
    AppointmentHistory,
    AppointmentType,
    Patient,
    Room,
    Staff,
    StaffService,
)

S = AppointmentStatus


@dataclass(frozen=True, slots=True)
class BookingRequest:
    patient_id: str
    provider_id: str
    type_id: str
    start: datetime  # aware, or naive clinic wall time (then `fold` decides the overlap)
    duration_minutes: int | None = None  # None = the type's duration
    room_id: str | None = None  # None = any free room of the type's kind, if it needs one
    note: str | None = None
    fold: int | None = None


@dataclass(frozen=True, slots=True)
class Booked:
    appointment_id: str
    changes: Changes


@dataclass(frozen=True, slots=True)
class Freed:
    """A write that freed time: what changed, and waitlist entries to offer it to."""

    changes: Changes
    offers: tuple[WaitlistOffer, ...] = ()


@dataclass(frozen=True, slots=True)
class AppointmentDetail:
    id: str
    patient_id: str
    patient_name: str
    provider_id: str
    type_id: str
    type_name: str
    type_colour: str
    room_id: str | None
    start: datetime  # clinic zone
    end: datetime
    status: AppointmentStatus
    cancel_reason: CancelReason | None
    note: str | None
    series_id: str | None
    version: int


@dataclass(frozen=True, slots=True)
class HistoryRow:
    at: datetime
    by: str  # staff id
    kind: str  # created | status | moved | edited
    from_status: AppointmentStatus | None
    to_status: AppointmentStatus | None
    reason: str | None
    old_start: datetime | None
    old_end: datetime | None
    old_provider_id: str | None
    override_reason: str | None


# --- preparing a candidate ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prepared:
    booking: Booking
    type_id: str
    note: str | None
    room_problem: Conflict | None  # a needed room kind with no room free


def prepare(
    session: Session,
    tz: ZoneInfo,
    request: BookingRequest,
    *,
    appointment_id: str,
    start: int | None = None,
    lock: bool = False,
) -> Prepared:
    """Validate a request into a candidate `Booking` (no conflict check yet).

    `lock=True` takes the schedule's write lock first (`lock_for_writing`); on the server in
    the same statement as the request's facts, one round trip less. The lock guards the
    conflict check that follows, not these facts (the type, provider and patient as they
    are), so reading them in the statement that takes it changes nothing.
    """
    on_server = session.get_bind().dialect.name == "postgresql"
    if lock and not on_server:
        lock_for_writing(session)
    found = session.execute(
        _request_facts(lock and on_server),
        {
            "type_id": request.type_id,
            "provider_id": request.provider_id,
            "patient_id": request.patient_id,
        },
    ).first()
    kind = found[0] if found is not None else None
    if kind is None or not kind.active:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Choose an appointment type that is in use."),
            field="type",
        )
    provider_ok, offered_by_some, offered_by_provider, patient_found = found[1:5]  # type: ignore[index]
    if not provider_ok:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Choose an active provider."), field="provider"
        )
    if offered_by_some and not offered_by_provider:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "This provider does not offer that appointment type; choose another provider.",
            ),
            field="provider",
        )
    if not patient_found:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Choose a patient for the appointment."),
            field="patient",
        )
    minutes = validation.duration_minutes(
        request.duration_minutes if request.duration_minutes is not None else kind.duration_minutes
    )
    begin = start if start is not None else instant(request.start, tz, request.fold)
    end = begin + minutes * 60
    validation.span(begin, end)
    booking = Booking(
        id=appointment_id,
        provider_id=request.provider_id,
        patient_id=request.patient_id,
        room_id=request.room_id,
        start=begin,
        end=end,
        buffer_before=kind.buffer_before_minutes * 60,
        buffer_after=kind.buffer_after_minutes * 60,
    )
    room_problem = None
    if request.room_id is not None:
        room = session.get(Room, request.room_id)
        if room is None or not room.active:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.scheduling", "Choose a room that is in use."),
                field="room",
            )
        if kind.room_kind and room.kind != kind.room_kind:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling", "This appointment type needs a {kind} room; choose one."
                ).format(kind=kind.room_kind),
                field="room",
            )
    elif kind.room_kind:
        room_id = free_room(session, kind.room_kind, begin, end, ignore_id=appointment_id)
        if room_id is None:
            room_problem = RoomBooked(begin, end, tz)
        else:
            booking = Booking(**{**_fields(booking), "room_id": room_id})
    return Prepared(booking, kind.id, validation.note(request.note), room_problem)


@lru_cache(maxsize=2)
def _request_facts(with_server_lock: bool = False) -> Select[Any]:
    """The type, and whether the provider is an active provider, who offers the type (if
    anyone is named for it), and whether the patient exists: one query, not four (on the
    clinic server each is a network round trip); built once, with bound parameters.
    `with_server_lock`: the statement also takes the server's schedule lock."""
    provider_id, patient_id = bindparam("provider_id"), bindparam("patient_id")
    provider_ok = (
        select(Staff.id)
        .where(Staff.id == provider_id, Staff.is_provider.is_(True), Staff.active.is_(True))
        .exists()
    )
    offered_by_some = (
        select(StaffService.staff_id)
        .where(StaffService.appointment_type_id == AppointmentType.id)
        .exists()
    )
    offered_by_provider = (
        select(StaffService.staff_id)
        .where(
            StaffService.appointment_type_id == AppointmentType.id,
            StaffService.staff_id == provider_id,
        )
        .exists()
    )
    patient_found = select(Patient.id).where(Patient.id == patient_id).exists()
    facts = select(
        AppointmentType, provider_ok, offered_by_some, offered_by_provider, patient_found
    ).where(AppointmentType.id == bindparam("type_id"))
    if with_server_lock:
        facts = facts.add_columns(func.pg_advisory_xact_lock(SCHEDULE_LOCK))
    return facts


def _fields(booking: Booking) -> dict[str, object]:
    return {name: getattr(booking, name) for name in booking.__slots__}


def free_room(
    session: Session, kind: str, start: int, end: int, *, ignore_id: str | None = None
) -> str | None:
    """The first active room of `kind` with no blocking booking over [start, end)."""
    rooms = list(
        session.scalars(
            select(Room.id).where(Room.kind == kind, Room.active.is_(True)).order_by(Room.name)
        )
    )
    busy_statuses = [s.value for s in S if s not in (S.CANCELLED, S.NO_SHOW)]
    for room_id in rooms:
        clash = session.scalar(
            select(Appointment.id)
            .where(
                Appointment.room_id == room_id,
                Appointment.start_at < end,
                Appointment.start_at > start - validation.MAX_DURATION_SECONDS,
                Appointment.end_at > start,
                Appointment.status.in_(busy_statuses),
                Appointment.id != (ignore_id or ""),
            )
            .limit(1)
        )
        if clash is None:
            return room_id
    return None


def find_conflicts(
    session: Session, tz: ZoneInfo, prepared: Prepared, availability: Availability | None = None
) -> list[Conflict]:
    """`availability` (covering the booking's days) saves the read when booking in bulk."""
    b = prepared.booking
    if availability is None:
        # Both reads in one statement (one round trip to the clinic server).
        availability, nearby = conflict_inputs(
            session, tz, b, local_date(b.block_start, tz), local_date(b.block_end, tz)
        )
    else:
        nearby = nearby_bookings(session, b)
    found = conflict_rules.check(prepared.booking, nearby, availability)
    if prepared.room_problem is not None:
        found.insert(0, prepared.room_problem)
    return found


def resolve_conflicts(
    context: ServiceContext,
    actor: Actor,
    tx: Transaction,
    found: list[Conflict],
    override_reason: str | None,
    appointment_id: str,
    target_type: str = "appointment",
) -> str | None:
    """Raise `ConflictError` unless overriding is asked for and allowed; audit the override.

    Returns the override reason to keep in the appointment's history (never in the audit).
    Call inside `refusing_overrides` so a refused override is audited and explained.
    """
    if not found:
        return None
    if override_reason is None or not override_reason.strip():
        raise ConflictError(conflict_rules.summary(found), tuple(found))
    if not actor.may(Permission.APPOINTMENT_OVERRIDE_CONFLICT):
        raise OverrideRefused(appointment_id)
    reason = validation.note(override_reason)
    tx.audit(
        AuditAction.CONFLICT_OVERRIDDEN,
        target_type=target_type,
        target_id=appointment_id,
        details={"kind": found[0].kind.value, "count": len(found)},
    )
    return reason


def insert_appointment(
    tx: Transaction,
    prepared: Prepared,
    *,
    series_id: str | None = None,
    override_reason: str | None = None,
) -> Appointment:
    moment = now(tx.context)
    b = prepared.booking
    row = Appointment(
        id=b.id,
        patient_id=b.patient_id,
        provider_id=b.provider_id,
        type_id=prepared.type_id,
        room_id=b.room_id,
        start_at=b.start,
        end_at=b.end,
        block_start=b.block_start,
        block_end=b.block_end,
        status=S.BOOKED.value,
        note=prepared.note,
        series_id=series_id,
        created_at=moment,
        created_by=tx.actor.staff_id,
        updated_at=moment,
        updated_by=tx.actor.staff_id,
        # Exempt from the server's exclusion constraints only with an audited override.
        conflict_override=override_reason is not None,
    )
    tx.session.add(row)
    tx.session.add(
        AppointmentHistory(
            appointment_id=row.id,
            at=moment,
            by=tx.actor.staff_id,
            kind="created",
            to_status=S.BOOKED.value,
            override_reason=override_reason,
        )
    )
    return row


# --- use cases ------------------------------------------------------------------------------


def check_appointment(
    context: ServiceContext,
    actor: Actor,
    request: BookingRequest,
    *,
    ignore_id: str | None = None,
) -> list[Conflict]:
    """Conflicts the request would have (nothing is saved). Empty list = bookable."""
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=request.provider_id)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        prepared = prepare(session, tz, request, appointment_id=ignore_id or new_id())
        return find_conflicts(session, tz, prepared)


def book_appointment(
    context: ServiceContext,
    actor: Actor,
    request: BookingRequest,
    *,
    override_reason: str | None = None,
    from_waitlist: WaitlistEntryId | None = None,
) -> Booked:
    """Book one appointment. `from_waitlist` closes that waitlist entry in the same
    transaction (audited), so a patient booked from the list does not stay on it."""
    with refusing_overrides(context, actor), unit_of_work(context, actor) as tx:
        # In the booking's own transaction (no transaction of its own before it).
        stored = tx.require(Permission.APPOINTMENT_BOOK, provider_id=request.provider_id)
        if from_waitlist is not None:
            tx.require(Permission.WAITLIST_MANAGE)
        tz = clinic_zone(tx.session, context)
        prepared = prepare(tx.session, tz, request, appointment_id=new_id(), lock=True)
        found = find_conflicts(tx.session, tz, prepared)
        reason = resolve_conflicts(context, stored, tx, found, override_reason, prepared.booking.id)
        row = insert_appointment(tx, prepared, override_reason=reason)
        tx.count(Counter.APPOINTMENT_BOOKED)
        if from_waitlist is not None:
            close_booked_entry(tx, from_waitlist, row.patient_id)
            return Booked(row.id, Changes(appointments=True, waitlist=True))
        return Booked(row.id, Changes(appointments=True))


def move_appointment(
    context: ServiceContext,
    actor: Actor,
    appointment_id: AppointmentId,
    *,
    expected_version: int | None,
    start: datetime,
    end: datetime | None = None,
    provider_id: str | None = None,
    room_id: str | None = None,
    fold: int | None = None,
    override_reason: str | None = None,
    without_room: bool = False,
) -> Freed:
    """Move and/or resize (new `end`), possibly to another provider or room.

    `room_id` None keeps the room; `without_room` takes it away (undoing a move that gave the
    appointment a room it did not have).

    The old time is kept in the history; waitlist entries that fit the freed time are
    returned. Only booked or confirmed appointments can move.
    """
    with editing_appointment(
        context,
        actor,
        appointment_id,
        Permission.APPOINTMENT_EDIT,
        expected_version=expected_version,
        also_for_providers=(provider_id,),
        lock=True,
        overrides=True,
    ) as edit:
        tx, row, tz = edit.tx, edit.row, edit.zone
        new_provider = provider_id or row.provider_id
        ensure_editable(S(row.status))
        begin = instant(start, tz, fold)
        if end is not None:
            finish = instant(end, tz, fold)
            validation.span(begin, finish)
            minutes = (finish - begin) // 60
        else:
            minutes = (row.end_at - row.start_at) // 60
        request = BookingRequest(
            patient_id=row.patient_id,
            provider_id=new_provider,
            type_id=row.type_id,
            start=aware(begin, tz),
            duration_minutes=minutes,
            room_id=None if without_room else (room_id if room_id is not None else row.room_id),
            note=row.note,
        )
        prepared = prepare(tx.session, tz, request, appointment_id=row.id, start=begin)
        found = find_conflicts(tx.session, tz, prepared)
        reason = resolve_conflicts(context, edit.actor, tx, found, override_reason, row.id)
        freed = (row.provider_id, row.start_at, row.end_at)
        apply_move(tx, row, prepared, override_reason=reason)
        tx.count(Counter.APPOINTMENT_MOVED)
        offers = offers_for_freed(tx.session, context, actor, tz, *freed, new=prepared.booking)
        return Freed(Changes(appointments=True), offers)


def apply_move(
    tx: Transaction, row: Appointment, prepared: Prepared, *, override_reason: str | None
) -> None:
    moment = now(tx.context)
    b = prepared.booking
    tx.session.add(
        AppointmentHistory(
            appointment_id=row.id,
            at=moment,
            by=tx.actor.staff_id,
            kind="moved",
            old_start=row.start_at,
            old_end=row.end_at,
            old_provider_id=row.provider_id,
            override_reason=override_reason,
        )
    )
    row.provider_id = b.provider_id
    row.room_id = b.room_id
    row.start_at = b.start
    row.end_at = b.end
    row.block_start = b.block_start
    row.block_end = b.block_end
    row.conflict_override = override_reason is not None
    row.updated_at = moment
    row.updated_by = tx.actor.staff_id


_PERMISSION_FOR = {
    S.CONFIRMED: Permission.APPOINTMENT_EDIT,
    S.ARRIVED: Permission.APPOINTMENT_CHECK_IN,
    S.IN_PROGRESS: Permission.APPOINTMENT_EDIT,
    S.COMPLETED: Permission.APPOINTMENT_EDIT,
    S.CANCELLED: Permission.APPOINTMENT_CANCEL,
    S.NO_SHOW: Permission.APPOINTMENT_CANCEL,
}
_COUNTER_FOR = {
    S.ARRIVED: Counter.APPOINTMENT_CHECKED_IN,
    S.CANCELLED: Counter.APPOINTMENT_CANCELLED,
}


def status_permission(target: AppointmentStatus) -> Permission:
    """The permission a step to `target` needs."""
    return _PERMISSION_FOR.get(target, Permission.APPOINTMENT_EDIT)


def status_counter(target: AppointmentStatus) -> Counter:
    """The usage counter a step to `target` bumps."""
    return _COUNTER_FOR.get(target, Counter.APPOINTMENT_STATUS_CHANGED)


def change_status(
    context: ServiceContext,
    actor: Actor,
    appointment_id: AppointmentId,
    target: AppointmentStatus,
    *,
    expected_version: int | None,
    reason: CancelReason | None = None,
    override_reason: str | None = None,
) -> Freed:
    """Move along the workflow (see core.scheduling.status); each step is recorded.

    Cancelling and no-show free the time: waitlist entries that fit it are returned.
    A check-in (ARRIVED) only on the appointment's day, as in `check_in`.
    """
    target = S(target)
    with editing_appointment(
        context,
        actor,
        appointment_id,
        _PERMISSION_FOR.get(target, Permission.APPOINTMENT_EDIT),
        expected_version=expected_version,
        overrides=target is S.ARRIVED,
    ) as edit:
        tx, row = edit.tx, edit.row
        if target is S.ARRIVED:
            enforce_check_in_day(edit, override_reason)
        record_status(tx, row, target, reason)
        tx.count(_COUNTER_FOR.get(target, Counter.APPOINTMENT_STATUS_CHANGED))
        offers: tuple[WaitlistOffer, ...] = ()
        if target in (S.CANCELLED, S.NO_SHOW):
            offers = offers_for_freed(
                tx.session, context, actor, edit.zone, row.provider_id, row.start_at, row.end_at
            )
        return Freed(Changes(appointments=True), offers)


def record_status(
    tx: Transaction, row: Appointment, target: AppointmentStatus, reason: CancelReason | None
) -> None:
    moment = now(tx.context)
    change = transition(
        S(row.status),
        target,
        at=moment,
        by=tx.actor.staff_id,
        reason=CancelReason(reason) if reason is not None else None,
    )
    tx.session.add(
        AppointmentHistory(
            appointment_id=row.id,
            at=moment,
            by=tx.actor.staff_id,
            kind="status",
            from_status=change.from_status.value if change.from_status else None,
            to_status=change.to_status.value,
            reason=change.reason.value if change.reason else None,
        )
    )
    row.status = change.to_status.value
    row.cancel_reason = change.reason.value if change.reason else None
    row.updated_at = moment
    row.updated_by = tx.actor.staff_id


def cancel_appointment(
    context: ServiceContext,
    actor: Actor,
    appointment_id: str,
    reason: CancelReason,
    *,
    expected_version: int | None,
) -> Freed:
    return change_status(
        context,
        actor,
        appointment_id,
        S.CANCELLED,
        expected_version=expected_version,
        reason=reason,
    )


def check_in(
    context: ServiceContext,
    actor: Actor,
    appointment_id: AppointmentId,
    *,
    expected_version: int | None,
    override_reason: str | None = None,
) -> Freed:
    """The patient is here. A booked appointment nobody confirmed is confirmed by the
    arrival itself: both steps are recorded (booked -> confirmed -> arrived), in one
    transaction, so the front desk checks anyone in with one key.

    Only on the appointment's own day in the clinic's zone; someone who may override
    conflicts (a practice manager) may check in on another day with a reason, audited.
    """
    with editing_appointment(
        context,
        actor,
        appointment_id,
        Permission.APPOINTMENT_CHECK_IN,
        expected_version=expected_version,
        overrides=True,
    ) as edit:
        tx, row = edit.tx, edit.row
        enforce_check_in_day(edit, override_reason)
        if S(row.status) is S.BOOKED:
            record_status(tx, row, S.CONFIRMED, None)
        record_status(tx, row, S.ARRIVED, None)
        tx.count(Counter.APPOINTMENT_CHECKED_IN)
        return Freed(Changes(appointments=True), ())


def enforce_check_in_day(edit: Editing, override_reason: str | None) -> None:
    """Refuse a check-in on another day than the appointment's (clinic zone), unless an
    actor who may override gives a reason; the override is audited (the reason is not)."""
    tx, row = edit.tx, edit.row
    today = now(tx.context)
    problem = check_in_day_problem(row.start_at, today, edit.zone)
    if problem is None:
        return
    if override_reason is None or not override_reason.strip():
        raise ValidationError(problem, field="day")
    if not edit.actor.may(Permission.APPOINTMENT_OVERRIDE_CONFLICT):
        raise OverrideRefused(row.id)
    validation.note(override_reason)
    days = (local_date(row.start_at, edit.zone) - local_date(today, edit.zone)).days
    tx.audit(
        AuditAction.CHECK_IN_OVERRIDDEN,
        target_type="appointment",
        target_id=row.id,
        details={"days": abs(days), "kind": "early" if days > 0 else "late"},
    )


def edit_note(
    context: ServiceContext,
    actor: Actor,
    appointment_id: AppointmentId,
    note: str | None,
    *,
    expected_version: int | None,
) -> Changes:
    """Change the front-desk note; a note over the limit is refused with a sentence, never
    cut. The audit record names the appointment only, never the text."""
    clean = validation.note(note)
    with editing_appointment(
        context,
        actor,
        appointment_id,
        Permission.APPOINTMENT_EDIT,
        expected_version=expected_version,
    ) as edit:
        tx, row = edit.tx, edit.row
        row.note = clean
        row.updated_at = now(context)
        row.updated_by = actor.staff_id
        tx.session.add(
            AppointmentHistory(
                appointment_id=row.id, at=row.updated_at, by=actor.staff_id, kind="edited"
            )
        )
        tx.audit(AuditAction.APPOINTMENT_NOTE_EDITED, target_type="appointment", target_id=row.id)
        return Changes(appointments=True)


def get_appointment(
    context: ServiceContext, actor: Actor, appointment_id: str
) -> AppointmentDetail:
    with context.database.session() as session:
        row = get_or_404(session, Appointment, appointment_id, "appointment")
        require(context, actor, Permission.SCHEDULE_VIEW, provider_id=row.provider_id)
        tz = clinic_zone(session, context)
        patient = session.get(Patient, row.patient_id)
        kind = session.get(AppointmentType, row.type_id)
        assert patient is not None
        assert kind is not None
        return AppointmentDetail(
            id=row.id,
            patient_id=row.patient_id,
            patient_name=f"{patient.family_name}, {patient.given_name}",
            provider_id=row.provider_id,
            type_id=row.type_id,
            type_name=kind.name,
            type_colour=kind.colour,
            room_id=row.room_id,
            start=aware(row.start_at, tz),
            end=aware(row.end_at, tz),
            status=S(row.status),
            cancel_reason=CancelReason(row.cancel_reason) if row.cancel_reason else None,
            note=row.note,
            series_id=row.series_id,
            version=row.version,
        )


def appointment_history(
    context: ServiceContext, actor: Actor, appointment_id: str
) -> list[HistoryRow]:
    """Every recorded step of the appointment, oldest first."""
    with context.database.session() as session:
        row = get_or_404(session, Appointment, appointment_id, "appointment")
        require(context, actor, Permission.SCHEDULE_VIEW, provider_id=row.provider_id)
        tz = clinic_zone(session, context)
        rows = session.scalars(
            select(AppointmentHistory)
            .where(AppointmentHistory.appointment_id == appointment_id)
            .order_by(AppointmentHistory.id)
        )
        return [
            HistoryRow(
                at=aware(h.at, tz),
                by=h.by,
                kind=h.kind,
                from_status=S(h.from_status) if h.from_status else None,
                to_status=S(h.to_status) if h.to_status else None,
                reason=h.reason,
                old_start=aware(h.old_start, tz) if h.old_start is not None else None,
                old_end=aware(h.old_end, tz) if h.old_end is not None else None,
                old_provider_id=h.old_provider_id,
                override_reason=h.override_reason,
            )
            for h in rows
        ]
