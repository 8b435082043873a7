"""2 to 6: day view, week view, next free slots, patient search as you type — each on the
encrypted database and on its plain twin, in alternation so both see the same machine load —
and booking one appointment through the service."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from cicini_desktop.core.roles import BUILT_IN_PERMISSIONS, BuiltInRole
from cicini_desktop.services.context import Actor, ServiceContext
from tests.bench.gen_schedule_rows import SLOT_TYPE, TYPES
from tests.bench.generate import NOW, TODAY
from tests.bench.measure import (
    BUDGET_DAY_VIEW_MS,
    BUDGET_NEXT_SLOT_MS,
    BUDGET_PLAIN_RATIO,
    BUDGET_SEARCH_MS,
    BUDGET_WEEK_VIEW_MS,
    Bench,
    Samples,
    judge,
    timed,
)
from tests.bench.report import Result, not_available

# Typed as the front desk types them: names, then phone numbers (national format, filled
# in from two patients of the clinic). The picker searches from the second character on.
NAME_QUERIES = ("Hartmann", "Morgenstern", "Lea Schmitt")
SEARCH_FROM = 2


def _service(name: str) -> Any:
    try:
        return importlib.import_module(f"cicini_desktop.services.scheduling.{name}")
    except ModuleNotFoundError:
        return None


def desk_actor(bench: Bench) -> Actor:
    """A receptionist: the whole schedule, no administration (the built-in role)."""
    meta = bench.meta
    staff_id = (meta.get("receptionist_ids") or [meta["manager_id"]])[0]
    return Actor(staff_id, meta["organization_id"], BUILT_IN_PERMISSIONS[BuiltInRole.RECEPTIONIST])


def paired(
    encrypted: Callable[[], Any], plain: Callable[[], Any] | None, times: int, warmup: int = 3
) -> tuple[Samples, Samples]:
    """Alternate the two calls so a busy machine slows both alike."""
    for _ in range(warmup):
        encrypted()
        if plain:
            plain()
    a, b = Samples(), Samples()
    for _ in range(times):
        for function, samples in ((encrypted, a), (plain, b)):
            if function is None:
                continue
            cpu = time.thread_time_ns()
            started = time.perf_counter_ns()
            function()
            samples.append((time.perf_counter_ns() - started) / 1e6)
            samples.cpu.append((time.thread_time_ns() - cpu) / 1e6)
    return a, b


def _pair_results(name: str, a: Samples, b: Samples, budget: float, note: str = "") -> list[Result]:
    encrypted = judge(name, a, budget, note=note)
    if not b:
        return [encrypted]
    plain = judge(f"{name} [plain SQLite]", b)
    ratio = (encrypted.median_ms or 0) / (plain.median_ms or 1)
    encrypted.ratio = plain.ratio = ratio
    plain.ok = ratio <= BUDGET_PLAIN_RATIO
    plain.extra["budget"] = f"enc/plain <= {BUDGET_PLAIN_RATIO}"
    return [encrypted, plain]


def reads(bench: Bench) -> list[Result]:
    results: list[Result] = []
    results += _views(bench)
    if bench.meta.get("type_ids"):
        results += _gui_views(bench)
    results += _slots(bench)
    results += _search(bench)
    return results


def _contexts(bench: Bench) -> list[ServiceContext]:
    return [bench.encrypted] + ([bench.plain] if bench.plain is not None else [])


def _views(bench: Bench) -> list[Result]:
    views = _service("views")
    day_name, week_name = "day view, 20 providers", "week view, 5 providers"
    if views is None or not bench.meta.get("type_ids"):
        return [
            not_available(day_name, budget_ms=BUDGET_DAY_VIEW_MS),
            not_available(week_name, budget_ms=BUDGET_WEEK_VIEW_MS),
        ]
    actor = desk_actor(bench)
    providers = bench.meta["provider_ids"]
    monday = TODAY - timedelta(days=TODAY.weekday())
    times = 60 if bench.large else 40
    day = [lambda c=c: views.day_view(c, actor, TODAY, providers) for c in _contexts(bench)]
    week = [lambda c=c: views.week_view(c, actor, monday, providers[:5]) for c in _contexts(bench)]
    shown = len(day[0]())
    week_rows = len(week[0]())
    return [
        *_pair_results(
            day_name,
            *paired(day[0], day[1] if len(day) > 1 else None, times),
            BUDGET_DAY_VIEW_MS,
            note=f"{shown} rows on {TODAY.isoformat()}",
        ),
        *_pair_results(
            week_name,
            *paired(week[0], week[1] if len(week) > 1 else None, times // 2),
            BUDGET_WEEK_VIEW_MS,
            note=f"{week_rows} rows",
        ),
    ]


def gui_day_view(context: ServiceContext, actor: Actor, providers: list[str]) -> Any:
    """The day view as the schedule page loads it: `ServicesBackend.snapshot` (rows,
    arrivals, working hours) into `ScheduleModel.set_snapshot`. None without the GUI."""
    try:
        from zoneinfo import ZoneInfo

        from cicini_desktop.gui.schedule.model import ScheduleModel
        from cicini_desktop.gui.schedule.rows import ProviderRow
        from cicini_desktop.gui.schedule.services_backend import ServicesBackend
    except ImportError:
        return None
    from tests.bench.generate import TIMEZONE

    backend = ServicesBackend(context, actor)
    model = ScheduleModel(ZoneInfo(TIMEZONE))
    model.set_range((TODAY,), tuple(ProviderRow(p, p) for p in providers))
    ids = tuple(providers)

    def load() -> int:
        model.set_snapshot(backend.snapshot(TODAY, TODAY, ids))
        return len(model.appointments())

    return load


def _gui_views(bench: Bench) -> list[Result]:
    name = "day view as the GUI loads it (snapshot + model)"
    actor = desk_actor(bench)
    providers = bench.meta["provider_ids"]
    loads = [gui_day_view(c, actor, providers) for c in _contexts(bench)]
    if loads[0] is None:
        return [not_available(name, "GUI schedule backend not present")]
    shown = loads[0]()
    times = 30 if bench.large else 20
    a, b = paired(loads[0], loads[1] if len(loads) > 1 else None, times)
    return _pair_results(name, a, b, BUDGET_DAY_VIEW_MS, note=f"{shown} rows in the model")


def _type_id(bench: Bench, name: str) -> str:
    index = [t.name for t in TYPES].index(name)
    return bench.meta["type_ids"][index]


def _slots(bench: Bench) -> list[Result]:
    slots = _service("slots")
    name = "next 10 free slots, 30 min, any provider, 90 days"
    if slots is None or not bench.meta.get("type_ids"):
        return [not_available(name, budget_ms=BUDGET_NEXT_SLOT_MS)]
    actor = desk_actor(bench)
    type_id = _type_id(bench, SLOT_TYPE)
    calls = [
        lambda c=c: slots.find_free_slots(c, actor, type_id, after=NOW, days=90, limit=10)
        for c in _contexts(bench)
    ]
    found = calls[0]()
    first = found[0].start.strftime("%a %H:%M") if found else "none"
    times = 40 if bench.large else 30
    a, b = paired(calls[0], calls[1] if len(calls) > 1 else None, times)
    return _pair_results(name, a, b, BUDGET_NEXT_SLOT_MS, note=f"{len(found)} found, first {first}")


def _phone_queries(context: ServiceContext) -> list[str]:
    with context.database.session() as session:
        phones = session.execute(
            text("SELECT phone FROM patient WHERE phone LIKE '+49%' ORDER BY id LIMIT 2")
        ).scalars()
        return ["0" + p[3:] for p in phones]


def _search(bench: Bench) -> list[Result]:
    patients = _service("patients")
    name = "patient search, per keystroke"
    if patients is None or not bench.meta.get("type_ids"):
        return [not_available(name, budget_ms=BUDGET_SEARCH_MS)]
    actor = desk_actor(bench)
    queries = [*NAME_QUERIES, *_phone_queries(bench.encrypted)]
    contexts = _contexts(bench)
    a, b = Samples(), Samples()
    slowest: tuple[float, str] = (0.0, "")
    rounds = 3
    for query in queries:
        for length in range(SEARCH_FROM, len(query) + 1):
            prefix = query[:length]
            calls = [lambda c=c, q=prefix: patients.search_patients(c, actor, q) for c in contexts]
            ta, tb = paired(calls[0], calls[1] if len(calls) > 1 else None, rounds, warmup=1)
            a += ta
            a.cpu += ta.cpu
            b += tb
            b.cpu += tb.cpu
            worst = max(ta)
            if worst > slowest[0]:
                slowest = (worst, prefix)
    note = f"{len(queries)} queries; slowest prefix '{_mask(slowest[1])}' {slowest[0]:.1f} ms"
    return _pair_results(name, a, b, BUDGET_SEARCH_MS, note=note)


def _mask(prefix: str) -> str:
    """Phone digits of a (synthetic) patient are still kept out of the printed report."""
    return prefix if not prefix[:1].isdigit() else prefix[:4] + "…"


def booking(bench: Bench) -> list[Result]:
    """6. book_appointment end to end (lock, conflict check, insert, history, counter, commit)
    into free time three months ahead; the bookings are removed afterwards."""
    appointments = _service("appointments")
    name = "book one appointment (service, commit)"
    if appointments is None or not bench.meta.get("type_ids"):
        return [not_available(name)]
    context = bench.encrypted
    actor = desk_actor(bench)
    type_id = _type_id(bench, "Consultation")
    patient_id = bench.meta["patient_ids_sample"][0]
    requests = _free_requests(bench, appointments, actor, type_id, patient_id, 30)
    if not requests:
        return [Result(name, note="no free time found to book into")]
    booked: list[str] = []
    pending = iter(requests)

    def book() -> None:
        booked.append(appointments.book_appointment(context, actor, next(pending)).appointment_id)

    try:
        samples = timed(book, len(requests) - 2, warmup=2)
    finally:
        _remove(context, booked)
    return [judge(name, samples, note="conflict check + history + counter, one commit")]


def _free_requests(
    bench: Bench, appointments: Any, actor: Actor, type_id: str, patient_id: str, count: int
) -> list[Any]:
    """Times that pass the conflict check (checked, not timed), on quiet future days."""
    providers = bench.meta["provider_ids"][:12]  # full-timers: Monday to Friday
    found: list[Any] = []
    day = TODAY + timedelta(days=120)
    while len(found) < count and day < TODAY + timedelta(days=200):
        if day.weekday() < 5:
            for minute in range(8 * 60, 12 * 60, 15):
                provider = providers[len(found) % len(providers)]
                start = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
                request = appointments.BookingRequest(patient_id, provider, type_id, start)
                if not appointments.check_appointment(bench.encrypted, actor, request):
                    found.append(request)
                    break
        day += timedelta(days=1)
    return found


def _remove(context: ServiceContext, appointment_ids: list[str]) -> None:
    """Put the cached clinic back as it was (history first: it refers to the appointment)."""
    if not appointment_ids:
        return
    with context.database.session_factory.begin() as session:
        for appointment_id in appointment_ids:
            session.execute(
                text("DELETE FROM appointment_history WHERE appointment_id = :a"),
                {"a": appointment_id},
            )
            session.execute(text("DELETE FROM appointment WHERE id = :a"), {"a": appointment_id})
