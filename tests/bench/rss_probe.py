"""Run as `python -m tests.bench.rss_probe FOLDER SIZE`: open the clinic, show the day view's
data, print the peak resident memory as one JSON line (what `startup.resident_memory` reads)."""

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
    from PySide6.QtWidgets import QApplication

    from tests.bench.contexts import encrypted_context
    from tests.bench.generate import SIZES, TODAY, Dataset

    app = QApplication(sys.argv[:1])
    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    dataset = Dataset(SIZES[size], Path(folder), meta)
    after_imports = _peak_mb()
    context = encrypted_context(dataset)
    note = "db open only (no day view in this code base yet)"
    if meta.get("type_ids"):
        from tests.bench import measure_schedule
        from tests.bench.measure import Bench

        bench = Bench(dataset, context, None)
        actor = measure_schedule.desk_actor(bench)
        load = measure_schedule.gui_day_view(context, actor, meta["provider_ids"])
        if load is not None:
            note = f"day view in the GUI model: {load()} rows"
        else:
            views = measure_schedule._service("views")
            rows = views.day_view(context, actor, TODAY, meta["provider_ids"])
            note = f"day view rows: {len(rows)}"
    figures = {
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_after_imports_mb": round(after_imports, 1),
        "note": note,
    }
    context.database.close()
    del app
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
