"""The PostgreSQL column (issue 19): the same clinic on the clinic server, over loopback.

The cached clinic is copied row for row into a throw-away PostgreSQL cluster (as the tests
start one, but with the server's durable defaults: fsync and synchronous_commit on, as a
clinic runs it), analysed, and opened as a desk opens it (application role, chain head on
the server, the desk's workstation id). Then the day view, the week view and a booking are
timed on the encrypted SQLite file and on the server in alternation, each step a new day,
week or slot, the same one on both stores, by a signed-in receptionist (whose permissions
every service call re-reads, as in the app). Budget: the server at most 1.5 times SQLite
(median). Without PostgreSQL's server binaries the rows say so and nothing else runs.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.store.server import ServerSettings, open_server_database
from cicini_desktop.store.transfer import copy_rows
from cicini_desktop.store.vault import KeyVault
from tests.bench.contexts import WORKSTATION
from tests.bench.gen_scheduling import span_dates
from tests.bench.generate import NOW, TODAY
from tests.bench.measure import Bench, Samples, judge
from tests.bench.measure_schedule import (
    _free_requests,
    _remove,
    _service,
    _type_id,
    desk_actor,
    paired,
)
from tests.bench.report import Result, not_available
from tests.keyring_memory import MemoryKeyring
from tests.pg_cluster import APP, OWNER, Cluster, find_bin, start_cluster
from tests.pg_fixtures import migrated_template

BUDGET_SERVER_RATIO = 1.5
DAY = "day view read, 20 providers, new day"
PAINTED = "day view, 20 providers, new day, painted (page + worker)"
WEEK = "week view read, 5 providers, new week"
BOOK = "book one appointment (service, commit)"
LABELS = (DAY, PAINTED, WEEK, BOOK)


def server_column(bench: Bench) -> list[Result]:
    pg_bin = find_bin()
    if pg_bin is None or not (pg_bin / "initdb").exists():
        why = "no PostgreSQL server binaries (initdb); install the Debian package postgresql"
        print(f"PostgreSQL column skipped: {why}", flush=True)
        return [not_available(f"{label} [PostgreSQL]", why) for label in LABELS]
    views, appointments = _service("views"), _service("appointments")
    if views is None or appointments is None or not bench.meta.get("type_ids"):
        return [not_available(f"{label} [PostgreSQL]") for label in LABELS]
    # The receptionist's one-time password was changed before the copy was made
    # (run.py: measure_schedule.desk_has_signed_in), so the server's copy has it too.
    with clinic_server(bench) as (server, open_desk, cluster):
        cpu = ServerCpu(cluster)
        results = measure(bench, bench.encrypted, server, views, appointments, cpu)
        results[2:2] = painted(bench, open_desk, cpu)
        return results


class ServerCpu:
    """CPU time of the cluster's processes (the server's share of the work, which the
    client's CPU time leaves out): on a machine shared with other work, the wall-time ratio
    also counts waiting for a core twice per round trip, this does not."""

    def __init__(self, cluster: Cluster) -> None:
        self.postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
        self.tick_ms = 1000 / os.sysconf("SC_CLK_TCK")

    def total_ms(self) -> float:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            pid, parent = int(entry.name), int(fields[1])
            if pid == self.postmaster or parent == self.postmaster:
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total * self.tick_ms

    def per_call(self, run: Callable[[], tuple[Samples, Samples]], calls: int) -> Any:
        """`run()`'s samples, and the server's CPU milliseconds per call of it."""
        before = self.total_ms()
        a, b = run()
        return a, b, (self.total_ms() - before) / calls


@contextmanager
def clinic_server(
    bench: Bench,
) -> Iterator[tuple[ServiceContext, Callable[[], ServiceContext], Cluster]]:
    """A desk's context on a server holding the benchmark clinic, a way to open another
    desk on it, and the cluster (torn down afterwards)."""
    cluster = start_cluster(durable=True)
    try:
        name = migrated_template(cluster, "bench")
        folder = Path(tempfile.mkdtemp(prefix="cicini-bench-pg-"))
        settings = ServerSettings("127.0.0.1", cluster.port, name, OWNER)
        owner = open_server_database(settings, cluster.owner_password, folder)
        try:
            for _ in copy_rows(bench.encrypted.database.engine, owner.engine):
                pass
            with owner.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE"  # fresh statistics and visibility map, as a live server has
                )
        finally:
            owner.close()
        context = desk_context(cluster, name, bench, folder)
        try:
            yield context, lambda: desk_context(cluster, name, bench, folder), cluster
        finally:
            context.database.close()
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        cluster.stop()


def desk_context(cluster: Cluster, name: str, bench: Bench, folder: Path) -> ServiceContext:
    """As `services.clinic.open_clinic` makes it for `store = "postgresql"`."""
    from cicini_desktop.services.audit_integrity import install_chain_head
    from cicini_desktop.services.server_store import desk_workstation

    settings = ServerSettings("127.0.0.1", cluster.port, name, APP)
    database = open_server_database(settings, cluster.app_password, folder)
    context = ServiceContext(
        database=database,
        vault=KeyVault(backend=MemoryKeyring()),
        config=load_config(data_dir_flag=str(folder), env={}),
        workstation=desk_workstation(WORKSTATION, database),
        clock=FixedClock(NOW),
        organization_id=bench.meta["organization_id"],
        installation_id=bench.meta["installation_id"],
    )
    install_chain_head(context)
    return context


def measure(
    bench: Bench,
    sqlite: ServiceContext,
    server: ServiceContext,
    views: Any,
    appointments: Any,
    cpu: ServerCpu,
) -> list[Result]:
    actor = desk_actor(bench)
    providers = bench.meta["provider_ids"]
    days = clinic_days(bench, 63 if bench.large else 43, seed=41)
    mondays = sorted({d - timedelta(days=d.weekday()) for d in clinic_days(bench, 999, 43)})
    random.Random(43).shuffle(mondays)
    times = len(days) - 3

    def day(c: ServiceContext) -> Callable[[int], Any]:
        return lambda i: views.day_view(c, actor, days[i % len(days)], providers)

    def week(c: ServiceContext) -> Callable[[int], Any]:
        return lambda i: views.week_view(c, actor, mondays[i % len(mondays)], providers[:5])

    warmup = 3  # `paired`'s
    results = _column(
        DAY,
        *cpu.per_call(lambda: paired(day(sqlite), day(server), times), times + warmup),
        f"{len(set(days))} days",
    )
    weeks = 30 if bench.large else 20
    results += _column(
        WEEK,
        *cpu.per_call(lambda: paired(week(sqlite), week(server), weeks), weeks + warmup),
        f"{len(mondays[: weeks + 3])} weeks",
    )
    results += _booking(bench, actor, sqlite, server, appointments, cpu)
    return results


def painted(bench: Bench, open_desk: Callable[[], ServiceContext], cpu: ServerCpu) -> list[Result]:
    """The day view as the receptionist feels it (measure_gui): the real schedule page over
    each store, its reads through its own database worker, timed until the grid has painted
    the new day; the two pages take turns, a different day at each step."""
    from tests.bench.contexts import encrypted_context
    from tests.bench.measure_gui import PaintWatch, _wait, open_page

    actor = desk_actor(bench)
    days = clinic_days(bench, 43 if not bench.large else 63, seed=47)
    pages = [
        open_page(bench, encrypted_context(bench.dataset), actor),
        open_page(bench, open_desk(), actor),
    ]
    try:
        app = pages[0][0]
        watches = []
        for _, page, _, _ in pages:
            page.day_provider_ids = [p.id for p in page.all_providers()]
            page.set_mode("day")
            _wait(app, lambda page=page: not page.hub.busy, 30)
            watches.append(PaintWatch(page))
        samples = (Samples(), Samples())
        warmup = 3
        server_before = cpu.total_ms()
        for index, day in enumerate(days):
            for (_, page, _, _), watch, kept in zip(pages, watches, samples, strict=True):
                watch.expect(day)
                process_cpu = time.process_time_ns()
                started = time.perf_counter_ns()
                page.go_to(day)
                _wait(app, lambda watch=watch: watch.painted)
                if index >= warmup:
                    kept.append((watch.painted_ns - started) / 1e6)
                    kept.cpu.append((watch.painted_cpu_ns - process_cpu) / 1e6)
                _wait(app, lambda watch=watch: watch.complete, 30)
        server_cpu = (cpu.total_ms() - server_before) / len(days)
    finally:
        for _, _, _, teardown in pages:
            teardown()
    return _column(
        PAINTED, *samples, server_cpu, f"{len(days) - warmup} days; page + worker + paint"
    )


def clinic_days(bench: Bench, count: int, seed: int) -> list[date]:
    """Different working days the clinic has appointments on (as `measure_gui.distinct_days`,
    whose window reaches past the small clinic's few weeks into empty days): up to three
    years back, up to two months ahead."""
    first, last = span_dates(bench.dataset)  # type: ignore[arg-type]
    first = max(first, TODAY - timedelta(days=3 * 365))
    last = min(last, TODAY + timedelta(days=60))
    pool = [
        first + timedelta(days=i)
        for i in range((last - first).days + 1)
        if (first + timedelta(days=i)).weekday() < 5
    ]
    return random.Random(seed).sample(pool, min(count, len(pool)))


def _booking(
    bench: Bench,
    actor: Actor,
    sqlite: ServiceContext,
    server: ServiceContext,
    appointments: Any,
    cpu: ServerCpu,
) -> list[Result]:
    """A different free slot at each step, the same one on both stores; removed afterwards."""
    type_id = _type_id(bench, "Consultation")
    patient_id = bench.meta["patient_ids_sample"][0]
    requests = _free_requests(bench, appointments, actor, type_id, patient_id, 33)
    if len(requests) < 10:
        return [Result(f"{BOOK} [PostgreSQL]", note="no free time found to book into")]
    booked: dict[int, list[str]] = {id(sqlite): [], id(server): []}
    # The share of the COMMIT (from the engine's commit event to the call's return): the
    # server flushes its write-ahead log to disk at every commit (synchronous_commit on);
    # SQLite in WAL mode with synchronous=NORMAL does not.
    commits: dict[int, list[float]] = {id(sqlite): [], id(server): []}

    def book(c: ServiceContext) -> Callable[[int], Any]:
        committing: list[float] = []
        event.listen(c.database.engine, "commit", lambda *_: committing.append(time.perf_counter()))

        def run(i: int) -> None:
            committing.clear()
            made = appointments.book_appointment(c, actor, requests[i % len(requests)])
            if committing:
                commits[id(c)].append((time.perf_counter() - committing[-1]) * 1e3)
            booked[id(c)].append(made.appointment_id)

        return run

    try:
        # Warm-up steps use the last requests (negative indexes), the timed ones the rest.
        times = len(requests) - 3
        a, b, server_cpu = cpu.per_call(
            lambda: paired(book(sqlite), book(server), times), times + 3
        )
    finally:
        _remove(sqlite, booked[id(sqlite)])
        _remove(server, booked[id(server)])
    rows = _column(
        BOOK, a, b, server_cpu, f"{len(requests)} slots; conflict check + history + counter"
    )
    for row, context in zip(rows, (sqlite, server), strict=True):
        if commits[id(context)]:
            row.extra["commit_median_ms"] = round(statistics.median(commits[id(context)]), 2)
    return rows


def _column(
    name: str, sqlite: Samples, server: Samples, server_cpu: float, note: str
) -> list[Result]:
    """The SQLite row of this run, then the server's with the ratio of the medians."""
    base = judge(f"{name} [SQLite, same run]", sqlite, note=note)
    row = judge(f"{name} [PostgreSQL]", server, note="loopback, durable commits")
    ratio = (row.median_ms or 0) / (base.median_ms or 1)
    row.ratio = round(ratio, 3)
    row.ok = ratio <= BUDGET_SERVER_RATIO
    row.extra["budget"] = f"pg/SQLite <= {BUDGET_SERVER_RATIO}"
    row.extra["p95_ratio"] = round((row.p95_ms or 0) / (base.p95_ms or 1), 2)
    if sqlite.cpu and server.cpu:
        # The client's CPU time alone (the server process's work is not in it).
        client = statistics.median(server.cpu)
        row.extra["cpu_ratio"] = round(client / statistics.median(sqlite.cpu), 2)
        # The work on both sides of the loopback (the server's per call, mean over the run):
        # the figure a loaded machine disturbs least.
        row.extra["server_cpu_ms"] = round(server_cpu, 2)
        row.extra["cpu_ratio_with_server"] = round(
            (client + server_cpu) / statistics.median(sqlite.cpu), 2
        )
    return [base, row]
