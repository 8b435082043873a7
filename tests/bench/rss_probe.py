"""Run as `python -m tests.bench.rss_probe FOLDER SIZE`: open the clinic in the real main
window, browse days and weeks, print the peak resident memory as one JSON line (what
`startup.resident_memory` reads)."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _peak_mb() -> float:
    """This process's peak resident memory. On Linux `getrusage().ru_maxrss` keeps the
    parent's peak across fork+exec (the benchmark's own process is large), so the kernel's
    high-water mark of this process's memory, VmHWM, is read instead where it exists."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(folder: str, size: str) -> int:
    """The real main window (the receptionist's), its schedule page browsed over distinct
    days and then weeks through the worker, as a front desk does over a morning."""
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QApplication

    from cicini_desktop.gui.operations import OperationHub
    from cicini_desktop.gui.signed_in import SignedIn
    from cicini_desktop.gui.workspace import build_main_window
    from cicini_desktop.services.worker import DatabaseWorker
    from tests.bench import measure_gui, measure_schedule
    from tests.bench.contexts import encrypted_context
    from tests.bench.generate import NOW, SIZES, TIMEZONE, Dataset
    from tests.bench.measure import Bench

    app = QApplication(sys.argv[:1])
    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    dataset = Dataset(SIZES[size], Path(folder), meta)
    after_imports = _peak_mb()
    context = encrypted_context(dataset)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    bench = Bench(dataset, context, None)
    actor = measure_schedule.desk_actor(bench)
    window = build_main_window(
        context,
        SignedIn(actor.staff_id, "Benchmark Desk", actor),
        hub,
        clinic_name="Benchmark Clinic",
        timezone=ZoneInfo(TIMEZONE),
        now=lambda: NOW,
    )
    window.resize(1366, 800)
    window.show()
    page = window.show_page("schedule")
    measure_gui._wait(app, lambda: page.catalogue is not None and page._loaded_generation > 0, 60)
    page.day_provider_ids = [p.id for p in page.all_providers()]
    page.week_provider_ids = page.day_provider_ids[:5]
    span = dataset.size.span_days
    page.set_mode("day")
    days = measure_gui.distinct_days(40, span, seed=3)
    measure_gui._steps(app, page, days, warmup=0)
    page.set_mode("week")
    weeks = measure_gui.distinct_mondays(20, span, seed=4)
    measure_gui._steps(app, page, weeks, warmup=0)
    figures = {
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_after_imports_mb": round(after_imports, 1),
        "note": f"main window; {len(days)} days and {len(weeks)} weeks browsed",
    }
    window.close()
    hub.shutdown()
    worker.submit(context.database.close)
    worker.shutdown()
    del app
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
