"""Calendar queries for the GUI: day and week rows, month counts, today's arrivals,
working hours for shading. All read-only; rows are small frozen dataclasses.

    rows = day_view(context, actor, date(2026, 3, 16), provider_ids)    # list[CalendarRow]
    rows = week_view(context, actor, monday, provider_ids)              # 7 days from monday
    counts = month_counts(context, actor, first_day, last_day, provider_ids)  # {date: n}
    arrivals = todays_arrivals(context, actor)                          # expected / arrived
    hours = working_hours(context, actor, day, provider_ids)            # {provider: spans}
    by_day = days_hours(context, actor, first, last, provider_ids)      # {day: DayHours}
    both = calendar_range(context, actor, first, last, provider_ids)    # .rows and .hours
    arrived = arrival_times(context, actor, appointment_ids)            # {id: checked in at}
    note_view_opened(context, actor, "day")      # count the view once when the user opens it

Cancelled and no-show appointments are left out unless ``include_cancelled=True``.
Times are aware datetimes in the clinic's zone. Every provider asked for must be in the
actor's scope (`PermissionDeniedError` otherwise); pass the ids from `availability.providers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import AppointmentStatus
from cicini_desktop.core.scheduling.validation import MAX_DURATION_SECONDS
from cicini_desktop.core.scheduling.wall_time import day_bounds
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    aware,
    clinic_zone,
    load_availability,
    require_each,
)
from cicini_desktop.services.unit_of_work import require, unit_of_work

S = AppointmentStatus
_HIDDEN = (S.CANCELLED.value, S.NO_SHOW.value)
_STATUS = {s.value: s for s in S}


@dataclass(frozen=True, slots=True)
class CalendarRow:
    appointment_id: str
    provider_id: str
    start: datetime  # clinic zone
    end: datetime
    status: AppointmentStatus
    patient_id: str
    patient_name: str  # "Family, Given"
    type_id: str
    type_name: str
    type_colour: str
    room_id: str | None
    room_name: str | None
    series_id: str | None
    has_note: bool
    version: int


# One query for the whole view (on the clinic server each query is a network round trip):
# one range query on the covering ix_appointment_provider_time per provider (IN list), the
# patient's name from the covering ix_patient_id_names (named: without statistics the
# planner would pick the primary key's index and read the table row too), the type's name
# and colour and the room's name by primary key. Appointments reaching into the window from
# before it are caught by the lower bound widened by the longest possible appointment.
_ROWS = text(
    "SELECT a.id, a.provider_id, a.start_at, a.end_at, a.status, a.patient_id, "
    "p.given_name, p.family_name, a.type_id, a.room_id, a.series_id, a.note IS NOT NULL, "
    "a.version, t.name, t.colour, r.name "
    "FROM appointment a JOIN patient p INDEXED BY ix_patient_id_names ON p.id = a.patient_id "
    "LEFT JOIN appointment_type t ON t.id = a.type_id "
    "LEFT JOIN room r ON r.id = a.room_id "
    "WHERE a.provider_id IN :providers AND a.start_at > :reach AND a.start_at < :hi "
    "AND a.end_at > :lo ORDER BY a.start_at, a.provider_id"
).bindparams(bindparam("providers", expanding=True))


def _rows(
    context: ServiceContext,
    actor: Actor,
    first_day: date,
    last_day: date,
    provider_ids: Sequence[str],
    include_cancelled: bool,
) -> list[CalendarRow]:
    require_each(context, actor, Permission.SCHEDULE_VIEW, provider_ids)
    if not provider_ids:
        return []
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        return _read_rows(session, tz, first_day, last_day, provider_ids, include_cancelled)


def _read_rows(
    session: Session,
    tz: ZoneInfo,
    first_day: date,
    last_day: date,
    provider_ids: Sequence[str],
    include_cancelled: bool,
) -> list[CalendarRow]:
    lo = day_bounds(first_day, tz)[0]
    hi = day_bounds(last_day, tz)[1]
    result = session.execute(
        _ROWS,
        {
            "providers": list(provider_ids),
            "reach": lo - MAX_DURATION_SECONDS,
            "lo": lo,
            "hi": hi,
        },
    ).all()
    rows = []
    # Appointments share a few hundred start and end instants a day: convert each once.
    moments: dict[int, datetime] = {}

    def moment(seconds: int) -> datetime:
        found = moments.get(seconds)
        if found is None:
            found = moments[seconds] = aware(seconds, tz)
        return found

    for r in result:
        if not include_cancelled and r[4] in _HIDDEN:
            continue
        rows.append(
            CalendarRow(
                appointment_id=r[0],
                provider_id=r[1],
                start=moment(r[2]),
                end=moment(r[3]),
                status=_STATUS[r[4]],
                patient_id=r[5],
                patient_name=f"{r[7]}, {r[6]}",
                type_id=r[8],
                type_name=r[13] if r[13] is not None else "",
                type_colour=r[14] if r[14] is not None else "#808080",
                room_id=r[9],
                room_name=r[15] if r[9] else None,
                series_id=r[10],
                has_note=bool(r[11]),
                version=r[12],
            )
        )
    return rows


def day_view(
    context: ServiceContext,
    actor: Actor,
    day: date,
    provider_ids: Sequence[str],
    *,
    include_cancelled: bool = False,
) -> list[CalendarRow]:
    """Appointments touching the local `day` of the given providers, by start time."""
    return _rows(context, actor, day, day, provider_ids, include_cancelled)


def week_view(
    context: ServiceContext,
    actor: Actor,
    first_day: date,
    provider_ids: Sequence[str],
    *,
    days: int = 7,
    include_cancelled: bool = False,
) -> list[CalendarRow]:
    """Appointments of `days` local days from `first_day` (usually a Monday)."""
    last = first_day + timedelta(days=max(days, 1) - 1)
    return _rows(context, actor, first_day, last, provider_ids, include_cancelled)


_STARTS = text(
    "SELECT a.start_at FROM appointment a WHERE a.provider_id IN :providers "
    "AND a.start_at >= :lo AND a.start_at < :hi AND a.status NOT IN ('cancelled', 'no_show')"
).bindparams(bindparam("providers", expanding=True))


def month_counts(
    context: ServiceContext,
    actor: Actor,
    first_day: date,
    last_day: date,
    provider_ids: Sequence[str],
) -> dict[date, int]:
    """Number of (not cancelled) appointments starting on each local day, zeros included."""
    require_each(context, actor, Permission.SCHEDULE_VIEW, provider_ids)
    counts: dict[date, int] = {}
    day = first_day
    while day <= last_day:
        counts[day] = 0
        day += timedelta(days=1)
    if not provider_ids:
        return counts
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        lo, hi = day_bounds(first_day, tz)[0], day_bounds(last_day, tz)[1]
        starts = session.execute(
            _STARTS, {"providers": list(provider_ids), "lo": lo, "hi": hi}
        ).scalars()
        # Bucket by local day through the day boundaries (cheaper than a zone lookup a row).
        bounds = [(day_bounds(d, tz)[1], d) for d in counts]
        for start in sorted(starts):
            while bounds and start >= bounds[0][0]:
                bounds.pop(0)
            if bounds:
                counts[bounds[0][1]] += 1
    return counts


def todays_arrivals(
    context: ServiceContext, actor: Actor, provider_ids: Sequence[str] | None = None
) -> list[CalendarRow]:
    """Today's appointments still expected or in the building (booked, confirmed,
    arrived, in progress), by start time. None = every provider in the actor's scope."""
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        if provider_ids is None:
            from cicini_desktop.store.models import Staff

            provider_ids = [
                s
                for s in session.scalars(select(Staff.id).where(Staff.is_provider.is_(True)))
                if actor.may_act_for(s)
            ]
    today = context.clock.now().astimezone(tz).date()
    waiting = {S.BOOKED, S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS}
    rows = _rows(context, actor, today, today, provider_ids, False)
    return [r for r in rows if r.status in waiting]


def working_hours(
    context: ServiceContext, actor: Actor, day: date, provider_ids: Sequence[str]
) -> dict[str, list[tuple[datetime, datetime]]]:
    """Bookable spans of each provider on the local `day` (for shading the calendar)."""
    return days_hours(context, actor, day, day, provider_ids)[day].spans


@dataclass(frozen=True, slots=True)
class DayHours:
    spans: dict[str, list[tuple[datetime, datetime]]]  # provider -> bookable spans that day
    away: frozenset[str]  # providers with time off touching the day


def days_hours(
    context: ServiceContext,
    actor: Actor,
    first_day: date,
    last_day: date,
    provider_ids: Sequence[str],
) -> dict[date, DayHours]:
    """Working hours and time off of each provider on each local day of [first_day, last_day],
    from one read of the availability (a week view used to read it once a day)."""
    require_each(context, actor, Permission.SCHEDULE_VIEW, provider_ids)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        return _read_hours(session, tz, first_day, last_day, provider_ids)


def _read_hours(
    session: Session, tz: ZoneInfo, first_day: date, last_day: date, provider_ids: Sequence[str]
) -> dict[date, DayHours]:
    availability = load_availability(session, tz, provider_ids, first_day, last_day)
    result: dict[date, DayHours] = {}
    day = first_day
    while day <= last_day:
        lo, hi = day_bounds(day, tz)
        spans: dict[str, list[tuple[datetime, datetime]]] = {}
        for provider_id in provider_ids:
            spans[provider_id] = [
                (aware(max(s, lo), tz), aware(min(e, hi), tz))
                for s, e in availability.provider_spans(provider_id, day, day)
                if e > lo and s < hi
            ]
        away = frozenset(
            t.provider_id for t in availability.time_off if t.start_date <= day <= t.end_date
        )
        result[day] = DayHours(spans, away)
        day += timedelta(days=1)
    return result


@dataclass(frozen=True, slots=True)
class CalendarRange:
    rows: list[CalendarRow]
    hours: dict[date, DayHours]


def calendar_range(
    context: ServiceContext,
    actor: Actor,
    first_day: date,
    last_day: date,
    provider_ids: Sequence[str],
    *,
    include_cancelled: bool = False,
) -> CalendarRange:
    """What a calendar shows for [first_day, last_day]: the appointments (as `week_view`)
    and the working hours (as `days_hours`), from one permission check and one read
    transaction, so rows and shading are of the same moment (the day view's read, once
    per navigation)."""
    require_each(context, actor, Permission.SCHEDULE_VIEW, provider_ids)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        rows = (
            _read_rows(session, tz, first_day, last_day, provider_ids, include_cancelled)
            if provider_ids
            else []
        )
        return CalendarRange(rows, _read_hours(session, tz, first_day, last_day, provider_ids))


# Latest check-in of each appointment, in one query (not one history read per patient).
_ARRIVALS = text(
    "SELECT a.id, a.provider_id, max(h.at) FROM appointment a "
    "JOIN appointment_history h ON h.appointment_id = a.id "
    "WHERE a.id IN :ids AND h.to_status = 'arrived' GROUP BY a.id, a.provider_id"
).bindparams(bindparam("ids", expanding=True))


def arrival_times(
    context: ServiceContext, actor: Actor, appointment_ids: Sequence[str]
) -> dict[str, datetime]:
    """When each appointment's patient was (last) checked in; ids never checked in are left
    out, as are appointments of providers outside the actor's scope."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    if not appointment_ids:
        return {}
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        rows = session.execute(_ARRIVALS, {"ids": list(set(appointment_ids))}).all()
    return {
        appointment_id: aware(at, tz)
        for appointment_id, provider_id, at in rows
        if actor.may_act_for(provider_id)
    }


_VIEW_COUNTERS = {
    "day": Counter.CALENDAR_DAY_VIEW_OPENED,
    "week": Counter.CALENDAR_WEEK_VIEW_OPENED,
    "month": Counter.CALENDAR_MONTH_VIEW_OPENED,
}


def note_view_opened(
    context: ServiceContext, actor: Actor, view: Literal["day", "week", "month"]
) -> None:
    """Count that the user opened a calendar view (once per opening, not per refresh)."""
    with unit_of_work(context, actor) as tx:
        tx.count(_VIEW_COUNTERS[view])
