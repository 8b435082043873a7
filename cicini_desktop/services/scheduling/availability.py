"""Availability management: clinic hours and closures, provider rotas, time off and extra
hours, rooms and appointment types (and which providers offer them).

Hours are wall minutes of the day (0..1440, e.g. 9:30 = 570) in the clinic's zone.

    set_clinic_hours(context, actor, [(0, 480, 1080), ...])           # Mon 08:00-18:00
    set_rota(context, actor, provider_id, [(0, 540, 720), (0, 780, 1020)], effective_from=d)
    add_time_off(context, actor, provider_id, start_date, end_date)    # whole days
    type_id, changes = create_type(context, actor, TypeInput(...))
    for t in list_types(context, actor): ...                           # TypeRow

Every change here is permission-checked and audited (internal ids and codes only) in one
transaction. A change that would leave future appointments outside working hours, inside
time off or inside a closure is refused with `core.errors.AffectedAppointmentsError`
(listing them)
unless the caller passes ``allow_affected=True`` after showing the list (see
`services.scheduling.effects`); nothing is moved or cancelled by it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import setup_rules, validation
from cicini_desktop.core.scheduling.availability import (
    Availability,
    ClinicHours,
    Closure,
    RotaInterval,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import effects
from cicini_desktop.services.scheduling.common import check_version, get_or_404
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import (
    Appointment,
    AppointmentSeries,
    AppointmentType,
    ClinicClosureRow,
    ClinicHoursRow,
    ProviderExceptionRow,
    ProviderRotaRow,
    Room,
    Staff,
    StaffService,
    WaitlistEntry,
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
    valid_until: date | None = None
    parity: int | None = None  # None every week, 0 week A, 1 week B
    kind: str = "work"  # "work" | "break"
    room_id: str | None = None


@dataclass(frozen=True, slots=True)
class RotaPlan:
    """One weekly template of a provider, as the set-up page edits it.

    `intervals` and `breaks` apply every week, or to week A when `week_b` is given (then
    `week_b` and `breaks_b` are week B's; week A is the week of `effective_from`).
    """

    effective_from: date
    intervals: tuple[WorkingInterval, ...]
    breaks: tuple[WorkingInterval, ...] = ()
    valid_until: date | None = None
    week_b: tuple[WorkingInterval, ...] | None = None
    breaks_b: tuple[WorkingInterval, ...] = ()
    room_id: str | None = None

    def rows(self, provider_id: str) -> list[RotaInterval]:
        alternating = self.week_b is not None
        out: list[RotaInterval] = []
        weeks = [(0 if alternating else None, self.intervals, self.breaks)]
        if alternating:
            weeks.append((1, self.week_b or (), self.breaks_b))
        for parity, work, pauses in weeks:
            for kind, rows in (("work", work), ("break", pauses)):
                for weekday, start, end in rows:
                    out.append(
                        RotaInterval(
                            provider_id,
                            weekday,
                            start,
                            end,
                            self.effective_from,
                            self.valid_until,
                            parity,
                            kind,
                            self.room_id,
                        )
                    )
        return out


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    id: str
    provider_id: str
    kind: str  # "time_off" | "extra"
    start_date: date
    end_date: date
    start_minute: int | None
    end_minute: int | None
    reason: str | None = None  # time off: vacation | sick | training | other


@dataclass(frozen=True, slots=True)
class ClosureRow:
    id: str
    start_date: date
    end_date: date
    label: str | None
    start_minute: int | None = None  # both None: whole days
    end_minute: int | None = None


# --- clinic -------------------------------------------------------------------------------


def _audit(
    tx: Transaction,
    kind: str,
    *,
    target_type: str = "availability",
    target_id: str | None = None,
    affected: int = 0,
    **details: str | int | bool,
) -> None:
    """One audit record per set-up change: codes, ids and counts only."""
    data: dict[str, str | int | bool] = {"kind": kind, **details}
    if affected:
        data["count"] = affected
    tx.audit(
        AuditAction.SETTINGS_CHANGED, target_type=target_type, target_id=target_id, details=data
    )


def _guard(
    tx: Transaction,
    change: Callable[[Availability], Availability],
    provider_ids: Iterable[str] | None,
    allow_affected: bool,
) -> int:
    """Refuse a change that strands future appointments unless the caller confirmed."""
    found = effects.affected(tx.session, tx.context, change, provider_ids)
    if found and not allow_affected:
        raise effects.refusal(found)
    return len(found)


def set_clinic_hours(
    context: ServiceContext,
    actor: Actor,
    hours: Iterable[WorkingInterval],
    *,
    allow_affected: bool = False,
) -> Changes:
    """Replace the clinic's weekly opening hours (several intervals a day allowed)."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean = setup_rules.intervals(
        hours, QT_TRANSLATE_NOOP("errors.setup", "Opening hours"), "clinic_hours"
    )
    with unit_of_work(context, actor) as tx:
        new_hours = tuple(ClinicHours(*row) for row in clean)
        affected = _guard(tx, lambda a: replace(a, clinic_hours=new_hours), None, allow_affected)
        tx.session.execute(delete(ClinicHoursRow))
        for weekday, start, end in clean:
            tx.session.add(ClinicHoursRow(weekday=weekday, start_minute=start, end_minute=end))
        _audit(tx, "hours", affected=affected)
        return Changes(availability=True)


def clinic_hours(context: ServiceContext, actor: Actor) -> list[WorkingInterval]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        rows = session.scalars(
            select(ClinicHoursRow).order_by(ClinicHoursRow.weekday, ClinicHoursRow.start_minute)
        )
        return [(r.weekday, r.start_minute, r.end_minute) for r in rows]


def add_closure(
    context: ServiceContext,
    actor: Actor,
    start_date: date,
    end_date: date | None = None,
    label: str | None = None,
    *,
    start_minute: int | None = None,
    end_minute: int | None = None,
    allow_affected: bool = False,
) -> tuple[str, Changes]:
    """Close the clinic for whole days, or from (start_date, start_minute) to
    (end_date, end_minute) for part of a day (a minute left None means 00:00 / 24:00)."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    end_date = end_date or start_date
    setup_rules.part_day(
        start_date, end_date, start_minute, end_minute, QT_TRANSLATE_NOOP("errors.setup", "Closure")
    )
    whole = start_minute is None and end_minute is None
    closure = Closure(
        start_date,
        end_date,
        None if whole else (start_minute or 0),
        None if whole else (1440 if end_minute is None else end_minute),
    )
    with unit_of_work(context, actor) as tx:
        affected = _guard(
            tx, lambda a: replace(a, closures=(*a.closures, closure)), None, allow_affected
        )
        row = ClinicClosureRow(
            id=new_id(),
            start_date=start_date,
            end_date=end_date,
            label=_label(label),
            start_minute=closure.start_minute,
            end_minute=closure.end_minute,
        )
        tx.session.add(row)
        _audit(tx, "closure", affected=affected, since=start_date.isoformat())
        return row.id, Changes(availability=True)


def remove_closure(context: ServiceContext, actor: Actor, closure_id: str) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        tx.session.delete(get_or_404(tx.session, ClinicClosureRow, closure_id, "closure"))
        _audit(tx, "closure_removed")
        return Changes(availability=True)


def closures(context: ServiceContext, actor: Actor) -> list[ClosureRow]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        rows = session.scalars(select(ClinicClosureRow).order_by(ClinicClosureRow.start_date))
        return [
            ClosureRow(r.id, r.start_date, r.end_date, r.label, r.start_minute, r.end_minute)
            for r in rows
        ]


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
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "That staff member is not a provider."),
            field="provider",
        )
    return staff


def check_rota_plan(plan: RotaPlan) -> RotaPlan:
    """Every rule of a weekly template, each refusal a sentence naming the field."""
    setup_rules.validity(plan.effective_from, plan.valid_until)
    work = setup_rules.intervals(
        plan.intervals, QT_TRANSLATE_NOOP("errors.setup", "Working hours"), "rota"
    )
    pauses = setup_rules.breaks(
        work, plan.breaks, QT_TRANSLATE_NOOP("errors.setup", "Breaks"), "breaks"
    )
    week_b = None
    pauses_b: list[WorkingInterval] = []
    if plan.week_b is not None:
        week_b = setup_rules.intervals(
            plan.week_b, QT_TRANSLATE_NOOP("errors.setup", "Working hours, week B"), "rota_b"
        )
        pauses_b = setup_rules.breaks(
            week_b, plan.breaks_b, QT_TRANSLATE_NOOP("errors.setup", "Breaks, week B"), "breaks_b"
        )
    elif plan.breaks_b:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "Breaks, week B: there is no week B; turn on alternating weeks first.",
            ),
            field="breaks_b",
        )
    return replace(
        plan,
        intervals=tuple(work),
        breaks=tuple(pauses),
        week_b=None if week_b is None else tuple(week_b),
        breaks_b=tuple(pauses_b),
    )


def set_rota(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    intervals: Iterable[WorkingInterval],
    *,
    effective_from: date,
    valid_until: date | None = None,
    breaks: Iterable[WorkingInterval] = (),
    week_b: Iterable[WorkingInterval] | None = None,
    breaks_b: Iterable[WorkingInterval] = (),
    room_id: str | None = None,
    allow_affected: bool = False,
) -> Changes:
    """The provider's weekly rota from `effective_from` on (replaces a rota of that date),
    until `valid_until` (then the rota in force before it applies again)."""
    plan = RotaPlan(
        effective_from,
        tuple(intervals),
        tuple(breaks),
        valid_until,
        None if week_b is None else tuple(week_b),
        tuple(breaks_b),
        room_id,
    )
    return save_rota_plan(context, actor, provider_id, plan, allow_affected=allow_affected)


def save_rota_plan(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    plan: RotaPlan,
    *,
    allow_affected: bool = False,
) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    plan = check_rota_plan(plan)
    rows = plan.rows(provider_id)
    with unit_of_work(context, actor) as tx:
        _provider(tx.session, provider_id)
        if plan.room_id is not None:
            get_or_404(tx.session, Room, plan.room_id, "room")

        def change(a: Availability) -> Availability:
            kept = tuple(
                r
                for r in a.rota
                if not (r.provider_id == provider_id and r.effective_from == plan.effective_from)
            )
            return replace(a, rota=kept + tuple(rows))

        affected = _guard(tx, change, [provider_id], allow_affected)
        tx.session.execute(
            delete(ProviderRotaRow).where(
                ProviderRotaRow.provider_id == provider_id,
                ProviderRotaRow.effective_from == plan.effective_from,
            )
        )
        for r in rows:
            tx.session.add(
                ProviderRotaRow(
                    provider_id=provider_id,
                    weekday=r.weekday,
                    start_minute=r.start_minute,
                    end_minute=r.end_minute,
                    effective_from=r.effective_from,
                    valid_until=r.valid_until,
                    parity=r.parity,
                    kind=r.kind,
                    room_id=r.room_id,
                )
            )
        _audit(
            tx,
            "rota",
            target_type="provider",
            target_id=provider_id,
            affected=affected,
            since=plan.effective_from.isoformat(),
        )
        return Changes(availability=True)


def remove_rota(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    effective_from: date,
    *,
    allow_affected: bool = False,
) -> Changes:
    """Drop the rota starting on `effective_from` (a planned change that is called off)."""
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    with unit_of_work(context, actor) as tx:
        _provider(tx.session, provider_id)

        def change(a: Availability) -> Availability:
            return replace(
                a,
                rota=tuple(
                    r
                    for r in a.rota
                    if not (r.provider_id == provider_id and r.effective_from == effective_from)
                ),
            )

        affected = _guard(tx, change, [provider_id], allow_affected)
        tx.session.execute(
            delete(ProviderRotaRow).where(
                ProviderRotaRow.provider_id == provider_id,
                ProviderRotaRow.effective_from == effective_from,
            )
        )
        _audit(
            tx,
            "rota_removed",
            target_type="provider",
            target_id=provider_id,
            affected=affected,
            since=effective_from.isoformat(),
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
        return [
            RotaRow(
                r.weekday,
                r.start_minute,
                r.end_minute,
                r.effective_from,
                r.valid_until,
                r.parity,
                r.kind,
                r.room_id,
            )
            for r in rows
        ]


def rota_plans(context: ServiceContext, actor: Actor, provider_id: str) -> list[RotaPlan]:
    """The provider's weekly templates, by `effective_from`."""
    plans: dict[date, list[RotaRow]] = {}
    for row in rota(context, actor, provider_id):
        plans.setdefault(row.effective_from, []).append(row)
    result = []
    for start, rows in sorted(plans.items()):
        alternating = any(r.parity is not None for r in rows)

        def pick(kind: str, parity: int | None, rows: list[RotaRow] = rows) -> tuple:
            return tuple(
                (r.weekday, r.start_minute, r.end_minute)
                for r in rows
                if r.kind == kind and r.parity == parity
            )

        a = 0 if alternating else None
        result.append(
            RotaPlan(
                start,
                pick("work", a),
                pick("break", a),
                rows[0].valid_until,
                pick("work", 1) if alternating else None,
                pick("break", 1) if alternating else (),
                rows[0].room_id,
            )
        )
    return result


def add_time_off(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    start_date: date,
    end_date: date | None = None,
    *,
    start_minute: int | None = None,
    end_minute: int | None = None,
    reason: str = "other",
    allow_affected: bool = False,
) -> tuple[str, Changes]:
    """Time off from (start_date, start_minute or 00:00) to (end_date, end_minute or 24:00)."""
    off = effects.checked_time_off(provider_id, start_date, end_date, start_minute, end_minute)
    setup_rules.time_off_reason(reason)
    return _add_exception(
        context,
        actor,
        provider_id,
        "time_off",
        off.start_date,
        off.end_date,
        start_minute,
        end_minute,
        reason=reason,
        change=lambda a: replace(a, time_off=(*a.time_off, off)),
        allow_affected=allow_affected,
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
    *,
    reason: str | None = None,
    change: Callable[[Availability], Availability] | None = None,
    allow_affected: bool = False,
) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    with unit_of_work(context, actor) as tx:
        _provider(tx.session, provider_id)
        affected = 0 if change is None else _guard(tx, change, [provider_id], allow_affected)
        row = ProviderExceptionRow(
            id=new_id(),
            provider_id=provider_id,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            start_minute=start_minute,
            end_minute=end_minute,
            reason=reason,
        )
        tx.session.add(row)
        _audit(
            tx,
            kind,
            target_type="provider",
            target_id=provider_id,
            affected=affected,
            since=start_date.isoformat(),
            **({"reason": reason} if reason else {}),
        )
        return row.id, Changes(availability=True)


def remove_exception(context: ServiceContext, actor: Actor, exception_id: str) -> Changes:
    with context.database.session() as session:
        row = get_or_404(session, ProviderExceptionRow, exception_id, "time off or extra hours")
        provider_id, kind = row.provider_id, row.kind
    require(context, actor, Permission.AVAILABILITY_MANAGE, provider_id=provider_id)
    with unit_of_work(context, actor) as tx:
        tx.session.execute(
            delete(ProviderExceptionRow).where(ProviderExceptionRow.id == exception_id)
        )
        _audit(tx, f"{kind}_removed", target_type="provider", target_id=provider_id)
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
                r.id,
                r.provider_id,
                r.kind,
                r.start_date,
                r.end_date,
                r.start_minute,
                r.end_minute,
                r.reason,
            )
            for r in rows
        ]


# --- rooms and types ----------------------------------------------------------------------


def _room_names(session: Session, except_id: str | None = None) -> list[str]:
    query = select(Room.name)
    if except_id is not None:
        query = query.where(Room.id != except_id)
    return list(session.scalars(query))


def create_room(
    context: ServiceContext, actor: Actor, name: str, kind: str, *, active: bool = True
) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean_name, clean_kind = _named(name, ROOM_NAME), _kind(kind)
    with unit_of_work(context, actor) as tx:
        setup_rules.unique_name(clean_name, _room_names(tx.session), ROOM_NAME)
        room = Room(id=new_id(), name=clean_name, kind=clean_kind, active=active)
        tx.session.add(room)
        tx.session.flush()
        _audit(tx, "room_created", target_type="room", target_id=room.id)
        return room.id, Changes(availability=True)


def edit_room(
    context: ServiceContext, actor: Actor, room_id: str, name: str, kind: str, active: bool
) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean_name, clean_kind = _named(name, ROOM_NAME), _kind(kind)
    with unit_of_work(context, actor) as tx:
        room = get_or_404(tx.session, Room, room_id, "room")
        setup_rules.unique_name(clean_name, _room_names(tx.session, room_id), ROOM_NAME)
        room.name, room.kind, room.active = clean_name, clean_kind, active
        _audit(tx, "room_changed", target_type="room", target_id=room_id, active=active)
        return Changes(availability=True)


def set_room_active(context: ServiceContext, actor: Actor, room_id: str, active: bool) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        get_or_404(tx.session, Room, room_id, "room").active = active
        _audit(tx, "room_changed", target_type="room", target_id=room_id, active=active)
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
        name=_named(data.name, TYPE_NAME),
        duration_minutes=setup_rules.duration(
            data.duration_minutes, QT_TRANSLATE_NOOP("errors.setup", "Default duration")
        ),
        colour=setup_rules.colour(
            data.colour, QT_TRANSLATE_NOOP("errors.setup", "Calendar colour")
        ),
        buffer_before_minutes=setup_rules.buffer(
            data.buffer_before_minutes,
            QT_TRANSLATE_NOOP("errors.setup", "Buffer before"),
            "buffer_before",
        ),
        buffer_after_minutes=setup_rules.buffer(
            data.buffer_after_minutes,
            QT_TRANSLATE_NOOP("errors.setup", "Buffer after"),
            "buffer_after",
        ),
        room_kind=_kind(data.room_kind) if data.room_kind else None,
        provider_ids=frozenset(data.provider_ids),
    )


def _type_names(session: Session, except_id: str | None = None) -> list[str]:
    query = select(AppointmentType.name)
    if except_id is not None:
        query = query.where(AppointmentType.id != except_id)
    return list(session.scalars(query))


def create_type(context: ServiceContext, actor: Actor, data: TypeInput) -> tuple[str, Changes]:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    clean = _clean_type(data)
    with unit_of_work(context, actor) as tx:
        setup_rules.unique_name(clean.name, _type_names(tx.session), TYPE_NAME)
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
        _audit(tx, "type_created", target_type="appointment_type", target_id=row.id)
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
        setup_rules.unique_name(clean.name, _type_names(tx.session, type_id), TYPE_NAME)
        row.name = clean.name
        row.duration_minutes = clean.duration_minutes
        row.colour = clean.colour
        row.buffer_before_minutes = clean.buffer_before_minutes
        row.buffer_after_minutes = clean.buffer_after_minutes
        row.room_kind = clean.room_kind
        row.active = active
        _set_offered(tx.session, type_id, clean.provider_ids)
        _audit(tx, "type_changed", target_type="appointment_type", target_id=type_id, active=active)
        return Changes(availability=True)


def _type_in_use(session: Session, type_id: str) -> bool:
    return any(
        session.scalar(select(exists().where(column == type_id)))
        for column in (
            Appointment.type_id,
            AppointmentSeries.type_id,
            WaitlistEntry.type_id,
        )
    )


def set_type_archived(
    context: ServiceContext, actor: Actor, type_id: str, archived: bool
) -> Changes:
    """An archived type is no longer offered for booking; its appointments keep it."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        row = get_or_404(tx.session, AppointmentType, type_id, "appointment type")
        if not archived:
            setup_rules.unique_name(row.name, _type_names(tx.session, type_id), TYPE_NAME)
        row.active = not archived
        _audit(
            tx,
            "type_archived" if archived else "type_restored",
            target_type="appointment_type",
            target_id=type_id,
        )
        return Changes(availability=True)


def delete_type(context: ServiceContext, actor: Actor, type_id: str) -> tuple[str, Changes]:
    """Delete a type no appointment, series or waitlist entry uses; archive it otherwise.
    Returns ("deleted" | "archived", changes)."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    with unit_of_work(context, actor) as tx:
        row = get_or_404(tx.session, AppointmentType, type_id, "appointment type")
        if _type_in_use(tx.session, type_id):
            row.active = False
            outcome = "archived"
        else:
            tx.session.execute(
                delete(StaffService).where(StaffService.appointment_type_id == type_id)
            )
            tx.session.delete(row)
            outcome = "deleted"
        _audit(tx, f"type_{outcome}", target_type="appointment_type", target_id=type_id)
        return outcome, Changes(availability=True)


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
    query = select(AppointmentType).order_by(func.lower(AppointmentType.name))
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

ROOM_NAME = QT_TRANSLATE_NOOP("errors.setup", "Room name")
TYPE_NAME = QT_TRANSLATE_NOOP("errors.setup", "Type name")


def _named(text: str, label: str) -> str:
    """A name, its sentence naming the field ("Type name: ...")."""
    try:
        return validation.name(text)
    except ValidationError as error:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "{label}: {sentence}").format(
                label=label, sentence=error.user_message
            ),
            field="name",
        ) from None


def _label(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    text = " ".join(text.split())
    if len(text) > 100:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "Shorten the label to 100 characters or fewer."),
            field="label",
        )
    return text


def _kind(text: str) -> str:
    kind = " ".join((text or "").split()).lower()
    if not kind or len(kind) > 60:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "Room kind: give it a short name, e.g. ultrasound (at most 60 characters).",
            ),
            field="kind",
        )
    return kind
