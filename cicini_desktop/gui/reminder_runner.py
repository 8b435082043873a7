"""Appointment reminders in the background while the window is open.

Three steps a run (services/reminders/runner.py): `prepare` claims due messages on the
database worker, `transmit` talks to the SMTP server and the SMS provider on a thread of its
own (the worker never waits on the network), `conclude` records every outcome on the worker
again. Results cross back as closures through the hub's queue, like every other result.
A machine that is always on can run the same with `cicini reminders run` from a timer.
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from PySide6.QtCore import QObject, QTimer

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.reminders import runner

log = logging.getLogger(__name__)


class ReminderRunner(QObject):
    """One run at a time, every `interval_seconds`; stops cleanly with the window."""

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        interval_seconds: int = runner.BACKGROUND_INTERVAL_SECONDS,
    ) -> None:
        super().__init__(hub)
        self._context = context
        self._hub = hub
        self._stop = threading.Event()
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_seconds * 1000)
        self.timer.timeout.connect(self.run_once)

    def start(self) -> None:
        self.timer.start()

    @property
    def running(self) -> bool:
        return self._running

    def run_once(self) -> None:
        if self._running or self._stop.is_set():
            return
        self._running = True
        context = self._context

        def prepare() -> tuple[runner.Phase, date] | None:
            phase = runner.prepare(context, batch=runner.BACKGROUND_BATCH)
            return None if phase is None else (phase, runner.reply_window_start(context))

        QueryOp(None, prepare).success(self._prepared).failure(self._failed).run(self._hub)

    def _prepared(self, prepared: tuple[runner.Phase, date] | None) -> None:
        if prepared is None:  # reminders are off, or nothing is due
            self._running = False
            return
        phase, since = prepared
        threading.Thread(
            target=self._transmit, args=(phase, since), name="reminders", daemon=True
        ).start()

    def _transmit(self, phase: runner.Phase, since: date) -> None:  # its own thread
        try:
            results = runner.transmit(phase, since=since, should_stop=self._stop.is_set)
        except Exception as error:  # the network step must never take the window down
            log.warning("reminder transmission failed: %s", type(error).__name__)
            self._hub.main_thread.post(self._finished)
            return
        self._hub.main_thread.post(lambda: self._conclude(phase, results))

    def _conclude(self, phase: runner.Phase, results: runner.Results) -> None:
        context = self._context

        def conclude() -> Changes:
            runner.conclude(context, phase, results)
            return Changes(appointments=True)  # a reply may confirm or cancel

        WriteOp(None, conclude).success(lambda _c: self._finished()).failure(self._failed).run(
            self._hub
        )

    def _failed(self, error: CiciniError) -> None:
        log.warning("reminder run failed: %s", type(error).__name__)
        self._finished()

    def _finished(self) -> None:
        self._running = False

    def shutdown(self) -> None:
        self._stop.set()
        self.timer.stop()
