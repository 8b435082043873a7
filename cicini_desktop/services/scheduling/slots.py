"""Finding free time: the earliest slots for an appointment type.

    slots = find_free_slots(context, actor, type_id)                      # any provider
    slots = find_free_slots(context, actor, type_id, provider_id=p,
                            preferences=Preferences(day_part=DayPart.MORNING), limit=5)
    for s in slots: s.provider_id, s.provider_name, s.start, s.end, s.room_id

Every slot returned passes the same conflict check as `book_appointment` (buffers, hours,
time off, closures, a free room of the type's kind). The search widens week by week up to
`days` (default 90) and stops as soon as it has `limit` slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import slots as finder
from cicini_desktop.core.scheduling.intervals import Span
from cicini_desktop.core.scheduling.slots import Preferences
from cicini_desktop.core.scheduling.validation import MAX_BUFFER_MINUTES
from cicini_desktop.core.scheduling.wall_time import day_bounds, local_date
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    REACH,
    aware,
    clinic_zone,
    instant,
    load_availability,
    now,
    positive_limit,
)
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import AppointmentType, Room, Staff, StaffService


@dataclass(frozen=True, slots=True)
class SlotRow:
    provider_id: str
    provider_name: str
    start: datetime  # clinic zone
    end: datetime
    room_id: str | None


# Covering: provider equality + start range on ix_appointment_provider_time; block_* and
# status come from the index itself, the table is never read.
_BUSY = text(
    "SELECT provider_id, block_start, block_end FROM appointment "
    "WHERE provider_id IN :providers AND start_at > :lo AND start_at < :hi "
    "AND block_end > :from_ AND status NOT IN ('cancelled', 'no_show')"
).bindparams(bindparam("providers", expanding=True))
_ROOM_BUSY = text(
    "SELECT room_id, start_at, end_at FROM appointment "
    "WHERE room_id IN :rooms AND start_at > :lo AND start_at < :hi "
    "AND end_at > :from_ AND status NOT IN ('cancelled', 'no_show')"
).bindparams(bindparam("rooms", expanding=True))
_PATIENT_BUSY = text(
    "SELECT start_at, end_at FROM appointment WHERE patient_id = :patient "
    "AND start_at > :lo AND start_at < :hi AND status NOT IN ('cancelled', 'no_show')"
)


def find_free_slots(
    context: ServiceContext,
    actor: Actor,
    type_id: str,
    *,
    provider_id: str | None = None,
    after: datetime | None = None,
    days: int = 90,
    preferences: Preferences | None = None,
    limit: int = 10,
    patient_id: str | None = None,
    step_minutes: int = 15,
) -> list[SlotRow]:
    """The earliest `limit` free slots for the type, ordered by start (then provider).

    `provider_id` None = every provider offering the type that the actor may book for.
    `patient_id` also keeps the patient's other appointments free of overlap.
    """
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=provider_id)
    positive_limit(limit)
    if not 1 <= days <= 366:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Search between 1 and 366 days ahead.",
            ),
            field="days",
        )
    if step_minutes not in (5, 10, 15, 20, 30, 60):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Slots step by 5, 10, 15, 20, 30 or 60 minutes.",
            ),
            field="step",
        )
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        kind = session.get(AppointmentType, type_id)
        if kind is None or not kind.active:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling",
                    "Choose an appointment type that is in use.",
                ),
                field="type",
            )
        names = _providers(session, actor, type_id, provider_id)
        if not names:
            return []
        query = finder.SlotQuery(
            duration=kind.duration_minutes * 60,
            buffer_before=kind.buffer_before_minutes * 60,
            buffer_after=kind.buffer_after_minutes * 60,
            step_minutes=step_minutes,
            limit=limit,
            preferences=preferences or Preferences(),
        )
        not_before = max(now(context), instant(after, tz) if after is not None else 0)
        first_day = local_date(not_before, tz)
        last_day = first_day + timedelta(days=days - 1)
        availability = load_availability(session, tz, list(names), first_day, last_day)
        rooms: list[str] | None = None
        if kind.room_kind:
            rooms = list(
                session.scalars(
                    select(Room.id).where(Room.kind == kind.room_kind, Room.active.is_(True))
                )
            )
        found: list[finder.Slot] = []
        # Windows widen 2, 6, 18, 28 days: the earliest slots are usually in the first days,
        # and each window reads only its own rows of the covering index.
        window_start, width = first_day, 2
        while window_start <= last_day and len(found) < limit:
            window_end = min(window_start + timedelta(days=width - 1), last_day)
            lo, hi = day_bounds(window_start, tz)[0], day_bounds(window_end, tz)[1]
            working = {p: availability.provider_spans(p, window_start, window_end) for p in names}
            working = {p: spans for p, spans in working.items() if spans}
            if working:
                busy = _busy(session, list(working), lo, hi, patient_id)
                room_busy = _room_busy(session, rooms, lo, hi) if rooms is not None else None
                found.extend(
                    finder.find_slots(
                        replace(query, limit=limit - len(found)),
                        zone=tz,
                        working=working,
                        busy=busy,
                        not_before=max(not_before, lo),
                        room_busy=room_busy,
                    )
                )
            window_start = window_end + timedelta(days=1)
            width = min(width * 3, 28)
    with unit_of_work(context, actor) as tx:
        tx.count(Counter.SLOT_FINDER_USED)
    return [
        SlotRow(
            s.provider_id, names[s.provider_id], aware(s.start, tz), aware(s.end, tz), s.room_id
        )
        for s in found[:limit]
    ]


def _providers(
    session: Session, actor: Actor, type_id: str, provider_id: str | None
) -> dict[str, str]:
    """id -> display name of the active providers to search (offering the type, in scope)."""
    offered = set(
        session.scalars(
            select(StaffService.staff_id).where(StaffService.appointment_type_id == type_id)
        )
    )
    query = (
        select(Staff.id, Staff.display_name)
        .where(Staff.is_provider.is_(True), Staff.active.is_(True))
        .order_by(Staff.display_name)
    )
    if provider_id is not None:
        query = query.where(Staff.id == provider_id)
    return {
        sid: name
        for sid, name in session.execute(query)
        if (not offered or sid in offered) and actor.may_act_for(sid)
    }


# Slots lie inside the window's working spans, so only the buffers (the slot's and the
# booking's) can reach across its edges: bookings starting later than hi + _EDGE, or
# ending before lo - _EDGE, cannot collide. (Only the start side needs the full REACH:
# a long appointment may start a day before the window and still run into it.)
_EDGE = 2 * MAX_BUFFER_MINUTES * 60


def _busy(
    session: Session, providers: Sequence[str], lo: int, hi: int, patient_id: str | None
) -> dict[str, list[Span]]:
    busy: dict[str, list[Span]] = {p: [] for p in providers}
    rows = session.execute(
        _BUSY,
        {"providers": list(providers), "lo": lo - REACH, "hi": hi + _EDGE, "from_": lo - _EDGE},
    ).all()
    for provider_id, block_start, block_end in rows:
        busy[provider_id].append((block_start, block_end))
    if patient_id is not None:
        # The patient cannot be in two places: their other appointments block every provider.
        mine = session.execute(
            _PATIENT_BUSY, {"patient": patient_id, "lo": lo - REACH, "hi": hi + REACH}
        ).all()
        for spans in busy.values():
            spans.extend((s, e) for s, e in mine)
    return busy


def _room_busy(session: Session, rooms: list[str], lo: int, hi: int) -> dict[str, list[Span]]:
    busy: dict[str, list[Span]] = {r: [] for r in rooms}
    if not rooms:
        return busy
    for room_id, start, end in session.execute(
        _ROOM_BUSY, {"rooms": rooms, "lo": lo - REACH, "hi": hi + _EDGE, "from_": lo - _EDGE}
    ).all():
        busy[room_id].append((start, end))
    return busy
