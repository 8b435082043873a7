"""A realistic, invented demo clinic, built through the real services.

Six providers, three rooms, eight appointment types, 300 patients with invented names,
two weeks of appointments around today in varied statuses, and a few waitlist entries.
Every row goes through the same services the front desk uses (permission, audit, counters),
so the demo also exercises them. `build_demo` is a generator yielding progress (a step
label and a fraction) for the GUI's progress dialog and the CLI's progress line.

Nothing here is real: names come from short invented lists, phone numbers are fictitious
Berlin numbers, and no email address is generated.
"""

from __future__ import annotations

import random
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cicini_desktop.config import Config
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.scheduling import appointments as appts
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import bulk
from cicini_desktop.services.scheduling import patients as pats
from cicini_desktop.services.scheduling import waitlist as wl
from cicini_desktop.services.sessions import StaffSession, sign_in
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
)
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.services.worker import Progress
from cicini_desktop.store import usage_sync

DEMO_MANAGER = "demo.manager"
# Invented and printed in the demo banner's help: the demo is a throw-away local copy.
DEMO_PASSWORD = "demo clinic walkthrough 2026"
DEMO_CLINIC_NAME = "Lindenhof Practice (demo)"
DEMO_TIMEZONE = "Europe/Berlin"

GIVEN = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elif",
    "Finn",
    "Greta",
    "Hanna",
    "Ilias",
    "Jana",
    "Karim",
    "Lea",
    "Malte",
    "Nora",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Samir",
    "Tilda",
    "Ugo",
    "Vera",
    "Wim",
    "Xenia",
    "Yara",
    "Zeno",
    "Amira",
    "Bastian",
    "Clara",
    "Dario",
    "Emil",
    "Frieda",
    "Goran",
    "Helena",
    "Ida",
    "Jonas",
    "Kira",
    "Luca",
    "Marta",
    "Nils",
    "Olga",
    "Pia",
    "Rafael",
    "Selma",
    "Theo",
    "Ulla",
    "Valentin",
    "Wanda",
    "Yusuf",
    "Zoe",
]
FAMILY = [
    "Albrecht",
    "Brandt",
    "Castell",
    "Dietz",
    "Eberhard",
    "Falkner",
    "Gerlach",
    "Hansen",
    "Imhof",
    "Jaeger",
    "Kessler",
    "Lorenz",
    "Maurer",
    "Neumann",
    "Ortlieb",
    "Pohl",
    "Quandt",
    "Roth",
    "Seidel",
    "Thalberg",
    "Ulrich",
    "Vogel",
    "Winter",
    "Yilmaz",
    "Zimmer",
    "Arslan",
    "Becker",
    "Conti",
    "Demir",
    "Engel",
    "Fischer",
    "Graf",
    "Horn",
    "Ivanova",
    "Jung",
    "Kraus",
    "Lange",
    "Moreau",
    "Nowak",
    "Otto",
    "Petersen",
    "Reuter",
    "Schade",
    "Tanaka",
    "Unger",
    "Varga",
    "Weiss",
    "Zander",
]

PROVIDERS = (
    ("anna.berger", "Dr. Anna Berger", "#3a7bd5", "gp"),
    ("jonas.keller", "Dr. Jonas Keller", "#2e9e6a", "gp"),
    ("mira.hoffmann", "Dr. Mira Hoffmann", "#c2185b", "gp"),
    ("sofia.marino", "Dr. Sofia Marino", "#8e44ad", "gp_part_time"),
    ("lena.vogt", "Lena Vogt, physio", "#e67e22", "physio"),
    ("tomasz.nowak", "Tomasz Nowak, physio", "#00838f", "physio"),
)
ROOMS = (
    ("Room 1 (treatment)", "treatment"),
    ("Room 2 (treatment)", "treatment"),
    ("Ultrasound room", "ultrasound"),
)
# name, minutes, colour, room kind, who offers it
TYPES = (
    ("Consultation", 15, "#4f86e0", None, "gp"),
    ("Follow-up", 10, "#5fb2a6", None, "gp"),
    ("Check-up", 30, "#7bb661", None, "gp"),
    ("Vaccination", 10, "#e0b43c", None, "gp"),
    ("Blood test", 10, "#d9534f", None, "gp"),
    ("Ultrasound", 20, "#9b6bd3", "ultrasound", "gp"),
    ("Physiotherapy", 45, "#f08a3c", "treatment", "physio"),
    ("New patient", 30, "#3fa7d6", None, "all"),
)
# Weekly hours by kind: (weekday, start, end) in wall minutes; the gaps are lunch breaks.
ROTAS: dict[str, list[tuple[int, int, int]]] = {
    "gp": [(d, 8 * 60, 12 * 60 + 30) for d in range(5)]
    + [(d, 13 * 60 + 30, 17 * 60) for d in range(5)],
    "gp_part_time": [(d, 9 * 60, 13 * 60) for d in (0, 2, 4)]
    + [(d, 14 * 60, 16 * 60) for d in (0, 2)],
    "physio": [(d, 9 * 60, 13 * 60) for d in range(5)] + [(d, 14 * 60, 18 * 60) for d in range(5)],
}
SIZES = {"small": 300, "large": 300}


@dataclass
class DemoClinic:
    context: ServiceContext
    manager: StaffSession
    provider_ids: list[str] = field(default_factory=list)
    patient_ids: list[str] = field(default_factory=list)
    appointments: int = 0


def create_demo_clinic(config: Config, **kwargs: object) -> DemoClinic:
    """Create and fill a demo clinic; returns it with the demo manager signed in."""
    steps = build_demo(config, **kwargs)  # type: ignore[arg-type]
    try:
        while True:
            next(steps)
    except StopIteration as done:
        result: DemoClinic = done.value
        return result


def build_demo(
    config: Config,
    *,
    today: date | None = None,
    patients: int = 300,
    days_before: int = 4,
    days_after: int = 10,
    fill: float = 0.6,
    seed: int = 20260316,
    vault: object | None = None,
    clock: object | None = None,
) -> Generator[Progress, None, DemoClinic]:
    """A long job: yields what is being done and how far; returns the `DemoClinic`."""
    rng = random.Random(seed)
    yield Progress(QT_TRANSLATE_NOOP("progress", "Creating the clinic"), 0.0)
    clinic = create_clinic(
        config,
        organization_name=DEMO_CLINIC_NAME,
        timezone=DEMO_TIMEZONE,
        vault=vault,  # type: ignore[arg-type]
        clock=clock,  # type: ignore[arg-type]
    )
    context = clinic.context
    _raise_demo_plan(context)
    create_first_manager(
        context, username=DEMO_MANAGER, display_name="Demo Manager", password=DEMO_PASSWORD
    )
    manager = sign_in(context, DEMO_MANAGER, DEMO_PASSWORD)
    actor = manager.actor
    demo = DemoClinic(context, manager)
    zone = ZoneInfo(DEMO_TIMEZONE)
    today = today or context.clock.now().astimezone(zone).date()

    yield Progress(QT_TRANSLATE_NOOP("progress", "Adding providers, rooms and types"), 0.02)
    clinician = next(r.id for r in list_roles(context, actor) if r.built_in)
    roles = {r.name: r.id for r in list_roles(context, actor)}
    clinician = roles.get("Clinician", clinician)
    kinds: dict[str, str] = {}
    for username, name, colour, kind in PROVIDERS:
        staff_id = create_staff(
            context,
            actor,
            NewStaff(
                username=username,
                display_name=name,
                password=f"invented provider password {len(demo.provider_ids)} for the demo",
                assignments=(RoleAssignment(clinician, frozenset()),),
                is_provider=True,
                colour=colour,
            ),
        )
        demo.provider_ids.append(staff_id)
        kinds[staff_id] = kind
    avail.set_clinic_hours(context, actor, [(d, 7 * 60 + 30, 18 * 60 + 30) for d in range(5)])
    rooms = {}
    for room_name, room_kind in ROOMS:
        room_id, _ = avail.create_room(context, actor, room_name, room_kind)
        rooms[room_id] = room_kind
    type_rows: list[tuple[str, int, str]] = []  # id, minutes, offered by (kind)
    for type_name, minutes, colour, room_kind, offered in TYPES:
        offered_by = frozenset(
            pid for pid, kind in kinds.items() if offered == "all" or kind.startswith(offered)
        )
        type_id, _ = avail.create_type(
            context,
            actor,
            avail.TypeInput(
                name=type_name,
                duration_minutes=minutes,
                colour=colour,
                room_kind=room_kind,
                provider_ids=offered_by,
            ),
        )
        type_rows.append((type_id, minutes, offered))
    rota_start = today - timedelta(days=60)
    for provider_id, kind in kinds.items():
        avail.set_rota(context, actor, provider_id, ROTAS[kind], effective_from=rota_start)
    # Time off: one GP away for two days next week, so the greyed-out days show.
    away = _next_weekday(today + timedelta(days=7), 1)
    avail.add_time_off(context, actor, demo.provider_ids[1], away, away + timedelta(days=1))

    yield Progress(QT_TRANSLATE_NOOP("progress", "Adding patients"), 0.08)
    seen: set[tuple[str, str, date]] = set()
    while len(demo.patient_ids) < patients:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        born = date(rng.randint(1938, 2022), rng.randint(1, 12), rng.randint(1, 28))
        if (given, family, born) in seen:
            continue
        seen.add((given, family, born))
        phone = f"030 {rng.randint(2000000, 9999999)}{rng.randint(0, 9)}"
        try:
            patient_id, _ = pats.create_patient(
                context,
                actor,
                pats.PatientInput(given_name=given, family_name=family, dob=born, phone=phone),
                allow_duplicate=True,
            )
        except CiciniError:
            continue
        demo.patient_ids.append(patient_id)
        if len(demo.patient_ids) % 50 == 0:
            yield Progress(
                QT_TRANSLATE_NOOP("progress", "Adding patients"),
                0.08 + 0.22 * len(demo.patient_ids) / patients,
            )

    days = [
        today + timedelta(days=offset)
        for offset in range(-days_before, days_after + 1)
        if (today + timedelta(days=offset)).weekday() < 5
    ]
    now = context.clock.now()
    for index, day in enumerate(days):
        yield Progress(
            QT_TRANSLATE_NOOP("progress", "Booking {day}").format(day=day),
            0.3 + 0.65 * index / len(days),
        )
        # A day of every provider in one batch: the same conflict rules as booking one by one
        # (a refused request is simply left out), one transaction instead of a few hundred.
        plan: list[bulk.BulkBooking] = []
        for provider_id in demo.provider_ids:
            plan += _plan_day(
                rng, zone, day, provider_id, kinds[provider_id], type_rows, demo.patient_ids,
                now, fill,
            )  # fmt: skip
        booked = bulk.book_many(context, actor, plan)
        demo.appointments += sum(1 for made in booked if made is not None)

    yield Progress(QT_TRANSLATE_NOOP("progress", "Adding waitlist entries"), 0.96)
    for position in range(5):
        type_id, _, offered = type_rows[[0, 2, 6, 7, 5][position]]
        provider = (
            next((p for p, k in kinds.items() if k.startswith(offered)), None)
            if position % 2 == 0
            else None
        )
        try:
            wl.add_waitlist_entry(
                context,
                actor,
                wl.WaitlistInput(
                    patient_id=demo.patient_ids[-1 - position],
                    type_id=type_id,
                    provider_id=provider,
                    weekdays=frozenset(),
                    priority=[3, 5, 1, 2, 4][position],
                    note=["Prefers mornings", "Any earlier slot", "", "After 15:00", ""][position]
                    or None,
                ),
            )
        except CiciniError:
            continue
    yield Progress(QT_TRANSLATE_NOOP("progress", "Done"), 1.0)
    return demo


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _plan_day(
    rng: random.Random,
    zone: ZoneInfo,
    day: date,
    provider_id: str,
    kind: str,
    type_rows: list[tuple[str, int, str]],
    patient_ids: list[str],
    now: datetime,
    fill: float,
) -> list[bulk.BulkBooking]:
    """About `fill` of a provider's working day, each with the statuses it would have by now."""
    offered = [t for t in type_rows if t[2] == "all" or kind.startswith(t[2])]
    planned: list[bulk.BulkBooking] = []
    for weekday, start, end in ROTAS[kind]:
        if weekday != day.weekday():
            continue
        minute = start
        while minute < end:
            type_id, minutes, _ = rng.choice(offered)
            if minute + minutes > end:
                break
            if rng.random() > fill:
                minute += 15
                continue
            begin = datetime.combine(day, time(0), zone) + timedelta(minutes=minute)
            request = appts.BookingRequest(
                patient_id=rng.choice(patient_ids),
                provider_id=provider_id,
                type_id=type_id,
                start=begin,
                duration_minutes=minutes,
            )
            path = _statuses(rng, begin, minutes, now)
            reason = CancelReason.PATIENT_REQUEST if AppointmentStatus.CANCELLED in path else None
            planned.append(bulk.BulkBooking(request, path, reason))
            minute += minutes + rng.choice((0, 0, 5, 10))
    return planned


def _statuses(
    rng: random.Random, begin: datetime, minutes: int, now: datetime
) -> tuple[AppointmentStatus, ...]:
    """The steps through the workflow the appointment would have taken by now."""
    S = AppointmentStatus
    end = begin + timedelta(minutes=minutes)
    roll = rng.random()
    if begin > now + timedelta(hours=2):
        path = [S.CONFIRMED] if roll < 0.5 else []
        if roll > 0.95:
            path = [S.CANCELLED]
    elif end <= now:
        if roll < 0.05:
            path = [S.NO_SHOW]
        elif roll < 0.1:
            path = [S.CANCELLED]
        else:
            path = [S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS, S.COMPLETED]
    elif begin <= now:
        path = [S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS]
    elif begin <= now + timedelta(minutes=40):
        path = [S.CONFIRMED, S.ARRIVED] if roll < 0.6 else [S.CONFIRMED]
    else:
        path = [S.CONFIRMED] if roll < 0.7 else []
    return tuple(path)


def _raise_demo_plan(context: ServiceContext) -> None:
    """The trial plan allows 3 providers; the demo shows 6, so it records a 'Demo' plan."""
    with unit_of_work(context, Actor.system(context.organization_id or "")) as tx:
        state = usage_sync.state(tx.session)
        state.plan_name = "Demo"
        state.plan_active_providers = 20
        state.plan_staff_accounts = 40
        state.plan_valid_until = context.clock.now() + timedelta(days=3650)
        state.plan_received_at = context.clock.now()
