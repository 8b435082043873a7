"""The timing harness and the operations that need no feature beyond the foundation.

Every figure is wall-clock time (`perf_counter_ns`) of the call the app makes, repeated after a
warm-up; the report shows the median and the 95th percentile. Garbage collection stays on:
the app runs with it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.database import connect_raw, open_database
from tests.bench.generate import Dataset
from tests.bench.report import Result, from_samples, not_available

# Budgets from ../shared/DESIGN.md ("Performance budgets", as the user feels them).
BUDGET_OPEN_MS = 30.0
BUDGET_DAY_VIEW_MS = 16.0  # median; p95 30 ms (the painted page)
BUDGET_DAY_VIEW_P95_MS = 30.0
BUDGET_WEEK_VIEW_MS = 30.0
BUDGET_NEXT_SLOT_MS = 15.0  # median; max 30 ms, constrained searches included
BUDGET_NEXT_SLOT_MAX_MS = 30.0
BUDGET_SEARCH_P95_MS = 5.0  # every keystroke; max 15 ms
BUDGET_SEARCH_MAX_MS = 15.0
BUDGET_AUDIT_APPEND_PER_S = 5_000  # in a batch
BUDGET_AUDIT_PER_OPERATION_MS = 2.0  # chain and head, one audited operation
BUDGET_PLAIN_RATIO = 1.15
BUDGET_COLD_START_RATIO = 2.0
BUDGET_MAIN_WINDOW_RSS_MB = 200.0
BUDGET_PURGE_RSS_MB = 250.0
BUDGET_PURGE_WORKER_FREE_MS = 200.0
BUDGET_SYNC_DAY_BYTES = 4_096


@dataclass
class Bench:
    """What the operations measure against: the clinic and contexts over both copies."""

    dataset: Dataset
    encrypted: ServiceContext
    plain: ServiceContext | None

    @property
    def meta(self) -> dict[str, Any]:
        return self.dataset.meta

    @property
    def large(self) -> bool:
        return self.dataset.size.name == "large"


class Samples(list[float]):
    """Wall milliseconds of each call, with the thread's CPU milliseconds in `.cpu`."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: list[float] = []


def timed(function: Callable[[], Any], times: int, warmup: int = 2) -> Samples:
    """Milliseconds of each of `times` calls, after `warmup` calls that are not kept."""
    for _ in range(warmup):
        function()
    samples = Samples()
    for _ in range(times):
        cpu = time.thread_time_ns()
        started = time.perf_counter_ns()
        function()
        samples.append((time.perf_counter_ns() - started) / 1e6)
        samples.cpu.append((time.thread_time_ns() - cpu) / 1e6)
    return samples


def judge(
    name: str,
    samples: Samples,
    budget_ms: float | None = None,
    note: str = "",
    *,
    p95_budget_ms: float | None = None,
    max_budget_ms: float | None = None,
) -> Result:
    return from_samples(
        name,
        samples,
        budget_ms,
        note=note,
        cpu_ms=samples.cpu,
        p95_budget_ms=p95_budget_ms,
        max_budget_ms=max_budget_ms,
    )


def open_unlock(bench: Bench) -> list[Result]:
    """1. The raw-key open: connect, PRAGMA key, verify, pragmas (what every connection
    does), and beside it the app's whole `open_database` (manifest, probe, migration check)."""
    path, key = bench.dataset.database_path, bench.dataset.key()

    def raw() -> None:
        connect_raw(path, key).close()

    def whole() -> None:
        open_database(path, key).close()

    return [
        judge("open+unlock encrypted db (raw key)", timed(raw, 50), BUDGET_OPEN_MS),
        judge(
            "open_database (+manifest, migration check)",
            timed(whole, 20),
            note="app start path, no budget",
        ),
    ]


def sync_document(bench: Bench) -> list[Result]:
    """9. The next usage document (pending days read, grouped, encoded), and one day's size."""
    try:
        from cicini_desktop.core.usage_document import group_rows
        from cicini_desktop.services import usage
        from cicini_desktop.store import usage_sync
    except ImportError:
        return [not_available("build sync document")]
    context = bench.encrypted
    samples = timed(lambda: usage.next_document(context), 30)
    document = usage.next_document(context) or b""
    with context.database.session() as session:
        days = group_rows(usage_sync.counter_rows(session))
    busiest = max(days, key=lambda d: len(d.counters)) if days else None
    one_day = len(usage.document_bytes(context, [busiest])) if busiest else 0
    result = judge("build sync document (next queued)", samples)
    result.extra.update(
        {
            "document_bytes": len(document),
            "one_day_bytes": one_day,
            "budget": f"day < {BUDGET_SYNC_DAY_BYTES} B",
        }
    )
    result.ok = bool(busiest) and one_day < BUDGET_SYNC_DAY_BYTES
    return [result]
