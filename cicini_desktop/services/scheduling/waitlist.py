"""The waitlist: patients waiting for a type of appointment, offered freed time.

    entry_id, changes = add_waitlist_entry(context, actor, WaitlistInput(...))
    rows = list_waitlist(context, actor)                       # active entries, best first
    edit_waitlist_entry(context, actor, entry_id, data, expected_version=row.version)
    remove_waitlist_entry(context, actor, entry_id)
    offers = waitlist_offers(context, actor, provider_id, start, end)

Cancelling or moving an appointment returns the offers for the freed time itself
(`Freed.offers` in appointments.py), so the front desk can offer it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.ids import WaitlistEntryId, new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import intervals, validation
from cicini_desktop.core.scheduling.conflicts import Booking
from cicini_desktop.core.scheduling.waitlist import WaitlistWish, matches
from cicini_desktop.core.scheduling.wall_time import local_date
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    check_version,
    clinic_zone,
    get_or_404,
    instant,
    load_availability,
    nearby_bookings,
    now,
)
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import (
    AppointmentType,
    Patient,
    Staff,
    StaffService,
    WaitlistEntry,
)


@dataclass(frozen=True, slots=True)
class WaitlistInput:
    patient_id: str
    type_id: str
    provider_id: str | None = None  # None = any provider offering the type
    weekdays: frozenset[int] = frozenset()  # 0 = Monday; empty = any day
    earliest_minute: int = 0  # preferred start window, wall minutes
    latest_minute: int = 1440
    priority: int = 0  # higher is offered first
    note: str | None = None
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class WaitlistRow:
    id: str
    patient_id: str
    patient_name: str
    type_id: str
    type_name: str
    provider_id: str | None
    weekdays: frozenset[int]
    earliest_minute: int
    latest_minute: int
    priority: int
    note: str | None
    expires_on: date | None
    created_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class WaitlistOffer:
    """A waitlist entry that fits freed time: offer `start` with `provider_id`."""

    entry_id: str
    patient_id: str
    patient_name: str | None  # None when the actor may not see patients
    type_id: str
    provider_id: str
    start: datetime
    priority: int


def _mask(days: frozenset[int]) -> int:
    return sum(1 << d for d in days)


def _days(mask: int) -> frozenset[int]:
    return frozenset(d for d in range(7) if mask & (1 << d))


def _clean(session: Session, data: WaitlistInput, today: date) -> WaitlistInput:
    if session.get(Patient, data.patient_id) is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Choose a patient for the waitlist entry."),
            field="patient",
        )
    kind = session.get(AppointmentType, data.type_id)
    if kind is None or not kind.active:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Choose an appointment type that is in use."),
            field="type",
        )
    if data.provider_id is not None:
        staff = session.get(Staff, data.provider_id)
        if staff is None or not staff.is_provider:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors.scheduling", "Choose a provider, or any provider."),
                field="provider",
            )
    if any(not 0 <= d <= 6 for d in data.weekdays):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Weekdays must be Monday to Sunday."),
            field="weekdays",
        )
    validation.wall_interval(data.earliest_minute, data.latest_minute, "times")
    if not -100 <= data.priority <= 100:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Priority must be between -100 and 100."),
            field="priority",
        )
    if data.expires_on is not None and data.expires_on < today:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "The expiry date {day} has already passed; choose today or a later date, "
                "or leave it empty.",
            ).format(day=f"{data.expires_on:%d.%m.%Y}"),
            field="expires_on",
        )
    return WaitlistInput(
        data.patient_id,
        data.type_id,
        data.provider_id,
        frozenset(data.weekdays),
        data.earliest_minute,
        data.latest_minute,
        data.priority,
        validation.note(data.note),
        data.expires_on,
    )


def _today(session: Session, context: ServiceContext) -> date:
    return context.clock.now().astimezone(clinic_zone(session, context)).date()


def add_waitlist_entry(
    context: ServiceContext, actor: Actor, data: WaitlistInput
) -> tuple[str, Changes]:
    require(context, actor, Permission.WAITLIST_MANAGE, provider_id=data.provider_id)
    with unit_of_work(context, actor) as tx:
        clean = _clean(tx.session, data, _today(tx.session, context))
        row = WaitlistEntry(
            id=new_id(),
            patient_id=clean.patient_id,
            type_id=clean.type_id,
            provider_id=clean.provider_id,
            weekdays=_mask(clean.weekdays),
            earliest_minute=clean.earliest_minute,
            latest_minute=clean.latest_minute,
            priority=clean.priority,
            note=clean.note,
            expires_on=clean.expires_on,
            active=True,
            created_at=now(context),
            created_by=actor.staff_id,
        )
        tx.session.add(row)
        tx.count(Counter.WAITLIST_ADDED)
        return row.id, Changes(waitlist=True)


def edit_waitlist_entry(
    context: ServiceContext,
    actor: Actor,
    entry_id: str,
    data: WaitlistInput,
    *,
    expected_version: int | None,
) -> Changes:
    require(context, actor, Permission.WAITLIST_MANAGE, provider_id=data.provider_id)
    with unit_of_work(context, actor) as tx:
        row = get_or_404(tx.session, WaitlistEntry, entry_id, "waitlist entry")
        check_version(row.version, expected_version, "waitlist entry")
        clean = _clean(tx.session, data, _today(tx.session, context))
        row.patient_id = clean.patient_id
        row.type_id = clean.type_id
        row.provider_id = clean.provider_id
        row.weekdays = _mask(clean.weekdays)
        row.earliest_minute = clean.earliest_minute
        row.latest_minute = clean.latest_minute
        row.priority = clean.priority
        row.note = clean.note
        row.expires_on = clean.expires_on
        return Changes(waitlist=True)


def close_booked_entry(tx: Transaction, entry_id: WaitlistEntryId, patient_id: str) -> None:
    """Inside a booking's unit of work: the patient was booked from this entry, so it
    leaves the list (kept inactive) and the audit trail says so (ids only)."""
    row = get_or_404(tx.session, WaitlistEntry, entry_id, "waitlist entry")
    if row.patient_id != patient_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "This waitlist entry is for another patient; book that patient or close the "
                "entry by hand.",
            ),
            field="waitlist",
        )
    if not row.active:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling", "This waitlist entry was already closed; reload the waitlist."
            ),
            field="waitlist",
        )
    row.active = False
    tx.audit(AuditAction.WAITLIST_BOOKED, target_type="waitlist_entry", target_id=row.id)


def remove_waitlist_entry(context: ServiceContext, actor: Actor, entry_id: str) -> Changes:
    """Take an entry off the list (kept inactive, e.g. once the patient is booked)."""
    require(context, actor, Permission.WAITLIST_MANAGE)
    with unit_of_work(context, actor) as tx:
        get_or_404(tx.session, WaitlistEntry, entry_id, "waitlist entry").active = False
        return Changes(waitlist=True)


def list_waitlist(context: ServiceContext, actor: Actor) -> list[WaitlistRow]:
    """Active, unexpired entries, best first (priority, then longest waiting)."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        today = context.clock.now().astimezone(tz).date()
        rows = session.execute(
            select(WaitlistEntry, Patient.given_name, Patient.family_name, AppointmentType.name)
            .join(Patient, Patient.id == WaitlistEntry.patient_id)
            .join(AppointmentType, AppointmentType.id == WaitlistEntry.type_id)
            .where(WaitlistEntry.active.is_(True))
            .order_by(WaitlistEntry.priority.desc(), WaitlistEntry.created_at, WaitlistEntry.id)
        ).all()
        show_names = actor.may(Permission.PATIENT_VIEW)
        return [
            WaitlistRow(
                id=e.id,
                patient_id=e.patient_id,
                patient_name=f"{family}, {given}" if show_names else "",
                type_id=e.type_id,
                type_name=type_name,
                provider_id=e.provider_id,
                weekdays=_days(e.weekdays),
                earliest_minute=e.earliest_minute,
                latest_minute=e.latest_minute,
                priority=e.priority,
                note=e.note,
                expires_on=e.expires_on,
                created_at=datetime.fromtimestamp(e.created_at, tz),
                version=e.version,
            )
            for e, given, family, type_name in rows
            if (e.expires_on is None or e.expires_on >= today) and actor.may_act_for(e.provider_id)
        ]


def waitlist_offers(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    start: datetime,
    end: datetime,
) -> tuple[WaitlistOffer, ...]:
    """Entries that fit [start, end) with `provider_id`, best first."""
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=provider_id)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        return offers_for_freed(
            session, context, actor, tz, provider_id, instant(start, tz), instant(end, tz)
        )


def offers_for_freed(
    session: Session,
    context: ServiceContext,
    actor: Actor,
    tz: ZoneInfo,
    provider_id: str,
    start: int,
    end: int,
    *,
    new: Booking | None = None,
) -> tuple[WaitlistOffer, ...]:
    """Offers for the time an appointment gave up (minus where it moved to, if it moved).

    The freed time is the whole free stretch around the old appointment within the
    provider's hours (its neighbours' buffers respected), so a 30-minute cancellation next
    to an empty hour can go to a patient waiting for a 45-minute visit.
    """
    holes = [(new.block_start, new.block_end)] if new and new.provider_id == provider_id else []
    free_start, free_end = _free_stretch(session, tz, provider_id, start, end, holes)
    if free_end - free_start <= 0:
        return ()
    offered = frozenset(
        session.scalars(
            select(StaffService.appointment_type_id).where(StaffService.staff_id == provider_id)
        )
    )
    rows = session.execute(
        select(WaitlistEntry, AppointmentType)
        .join(AppointmentType, AppointmentType.id == WaitlistEntry.type_id)
        .where(WaitlistEntry.active.is_(True))
    ).all()
    if not offered:
        # A provider with no listed types offers every type (nothing configured yet).
        offered = frozenset(t.id for _, t in rows)
    wishes = [
        WaitlistWish(
            entry_id=e.id,
            patient_id=e.patient_id,
            type_id=e.type_id,
            provider_id=e.provider_id,
            weekdays=_days(e.weekdays),
            earliest_minute=e.earliest_minute,
            latest_minute=e.latest_minute,
            priority=e.priority,
            created_at=e.created_at,
            expires_on=e.expires_on,
            needed_seconds=(t.duration_minutes + t.buffer_before_minutes + t.buffer_after_minutes)
            * 60,
        )
        for e, t in rows
    ]
    today = context.clock.now().astimezone(tz).date()
    best = matches(
        provider_id, free_start, free_end, wishes, offered_types=offered, zone=tz, today=today
    )
    show_names = actor.may(Permission.PATIENT_VIEW)
    names: dict[str, str] = {}
    if show_names and best:
        for p in session.scalars(
            select(Patient).where(Patient.id.in_([w.patient_id for w in best]))
        ):
            names[p.id] = f"{p.family_name}, {p.given_name}"
    return tuple(
        WaitlistOffer(
            entry_id=w.entry_id,
            patient_id=w.patient_id,
            patient_name=names.get(w.patient_id) if show_names else None,
            type_id=w.type_id,
            provider_id=provider_id,
            start=datetime.fromtimestamp(free_start, tz),
            priority=w.priority,
        )
        for w in best
    )


def _free_stretch(
    session: Session,
    tz: ZoneInfo,
    provider_id: str,
    start: int,
    end: int,
    holes: list[tuple[int, int]],
) -> tuple[int, int]:
    """The free piece of the provider's day that contains the freed [start, end)."""
    probe = Booking("freed", provider_id, None, None, start, end)
    busy = [
        (b.block_start, b.block_end)
        for b in nearby_bookings(session, probe)
        if b.provider_id == provider_id and not (b.start == start and b.end == end)
    ]
    availability = load_availability(
        session, tz, [provider_id], local_date(start, tz), local_date(end, tz)
    )
    working = availability.spans_for(provider_id, start, end)
    pieces = intervals.subtract(working, busy + holes)
    containing = [
        (max(s, start), e)
        for s, e in pieces
        if s <= start < e or intervals.overlaps(s, e, start, end)
    ]
    if not containing:
        pieces = intervals.subtract([(start, end)], busy + holes)
        containing = list(pieces)
    if not containing:
        return start, start
    return max(containing, key=lambda p: p[1] - p[0])
