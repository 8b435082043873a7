"""Availability management: clinic hours and closures, provider rotas, time off and extra
hours, rooms and appointment types (and which providers offer them).

Hours are wall minutes of the day (0..1440, e.g. 9:30 = 570) in the clinic's zone.

    set_clinic_hours(context, actor, [(0, 480, 1080), ...])           # Mon 08:00-18:00
    set_rota(context, actor, provider_id, [(0, 540, 720), (0, 780, 1020)], effective_from=d)
    add_time_off(context, actor, provider_id, start_date, end_date)    # whole days
    type_id, changes = create_type(context, actor, TypeInput(...))
    for t in list_types(context, actor): ...                           # TypeRow
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import validation
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import check_version, get_or_404
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import (
    AppointmentType,
    ClinicClosureRow,
    ClinicHoursRow,
    ProviderExceptionRow,
    ProviderRotaRow,
    Room,
    Staff,
    StaffService,
)

WorkingInterval = tuple[int, int, int]  # (weekday 0 = Monday, start minute, end minute)


@dataclass(frozen=True, slots=True)
class ProviderRow:
    id: str
    display_name: str
    colour: str | None
    active: bool
    type_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class RoomRow:
    id: str
    name: str
    kind: str
    active: bool


@dataclass(frozen=True, slots=True)
class TypeInput:
    name: str
    duration_minutes: int
    colour: str = "#3A7BD5"
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    room_kind: str | None = None
    provider_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TypeRow:
    id: str
    name: str
    duration_minutes: int
    colour: str
    buffer_before_minutes: int
    buffer_after_minutes: int
    room_kind: str | None
    active: bool
    provider_ids: frozenset[str]
    version: int


@dataclass(frozen=True, slots=True)
class RotaRow:
    weekday: int
    start_minute: int
    end_minute: int
    effective_from: date


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    id: str
    provider_id: str
    kind: str  # "time_off" | "extra"
    start_date: date
    end_date: date
    start_minute: int | None
    end_minute: int | None


@dataclass(frozen=True, slots=True)
class ClosureRow:
    id: str
    start_date: date
    end_date: date
    label: str | None


# --- clinic -------------------------------------------------------------------------------


def set_clinic_hours(
    context: ServiceContext, actor: Actor, hours: Iterable[WorkingInterval]
) -> Changes:
    """Replace the clinic's weekly opening hours (several intervals a day allowed)."""
    hours = list(hours)
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    validation.working_intervals(hours, "clinic_hours")
    with unit_of_work(context, actor) as tx:
        tx.session.execute(delete(ClinicHoursRow))
        for weekday, start, end in hours:
            tx.session.add(ClinicHoursRow(weekday=weekday, start_minute=start, end_minute=end))
        tx.audit(
            AuditAction.SETTINGS_CHANGED, target_type="availability", details={"kind": "hours"}
        )
        return Changes(availability=True)


def clinic_hours(context: ServiceContext, actor: Actor) -> list[WorkingInterval]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        rows = session.scalars(select(ClinicHoursRow).order_by(ClinicHoursRow.weekday))
        return [(r.weekday, r.start_minute, r.end_minute) for r in rows]


def add_closure(
    context: ServiceContext,
    actor: Actor,
    start_date: date,
    end_date: date | None = None,
    label: str | None = None,
) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    end_date = end_date or start_date
    _date_range(start_date, end_date)
    with unit_of_work(context, actor) as tx:
        closure = ClinicClosureRow(
            id=new_id(), start_date=start_date, end_date=end_date, label=_label(label)
        )
        tx.session.add(closure)
        tx.audit(
            AuditAction.SETTINGS_CHANGED, target_type="availability", details={"kind": "closure"}
        )
        return closure.id, Changes(availability=True)


def remove_closure(context: ServiceContext, actor: Actor, closure_id: str) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        tx.session.delete(get_or_404(tx.session, ClinicClosureRow, closure_id, "closure"))
        tx.audit(
            AuditAction.SETTINGS_CHANGED, target_type="availability", details={"kind": "closure"}
        )
        return Changes(availability=True)


def closures(context: ServiceContext, actor: Actor) -> list[ClosureRow]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        rows = session.scalars(select(ClinicClosureRow).order_by(ClinicClosureRow.start_date))
        return [ClosureRow(r.id, r.start_date, r.end_date, r.label) for r in rows]


# --- providers ----------------------------------------------------------------------------


def providers(
    context: ServiceContext, actor: Actor, *, include_inactive: bool = False
) -> list[ProviderRow]:
    """Providers the actor may see (their scope), by display name, with the types offered."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        query = select(Staff).where(Staff.is_provider.is_(True)).order_by(Staff.display_name)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        offered: dict[str, set[str]] = {}
        for link in session.scalars(select(StaffService)):
            offered.setdefault(link.staff_id, set()).add(link.appointment_type_id)
        return [
            ProviderRow(s.id, s.display_name, s.colour, s.active, frozenset(offered.get(s.id, ())))
            for s in session.scalars(query)
            if actor.may_act_for(s.id)
        ]


def _provider(session: Session, provider_id: str) -> Staff:
    staff = session.get(Staff, provider_id)
    if staff is None or not staff.is_provider:
        raise ValidationError("That staff member is not a provider.", field="provider")
    return staff


def set_rota(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    intervals: Iterable[WorkingInterval],
    *,
    effective_from: date,
) -> Changes:
    """The provider's weekly rota from `effective_from` on (replaces a rota of that date)."""
    intervals = list(intervals)
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    validation.working_intervals(intervals, "rota")
    with unit_of_work(context, actor) as tx:
        _provider(tx.session, provider_id)
        tx.session.execute(
            delete(ProviderRotaRow).where(
                ProviderRotaRow.provider_id == provider_id,
                ProviderRotaRow.effective_from == effective_from,
            )
        )
        for weekday, start, end in intervals:
            tx.session.add(
                ProviderRotaRow(
                    provider_id=provider_id,
                    weekday=weekday,
                    start_minute=start,
                    end_minute=end,
                    effective_from=effective_from,
                )
            )
        return Changes(availability=True)


def rota(context: ServiceContext, actor: Actor, provider_id: str) -> list[RotaRow]:
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=provider_id)
    with context.database.session() as session:
        rows = session.scalars(
            select(ProviderRotaRow)
            .where(ProviderRotaRow.provider_id == provider_id)
            .order_by(
                ProviderRotaRow.effective_from,
                ProviderRotaRow.weekday,
                ProviderRotaRow.start_minute,
            )
        )
        return [RotaRow(r.weekday, r.start_minute, r.end_minute, r.effective_from) for r in rows]


def add_time_off(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    start_date: date,
    end_date: date | None = None,
    *,
    start_minute: int | None = None,
    end_minute: int | None = None,
) -> tuple[str, Changes]:
    """Time off from (start_date, start_minute or 00:00) to (end_date, end_minute or 24:00)."""
    end_date = end_date or start_date
    _date_range(start_date, end_date)
    if start_date == end_date and start_minute is not None and end_minute is not None:
        validation.wall_interval(start_minute, end_minute, "time_off")
    return _add_exception(
        context, actor, provider_id, "time_off", start_date, end_date, start_minute, end_minute
    )


def add_extra_hours(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    on_date: date,
    start_minute: int,
    end_minute: int,
) -> tuple[str, Changes]:
    validation.wall_interval(start_minute, end_minute, "extra_hours")
    return _add_exception(
        context, actor, provider_id, "extra", on_date, on_date, start_minute, end_minute
    )


def _add_exception(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    kind: str,
    start_date: date,
    end_date: date,
    start_minute: int | None,
    end_minute: int | None,
) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    with unit_of_work(context, actor) as tx:
        _provider(tx.session, provider_id)
        row = ProviderExceptionRow(
            id=new_id(),
            provider_id=provider_id,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            start_minute=start_minute,
            end_minute=end_minute,
        )
        tx.session.add(row)
        return row.id, Changes(availability=True)


def remove_exception(context: ServiceContext, actor: Actor, exception_id: str) -> Changes:
    with context.database.session() as session:
        row = get_or_404(session, ProviderExceptionRow, exception_id, "time off or extra hours")
        provider_id = row.provider_id
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    with unit_of_work(context, actor) as tx:
        tx.session.execute(
            delete(ProviderExceptionRow).where(ProviderExceptionRow.id == exception_id)
        )
        return Changes(availability=True)


def exceptions(context: ServiceContext, actor: Actor, provider_id: str) -> list[ExceptionRow]:
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=provider_id)
    with context.database.session() as session:
        rows = session.scalars(
            select(ProviderExceptionRow)
            .where(ProviderExceptionRow.provider_id == provider_id)
            .order_by(ProviderExceptionRow.start_date)
        )
        return [
            ExceptionRow(
                r.id, r.provider_id, r.kind, r.start_date, r.end_date, r.start_minute, r.end_minute
            )
            for r in rows
        ]


# --- rooms and types ----------------------------------------------------------------------


def create_room(context: ServiceContext, actor: Actor, name: str, kind: str) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    room = Room(id=new_id(), name=validation.name(name), kind=_kind(kind), active=True)
    with unit_of_work(context, actor) as tx:
        tx.session.add(room)
        return room.id, Changes(availability=True)


def set_room_active(context: ServiceContext, actor: Actor, room_id: str, active: bool) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        get_or_404(tx.session, Room, room_id, "room").active = active
        return Changes(availability=True)


def list_rooms(context: ServiceContext, actor: Actor) -> list[RoomRow]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        return [
            RoomRow(r.id, r.name, r.kind, r.active)
            for r in session.scalars(select(Room).order_by(Room.name))
        ]


def _clean_type(data: TypeInput) -> TypeInput:
    return TypeInput(
        name=validation.name(data.name),
        duration_minutes=validation.duration_minutes(data.duration_minutes),
        colour=validation.colour(data.colour),
        buffer_before_minutes=validation.buffer_minutes(
            data.buffer_before_minutes, "buffer_before"
        ),
        buffer_after_minutes=validation.buffer_minutes(data.buffer_after_minutes, "buffer_after"),
        room_kind=_kind(data.room_kind) if data.room_kind else None,
        provider_ids=frozenset(data.provider_ids),
    )


def create_type(context: ServiceContext, actor: Actor, data: TypeInput) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean = _clean_type(data)
    with unit_of_work(context, actor) as tx:
        row = AppointmentType(
            id=new_id(),
            name=clean.name,
            duration_minutes=clean.duration_minutes,
            colour=clean.colour,
            buffer_before_minutes=clean.buffer_before_minutes,
            buffer_after_minutes=clean.buffer_after_minutes,
            room_kind=clean.room_kind,
            active=True,
        )
        tx.session.add(row)
        tx.session.flush()
        _set_offered(tx.session, row.id, clean.provider_ids)
        return row.id, Changes(availability=True)


def edit_type(
    context: ServiceContext,
    actor: Actor,
    type_id: str,
    data: TypeInput,
    *,
    expected_version: int | None,
    active: bool = True,
) -> Changes:
    """Existing appointments keep the buffers they were booked with."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean = _clean_type(data)
    with unit_of_work(context, actor) as tx:
        row = get_or_404(tx.session, AppointmentType, type_id, "appointment type")
        check_version(row.version, expected_version, "appointment type")
        row.name = clean.name
        row.duration_minutes = clean.duration_minutes
        row.colour = clean.colour
        row.buffer_before_minutes = clean.buffer_before_minutes
        row.buffer_after_minutes = clean.buffer_after_minutes
        row.room_kind = clean.room_kind
        row.active = active
        _set_offered(tx.session, type_id, clean.provider_ids)
        return Changes(availability=True)


def _set_offered(session: Session, type_id: str, provider_ids: frozenset[str]) -> None:
    for provider_id in provider_ids:
        _provider(session, provider_id)
    session.execute(delete(StaffService).where(StaffService.appointment_type_id == type_id))
    for provider_id in sorted(provider_ids):
        session.add(StaffService(staff_id=provider_id, appointment_type_id=type_id))


def list_types(
    context: ServiceContext, actor: Actor, *, include_inactive: bool = False
) -> list[TypeRow]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        return load_types(session, include_inactive=include_inactive)


def load_types(session: Session, *, include_inactive: bool = False) -> list[TypeRow]:
    offered: dict[str, set[str]] = {}
    for link in session.scalars(select(StaffService)):
        offered.setdefault(link.appointment_type_id, set()).add(link.staff_id)
    query = select(AppointmentType).order_by(AppointmentType.name)
    if not include_inactive:
        query = query.where(AppointmentType.active.is_(True))
    return [
        TypeRow(
            t.id,
            t.name,
            t.duration_minutes,
            t.colour,
            t.buffer_before_minutes,
            t.buffer_after_minutes,
            t.room_kind,
            t.active,
            frozenset(offered.get(t.id, ())),
            t.version,
        )
        for t in session.scalars(query)
    ]


# --- small rules --------------------------------------------------------------------------


def _date_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("The end date is before the start date.", field="end_date")


def _label(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    text = " ".join(text.split())
    if len(text) > 100:
        raise ValidationError("Shorten the label to 100 characters or fewer.", field="label")
    return text


def _kind(text: str) -> str:
    kind = " ".join((text or "").split()).lower()
    if not kind or len(kind) > 60:
        raise ValidationError("Give the room kind a short name, e.g. ultrasound.", field="kind")
    return kind
