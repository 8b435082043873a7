"""The benchmark's PostgreSQL column: the same clinic on the clinic server (loopback).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/server_column.py [--size small]

The cached benchmark clinic (tests/bench/generate.py) is copied row for row into a
throw-away PostgreSQL cluster (tests/pg_cluster.py, as the tests use it), then the day view
(20 providers), the week view (5 providers) and a booking are timed on both stores,
alternating calls so a busy machine slows both alike. Prints medians and the
server/SQLite ratio (the issue's budget: at most 1.5). Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cicini_desktop.config import load_config  # noqa: E402
from cicini_desktop.core.clock import FixedClock  # noqa: E402
from cicini_desktop.services.context import ServiceContext  # noqa: E402
from cicini_desktop.services.scheduling import appointments, views  # noqa: E402
from cicini_desktop.store.server import ServerSettings, open_server_database  # noqa: E402
from cicini_desktop.store.transfer import copy_rows  # noqa: E402
from cicini_desktop.store.vault import KeyVault  # noqa: E402
from tests.bench.contexts import WORKSTATION, encrypted_context  # noqa: E402
from tests.bench.generate import NOW, SIZES, TODAY, build_or_reuse, isolate_environment  # noqa: E402
from tests.bench.measure import Bench, timed  # noqa: E402
from tests.bench.measure_schedule import (  # noqa: E402
    _free_requests,
    _remove,
    _type_id,
    desk_actor,
    paired,
)
from tests.keyring_memory import MemoryKeyring  # noqa: E402
from tests.pg_cluster import APP, OWNER, start_cluster  # noqa: E402
from tests.pg_fixtures import migrated_template  # noqa: E402


def server_context(cluster, name: str, dataset, folder: Path) -> ServiceContext:
    settings = ServerSettings("127.0.0.1", cluster.port, name, APP)
    database = open_server_database(settings, cluster.app_password, folder)
    config = load_config(data_dir_flag=str(folder), env={})
    return ServiceContext(
        database=database,
        vault=KeyVault(backend=MemoryKeyring()),
        config=config,
        workstation=WORKSTATION,
        clock=FixedClock(NOW),
        organization_id=dataset.meta["organization_id"],
        installation_id=dataset.meta["installation_id"],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    args = parser.parse_args(argv)
    dataset = build_or_reuse(SIZES[args.size])
    isolate_environment(dataset)
    sqlite = encrypted_context(dataset)
    cluster = start_cluster()
    try:
        name = migrated_template(cluster, "bench")
        folder = Path(tempfile.mkdtemp(prefix="cicini-bench-pg-"))
        owner = open_server_database(
            ServerSettings("127.0.0.1", cluster.port, name, OWNER), cluster.owner_password, folder
        )
        for _ in copy_rows(sqlite.database.engine, owner.engine):
            pass
        with owner.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        owner.close()
        server = server_context(cluster, name, dataset, folder)
        bench = Bench(dataset, sqlite, None)
        actor = desk_actor(bench)
        providers = dataset.meta["provider_ids"]
        monday = TODAY - timedelta(days=TODAY.weekday())
        rows: list[tuple[str, float, float]] = []
        day_a, day_b = paired(
            lambda: views.day_view(sqlite, actor, TODAY, providers),
            lambda: views.day_view(server, actor, TODAY, providers),
            40,
        )
        rows.append(("day view, 20 providers", statistics.median(day_a), statistics.median(day_b)))
        week_a, week_b = paired(
            lambda: views.week_view(sqlite, actor, monday, providers[:5]),
            lambda: views.week_view(server, actor, monday, providers[:5]),
            20,
        )
        rows.append(
            ("week view, 5 providers", statistics.median(week_a), statistics.median(week_b))
        )
        type_id = _type_id(bench, "Consultation")
        patient = dataset.meta["patient_ids_sample"][0]
        requests = _free_requests(bench, appointments, actor, type_id, patient, 30)
        medians = []
        for context in (sqlite, server):
            pending = iter(requests)
            booked: list[str] = []

            def book(
                context: ServiceContext = context,
                pending: object = pending,
                booked: list[str] = booked,
            ) -> None:
                made = appointments.book_appointment(context, actor, next(pending))  # type: ignore[call-overload]
                booked.append(made.appointment_id)

            try:
                medians.append(statistics.median(timed(book, len(requests) - 2, warmup=2)))
            finally:
                _remove(context, booked)
        rows.append(("book one appointment", medians[0], medians[1]))
        server.database.close()
    finally:
        sqlite.database.close()
        cluster.stop()
    print(f"\nPostgreSQL column (loopback), size {args.size}, {os.cpu_count()} cpus")
    print(f"{'operation':<28}{'SQLite ms':>11}{'PostgreSQL ms':>15}{'ratio':>8}  budget 1.5")
    for label, a, b in rows:
        print(f"{label:<28}{a:>11.2f}{b:>15.2f}{b / a:>8.2f}  {'ok' if b / a <= 1.5 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
