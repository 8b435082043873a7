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
from tests.bench.report import Result, from_samples

BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "window = QMainWindow()\n"
    "window.resize(1280, 800)\n"
    "window.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "sys.exit(app.exec())\n"
)


def _app_command() -> list[str]:
    script = Path(sys.executable).parent / "cicini-desktop"
    if script.exists():
        return [str(script), "--quit-after-first-window"]
    return [sys.executable, "-m", "cicini_desktop", "--quit-after-first-window"]


def _children_cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _time_process(
    command: list[str], env: dict[str, str], times: int
) -> tuple[list[float], list[float], str]:
    """Wall time of each start, and its CPU time (user + system): on a machine that other
    work keeps busy, the CPU time is the steadier figure."""
    samples: list[float] = []
    cpu: list[float] = []
    failure = ""
    for _ in range(times + 1):  # the first start warms the file cache and is not kept
        cpu_before = _children_cpu_ms()
        started = time.perf_counter_ns()
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if done.returncode != 0:
            failure = f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-200:]}"
            break
        samples.append(elapsed)
        cpu.append(_children_cpu_ms() - cpu_before)
    return samples[1:], cpu[1:], failure


def cold_start(dataset: Dataset, times: int) -> list[Result]:
    env = dict(os.environ)
    bare, bare_cpu, bare_failure = _time_process([sys.executable, "-c", BARE_WINDOW], env, times)
    app, app_cpu, app_failure = _time_process(_app_command(), env, times)
    results: list[Result] = []
    bare_name = "cold start: bare PySide6 window"
    app_name = "cold start: cicini-desktop to first window"
    if not bare:
        results.append(Result(bare_name, note=f"error ({bare_failure})"))
    else:
        result = from_samples(bare_name, bare)
        result.extra = {"cpu_ms": round(statistics.median(bare_cpu))}
        results.append(result)
    if not app:
        results.append(Result(app_name, note=f"error ({app_failure})"))
        return results
    result = from_samples(app_name, app, note="first window: sign-in if signed out")
    result.extra = {"cpu_ms": round(statistics.median(app_cpu))}
    if bare and result.median_ms:
        result.ratio = result.median_ms / statistics.median(bare)
        result.extra["cpu_ratio"] = round(
            statistics.median(app_cpu) / statistics.median(bare_cpu), 2
        )
    results.append(result)
    return results


def resident_memory(dataset: Dataset) -> list[Result]:
    """The peak RSS of a process that opens the clinic and shows the day view's data."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.rss_probe", str(dataset.folder), dataset.size.name],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    name = f"peak RSS, {dataset.size.name} db open + day view"
    if done.returncode != 0:
        return [Result(name, note=f"error ({done.stderr.strip()[-300:]})")]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    result = Result(name, note=figures.pop("note", ""))
    result.extra = figures
    return [result]
