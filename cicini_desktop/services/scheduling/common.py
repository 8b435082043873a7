"""Shared plumbing of the scheduling services: zone, instants, loading availability."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    CompoundSelect,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from cicini_desktop.core.errors import NotFoundError, StaleEditError, ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.availability import (
    Availability,
    ClinicHours,
    Closure,
    ExtraHours,
    RotaInterval,
    TimeOff,
)
from cicini_desktop.core.scheduling.conflicts import Booking
from cicini_desktop.core.scheduling.status import AppointmentStatus
from cicini_desktop.core.scheduling.validation import MAX_BUFFER_MINUTES, MAX_DURATION_SECONDS
from cicini_desktop.core.scheduling.wall_time import to_utc, zone
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import current_actor, require
from cicini_desktop.store.models import (
    Appointment,
    ClinicClosureRow,
    ClinicHoursRow,
    Organization,
    ProviderExceptionRow,
    ProviderRotaRow,
)

# How far before a window an appointment may start and still reach into it: the longest
# appointment plus the widest buffers. Range queries on start_at use it as their margin.
REACH = MAX_DURATION_SECONDS + 2 * MAX_BUFFER_MINUTES * 60


def clinic_zone(session: Session, context: ServiceContext) -> ZoneInfo:
    """The clinic's zone, read once per context (no service changes it after creation)."""
    key = context.organization_id or ""
    cached = context.zone_cache.get(key)
    if cached is not None:
        return zone(cached)
    name = session.scalar(
        select(Organization.timezone).where(Organization.id == context.organization_id)
    )
    if name is None:
        name = session.scalar(select(Organization.timezone))
    if name is not None:  # no organisation yet (before onboarding): don't remember "UTC"
        context.zone_cache[key] = name
    return zone(name or "UTC")


@lru_cache(maxsize=64)
def default_region(zone_name: str) -> str | None:
    """The country of the clinic's zone (zone.tab), for reading national phone numbers."""
    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    for line in table.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#") and parts[2] == zone_name:
            return parts[0]
    return None


def instant(value: datetime, tz: ZoneInfo, fold: int | None = None) -> int:
    """UTC seconds of `value`; naive = clinic wall time.

    A wall time in a spring-forward gap is refused with a sentence for naive and aware input
    alike: an aware datetime in a named zone is still a wall time, and Python silently reads
    a gap time as the hour after (02:30 in Berlin on 2026-03-29 would be saved at 03:30). In
    the autumn fold a naive time needs `fold`; an aware one carries its own `fold` (0 = the
    first, summer time), which an explicit `fold` argument replaces.
    """
    if value.tzinfo is None:
        return to_utc(value, tz, fold)
    if isinstance(value.tzinfo, ZoneInfo):
        wall = value.replace(tzinfo=None)
        chosen = value.fold if fold is None else fold
        return to_utc(wall, value.tzinfo, chosen)
    return int(value.timestamp())


def aware(seconds: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(seconds, tz)


def now(context: ServiceContext) -> int:
    return int(context.clock.now().astimezone(UTC).timestamp())


def require_each(
    context: ServiceContext, actor: Actor, permission: Permission, provider_ids: Iterable[str]
) -> None:
    # The actor as the database says it is now, read once for all the providers (a day view
    # of 20 providers used to re-read it 20 times); a refusal goes through `require`, which
    # audits it and raises the sentence.
    current = current_actor(context, actor)
    seen = set()
    for provider_id in provider_ids:
        if provider_id not in seen:
            seen.add(provider_id)
            if not (current.may(permission) and current.may_act_for(provider_id)):
                require(context, actor, permission, provider_id=provider_id)
    if not seen and not current.may(permission):
        require(context, actor, permission)


def load_availability(
    session: Session,
    tz: ZoneInfo,
    provider_ids: Iterable[str] | None,
    first: date,
    last: date,
) -> Availability:
    """Clinic hours, and of `provider_ids` (or all) the rota groups, closures and exceptions
    that touch the local dates [first, last] (widened a day each side for spans crossing
    midnight): the cost no longer grows with years of past rotas, time off and holidays."""
    lo, hi = first - timedelta(days=1), last + timedelta(days=1)
    parameters: dict[str, Any] = {"lo": lo, "hi": hi}
    if provider_ids is not None:
        parameters["ids"] = list(set(provider_ids))
    statement = _availability_statement(provider_ids is not None)
    rows: dict[int, list[Any]] = {_ROTA: [], _EXCEPTION: [], _HOURS: [], _CLOSURE: []}
    for row in session.execute(statement, parameters):
        rows[row[0]].append(row)
    return _availability(tz, rows)


def _availability(tz: ZoneInfo, rows: dict[int, list[Any]]) -> Availability:
    exceptions = rows[_EXCEPTION]
    return Availability(
        zone=tz,
        clinic_hours=tuple(ClinicHours(r[6], r[7], r[8]) for r in rows[_HOURS]),
        closures=tuple(Closure(r[4], r[5], r[6], r[7]) for r in rows[_CLOSURE]),
        # RotaInterval(provider, weekday, start, end, effective_from, valid_until, parity,
        # kind, room), as the columns were read before.
        rota=tuple(
            RotaInterval(r[1], r[6], r[7], r[8], r[4], r[5], r[9], r[2], r[3]) for r in rows[_ROTA]
        ),
        time_off=tuple(
            TimeOff(e[1], e[4], e[5], e[6], e[7]) for e in exceptions if e[2] == "time_off"
        ),
        extra=tuple(
            ExtraHours(e[1], e[4], e[6] or 0, e[7] or 1440) for e in exceptions if e[2] == "extra"
        ),
    )


@lru_cache(maxsize=2)
def _availability_statement(of_providers: bool) -> CompoundSelect[Any]:
    """Built once (with and without a provider filter): building the four selects cost
    more Python time on each call than SQLite took to run them."""
    return union_all(*_availability_branches(of_providers))


def _availability_branches(of_providers: bool, pad: int = 0) -> list[Select[Any]]:
    """The four tagged selects; `pad` more (text) columns of NULL at the end of each, for a
    union with other reads (`conflict_inputs`)."""
    date_type = ProviderRotaRow.__table__.c.effective_from.type
    lo, hi = bindparam("lo", type_=date_type), bindparam("hi", type_=date_type)
    # Plain column selects, not ORM entities: this runs on every slot search and check. The
    # four reads are one UNION ALL (on the clinic server each statement is a network round
    # trip, and a booking checks availability), each branch tagged and padded to one shape:
    # (tag, provider, kind, room, date 1, date 2, number 1 to 4). The first branch's column
    # types decide how values come back, so it carries every type (the dates as dates).
    no_text = cast(null(), String)
    no_date = cast(null(), date_type)
    no_number = cast(null(), Integer)
    rota_q = select(
        literal(_ROTA, Integer),
        ProviderRotaRow.provider_id,
        ProviderRotaRow.kind,
        ProviderRotaRow.room_id,
        ProviderRotaRow.effective_from,
        ProviderRotaRow.valid_until,
        ProviderRotaRow.weekday,
        ProviderRotaRow.start_minute,
        ProviderRotaRow.end_minute,
        ProviderRotaRow.parity,
    )
    # Only the rota groups that can be in force on [lo, hi]: the open-ended one in force on
    # lo (the latest starting on or before it), those starting later up to hi, and
    # temporary ones (with a valid_until) still running on lo; not years of superseded
    # rotas. The subquery is a seek on ix_provider_rota_provider.
    earlier = aliased(ProviderRotaRow)
    in_force = (
        select(func.max(earlier.effective_from))
        .where(
            earlier.provider_id == ProviderRotaRow.provider_id,
            earlier.effective_from <= lo,
            earlier.valid_until.is_(None),
        )
        .scalar_subquery()
    )
    rota_q = rota_q.where(
        ProviderRotaRow.effective_from <= hi,
        or_(
            in_force.is_(None),
            ProviderRotaRow.effective_from >= in_force,
            ProviderRotaRow.valid_until >= lo,
        ),
    )
    exc_q = select(
        literal(_EXCEPTION, Integer),
        ProviderExceptionRow.provider_id,
        ProviderExceptionRow.kind,
        no_text,
        ProviderExceptionRow.start_date,
        ProviderExceptionRow.end_date,
        ProviderExceptionRow.start_minute,
        ProviderExceptionRow.end_minute,
        no_number,
        no_number,
    ).where(
        # Stored as ISO text, which compares as dates; extra hours end on their start date.
        ProviderExceptionRow.end_date >= lo,
        ProviderExceptionRow.start_date <= hi,
    )
    if of_providers:
        ids = bindparam("ids", expanding=True)
        rota_q = rota_q.where(ProviderRotaRow.provider_id.in_(ids))
        exc_q = exc_q.where(ProviderExceptionRow.provider_id.in_(ids))
    hours_q = select(
        literal(_HOURS, Integer),
        no_text,
        no_text,
        no_text,
        no_date,
        no_date,
        ClinicHoursRow.weekday,
        ClinicHoursRow.start_minute,
        ClinicHoursRow.end_minute,
        no_number,
    )
    closures_q = select(
        literal(_CLOSURE, Integer),
        no_text,
        no_text,
        no_text,
        ClinicClosureRow.start_date,
        ClinicClosureRow.end_date,
        ClinicClosureRow.start_minute,
        ClinicClosureRow.end_minute,
        no_number,
        no_number,
    ).where(ClinicClosureRow.end_date >= lo, ClinicClosureRow.start_date <= hi)
    padding = [cast(null(), String)] * pad
    return [q.add_columns(*padding) for q in (rota_q, exc_q, hours_q, closures_q)]


_ROTA, _EXCEPTION, _HOURS, _CLOSURE = 0, 1, 2, 3


# Statuses that take no time: they neither block nor count as a conflict.
_FREE = frozenset({AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW})

# A booking's columns as `Booking` rows are read (the conflict check, the future of a
# changed rota): one list, so a new column is added in one place.
BOOKING_COLUMNS = (
    Appointment.id,
    Appointment.provider_id,
    Appointment.patient_id,
    Appointment.room_id,
    Appointment.start_at,
    Appointment.end_at,
    Appointment.block_start,
    Appointment.block_end,
    Appointment.status,
)
# Live bookings starting inside the window the caller binds (`low`, `high`).
_NEARBY_WINDOW = (
    Appointment.start_at > bindparam("low"),
    Appointment.start_at < bindparam("high"),
    Appointment.status.in_([s.value for s in AppointmentStatus if s not in _FREE]),
)


def _nearby_conditions(by_room: bool, by_patient: bool) -> list[Any]:
    """The bookings that can conflict with a candidate: its provider's, and its room's and
    patient's when it has them (each a seek on its own index)."""
    conditions = [Appointment.provider_id == bindparam("provider_id")]
    if by_room:
        conditions.append(Appointment.room_id == bindparam("room_id"))
    if by_patient:
        conditions.append(Appointment.patient_id == bindparam("patient_id"))
    return conditions


@lru_cache(maxsize=4)
def _nearby_statement(by_room: bool, by_patient: bool) -> Select[Any]:
    """One statement (on the clinic server each is a network round trip): a UNION ALL of
    the index ranges, each branch still a seek on its own index; built once per shape."""
    branches = [
        select(*BOOKING_COLUMNS).where(condition, *_NEARBY_WINDOW)
        for condition in _nearby_conditions(by_room, by_patient)
    ]
    return branches[0] if len(branches) == 1 else union_all(*branches)  # type: ignore[return-value]


_NEARBY = 4


@lru_cache(maxsize=4)
def _conflict_inputs_statement(by_room: bool, by_patient: bool) -> CompoundSelect[Any]:
    """The availability of one provider and the nearby bookings in one UNION ALL: a
    booking's conflict check reads both, and on the clinic server each statement is a
    network round trip. The nearby rows are tagged `_NEARBY` and fill the shared shape as
    (tag, provider, status, room, -, -, start, end, block start, block end, id, patient)."""
    no_date = cast(null(), ProviderRotaRow.__table__.c.effective_from.type)
    nearby = [
        select(
            literal(_NEARBY, Integer),
            Appointment.provider_id,
            Appointment.status,
            Appointment.room_id,
            no_date,
            no_date,
            Appointment.start_at,
            Appointment.end_at,
            Appointment.block_start,
            Appointment.block_end,
            Appointment.id,
            Appointment.patient_id,
        ).where(condition, *_NEARBY_WINDOW)
        for condition in _nearby_conditions(by_room, by_patient)
    ]
    return union_all(*_availability_branches(True, pad=2), *nearby)


def conflict_inputs(
    session: Session, tz: ZoneInfo, candidate: Booking, first: date, last: date
) -> tuple[Availability, list[Booking]]:
    """`load_availability(session, tz, [candidate.provider_id], first, last)` and
    `nearby_bookings(session, candidate)`, read in one statement."""
    statement = _conflict_inputs_statement(
        candidate.room_id is not None, candidate.patient_id is not None
    )
    parameters = {
        "lo": first - timedelta(days=1),
        "hi": last + timedelta(days=1),
        "ids": [candidate.provider_id],
        "low": candidate.block_start - REACH,
        "high": candidate.block_end + REACH,
        "provider_id": candidate.provider_id,
        "room_id": candidate.room_id,
        "patient_id": candidate.patient_id,
    }
    rows: dict[int, list[Any]] = {_ROTA: [], _EXCEPTION: [], _HOURS: [], _CLOSURE: [], _NEARBY: []}
    for row in session.execute(statement, parameters):
        rows[row[0]].append(row)
    found: dict[str, Booking] = {}
    for r in rows.pop(_NEARBY):
        found[r[10]] = Booking(
            r[10],
            r[1],
            r[11],
            r[3],
            r[6],
            r[7],
            r[6] - r[8],
            r[9] - r[7],
            AppointmentStatus(r[2]),
        )
    return _availability(tz, rows), list(found.values())


def as_booking(row: Appointment) -> Booking:
    return Booking(
        id=row.id,
        provider_id=row.provider_id,
        patient_id=row.patient_id,
        room_id=row.room_id,
        start=row.start_at,
        end=row.end_at,
        buffer_before=row.start_at - row.block_start,
        buffer_after=row.block_end - row.end_at,
        status=AppointmentStatus(row.status),
    )


def nearby_bookings(session: Session, candidate: Booking) -> list[Booking]:
    """Existing bookings that could conflict with `candidate`: same provider, room or patient.

    Each query is a range on an index whose first column is the equality (provider, room,
    patient), bounded by REACH so it reads only the rows around the candidate.
    """
    query = _nearby_statement(candidate.room_id is not None, candidate.patient_id is not None)
    parameters = {
        "low": candidate.block_start - REACH,
        "high": candidate.block_end + REACH,
        "provider_id": candidate.provider_id,
        "room_id": candidate.room_id,
        "patient_id": candidate.patient_id,
    }
    found: dict[str, Booking] = {}
    for r in session.execute(query, parameters):
        found[r.id] = Booking(
            r.id,
            r.provider_id,
            r.patient_id,
            r.room_id,
            r.start_at,
            r.end_at,
            r.start_at - r.block_start,
            r.block_end - r.end_at,
            AppointmentStatus(r.status),
        )
    return list(found.values())


_T = TypeVar("_T")


# One whole sentence per kind of record (other languages inflect the noun).
_GONE = {
    "appointment": QT_TRANSLATE_NOOP(
        "errors.scheduling", "That appointment no longer exists; reload the list."
    ),
    "appointment type": QT_TRANSLATE_NOOP(
        "errors.scheduling", "That appointment type no longer exists; reload the list."
    ),
    "patient record": QT_TRANSLATE_NOOP(
        "errors.scheduling", "That patient record no longer exists; reload the list."
    ),
    "reminder rule": QT_TRANSLATE_NOOP(
        "errors.scheduling", "That reminder rule no longer exists; reload the list."
    ),
    "waitlist entry": QT_TRANSLATE_NOOP(
        "errors.scheduling", "That waitlist entry no longer exists; reload the list."
    ),
}
_STALE = {
    "appointment": QT_TRANSLATE_NOOP(
        "errors.scheduling", "This appointment was changed by someone else; reload it."
    ),
    "appointment type": QT_TRANSLATE_NOOP(
        "errors.scheduling", "This appointment type was changed by someone else; reload it."
    ),
    "patient record": QT_TRANSLATE_NOOP(
        "errors.scheduling", "This patient record was changed by someone else; reload it."
    ),
    "reminder rule": QT_TRANSLATE_NOOP(
        "errors.scheduling", "This reminder rule was changed by someone else; reload it."
    ),
    "waitlist entry": QT_TRANSLATE_NOOP(
        "errors.scheduling", "This waitlist entry was changed by someone else; reload it."
    ),
}


def get_or_404(session: Session, model: type[_T], key: str, what: str) -> _T:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(_GONE.get(what) or f"That {what} no longer exists; reload the list.")
    return row


def check_version(current: int, expected: int | None, what: str = "appointment") -> None:
    if expected is not None and current != expected:
        raise StaleEditError(
            _STALE.get(what) or f"This {what} was changed by someone else; reload it."
        )


def positive_limit(limit: int) -> int:
    if not 1 <= limit <= 500:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Ask for between 1 and 500 results."),
            field="limit",
        )
    return limit
