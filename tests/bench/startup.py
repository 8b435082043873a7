"""10 and 11: the app as a whole process — cold start to first window, and resident memory.

Each start is a fresh process (the OS file cache stays warm: dropping it needs root and is
not what a workstation sees after the first start of the day). The bare PySide6 window is
started the same way in the same run, so the ratio shows what the app adds to Qt's own cost.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.generate import REPO, Dataset
from tests.bench.measure import (
    BUDGET_COLD_START_RATIO,
    BUDGET_MAIN_WINDOW_RSS_MB,
    BUDGET_PURGE_RSS_MB,
    BUDGET_PURGE_WORKER_FREE_MS,
)
from tests.bench.report import Result, from_samples

# The bare window paints, says so as the app does (gui/first_window.py), and quits.
BARE_WINDOW = (
    "import sys, time\n"
    "from PySide6.QtCore import QEvent, QEventLoop, QObject\n"
    "from PySide6.QtWidgets import QApplication, QDialog\n"
    "app = QApplication(sys.argv[:1])\n"
    "class Watch(QObject):\n"
    "    painted = False\n"
    "    def eventFilter(self, watched, event):\n"
    "        if event.type() == QEvent.Type.Paint:\n"
    "            Watch.painted = True\n"
    "        return False\n"
    "window = QDialog()\n"
    "watch = Watch()\n"
    "window.installEventFilter(watch)\n"
    "window.show()\n"
    "while not Watch.painted:\n"
    "    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)\n"
    "print('cicini-first-paint', time.time_ns(), flush=True)\n"
)
MARK = "cicini-first-paint"


def _app_command() -> list[str]:
    script = Path(sys.executable).parent / "cicini-desktop"
    if script.exists():
        return [str(script), "--quit-after-first-window"]
    return [sys.executable, "-m", "cicini_desktop", "--quit-after-first-window"]


def _children_cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _first_paint(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(ms from spawn to the first painted window, ms to the process's end, CPU ms)."""
    cpu_before = _children_cpu_ms()
    spawned = time.time_ns()
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = process.communicate(timeout=120)
    ended = (time.time_ns() - spawned) / 1e6
    if process.returncode != 0:
        raise RuntimeError(f"exit {process.returncode}: {(err or out).strip()[-200:]}")
    marks = [line.split() for line in out.splitlines() if line.startswith(MARK)]
    if not marks:
        raise RuntimeError("no first paint reported")
    painted = (int(marks[0][1]) - spawned) / 1e6
    return painted, ended, _children_cpu_ms() - cpu_before


def cold_start(dataset: Dataset, times: int) -> list[Result]:
    """Bare window and app started in alternation (the first pair warms the file cache and
    is not kept), each to its first painted window; the ratio is app/bare, pair by pair."""
    del dataset
    env = dict(os.environ)
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    bare, app, bare_cpu, app_cpu, app_end, ratios = [], [], [], [], [], []
    try:
        for round_ in range(times + 1):
            b = _first_paint(bare_cmd, env)
            a = _first_paint(_app_command(), env)
            if round_ == 0:
                continue
            bare.append(b[0])
            bare_cpu.append(b[2])
            app.append(a[0])
            app_end.append(a[1])
            app_cpu.append(a[2])
            ratios.append(a[0] / b[0])
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return [Result("cold start to first painted window", note=f"error ({error})")]
    bare_result = from_samples("cold start: bare PySide6 window, painted", bare)
    bare_result.extra = {"cpu_ms": round(statistics.median(bare_cpu))}
    result = from_samples(
        "cold start: cicini-desktop to first painted window",
        app,
        note="sign-in painted while the clinic opens",
    )
    result.ratio = statistics.median(ratios)
    result.ok = result.ratio <= BUDGET_COLD_START_RATIO
    result.extra = {
        "budget": f"<= {BUDGET_COLD_START_RATIO:g} x bare",
        "cpu_ms": round(statistics.median(app_cpu)),
        "clinic_open_and_exit_ms": round(statistics.median(app_end)),
        "ratio_max": round(max(ratios), 2),
    }
    return [bare_result, result]


def resident_memory(dataset: Dataset) -> list[Result]:
    """The peak RSS of a process showing the real main window over the clinic, browsed."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.rss_probe", str(dataset.folder), dataset.size.name],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    name = f"peak RSS, main window, {dataset.size.name} clinic, days and weeks browsed"
    if done.returncode != 0:
        return [Result(name, note=f"error ({done.stderr.strip()[-300:]})")]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    result = Result(name, note=figures.pop("note", ""))
    result.extra = figures
    result.extra["budget"] = f"<= {BUDGET_MAIN_WINDOW_RSS_MB:g} MB"
    result.ok = figures["peak_rss_mb"] <= BUDGET_MAIN_WINDOW_RSS_MB
    return [result]


def retention_purge(dataset: Dataset) -> list[Result]:
    """The never-purged clinic's retention purge on the worker (a scratch copy), with the
    window's reads waiting between batches; peak memory of that process."""
    import tempfile

    from tests.bench.contexts import scratch_copy

    name = f"retention purge, never purged {dataset.size.name} clinic (worker job)"
    with tempfile.TemporaryDirectory(prefix="cicini-bench-purge-") as folder:
        copy = scratch_copy(dataset, Path(folder))
        copy.folder.joinpath("meta.json").write_text(json.dumps(dataset.meta), "utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.purge_probe", str(copy.folder), dataset.size.name],
            env=dict(os.environ),
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    if done.returncode != 0:
        return [Result(name, note=f"error ({done.stderr.strip()[-300:]})")]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    result = Result(name, note=f"removed: {figures.pop('removed')}")
    result.max_ms = figures.get("read_wait_max_ms")
    result.p95_ms = figures.get("read_wait_p95_ms")
    result.max_budget_ms = BUDGET_PURGE_WORKER_FREE_MS
    result.extra = figures
    result.extra["budget"] = (
        f"read waits <= {BUDGET_PURGE_WORKER_FREE_MS:g} ms, RSS <= {BUDGET_PURGE_RSS_MB:g} MB"
    )
    waits_ok = (result.max_ms or 0) <= BUDGET_PURGE_WORKER_FREE_MS
    result.ok = waits_ok and figures["peak_rss_mb"] <= BUDGET_PURGE_RSS_MB
    return [result]
