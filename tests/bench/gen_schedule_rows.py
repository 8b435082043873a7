"""The bulk rows of the schedule: patients and ten years of appointments, as plain tuples.

Pure generation (no database): `gen_scheduling` decides what goes through the services and
writes these with executemany. Every value has the form the services store: instants as
INTEGER UTC seconds, dates as ISO text, phones in E.164, statuses from core's vocabulary.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.bench.names import date_of_birth, person_name, phone_number


@dataclass(frozen=True)
class TypeSpec:
    name: str
    minutes: int
    weight: float
    buffer_after: int = 0
    room_kind: str | None = None
    colour: str = "#6d8fd6"


TYPES: tuple[TypeSpec, ...] = (
    TypeSpec("Consultation", 15, 30),
    TypeSpec("Follow-up", 10, 20),
    TypeSpec("Check-up", 20, 10, colour="#4ac27a"),
    TypeSpec("Extended consultation", 30, 8, colour="#c2a84a"),
    TypeSpec("Vaccination", 10, 8, colour="#4ab8c2"),
    TypeSpec("Blood test", 10, 6, colour="#c2584a"),
    TypeSpec("Ultrasound", 30, 3, buffer_after=5, room_kind="ultrasound", colour="#8a4ac2"),
    TypeSpec("Minor procedure", 45, 2, buffer_after=10, room_kind="procedure", colour="#c24a94"),
    TypeSpec("New patient", 30, 6, colour="#4a78c2"),
    TypeSpec("Prescription review", 15, 4),
    TypeSpec("Telephone consultation", 10, 2),
    TypeSpec("Annual physical", 60, 1, colour="#4ac27a"),
)
SLOT_TYPE = "Extended consultation"  # the 30-minute type of the slot-finder benchmark

ROOMS: tuple[tuple[str, str], ...] = (
    *((f"Treatment {i}", "treatment") for i in range(1, 7)),
    ("Ultrasound", "ultrasound"),
    ("Procedure room", "procedure"),
)

CLINIC_HOURS = (*((d, 7 * 60 + 30, 19 * 60) for d in range(5)), (5, 8 * 60, 13 * 60))

# Weekly rotas: weekday -> working intervals (minutes from local midnight).
_FULL = {d: ((480, 750), (810, 1050)) for d in range(5)}
_PART = {d: ((480, 780), (840, 1080)) for d in (0, 1, 3)}
_LATE = {d: ((720, 1140),) for d in range(5)}
_SATURDAY = {**{d: ((480, 840),) for d in range(1, 5)}, 5: ((480, 720),)}
ROTAS = (*([_FULL] * 12), *([_PART] * 4), *([_LATE] * 2), *([_SATURDAY] * 2))

PAST = {"completed": 0.88, "no_show": 0.04, "cancelled": 0.08}
FUTURE = {"booked": 0.6, "confirmed": 0.35, "cancelled": 0.05}
CANCEL_REASONS = ("patient_request", "patient_ill", "rescheduled", "provider_unavailable")


def holidays(year: int) -> list[date]:
    """Fixed-date public holidays (the moving feasts are left out: closures all the same)."""
    return [
        date(year, 1, 1),
        date(year, 5, 1),
        date(year, 10, 3),
        date(year, 12, 25),
        date(year, 12, 26),
    ]


def time_off(rng: random.Random, first: date, last: date) -> list[tuple[date, date]]:
    """About five weeks of holidays a year in two or three blocks, and a few sick days."""
    spans: list[tuple[date, date]] = []
    for year in range(first.year, last.year + 1):
        for weeks in (2, 2, 1):
            start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 350))
            spans.append((start, start + timedelta(days=7 * weeks - 1)))
        for _ in range(rng.randrange(2, 6)):
            start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 364))
            spans.append((start, start + timedelta(days=rng.randrange(0, 3))))
    return [(a, b) for a, b in spans if b >= first and a <= last]


@dataclass
class Placement:
    provider: int
    type_index: int
    start: int  # UTC seconds
    end: int
    room: int | None


def fill_rate(day: date, today: date) -> float:
    """How full a provider's day is: past days full; the future fills as it comes closer."""
    ahead = (day - today).days
    if ahead <= 0:
        return 0.93
    if ahead <= 7:
        return 0.85
    if ahead <= 30:
        return 0.6
    if ahead <= 90:
        return 0.25
    return 0.03


def place_day(
    rng: random.Random,
    tz: ZoneInfo,
    day: date,
    providers: list[int],
    rotas: list[dict[int, tuple[tuple[int, int], ...]]],
    rate: float,
    type_weights: list[float],
    rooms_of_kind: dict[str, list[int]],
) -> Iterator[Placement]:
    """One day of appointments for every provider working it: no two overlap (buffers
    included) for a provider, and a room is never booked twice at once."""
    midnight = datetime.combine(day, time(0), tz)
    room_busy: dict[int, list[tuple[int, int]]] = {}
    for provider in providers:
        for start_minute, end_minute in rotas[provider].get(day.weekday(), ()):
            cursor = start_minute
            while cursor < end_minute:
                if rng.random() >= rate:
                    cursor += rng.choice((5, 10, 15))
                    continue
                index = rng.choices(range(len(TYPES)), type_weights)[0]
                spec = TYPES[index]
                end = cursor + spec.minutes
                if end + spec.buffer_after > end_minute:
                    index, spec = 1, TYPES[1]  # a short follow-up fills the end of a block
                    end = cursor + spec.minutes
                    if end > end_minute:
                        break
                start_at = _instant(midnight, cursor)
                end_at = _instant(midnight, end)
                room = None
                if spec.room_kind:
                    room = _free_room(
                        room_busy,
                        rooms_of_kind[spec.room_kind],
                        start_at,
                        end_at + 60 * spec.buffer_after,
                    )
                    if room is None:
                        index, spec = 0, TYPES[0]
                        end = cursor + spec.minutes
                        end_at = _instant(midnight, end)
                yield Placement(provider, index, start_at, end_at, room)
                cursor = end + spec.buffer_after


def _instant(midnight: datetime, minute: int) -> int:
    # Wall time -> UTC through the zone (right across DST changes).
    local = (midnight.replace(tzinfo=None) + timedelta(minutes=minute)).replace(
        tzinfo=midnight.tzinfo
    )
    return int(local.astimezone(UTC).timestamp())


def _free_room(
    busy: dict[int, list[tuple[int, int]]], rooms: list[int], start: int, end: int
) -> int | None:
    for room in rooms:
        taken = busy.setdefault(room, [])
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            return room
    return None


def patient_row(
    patient_id: str,
    given: str,
    family: str,
    dob: str | None,
    phone: str | None,
    email: str | None,
    reminder: str,
    created_at: int,
    number: int | None = None,
) -> tuple[object, ...]:
    """A `patient` row in column order, as `create_patient` stores it (numbered in order)."""
    return (
        patient_id,
        given,
        family,
        dob,
        phone,
        email,
        reminder,
        None,
        0,
        created_at,
        created_at,
        1,
        number,
    )


def patient_rows(
    rng: random.Random, count: int, ids: list[str], created_at: int
) -> Iterator[tuple[object, ...]]:
    """Every patient has a name; most a birth date and a phone; some an email."""
    for i in range(count):
        given, family = person_name(rng)
        phone = phone_number(rng) if rng.random() < 0.9 else None
        email = f"p{i}@example.invalid" if rng.random() < 0.3 else None
        reminder = "sms" if phone and rng.random() < 0.5 else ("email" if email else "none")
        dob = date_of_birth(rng) if rng.random() < 0.95 else None
        yield patient_row(ids[i], given, family, dob, phone, email, reminder, created_at, i + 1)


def appointment_row(
    appointment_id: str,
    patient_id: str,
    provider_id: str,
    type_id: str,
    room_id: str | None,
    start: int,
    end: int,
    buffer_after_minutes: int,
    status: str,
    cancel_reason: str | None,
    created: tuple[int, str],
    updated: tuple[int, str],
    version: int,
) -> tuple[object, ...]:
    """An `appointment` row in column order, as `book_appointment` (and each status change
    after it) leaves it."""
    return (
        appointment_id,
        patient_id,
        provider_id,
        type_id,
        room_id,
        start,
        end,
        start,
        end + 60 * buffer_after_minutes,
        status,
        cancel_reason,
        None,
        None,
        created[0],
        created[1],
        updated[0],
        updated[1],
        version,
    )


def history_row(
    appointment_id: str,
    at: int,
    by: str,
    kind: str,
    from_status: str | None,
    to_status: str,
    reason: str | None,
) -> tuple[object, ...]:
    """An `appointment_history` row in column order (id left to SQLite)."""
    return (
        None,
        appointment_id,
        at,
        by,
        kind,
        from_status,
        to_status,
        reason,
        None,
        None,
        None,
        None,
    )
