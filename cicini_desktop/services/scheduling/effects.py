"""Effects before saving: which future appointments a set-up change would strand.

A change to opening hours, a closure, a rota or time off is applied to the availability in
memory and every future booked or confirmed appointment is checked against the hours before
and after: those fine now and outside hours, inside time off or inside a closure afterwards
are listed. The set-up services refuse such a change (`core.errors.AffectedAppointmentsError`,
whose ``appointments`` are `AffectedAppointment` rows) unless
the caller confirms; nothing is ever moved or cancelled by it. `worklist` lists every future
appointment that is outside the hours now, to rebook from after saving anyway.

    rows = preview_clinic_hours(context, actor, [(0, 480, 720)])
    rows = worklist(context, actor)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.errors import AffectedAppointmentsError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import setup_rules
from cicini_desktop.core.scheduling.availability import (
    Availability,
    ClinicHours,
    Closure,
    TimeOff,
)
from cicini_desktop.core.scheduling.conflicts import (
    Booking,
    ConflictKind,
    hours_conflicts,
)
from cicini_desktop.core.scheduling.status import AppointmentStatus
from cicini_desktop.core.scheduling.wall_time import local_date
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    BOOKING_COLUMNS,
    aware,
    clinic_zone,
    load_availability,
    now,
)
from cicini_desktop.services.unit_of_work import require
from cicini_desktop.store.models import Appointment, Patient, Staff

WorkingInterval = tuple[int, int, int]
_ACTIVE = (AppointmentStatus.BOOKED.value, AppointmentStatus.CONFIRMED.value)
# A set-up change looks this far ahead; appointments further out are rare and are found by
# the worklist once the date comes nearer.
HORIZON_DAYS = 2 * 366
_REASONS = {
    ConflictKind.CLINIC_CLOSED: QT_TRANSLATE_NOOP("errors.setup", "the clinic is closed"),
    ConflictKind.TIME_OFF: QT_TRANSLATE_NOOP("errors.setup", "the provider has time off"),
    ConflictKind.OUTSIDE_HOURS: QT_TRANSLATE_NOOP("errors.setup", "outside working hours"),
}


@dataclass(frozen=True, slots=True)
class AffectedAppointment:
    """One appointment to rebook (shown to the manager only; never logged or audited)."""

    appointment_id: str
    provider_id: str
    provider_name: str
    patient_id: str
    patient_name: str
    start: datetime
    end: datetime
    reason: str  # "outside working hours" | "the provider has time off" | ...


def refusal(appointments: list[AffectedAppointment]) -> AffectedAppointmentsError:
    count = len(appointments)
    if count == 1:
        said = QT_TRANSLATE_NOOP(
            "errors.setup",
            "This change would leave 1 future appointment outside the working hours, in "
            "time off or in a closure; review the list and confirm to save anyway (nothing "
            "is moved or cancelled; rebook them from the worklist).",
        )
    else:
        said = QT_TRANSLATE_NOOP(
            "errors.setup",
            "This change would leave {count} future appointments outside the working hours, in "
            "time off or in a closure; review the list and confirm to save anyway (nothing "
            "is moved or cancelled; rebook them from the worklist).",
        ).format(count=count)
    return AffectedAppointmentsError(said, tuple(appointments))


def _future(
    session: Session, context: ServiceContext, provider_ids: Iterable[str] | None
) -> list[tuple[Booking, str, str, str]]:
    start = now(context)
    query = (
        select(
            *BOOKING_COLUMNS,
            Staff.display_name,
            Patient.given_name,
            Patient.family_name,
        )
        .join(Staff, Staff.id == Appointment.provider_id)
        .join(Patient, Patient.id == Appointment.patient_id)
        .where(
            Appointment.start_at >= start,
            Appointment.start_at < start + HORIZON_DAYS * 86400,
            Appointment.status.in_(_ACTIVE),
        )
        .order_by(Appointment.start_at)
    )
    if provider_ids is not None:
        query = query.where(Appointment.provider_id.in_(list(set(provider_ids))))
    return [
        (
            Booking(
                r.id,
                r.provider_id,
                r.patient_id,
                r.room_id,
                r.start_at,
                r.end_at,
                r.start_at - r.block_start,
                r.block_end - r.end_at,
                AppointmentStatus(r.status),
            ),
            r.display_name,
            r.patient_id,
            f"{r.family_name}, {r.given_name}",
        )
        for r in session.execute(query)
    ]


def _row(
    booking: Booking, provider: str, patient_id: str, patient: str, reason: str, tz: object
) -> AffectedAppointment:
    return AffectedAppointment(
        booking.id,
        booking.provider_id,
        provider,
        patient_id,
        patient,
        aware(booking.start, tz),  # type: ignore[arg-type]
        aware(booking.end, tz),  # type: ignore[arg-type]
        reason,
    )


def _reason(conflicts: list[object]) -> str:
    kinds = [getattr(c, "kind", None) for c in conflicts]
    for kind in (ConflictKind.CLINIC_CLOSED, ConflictKind.TIME_OFF, ConflictKind.OUTSIDE_HOURS):
        if kind in kinds:
            return _REASONS[kind]
    return _REASONS[ConflictKind.OUTSIDE_HOURS]


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """[start, end) inside one of the merged, sorted `spans` (a bisect, not a scan)."""
    index = bisect_right(starts, start) - 1
    return index >= 0 and spans[index][1] >= end


class _Bookable:
    """Each provider's bookable spans over the whole range, computed once (checking 50,000
    future appointments one by one against the hours took seconds)."""

    def __init__(self, availability: Availability, first: date, last: date) -> None:
        self._availability = availability
        self._first, self._last = first - timedelta(days=1), last + timedelta(days=1)
        self._spans: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}

    def fits(self, booking: Booking) -> bool:
        found = self._spans.get(booking.provider_id)
        if found is None:
            spans = self._availability.provider_spans(booking.provider_id, self._first, self._last)
            found = (spans, [s for s, _ in spans])
            self._spans[booking.provider_id] = found
        return _inside(found[0], found[1], booking.start, booking.end)


def affected(
    session: Session,
    context: ServiceContext,
    change: Callable[[Availability], Availability] | None,
    provider_ids: Iterable[str] | None = None,
) -> list[AffectedAppointment]:
    """Future appointments within hours now and outside them after `change` (or, with
    `change` None, every future appointment outside the hours now)."""
    tz = clinic_zone(session, context)
    future = _future(session, context, provider_ids)
    if not future:
        return []
    first = local_date(future[0][0].start, tz)
    last = local_date(max(b.end for b, *_ in future), tz)
    before = load_availability(session, tz, provider_ids, first, last)
    after = change(before) if change is not None else None
    now_ok, later_ok = _Bookable(before, first, last), None
    if after is not None:
        later_ok = _Bookable(after, first, last)
    found = []
    for booking, provider, patient_id, patient in future:
        fits_now = now_ok.fits(booking)
        if later_ok is None:
            if not fits_now:
                reason = _reason(hours_conflicts(booking, before))
                found.append(_row(booking, provider, patient_id, patient, reason, tz))
            continue
        if fits_now and not later_ok.fits(booking):
            reason = _reason(hours_conflicts(booking, after))  # type: ignore[arg-type]
            found.append(_row(booking, provider, patient_id, patient, reason, tz))
    return found


def _preview(
    context: ServiceContext,
    actor: Actor,
    change: Callable[[Availability], Availability] | None,
    provider_ids: Iterable[str] | None,
) -> list[AffectedAppointment]:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        return [
            row
            for row in affected(session, context, change, provider_ids)
            if actor.may_act_for(row.provider_id)
        ]


def preview_clinic_hours(
    context: ServiceContext, actor: Actor, hours: Iterable[WorkingInterval]
) -> list[AffectedAppointment]:
    clean = setup_rules.intervals(
        hours, QT_TRANSLATE_NOOP("errors.setup", "Opening hours"), "clinic_hours"
    )
    new = tuple(ClinicHours(*row) for row in clean)
    return _preview(context, actor, lambda a: replace(a, clinic_hours=new), None)


def preview_closure(
    context: ServiceContext,
    actor: Actor,
    start_date: date,
    end_date: date | None = None,
    *,
    start_minute: int | None = None,
    end_minute: int | None = None,
) -> list[AffectedAppointment]:
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
    return _preview(context, actor, lambda a: replace(a, closures=(*a.closures, closure)), None)


def preview_rota(
    context: ServiceContext, actor: Actor, provider_id: str, plan: object
) -> list[AffectedAppointment]:
    """`plan` is an availability.RotaPlan (typed loosely: that module imports this one)."""
    from cicini_desktop.services.scheduling.availability import check_rota_plan

    clean = check_rota_plan(plan)  # type: ignore[arg-type]
    rows = tuple(clean.rows(provider_id))

    def change(a: Availability) -> Availability:
        kept = tuple(
            r
            for r in a.rota
            if not (r.provider_id == provider_id and r.effective_from == clean.effective_from)
        )
        return replace(a, rota=kept + rows)

    return _preview(context, actor, change, [provider_id])


def preview_time_off(
    context: ServiceContext,
    actor: Actor,
    provider_id: str,
    start_date: date,
    end_date: date | None = None,
    *,
    start_minute: int | None = None,
    end_minute: int | None = None,
) -> list[AffectedAppointment]:
    off = checked_time_off(provider_id, start_date, end_date, start_minute, end_minute)
    return _preview(
        context, actor, lambda a: replace(a, time_off=(*a.time_off, off)), [provider_id]
    )


def worklist(context: ServiceContext, actor: Actor) -> list[AffectedAppointment]:
    """Every future booked or confirmed appointment that is outside the hours, in time off
    or in a closure now: what is left to rebook after a change was saved anyway."""
    return _preview(context, actor, None, None)


def checked_time_off(
    provider_id: str,
    start_date: date,
    end_date: date | None,
    start_minute: int | None,
    end_minute: int | None,
) -> TimeOff:
    """Time off from (start_date, start_minute or 00:00) to (end_date or start_date,
    end_minute or 24:00), refused with the setup rules' sentence when the span is not one;
    as both the preview of its effects and the saving read it."""
    end_date = end_date or start_date
    setup_rules.part_day(
        start_date,
        end_date,
        start_minute,
        end_minute,
        QT_TRANSLATE_NOOP("errors.setup", "Time off"),
    )
    return TimeOff(provider_id, start_date, end_date, start_minute, end_minute)
