"""The benchmark: a synthetic clinic, the front-desk operations, figures against the budgets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/run.py [--size small|large] [--json FILE]

Builds (or reuses from `.bench-cache/`) the clinic, measures each operation on the encrypted
database (and the schedule reads on a plain copy too), prints one table and writes it as JSON.
Figures over budget are reported, not failures: the exit status is 0 whenever every operation
ran, and 1 only when the benchmark itself broke (an operation raised).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make `tests.bench` importable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench import (  # noqa: E402
    measure,
    measure_audit,
    measure_gui,
    measure_schedule,
    measure_server,
    startup,
)
from tests.bench.contexts import encrypted_context, plain_context  # noqa: E402
from tests.bench.generate import SIZES, build_or_reuse, isolate_environment  # noqa: E402
from tests.bench.report import Result, table, write_json  # noqa: E402

Operation = Callable[[measure.Bench], list[Result]]


def operations(bench: measure.Bench) -> list[tuple[str, Operation]]:
    starts = 5
    return [
        ("open", measure.open_unlock),
        ("schedule page (painted)", measure_gui.page_views),
        ("schedule reads", measure_schedule.reads),
        ("booking", measure_schedule.booking),
        ("PostgreSQL column", measure_server.server_column),
        ("audit", measure_audit.append_and_verify),
        ("audit viewer", measure_audit.viewer_first_page),
        ("sync document", measure.sync_document),
        ("cold start", lambda b: startup.cold_start(b.dataset, starts)),
        ("memory", lambda b: startup.resident_memory(b.dataset)),
        ("retention purge", lambda b: startup.retention_purge(b.dataset)),
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results here")
    parser.add_argument(
        "--only",
        action="append",
        metavar="LABEL",
        help="measure only the operations whose label contains LABEL (repeatable)",
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build (or find) the cached clinic and stop"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    load_before = os.getloadavg()[0]  # other work on the machine shows in wall times
    dataset = build_or_reuse(SIZES[args.size])
    if args.build_only:
        return 0
    isolate_environment(dataset)
    bench = measure.Bench(dataset, encrypted_context(dataset), plain_context(dataset))
    for context in (bench.encrypted, bench.plain):  # the plain twin is a copy of its own
        if context is not None:
            measure_schedule.desk_has_signed_in(context, dataset.meta)
    results: list[Result] = []
    broken = False
    try:
        for label, operation in operations(bench):
            if args.only and not any(part in label for part in args.only):
                continue
            print(f"measuring {label} ...", flush=True)
            try:
                results.extend(operation(bench))
            except Exception as error:
                traceback.print_exc()
                results.append(Result(label, note=f"error ({type(error).__name__}: {error})"))
                broken = True
    finally:
        bench.encrypted.database.close()
        if bench.plain is not None:
            bench.plain.database.close()
    counts = dataset.meta.get("counts", {})
    load = os.getloadavg()[0]
    title = (
        f"\nCicini benchmark, size {dataset.size.name} "
        f"({', '.join(f'{v:,} {k}' for k, v in counts.items()) or 'no scheduling data'}; "
        f"{os.cpu_count()} cpus, load average {load_before:.1f} -> {load:.1f}; "
        f"{time.perf_counter() - started:.0f} s)"
    )
    print(table(results, title))
    checks = dataset.meta.get("sample_check")
    if checks:
        print(f"bulk rows vs the services' own (sample): {checks}")
    skipped = {k: v["skipped"] for k, v in dataset.meta.get("steps", {}).items() if "skipped" in v}
    if skipped:
        print(f"left out of the clinic (feature not in the code base yet): {skipped}")
    if args.json:
        write_json(results, args.json)
        print(f"\nwritten to {args.json}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
