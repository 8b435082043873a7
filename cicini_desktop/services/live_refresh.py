"""Live refresh between desks on the clinic server: LISTEN/NOTIFY, internal ids only.

The server's triggers (migrations 0010, 0011) send `<table>:<id>:<desk tag>` on channel
`cicini_changes` when a desk's transaction that changed an appointment (booked, moved,
cancelled, checked in), a patient or a waitlist entry commits. No patient data is ever in a
payload: internal ids, and the writing desk's random connection tag, by which a desk skips
its own changes (its views refreshed already when its own write finished). Each desk runs
one `ChangeListener` on its own thread with its own connection (LISTEN needs a session of
its own, outside the pool):

* it gathers the ids that arrive within a short window and hands the work to the database
  worker (`context.worker.submit`), which calls `deliver(changes, ids)` there; the GUI
  adapter (gui/live_refresh.py) posts it on to the GUI thread, where the views that show
  appointments refresh what they show;
* when the connection is lost it retries with backoff, and after reconnecting it delivers
  `ids = None`: notifications may have been missed, so the visible range is re-read.

The window's connection state (gui/connection_banner.py) works with it: `on_change` is
called (on this thread) when the listener loses its connection or gets it back, so the
window checks the store at once; and when the window finds the store back after an outage
it calls `resync()`, which wakes a listener waiting to reconnect and delivers the same
`ids = None` re-read. That is the one re-read path after a lost connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from cicini_desktop.core.changes import Changes
from cicini_desktop.services import server_store
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.server import ServerUnavailableError, connect_raw

log = logging.getLogger(__name__)

CHANNEL = "cicini_changes"
GATHER_SECONDS = 0.05  # ids arriving together are delivered together
BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0)
TABLE_CHANGES = {
    "appointment": Changes(appointments=True),
    "patient": Changes(patients=True),
    "waitlist_entry": Changes(waitlist=True),
}
# After a lost connection (or the store found back): whatever a note could have said.
RE_READ = Changes(appointments=True, patients=True, waitlist=True)

Deliver = Callable[[Changes, frozenset[str] | None], None]


class ChangeListener:
    """LISTEN on the clinic server for other desks' changes; see the module docstring."""

    def __init__(
        self,
        context: ServiceContext,
        deliver: Deliver,
        *,
        connect: Callable[[], Any] | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        if not context.database.is_server:
            raise ValueError("live refresh needs the clinic server store")
        self._context = context
        self._deliver = deliver
        settings = context.database.server
        secret = server_store.secret(settings, context.vault)
        self._connect = connect or (lambda: connect_raw(settings, secret))
        self._on_change = on_change
        self._desk = settings.desk  # this desk's tag at the end of its own notifications
        self._stop = threading.Event()
        self._wake = threading.Event()  # cuts a backoff wait short (stop, resync)
        self._resync = threading.Event()  # a re-read of the visible range was asked for
        self._connection: Any = None
        self._lock = threading.Lock()
        self.connected = threading.Event()
        self.reconnects = 0
        self._thread = threading.Thread(target=self._run, name="cicini-listen", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def resync(self) -> None:
        """The store is back after an outage: re-read what is shown (thread-safe).

        Connected, the listener delivers the re-read at once; waiting to reconnect, it tries
        now, and its reconnect delivers it."""
        self._resync.set()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            try:
                connection.cancel_safe()  # wakes a notifies() wait
            except Exception:  # already closed or broken: the loop ends anyway
                log.debug("listener connection already gone")
        self._thread.join(timeout)

    # --- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        attempt = 0
        first = True
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except ServerUnavailableError:
                self._wait(BACKOFF[min(attempt, len(BACKOFF) - 1)])
                attempt += 1
                continue
            attempt = 0
            try:
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                with self._lock:
                    self._connection = connection
                self.connected.set()
                if not first:
                    # Whatever was sent while we were away is lost: re-read what is shown.
                    self.reconnects += 1
                    self._resync.clear()  # this re-read answers a pending resync too
                    self._hand_over(RE_READ, None)
                    self._changed()
                first = False
                self._listen(connection)
            except Exception as error:  # a dropped connection: retry with backoff
                if not self._stop.is_set():
                    log.info("live refresh connection lost: %s", type(error).__name__)
                    self._changed()
            finally:
                self.connected.clear()
                with self._lock:
                    self._connection = None
                try:
                    connection.close()
                except Exception:  # best effort on a broken connection
                    log.debug("listener connection close failed")
            if not self._stop.is_set():
                self._wait(BACKOFF[0])

    def _listen(self, connection: Any) -> None:
        while not self._stop.is_set():
            if self._resync.is_set():
                self._resync.clear()
                self._hand_over(RE_READ, None)
            notes = list(connection.notifies(timeout=0.5, stop_after=1))
            if not notes:
                continue
            # One delivery per burst: whatever else arrives right after joins it.
            notes += list(connection.notifies(timeout=GATHER_SECONDS))
            changes = Changes()
            ids: set[str] = set()
            for note in notes:
                table, _, rest = str(note.payload).partition(":")
                row_id, _, desk = rest.partition(":")
                if desk and desk == self._desk:
                    continue  # this desk's own write: its views refreshed when it finished
                changes = changes | TABLE_CHANGES.get(table, Changes())
                ids.add(row_id)
            if changes.any():
                self._hand_over(changes, frozenset(ids))

    def _hand_over(self, changes: Changes, ids: frozenset[str] | None) -> None:
        worker = self._context.worker
        if worker is None:
            self._deliver(changes, ids)
            return
        worker.submit(lambda: self._deliver(changes, ids))

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    def _wait(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()
