"""Run as `python -m tests.bench.purge_probe FOLDER SIZE`: the retention purge of a clinic that
was never purged (a scratch copy in FOLDER), as the window runs it: a job of batches on the
database worker. Meanwhile the window's reads keep coming (a small read every 25 ms, as a
schedule page refreshing); how long each waited for the worker is what the receptionist
feels. Prints one JSON line: the purge's time, what it removed, the longest and the p95
wait of a read, and the process's peak resident memory.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from sqlalchemy import text

READ_EVERY_S = 0.025


def main(folder: str, size: str) -> int:
    from cicini_desktop.services import retention
    from cicini_desktop.services.context import Actor
    from cicini_desktop.services.worker import DatabaseWorker
    from tests.bench.contexts import encrypted_context
    from tests.bench.generate import SIZES, Dataset
    from tests.bench.report import percentile
    from tests.bench.rss_probe import _peak_mb

    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    dataset = Dataset(SIZES[size], Path(folder), meta)
    context = encrypted_context(dataset)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    before = _peak_mb()
    done = threading.Event()
    outcome: dict[str, Any] = {}

    def finished(result: Any, error: BaseException | None) -> None:
        outcome["result"], outcome["error"] = result, error
        done.set()

    def read() -> int:
        with context.database.session() as session:
            return int(session.execute(text("SELECT count(*) FROM staff")).scalar_one())

    system = Actor.system(meta["organization_id"])
    started = time.perf_counter()
    worker.run_job(
        retention.purge_steps(context, system, automatic=True),
        on_progress=lambda _step: None,
        on_done=finished,
    )
    waits: list[float] = []
    while not done.is_set():
        asked = time.perf_counter()
        future: Future[int] | None = worker.submit(read)
        if future is None:
            break
        future.result()
        waits.append((time.perf_counter() - asked) * 1000)
        time.sleep(READ_EVERY_S)
    seconds = time.perf_counter() - started
    worker.submit(context.database.close)
    worker.shutdown()
    if outcome.get("error") is not None:
        raise outcome["error"]
    report = outcome["result"]
    figures = {
        "purge_s": round(seconds, 1),
        "removed": _removed(report),
        "reads_during": len(waits),
        "read_wait_max_ms": round(max(waits), 1) if waits else None,
        "read_wait_p95_ms": round(percentile(waits, 0.95), 1) if waits else None,
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_before_mb": round(before, 1),
    }
    print(json.dumps(figures))
    return 0


def _removed(report: Any) -> str:
    counts = getattr(report, "counts", None) or getattr(report, "removed", None)
    if isinstance(counts, dict):
        return ", ".join(f"{getattr(k, 'value', k)} {v}" for k, v in counts.items())
    return str(counts)[:80]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
