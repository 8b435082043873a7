"""Shared plumbing of the scheduling services: zone, instants, loading availability."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
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
from cicini_desktop.services.unit_of_work import require
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
    seen = set()
    for provider_id in provider_ids:
        if provider_id not in seen:
            seen.add(provider_id)
            require(context, actor, permission, provider_id=provider_id)
    if not seen:
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
    # Plain column selects, not ORM entities: this runs on every slot search and check.
    rota_q = select(
        ProviderRotaRow.provider_id,
        ProviderRotaRow.weekday,
        ProviderRotaRow.start_minute,
        ProviderRotaRow.end_minute,
        ProviderRotaRow.effective_from,
        ProviderRotaRow.valid_until,
        ProviderRotaRow.parity,
        ProviderRotaRow.kind,
        ProviderRotaRow.room_id,
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
        ProviderExceptionRow.provider_id,
        ProviderExceptionRow.kind,
        ProviderExceptionRow.start_date,
        ProviderExceptionRow.end_date,
        ProviderExceptionRow.start_minute,
        ProviderExceptionRow.end_minute,
    ).where(
        # Stored as ISO text, which compares as dates; extra hours end on their start date.
        ProviderExceptionRow.end_date >= lo,
        ProviderExceptionRow.start_date <= hi,
    )
    if provider_ids is not None:
        ids = list(set(provider_ids))
        rota_q = rota_q.where(ProviderRotaRow.provider_id.in_(ids))
        exc_q = exc_q.where(ProviderExceptionRow.provider_id.in_(ids))
    exceptions = session.execute(exc_q).all()
    hours_q = select(ClinicHoursRow.weekday, ClinicHoursRow.start_minute, ClinicHoursRow.end_minute)
    closures_q = select(
        ClinicClosureRow.start_date,
        ClinicClosureRow.end_date,
        ClinicClosureRow.start_minute,
        ClinicClosureRow.end_minute,
    ).where(ClinicClosureRow.end_date >= lo, ClinicClosureRow.start_date <= hi)
    return Availability(
        zone=tz,
        clinic_hours=tuple(ClinicHours(*r) for r in session.execute(hours_q)),
        closures=tuple(Closure(*r) for r in session.execute(closures_q)),
        rota=tuple(RotaInterval(*r) for r in session.execute(rota_q)),
        time_off=tuple(
            TimeOff(e.provider_id, e.start_date, e.end_date, e.start_minute, e.end_minute)
            for e in exceptions
            if e.kind == "time_off"
        ),
        extra=tuple(
            ExtraHours(e.provider_id, e.start_date, e.start_minute or 0, e.end_minute or 1440)
            for e in exceptions
            if e.kind == "extra"
        ),
    )


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
    low = candidate.block_start - REACH
    high = candidate.block_end + REACH
    blocking = [s.value for s in AppointmentStatus if s not in _FREE]
    conditions = [
        (Appointment.provider_id == candidate.provider_id),
    ]
    if candidate.room_id is not None:
        conditions.append(Appointment.room_id == candidate.room_id)
    if candidate.patient_id is not None:
        conditions.append(Appointment.patient_id == candidate.patient_id)
    found: dict[str, Booking] = {}
    for condition in conditions:
        rows = session.execute(
            select(
                Appointment.id,
                Appointment.provider_id,
                Appointment.patient_id,
                Appointment.room_id,
                Appointment.start_at,
                Appointment.end_at,
                Appointment.block_start,
                Appointment.block_end,
                Appointment.status,
            ).where(
                condition,
                Appointment.start_at > low,
                Appointment.start_at < high,
                Appointment.status.in_(blocking),
            )
        )
        for r in rows:
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
_FREE = frozenset({AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW})


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
