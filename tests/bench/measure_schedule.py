"""2 to 6: day view, week view, next free slots, patient search as you type — each on the
encrypted database and on its plain twin, in alternation so both see the same machine load —
and booking one appointment through the service."""

from __future__ import annotations

import importlib
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from cicini_desktop.core.roles import BUILT_IN_PERMISSIONS, BuiltInRole
from cicini_desktop.services.context import Actor, ServiceContext
from tests.bench.contexts import cold_cache
from tests.bench.gen_schedule_rows import SLOT_TYPE, TYPES
from tests.bench.generate import NOW, TODAY
from tests.bench.measure import (
    BUDGET_NEXT_SLOT_MAX_MS,
    BUDGET_NEXT_SLOT_MS,
    BUDGET_PLAIN_RATIO,
    BUDGET_SEARCH_MAX_MS,
    BUDGET_SEARCH_P95_MS,
    Bench,
    Samples,
    judge,
    timed,
)
from tests.bench.measure_gui import distinct_days, distinct_mondays
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


DESK_PASSWORD = "bench-desk-Passphrase-after-first-sign-in"


def desk_has_signed_in(context: ServiceContext, meta: dict[str, Any]) -> None:
    """The receptionist was created with a one-time password (as staff are); at the desk
    they changed it at the first sign-in. Done once per cached clinic, through the
    services, so a signed-in receptionist's permission checks see a working account."""
    from cicini_desktop.core.errors import AuthenticationError
    from cicini_desktop.services import sessions
    from tests.bench.gen_scheduling import PASSWORD

    if not meta.get("receptionist_ids"):
        return
    try:
        session = sessions.sign_in(context, "desk1", PASSWORD.format(i=100))
    except AuthenticationError:
        return  # the one-time password was already changed by an earlier run
    if session.must_change_password:
        sessions.change_own_password(context, session, PASSWORD.format(i=100), DESK_PASSWORD)


def desk_actor(bench: Bench) -> Actor:
    """A signed-in receptionist: the whole schedule, no administration (the built-in role).
    Signed in, as at the desk: every permission check then re-reads the account from the
    database (services/unit_of_work.current_actor), which an unsigned actor skips."""
    meta = bench.meta
    staff_id = (meta.get("receptionist_ids") or [meta["manager_id"]])[0]
    return Actor(
        staff_id,
        meta["organization_id"],
        BUILT_IN_PERMISSIONS[BuiltInRole.RECEPTIONIST],
        signed_in=True,
    )


def paired(
    encrypted: Callable[[int], Any],
    plain: Callable[[int], Any] | None,
    times: int,
    warmup: int = 3,
    before: tuple[Callable[[], None], Callable[[], None]] | None = None,
) -> tuple[Samples, Samples]:
    """Alternate the two calls so a busy machine slows both alike. Call `i` reads its own
    input (a different day, week or start for each `i`), the same one on both databases;
    `before` (not timed) prepares each call, e.g. empties the page cache."""
    for step in range(warmup):
        encrypted(-1 - step)
        if plain:
            plain(-1 - step)
    a, b = Samples(), Samples()
    for step in range(times):
        for index, (function, samples) in enumerate(((encrypted, a), (plain, b))):
            if function is None:
                continue
            if before is not None:
                before[index]()
            cpu = time.thread_time_ns()
            started = time.perf_counter_ns()
            function(step)
            samples.append((time.perf_counter_ns() - started) / 1e6)
            samples.cpu.append((time.thread_time_ns() - cpu) / 1e6)
    return a, b


def _pair_results(
    name: str,
    a: Samples,
    b: Samples,
    budget: float | None,
    note: str = "",
    **tails: float | None,
) -> list[Result]:
    encrypted = judge(name, a, budget, note=note, **tails)  # type: ignore[arg-type]
    if not b:
        return [encrypted]
    plain = judge(f"{name} [plain SQLite]", b)
    ratio = (encrypted.median_ms or 0) / (plain.median_ms or 1)
    encrypted.ratio = plain.ratio = ratio
    plain.ok = ratio <= BUDGET_PLAIN_RATIO
    plain.extra["budget"] = f"enc/plain <= {BUDGET_PLAIN_RATIO}"
    # The same ratio of CPU time: the steadier figure when other work shares the cores.
    if a.cpu and b.cpu:
        plain.extra["cpu_ratio"] = round(statistics.median(a.cpu) / statistics.median(b.cpu), 2)
    return [encrypted, plain]


def reads(bench: Bench) -> list[Result]:
    results: list[Result] = []
    results += _views(bench)
    results += _cold_ratio(bench)
    results += _slots(bench)
    results += _search(bench)
    return results


def _contexts(bench: Bench) -> list[ServiceContext]:
    return [bench.encrypted] + ([bench.plain] if bench.plain is not None else [])


def _pair(calls: list[Callable[[int], Any]]) -> tuple[Callable[[int], Any], Any]:
    return calls[0], (calls[1] if len(calls) > 1 else None)


def _views(bench: Bench) -> list[Result]:
    """The services' day and week reads (the data layer alone, a new day or week each call);
    the painted page is measured by `measure_gui`."""
    views = _service("views")
    day_name, week_name = "day view read, 20 providers, new day", "week view read, 5 providers"
    if views is None or not bench.meta.get("type_ids"):
        return [not_available(day_name), not_available(week_name)]
    actor = desk_actor(bench)
    providers = bench.meta["provider_ids"]
    times = 60 if bench.large else 30
    span = bench.dataset.size.span_days
    days = distinct_days(times + 3, span, seed=5)
    mondays = distinct_mondays(times // 2 + 3, span, seed=6)

    def day(c: ServiceContext) -> Callable[[int], Any]:
        return lambda i: views.day_view(c, actor, days[i % len(days)], providers)

    def week(c: ServiceContext) -> Callable[[int], Any]:
        return lambda i: views.week_view(c, actor, mondays[i % len(mondays)], providers[:5])

    return [
        *_pair_results(
            day_name,
            *paired(*_pair([day(c) for c in _contexts(bench)]), times),
            None,
            note=f"{len(set(days))} distinct days; data layer only",
        ),
        *_pair_results(
            week_name,
            *paired(*_pair([week(c) for c in _contexts(bench)]), times // 2),
            None,
            note=f"{len(set(mondays))} distinct weeks; data layer only",
        ),
    ]


def _cold_ratio(bench: Bench) -> list[Result]:
    """Encrypted against plain as a receptionist meets it after a while: a day nobody looked
    at, SQLite's page cache empty (every page read, decrypted and checked), the same pragmas."""
    views = _service("views")
    name = "day view read, cold page cache (encrypted vs plain)"
    if views is None or bench.plain is None or not bench.meta.get("type_ids"):
        return [not_available(name)]
    actor = desk_actor(bench)
    providers = bench.meta["provider_ids"]
    times = 40 if bench.large else 20
    days = distinct_days(times + 2, bench.dataset.size.span_days, seed=11)
    calls = [
        (lambda i, c=c: views.day_view(c, actor, days[i % len(days)], providers))
        for c in _contexts(bench)
    ]
    before = (lambda: cold_cache(bench.encrypted), lambda: cold_cache(bench.plain))  # type: ignore[arg-type]
    a, b = paired(*_pair(calls), times, warmup=2, before=before)
    return _pair_results(name, a, b, None, note="page cache emptied before each read")


def _type_id(bench: Bench, name: str) -> str:
    index = [t.name for t in TYPES].index(name)
    return bench.meta["type_ids"][index]


def _starts(count: int, seed: int) -> list[datetime]:
    """Moving starts over the whole 90 days ahead (the first week 85 % booked, the next
    weeks less), each a different day and quarter hour. (Searching from the past would
    move the clock, and with it the usage counters, of the cached clinic.)"""
    rng = random.Random(seed)
    offsets = rng.sample(range(0, 90 * 24 * 4), count)
    return [NOW + timedelta(minutes=15 * offset) for offset in offsets]


def _slots(bench: Bench) -> list[Result]:
    slots = _service("slots")
    name = "next 10 free slots, 30 min, any provider, 90 days, moving starts"
    constrained = "next 10 free slots, room kind + afternoons, moving starts"
    if slots is None or not bench.meta.get("type_ids"):
        return [not_available(name), not_available(constrained)]
    from cicini_desktop.core.scheduling.slots import DayPart, Preferences

    actor = desk_actor(bench)
    times = 40 if bench.large else 20
    results: list[Result] = []
    cases = (
        (name, SLOT_TYPE, None, 23),
        (constrained, "Ultrasound", Preferences(day_part=DayPart.AFTERNOON), 29),
    )
    for label, type_name, preferences, seed in cases:
        type_id = _type_id(bench, type_name)
        starts = _starts(times + 3, seed)
        found_counts: list[int] = []

        def call(
            c: ServiceContext,
            count: bool,
            type_id: str = type_id,
            starts: list[datetime] = starts,
            preferences: Any = preferences,
            found_counts: list[int] = found_counts,
        ) -> Callable[[int], Any]:
            def run(i: int) -> None:
                found = slots.find_free_slots(
                    c,
                    actor,
                    type_id,
                    after=starts[i % len(starts)],
                    days=90,
                    limit=10,
                    preferences=preferences,
                )
                if count:
                    found_counts.append(len(found))

            return run

        calls = [call(c, index == 0) for index, c in enumerate(_contexts(bench))]
        a, b = paired(*_pair(calls), times)
        results += _pair_results(
            label,
            a,
            b,
            BUDGET_NEXT_SLOT_MS,
            note=f"{len(set(starts))} starts; found {min(found_counts)}-{max(found_counts)}",
            max_budget_ms=BUDGET_NEXT_SLOT_MAX_MS,
        )
    return results


def _phone_queries(context: ServiceContext, count: int) -> list[str]:
    """Phone numbers of the clinic, typed nationally (0...) and internationally (+49...)."""
    with context.database.session() as session:
        phones = list(
            session.execute(
                text("SELECT phone FROM patient WHERE phone LIKE '+49%' ORDER BY id LIMIT :n"),
                {"n": count},
            ).scalars()
        )
    return [("0" + p[3:]) if i % 2 == 0 else p for i, p in enumerate(phones)]


def _name_queries(context: ServiceContext, count: int) -> list[str]:
    """Names of the clinic as typed: the family name, or given and family name."""
    with context.database.session() as session:
        rows = session.execute(
            text("SELECT given_name, family_name FROM patient ORDER BY id LIMIT :n"),
            {"n": count},
        ).all()
    return [f if i % 2 == 0 else f"{g} {f}" for i, (g, f) in enumerate(rows)]


def _search(bench: Bench) -> list[Result]:
    patients = _service("patients")
    name = "patient search, every keystroke (names, phones)"
    if patients is None or not bench.meta.get("type_ids"):
        return [not_available(name)]
    actor = desk_actor(bench)
    queries = [
        *NAME_QUERIES,
        *_name_queries(bench.encrypted, 6),
        *_phone_queries(bench.encrypted, 6),
    ]
    prefixes = [
        q[:length]
        for q in queries
        for length in range(SEARCH_FROM, len(q) + 1)
        if q[:length].strip()
    ]
    calls = [
        (lambda i, c=c: patients.search_patients(c, actor, prefixes[max(0, i)]))
        for c in _contexts(bench)
    ]
    a, b = paired(*_pair(calls), len(prefixes), warmup=1)
    worst = max(range(len(a)), key=lambda i: a[i])
    note = (
        f"{len(queries)} queries, {len(prefixes)} prefixes; "
        f"slowest '{_mask(prefixes[worst])}' {a[worst]:.1f} ms"
    )
    return _pair_results(
        name,
        a,
        b,
        None,
        note=note,
        p95_budget_ms=BUDGET_SEARCH_P95_MS,
        max_budget_ms=BUDGET_SEARCH_MAX_MS,
    )


def _mask(prefix: str) -> str:
    """Phone digits and names of (synthetic) patients are kept out of the printed report."""
    if prefix[:1].isdigit() or prefix[:1] == "+":
        return prefix[:4] + "…"
    return prefix[:3] + "…" if len(prefix) > 3 else prefix


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
