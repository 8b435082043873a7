"""Settings page "Data shared with Cicini", and the background sync runner of the window.

The page shows, byte for byte, the last usage document sent (with its time and the server's
answer) and the next one queued, so a practice manager can see that only counts leave.

`SyncRunner` runs sync off the GUI thread: once at start, every `sync.interval_minutes`,
and briefly at exit; the window never waits on the network. The GUI may not import the
sync layer, so the composition root hands in the function that runs one sync:

    from cicini_desktop.sync.client import run_mode
    runner = SyncRunner(lambda mode, sleep: run_mode(context, mode, sleep),
                        interval_minutes=context.config["sync.interval_minutes"])
    runner.last_success_changed.connect(status_bar_label_update)   # aware UTC datetime
    runner.start()                                  # after the main window shows
    ...
    runner.shutdown()                               # in closeEvent / aboutToQuit
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.counters import COUNTER_DOCS
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.sync_protocol import SyncCancelled, SyncMode, SyncReport
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.reminders.processors_widget import ProcessorsWidget
from cicini_desktop.services import usage
from cicini_desktop.services.context import Actor, ServiceContext

log = logging.getLogger(__name__)

RunSync = Callable[[SyncMode, Callable[[float], None]], SyncReport]

WHAT_IS_SHARED = QT_TRANSLATE_NOOP(
    "data_shared_page",
    "Cicini receives only how many times each feature below was used per day, with this "
    "installation's internal ID, the app version, the operating system family and the country "
    "set by IT; it never receives names, contact details, appointment details, notes or any "
    "other content.",
)


class SyncRunner(QObject):
    """One sync at a time on a daemon thread (the network may be slow; the database work
    inside it goes to the database worker). The finished report crosses to the GUI thread
    as a closure through the hub's queue, never as a queued signal argument; the signals
    below are emitted on the GUI thread only."""

    report_ready = Signal(object)  # SyncReport
    last_success_changed = Signal(object)  # aware datetime (UTC) of the last successful sync
    busy_changed = Signal(bool)

    def __init__(self, run_sync: RunSync, interval_minutes: int, hub: OperationHub) -> None:
        super().__init__(hub)
        self._hub = hub
        self._run_sync = run_sync
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, interval_minutes) * 60_000)
        self._timer.timeout.connect(self._on_timer)
        self.last_success: datetime | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        """A run was started and its result has not been delivered yet."""
        return self._running

    def start(self) -> None:
        self._timer.start()
        self.run(SyncMode.BACKGROUND)

    @Slot()
    def _on_timer(self) -> None:
        self.run(SyncMode.BACKGROUND)

    def sync_now(self) -> None:
        self.run(SyncMode.MANUAL)

    def run(self, mode: SyncMode) -> bool:
        """Start a run unless one is going; False if skipped."""
        if self.busy or self._stop.is_set():
            return False
        self._thread = threading.Thread(
            target=self._work, args=(mode,), name=f"sync-{mode}", daemon=True
        )
        self._running = True
        self.busy_changed.emit(True)
        self._thread.start()
        return True

    def _sleep(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise SyncCancelled

    def _work(self, mode: SyncMode) -> None:
        report: SyncReport | None = None
        try:
            report = self._run_sync(mode, self._sleep)
        except SyncCancelled:
            pass
        except Exception as error:  # a sync failure must never reach the window as a crash
            log.warning("background sync failed: %s", type(error).__name__)
        self._hub.main_thread.post(lambda: self._on_delivered(report))

    def _on_delivered(self, report: SyncReport | None) -> None:
        self._running = False
        self.busy_changed.emit(False)
        if report is None:
            return
        self.report_ready.emit(report)
        if report.succeeded:
            self.last_success = report.finished_at
            self.last_success_changed.emit(report.finished_at)

    def shutdown(self, wait_seconds: float = 4.0) -> None:
        """Stop the timer, end any wait, and make one quick exit sync (bounded)."""
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=min(1.0, wait_seconds))
            if self._thread.is_alive():
                return  # a request is still in flight; the daemon thread dies with the process
        exit_thread = threading.Thread(
            target=self._exit_sync, name="sync-exit", daemon=True
        )  # fmt: skip
        exit_thread.start()
        exit_thread.join(timeout=wait_seconds)

    def _exit_sync(self) -> None:
        try:
            self._run_sync(SyncMode.EXIT, self._sleep)
        except Exception as error:
            log.warning("exit sync failed: %s", type(error).__name__)


def _monospace_view(name: str) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setAccessibleName(name)
    return view


def _when(instant: datetime | None) -> str:
    return (
        instant.astimezone().strftime("%Y-%m-%d %H:%M")
        if instant
        else translate("data_shared_page", "never")
    )


class DataSharedPage(QWidget):
    """Settings > Data shared with Cicini: `DataSharedPage(context, actor, hub)`.

    Reads go through the database worker. `attach_runner(runner)` enables "Sync now" (for
    staff who may manage sync) and refreshes the page after each run.
    """

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        *,
        runner: SyncRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._runner: SyncRunner | None = None
        self._hub = hub
        self.setAccessibleName(translate("data_shared_page", "Data shared with Cicini"))
        layout = QVBoxLayout(self)

        sentence = QLabel(translate("data_shared_page", WHAT_IS_SHARED))
        sentence.setWordWrap(True)
        sentence.setAccessibleName(translate("data_shared_page", "What is and is not shared"))
        layout.addWidget(sentence)

        last_box = QGroupBox(translate("data_shared_page", "Last document sent"))
        last_form = QFormLayout(last_box)
        self.last_time = QLabel(translate("data_shared_page", "never"))
        self.last_time.setAccessibleName(
            translate("data_shared_page", "Time the last document was sent")
        )
        self.last_status = QLabel("-")
        self.last_status.setAccessibleName(translate("data_shared_page", "Server answer status"))
        self.last_document = _monospace_view(
            translate("data_shared_page", "Last document sent, exact bytes")
        )
        self.last_answer = _monospace_view(
            translate("data_shared_page", "Server answer, exact bytes")
        )
        last_form.addRow(translate("data_shared_page", "Sent at:"), self.last_time)
        last_form.addRow(translate("data_shared_page", "Answer:"), self.last_status)
        last_form.addRow(translate("data_shared_page", "Document:"), self.last_document)
        last_form.addRow(translate("data_shared_page", "Answer body:"), self.last_answer)
        layout.addWidget(last_box)

        next_box = QGroupBox(translate("data_shared_page", "Next document queued"))
        next_layout = QVBoxLayout(next_box)
        self.next_document = _monospace_view(
            translate("data_shared_page", "Next document queued, exact bytes")
        )
        next_layout.addWidget(self.next_document)
        layout.addWidget(next_box)

        # Reminder processors (email and SMS providers) receive the minimum a message needs.
        self.processors = ProcessorsWidget(context, actor, hub)
        layout.addWidget(self.processors)

        vocabulary = _monospace_view(translate("data_shared_page", "Counters that may be shared"))
        vocabulary.setPlainText(
            "\n".join(f"{c.value}: {doc}" for c, doc in COUNTER_DOCS.items())
        )  # fmt: skip
        vocabulary.setMaximumHeight(120)
        layout.addWidget(QLabel(translate("data_shared_page", "Counters that may be shared:")))
        layout.addWidget(vocabulary)

        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(translate("data_shared_page", "&Refresh"))
        self.refresh_button.setAccessibleName(translate("data_shared_page", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.sync_button = QPushButton(translate("data_shared_page", "&Sync now"))
        self.sync_button.setAccessibleName(translate("data_shared_page", "Sync now"))
        self.sync_button.setEnabled(False)
        self.sync_button.clicked.connect(self._sync_now)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.sync_button)
        layout.addLayout(buttons)

        if runner is not None:
            self.attach_runner(runner)
        self.refresh()

    def attach_runner(self, runner: SyncRunner) -> None:
        self._runner = runner
        allowed = self._actor.may(Permission.SYNC_MANAGE)
        self.sync_button.setEnabled(allowed and not runner.busy)
        self._sync_allowed = allowed
        # Bound slots (not lambdas): Qt drops them when this page is destroyed.
        runner.report_ready.connect(self._on_report)
        runner.busy_changed.connect(self._on_busy)

    @Slot(object)
    def _on_report(self, report: SyncReport) -> None:
        del report
        self.refresh()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.sync_button.setEnabled(self._sync_allowed and not busy)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # what is queued changes while the page is hidden

    def refresh(self) -> None:
        context = self._context
        QueryOp(self, lambda: usage.shared_data(context)).success(self.show_data).failure(
            self.show_failure
        ).run(self._hub)

    def show_failure(self, error: CiciniError) -> None:
        """Say it on the page (the keystore may be locked): a dialog on every visit would nag."""
        self.last_time.setText("-")
        self.last_status.setText(sentence(error))
        self.last_status.setWordWrap(True)

    def show_data(self, data: usage.SharedData) -> None:
        self.last_time.setText(_when(data.last_sent_at))
        answer = (
            translate("data_shared_page", "no answer (network)")
            if data.last_sent_at and data.last_status is None
            else str(data.last_status or "-")
        )
        # After a run that did not succeed, the sentence `cicini sync now|status` shows:
        # a 200 that stored nothing says so.
        self.last_status.setText(
            f"{answer}: {localized(data.last_run)}" if data.last_run else answer
        )
        self.last_document.setPlainText(
            data.last_document or translate("data_shared_page", "Nothing has been sent yet.")
        )
        self.last_answer.setPlainText(data.last_answer or "")
        self.next_document.setPlainText(
            data.next_document
            or translate("data_shared_page", "Nothing is queued: Cicini holds every counted day.")
        )

    def _sync_now(self) -> None:
        if self._runner is not None:
            self._runner.sync_now()
