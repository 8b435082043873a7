"""The window's store and its connection: a quiet status-bar indicator, and a banner across the
window while the clinic server is out of reach.

    attach_connection_state(window, context, hub)   # once, when the main window is built

The indicator names the store ("This workstation (encrypted)" or "Clinic server <host>", the
configured host name only) and, for the server, its state: connected, reconnecting in N s,
offline. On the encrypted file nothing can be lost, so there is no banner and no probing.

On the server, `ConnectionMonitor` checks the store whenever the hub says the connection
may have changed (`hub.connection_changed`: an operation met `StoreUnavailableError`, or the
live-refresh listener lost or regained its connection). A check is a `SELECT 1` on the
database worker (services/connection_probe.py), never on the GUI thread; its answer comes
back as a closure through the hub's main-thread queue (no Python object through a queued
signal), holding the monitor only weakly (the worker must never own a GUI object).

A failed check shows the banner and retries with exponential backoff (1, 2, 4, 8, 16, then
every 30 s); "Retry now" checks at once. When the store answers again the banner goes and
`hub.connection_restored` makes the live-refresh listener re-read the visible range (its own
re-read path: there is no second one here). Nothing is queued meanwhile: a write that failed
said so in its form, and the user saves again.
"""

from __future__ import annotations

import functools
import logging
import weakref
from concurrent.futures import Future
from enum import Enum

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QWidget,
)

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.palette_colours import BANNER_BACKGROUND, BANNER_TEXT, high_contrast
from cicini_desktop.services.connection_probe import StoreInUse, probe, store_in_use
from cicini_desktop.services.context import ServiceContext

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (1, 2, 4, 8, 16, 30)  # waits before the 1st, 2nd, ... retry; then 30 s


def retry_wait(failures: int) -> int:
    """Seconds to wait after `failures` failed checks in a row (1 = the first failure)."""
    return BACKOFF_SECONDS[min(max(failures, 1), len(BACKOFF_SECONDS)) - 1]


class ConnectionState(Enum):
    LOCAL = "local"  # the encrypted file on this workstation: nothing to lose
    CONNECTED = "connected"
    CHECKING = "checking"  # lost, and a check is running now
    RECONNECTING = "reconnecting"  # lost, the next check in `seconds_left`
    OFFLINE = "offline"  # lost for a while: checks every 30 s


class ConnectionMonitor(QObject):
    """The store's connection state for one window (GUI thread only)."""

    state_changed = Signal()  # argument-less: read `state` and `seconds_left`

    def __init__(
        self, context: ServiceContext, hub: OperationHub, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._hub = hub
        self.store: StoreInUse = store_in_use(context)  # settings only, no database touch
        self.state = ConnectionState.CONNECTED if self.store.server else ConnectionState.LOCAL
        self.seconds_left = 0
        self.failures = 0
        self._probing = False
        self.indicator: ConnectionIndicator | None = None
        self.banner: ConnectionBanner | None = None  # the server store only
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        if self.store.server:
            hub.connection_changed.connect(self.check)

    @property
    def lost(self) -> bool:
        return self.state in (
            ConnectionState.CHECKING,
            ConnectionState.RECONNECTING,
            ConnectionState.OFFLINE,
        )

    @Slot()
    def check(self) -> None:
        """Check the store now (a check already running answers for this one too)."""
        if not self.store.server or self._probing:
            return
        future = self._hub.worker.submit(functools.partial(probe, self._context))
        if future is None:
            return  # the application is closing
        self._probing = True
        self._countdown.stop()
        if self.lost:
            self._set(ConnectionState.CHECKING)
        main_thread = self._hub.main_thread
        monitor = weakref.ref(self)
        future.add_done_callback(
            lambda done: main_thread.post(functools.partial(_deliver_probe, monitor, done))
        )

    def retry_now(self) -> None:
        self.check()

    def _answered(self, reachable: bool) -> None:
        self._probing = False
        if reachable:
            was_lost = self.lost
            self.failures = 0
            self.seconds_left = 0
            self._set(ConnectionState.CONNECTED)
            if was_lost:
                log.info("clinic server connection is back")
                self._hub.connection_restored.emit()
            return
        if not self.lost:
            log.info("clinic server connection lost; retrying with backoff")
        self.failures += 1
        self.seconds_left = retry_wait(self.failures)
        self._countdown.start()
        offline = self.seconds_left >= BACKOFF_SECONDS[-1]
        self._set(ConnectionState.OFFLINE if offline else ConnectionState.RECONNECTING)

    @Slot()
    def _tick(self) -> None:
        self.seconds_left = max(0, self.seconds_left - 1)
        if self.seconds_left == 0:
            self._countdown.stop()
            self.check()
            return
        self.state_changed.emit()

    def _set(self, state: ConnectionState) -> None:
        self.state = state
        self.state_changed.emit()

    def stop(self) -> None:
        self._countdown.stop()


def _deliver_probe(monitor: weakref.ref[ConnectionMonitor], done: Future[bool]) -> None:
    """On the GUI thread: the check's answer, if the window is still there."""
    target = monitor()
    if target is None or not shiboken6.isValid(target):
        return
    error = done.exception()
    if error is not None:
        # Not a lost server (that is False): say "lost" anyway and retry, logged by type only.
        log.warning("connection check failed: %s", type(error).__name__)
    target._answered(error is None and bool(done.result()))


# --- what the window shows ----------------------------------------------------------------


def indicator_text(monitor: ConnectionMonitor) -> str:
    if not monitor.store.server:
        return translate("connection_banner", "This workstation (encrypted)")
    host = monitor.store.host
    state = monitor.state
    if state is ConnectionState.CONNECTED:
        text = translate("connection_banner", "Clinic server {host}: connected")
    elif state is ConnectionState.CHECKING:
        text = translate("connection_banner", "Clinic server {host}: reconnecting now…")
    elif state is ConnectionState.OFFLINE:
        text = translate(
            "connection_banner", "Clinic server {host}: offline, retrying in {seconds} s"
        )
    else:
        text = translate("connection_banner", "Clinic server {host}: reconnecting in {seconds} s")
    return text.format(host=host, seconds=monitor.seconds_left)


def banner_text(monitor: ConnectionMonitor) -> str:
    if monitor.state is ConnectionState.CHECKING:
        return translate(
            "connection_banner", "The connection to the clinic server was lost. Retrying now…"
        )
    return translate(
        "connection_banner",
        "The connection to the clinic server was lost. Retrying in {seconds} s…",
    ).format(seconds=monitor.seconds_left)


class ConnectionIndicator(QLabel):
    """The status bar's store and connection state: always there, never loud."""

    def __init__(self, monitor: ConnectionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._monitor = monitor
        self.setAccessibleName(translate("connection_banner", "Data store and connection"))
        self.setContentsMargins(8, 0, 8, 0)
        monitor.state_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        text = indicator_text(self._monitor)
        self.setText(text)
        self.setAccessibleDescription(text)


class ConnectionBanner(QFrame):
    """Across the window while the clinic server is lost: what happens, and Retry now."""

    def __init__(self, monitor: ConnectionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._monitor = monitor
        self.setAccessibleName(translate("connection_banner", "Connection lost"))
        self.setObjectName("connectionBanner")
        if not high_contrast():
            self.setStyleSheet(
                f"#connectionBanner {{ background: {BANNER_BACKGROUND}; "
                "border-bottom: 1px solid #c9a227; } "
                f"#connectionBanner QLabel {{ color: {BANNER_TEXT}; font-weight: bold; }}"
            )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(translate("connection_banner", "Connection message"))
        self.retry = QPushButton(translate("connection_banner", "Retry now"))
        self.retry.setAccessibleName(translate("connection_banner", "Retry the connection now"))
        self.retry.clicked.connect(monitor.retry_now)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry)
        monitor.state_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        lost = self._monitor.lost
        if lost:
            self.message.setText(banner_text(self._monitor))
            self.retry.setEnabled(self._monitor.state is not ConnectionState.CHECKING)
        self.setVisible(lost)


def attach_connection_state(
    window: QMainWindow, context: ServiceContext, hub: OperationHub
) -> ConnectionMonitor:
    """The indicator into `window`'s status bar and, for the server, the banner on top."""
    monitor = ConnectionMonitor(context, hub, window)
    monitor.indicator = ConnectionIndicator(monitor)
    window.statusBar().addPermanentWidget(monitor.indicator)
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if monitor.store.server and isinstance(layout, QBoxLayout):
        monitor.banner = ConnectionBanner(monitor)
        layout.insertWidget(0, monitor.banner)
    return monitor
