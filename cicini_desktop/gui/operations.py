"""Running service calls off the GUI thread (after Anki's CollectionOp / QueryOp).

Every database touch goes through ONE worker thread (`DatabaseWorker`, a single-thread
executor), so the SQLCipher connection pool is never used by two threads at once and the
window never freezes. Results come back to widgets only through Qt signals, on the GUI thread.

    WriteOp(parent, lambda: book(context, actor, ...)).success(on_booked).run(hub)
    QueryOp(parent, lambda: day_rows(context, actor, day)).success(show_rows).run(hub)

A write returns `Changes` (or an object with a `.changes` attribute); after success the hub
broadcasts `operation_did_execute(changes, initiator)` and each view refreshes what it shows,
only if it is visible. A `CiciniError` becomes a dialog with its sentence (or the op's own
`failure` callback); any other exception is logged by type only and summarised.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from cicini_desktop.core.changes import NO_CHANGES, Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.dialogs import show_error

log = logging.getLogger(__name__)

T = TypeVar("T")

UNEXPECTED_SENTENCE = (
    "Something unexpected stopped this action; nothing was changed. "
    "Try again, and if it happens again tell IT (details are in the log file)."
)


class OperationHub(QObject):
    """The one place views hear about finished writes (Anki's `operation_did_execute`)."""

    operation_did_execute = Signal(object, object)  # Changes, initiator (object or None)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = DatabaseWorker()
        self._running = 0
        self._relays: set[_Relay] = set()  # results on their way to the GUI thread

    def _started(self) -> None:
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)

    def _finished(self) -> None:
        self._running = max(0, self._running - 1)
        if self._running == 0:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def broadcast(self, changes: Changes, initiator: object | None = None) -> None:
        if changes.any():
            self.operation_did_execute.emit(changes, initiator)

    def shutdown(self) -> None:
        self.worker.shutdown()
        self._relays.clear()


class DatabaseWorker:
    """A single worker thread: database calls run one after another, in submission order."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cicini-db")
        self.closed = False

    def submit(self, fn: Callable[[], T]) -> Future[T] | None:
        """None once shut down: a late timer (window closing) must not start new work."""
        if self.closed:
            return None
        return self._executor.submit(fn)

    def shutdown(self) -> None:
        self.closed = True
        self._executor.shutdown(wait=True, cancel_futures=False)


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from the worker reaches it queued.

    Parentless and held by the hub until delivered: its lifetime is plain Python, so nothing
    of it is left for Qt to tear down at exit.
    """

    finished = Signal(object, object)  # result, error

    def __init__(
        self, hub: OperationHub, on_done: Callable[[Any, BaseException | None], None]
    ) -> None:
        super().__init__(None)
        self._hub = hub
        self._on_done = on_done
        hub._relays.add(self)
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self._hub._relays.discard(self)
        self._on_done(result, error)


def changes_of(result: object) -> Changes:
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else NO_CHANGES


class _Op(Generic[T]):
    def __init__(self, parent: QWidget | None, op: Callable[[], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[CiciniError], None] | None = None
        self._title = "This action could not be completed"

    def success(self, callback: Callable[[T], None]) -> _Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[CiciniError], None]) -> _Op[T]:
        """Handle a domain error yourself (e.g. show conflicts inline) instead of a dialog."""
        self._failure = callback
        return self

    def title(self, text: str) -> _Op[T]:
        self._title = text
        return self

    def run(self, hub: OperationHub) -> None:
        if hub.worker.closed:
            return
        hub._started()

        def done(result: Any, error: BaseException | None) -> None:
            hub._finished()
            if error is None:
                self._on_success(hub, result)
            elif not self._alive():
                log.info("operation failed after its window closed: %s", type(error).__name__)
            elif isinstance(error, CiciniError):
                if self._failure is not None:
                    self._failure(error)
                else:
                    show_error(self._parent, self._title, error.user_message)
            else:
                # Type and place only: an exception's text may carry a name or a key.
                frame = traceback.extract_tb(error.__traceback__)[-1:] or None
                where = f"{frame[0].filename}:{frame[0].lineno}" if frame else "?"
                log.error("operation failed unexpectedly: %s at %s", type(error).__name__, where)
                if self._failure is not None:
                    self._failure(CiciniError(UNEXPECTED_SENTENCE))
                else:
                    show_error(self._parent, self._title, UNEXPECTED_SENTENCE)

        relay = _Relay(hub, done)
        future = hub.worker.submit(self._op)
        if future is None:
            hub._finished()
            hub._relays.discard(relay)
            return

        def forward(fut: Future[T]) -> None:
            error = fut.exception()
            relay.finished.emit(None if error else fut.result(), error)

        future.add_done_callback(forward)

    def _alive(self) -> bool:
        """False once the widget that asked was deleted (a dialog closed meanwhile)."""
        return self._parent is None or shiboken6.isValid(self._parent)

    def _on_success(self, hub: OperationHub, result: T) -> None:
        if self._success is not None and self._alive():
            self._success(result)


class WriteOp(_Op[T]):
    """A change: on success, the hub broadcasts the result's `Changes`."""

    def _on_success(self, hub: OperationHub, result: T) -> None:
        super()._on_success(hub, result)
        hub.broadcast(changes_of(result), self._parent)


class QueryOp(_Op[T]):
    """A read: the result goes to the success callback only."""


def later(callback: Callable[[], None]) -> None:
    """Run on the GUI thread's next turn (after the current event is handled)."""
    QTimer.singleShot(0, callback)
