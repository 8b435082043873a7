"""The day and week views as the receptionist feels them: the real schedule page, its data
through the database worker and the operation hub, until the grid has painted the new day.

A step is "go to another day" (the page's own `go_to`, what the date field, the arrow keys and
the toolbar call): the clock starts before the call and stops when the event loop has handled
the first paint of the grid whose model holds that day's rows. Each step goes to a different
day (or week) than any before it, spread over the clinic's busy weeks, so no step is served
by a cache the previous step warmed. The page is shown at a front-desk size (1366 x 800) on
the offscreen platform; its preferences live in the benchmark's own settings folder.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from datetime import date, timedelta
from typing import Any

from tests.bench.generate import NOW, TIMEZONE, TODAY
from tests.bench.measure import (
    BUDGET_DAY_VIEW_MS,
    BUDGET_DAY_VIEW_P95_MS,
    BUDGET_WEEK_VIEW_MS,
    Bench,
    Samples,
    judge,
)
from tests.bench.report import Result

STEP_TIMEOUT_S = 10.0


def distinct_days(count: int, span_days: int, seed: int, weekdays_only: bool = True) -> list[date]:
    """`count` different days within the clinic's past and near future (working days)."""
    rng = random.Random(seed)
    first = TODAY - timedelta(days=min(span_days - 7, 3 * 365))
    last = TODAY + timedelta(days=60)
    pool = [
        first + timedelta(days=i)
        for i in range((last - first).days)
        if not weekdays_only or (first + timedelta(days=i)).weekday() < 5
    ]
    return rng.sample(pool, min(count, len(pool)))


def distinct_mondays(count: int, span_days: int, seed: int) -> list[date]:
    days = distinct_days(count * 7, span_days, seed, weekdays_only=False)
    mondays: list[date] = []
    for day in days:
        monday = day - timedelta(days=day.weekday())
        if monday not in mondays:
            mondays.append(monday)
        if len(mondays) == count:
            break
    return mondays


class PaintWatch:
    """Notes the end of the first paint of the grid once the model shows `day` with the
    columns in view read: what the receptionist sees. The time is taken when that paint has
    finished (the grid's `painted` signal, the last thing its paintEvent does). A wide day
    view reads its off-screen columns after that paint (gui/schedule/visible_first.py);
    `complete` says the model holds every provider's rows."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.target: date | None = None
        self.painted = False
        self.painted_ns = 0
        self.painted_cpu_ns = 0  # the process's CPU time at that moment
        self.rows = 0
        page.grid.painted.connect(self._paint_done)

    def _paint_done(self) -> None:
        page = self.page
        if self.target is None or self.painted or page.model.days[:1] != (self.target,):
            return
        if page._shown_generation == page._generation:
            self.painted, self.painted_ns = True, time.perf_counter_ns()
            self.painted_cpu_ns = time.process_time_ns()

    @property
    def complete(self) -> bool:
        page = self.page
        return page._loaded_generation == page._generation and not page.hub.busy

    def close(self) -> None:
        self.page.grid.painted.disconnect(self._paint_done)

    def expect(self, day: date) -> None:
        self.target, self.painted = day, False


def _wait(app: Any, until: Any, timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Run the event loop until `until()`: it sleeps between events (a spinning loop would
    take the core the worker needs), a timer wakes it to check the deadline."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    alarm = QTimer()
    alarm.start(50)
    try:
        while not until():
            if time.monotonic() > deadline:
                raise TimeoutError("the schedule page did not paint the new range in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        alarm.stop()


def _quiet_offscreen() -> None:
    """The offscreen platform says on every shown window that it cannot propagate size
    hints: not the benchmark's business, and it buried the table."""
    from PySide6.QtCore import qInstallMessageHandler

    previous: list[Any] = []

    def handler(kind: Any, context: Any, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous and previous[0] is not None:
            previous[0](kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous.append(qInstallMessageHandler(handler))


def open_page(bench: Bench, context: Any = None, actor: Any = None) -> tuple[Any, Any, Any, Any]:
    """The schedule page over its own context (or `context`, which the page's worker then
    owns), on a worker, shown. (app, page, hub, teardown)"""
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QApplication

    from cicini_desktop.gui.operations import OperationHub
    from cicini_desktop.gui.schedule.page import SchedulePage
    from cicini_desktop.gui.schedule.services_backend import ServicesBackend
    from cicini_desktop.services.worker import DatabaseWorker
    from tests.bench.contexts import encrypted_context
    from tests.bench.measure_schedule import desk_actor

    app = QApplication.instance() or QApplication(["cicini-bench"])
    _quiet_offscreen()
    context = context if context is not None else encrypted_context(bench.dataset)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    actor = actor if actor is not None else desk_actor(bench)
    page = SchedulePage(
        ServicesBackend(context, actor),
        hub,
        timezone=ZoneInfo(TIMEZONE),
        now=lambda: NOW,
        staff_id=actor.staff_id,
        permissions=actor.permissions,
    )
    page.resize(1366, 800)
    page.show()
    page.load()
    _wait(app, lambda: page.catalogue is not None and page._loaded_generation > 0, 60)
    # As the application does once its window is built (gui/heap.py): garbage collected
    # on the GUI thread only, the start-up heap frozen.
    from cicini_desktop.gui.heap import collect_on_gui_thread, freeze_start_up_heap

    collect_on_gui_thread(app)
    freeze_start_up_heap()

    def teardown() -> None:
        page.hide()
        page.deleteLater()
        hub.shutdown()
        worker.submit(context.database.close)
        worker.shutdown()
        app.processEvents()
        gc.collect()
        gc.enable()  # the rows measured without a window run as the CLI and services do

    return app, page, hub, teardown


def _steps(
    app: Any, page: Any, targets: list[date], warmup: int
) -> tuple[Samples, Samples, list[int]]:
    """Each step: (what the receptionist sees painted, every provider's rows painted)."""
    watch = PaintWatch(page)
    samples, complete, rows = Samples(), Samples(), []
    for index, day in enumerate(targets):
        watch.expect(day)
        # CPU of the whole process: the worker's read and the GUI thread's layout and paint.
        cpu = time.process_time_ns()
        started = time.perf_counter_ns()
        page.go_to(day)
        _wait(app, lambda: watch.painted)
        # Let the step's remaining work (the other columns, arrivals, notices) finish before
        # the next one, as a receptionist reads the day before moving on.
        _wait(app, lambda: watch.complete, 30)
        if index >= warmup:
            samples.append((watch.painted_ns - started) / 1e6)
            samples.cpu.append((watch.painted_cpu_ns - cpu) / 1e6)
            complete.append((time.perf_counter_ns() - started) / 1e6)
            complete.cpu.append((time.process_time_ns() - cpu) / 1e6)
            rows.append(len(page.model.appointments()))
    watch.close()
    return samples, complete, rows


def page_views(bench: Bench) -> list[Result]:
    """Day view (all 20 providers) and week view (5 providers), new day/week each step."""
    app, page, _hub, teardown = open_page(bench)
    span = bench.dataset.size.span_days
    warmup = 3
    day_steps = (60 if bench.large else 30) + warmup
    week_steps = (30 if bench.large else 15) + warmup
    try:
        providers = [p.id for p in page.all_providers()]
        page.day_provider_ids = providers
        page.week_provider_ids = providers[:5]
        page.set_mode("day")
        _wait(app, lambda: not page.hub.busy, 30)
        days = distinct_days(day_steps, span, seed=17)
        day_samples, day_complete, day_rows = _steps(app, page, days, warmup)
        page.set_mode("week")
        _wait(app, lambda: not page.hub.busy, 30)
        mondays = distinct_mondays(week_steps, span, seed=71)
        week_samples, _week_complete, week_rows = _steps(app, page, mondays, warmup)
    finally:
        teardown()
    rows = f"{min(day_rows)}-{max(day_rows)} rows"
    day = judge(
        "day view, 20 providers, new day, painted (page + worker)",
        day_samples,
        BUDGET_DAY_VIEW_MS,
        note=f"{len(set(days))} distinct days; the columns in view, all their rows",
        p95_budget_ms=BUDGET_DAY_VIEW_P95_MS,
    )
    day_all = judge(
        "day view: all 20 providers' rows read and laid out",
        day_complete,
        note=f"{rows}; the off-screen columns, after the first paint (no budget)",
    )
    week = judge(
        "week view, 5 providers, new week, painted (page + worker)",
        week_samples,
        BUDGET_WEEK_VIEW_MS,
        note=f"{len(set(mondays))} distinct weeks, {min(week_rows)}-{max(week_rows)} rows",
    )
    return [day, day_all, week]
