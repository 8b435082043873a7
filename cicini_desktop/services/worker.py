"""The one database worker: every database touch of a running application, on one thread.

Like Electrum's `SqlDB`, the worker belongs to the services layer, not to the GUI, and knows
nothing of Qt. The composition root creates it and attaches it to the `ServiceContext`; from
then on the database's thread guard (store/thread_guard.py) refuses sessions opened on any
other thread when enforcement is on. Everybody else hands it work:

    future = worker.submit(lambda: day_rows(context, actor, day))  # the GUI, via gui/operations
    rows = worker.call(lambda: pending_days(context))            # a background thread (sync)
    worker.run_job(purge_steps(...), on_progress=..., on_done=...)  # long jobs, in batches

Work runs in submission order. A long job is a generator: each `next()` is one batch and
runs as its own work item, so whatever the GUI asked for meanwhile runs between two batches
and the window never waits for the whole job.

How results reach the GUI is the GUI's business (gui/operations.py): the worker only calls
the `done` callbacks it is given, on its own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKER_THREAD_NAME = "cicini-db"


class WorkerClosedError(RuntimeError):
    """Work was handed to a worker that has shut down (the application is closing)."""


@dataclass(frozen=True)
class Progress:
    """One step of a long job: a short label (no personal data) and how far, 0.0 to 1.0."""

    label: str
    fraction: float


class JobCancelled(Exception):
    """A long job stopped because its user cancelled it; nothing after the last batch ran."""


class DatabaseWorker:
    """A single thread that runs database work one item after another."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        ready = threading.Event()

        def remember_thread() -> None:
            self._thread = threading.current_thread()
            ready.set()

        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=WORKER_THREAD_NAME, initializer=remember_thread
        )
        self._executor.submit(lambda: None)  # start the thread now, so `thread` is known
        ready.wait()
        self._closed = False

    @property
    def thread(self) -> threading.Thread:
        assert self._thread is not None
        return self._thread

    @property
    def closed(self) -> bool:
        return self._closed

    def on_worker_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[[], T]) -> Future[T] | None:
        """Queue `fn`; None once shut down (a late timer must not start new work)."""
        if self._closed:
            return None
        try:
            return self._executor.submit(fn)
        except RuntimeError:  # shut down between the check and the submit
            return None

    def call(self, fn: Callable[[], T], timeout: float | None = None) -> T:
        """Run `fn` on the worker and wait for its result (never from the GUI thread).

        Called on the worker itself, `fn` runs at once: a service that is already on the
        worker must not wait for a queue it is blocking.
        """
        if self.on_worker_thread():
            return fn()
        future = self.submit(fn)
        if future is None:
            raise WorkerClosedError("the database worker has shut down")
        return future.result(timeout)

    def run_job(
        self,
        steps: Generator[Progress, None, T],
        *,
        on_progress: Callable[[Progress], None] | None = None,
        on_done: Callable[[T | None, BaseException | None], None] | None = None,
        cancelled: threading.Event | None = None,
    ) -> None:
        """Run a long job one batch per work item; callbacks run on the worker thread.

        `on_done(result, None)` after the last batch, `on_done(None, JobCancelled())` when
        `cancelled` was set between two batches, `on_done(None, error)` when a batch failed.
        """

        def finish(result: T | None, error: BaseException | None) -> None:
            if on_done is not None:
                on_done(result, error)

        def step() -> None:
            if cancelled is not None and cancelled.is_set():
                steps.close()
                finish(None, JobCancelled())
                return
            try:
                progress = next(steps)
            except StopIteration as done:
                finish(done.value, None)
                return
            except BaseException as error:
                finish(None, error)
                return
            if on_progress is not None:
                on_progress(progress)
            if self.submit(step) is None:  # closing: leave the job where it is
                steps.close()
                finish(None, JobCancelled())

        if self.submit(step) is None:
            finish(None, WorkerClosedError("the database worker has shut down"))

    def shutdown(self, *, wait: bool = True) -> None:
        """Run what is queued, then stop. Further submissions are refused."""
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=False)


def drive(steps: Generator[Progress, None, T], on_progress: Callable[[Progress], Any]) -> T:
    """Run a long job to the end on the calling thread (the CLI, which has no worker)."""
    while True:
        try:
            progress = next(steps)
        except StopIteration as done:
            return done.value
        on_progress(progress)
