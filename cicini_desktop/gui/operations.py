"""Running service calls off the GUI thread (after Anki's CollectionOp / QueryOp).

    WriteOp(parent, lambda: book(context, actor, ...)).success(on_booked).run(hub)
    QueryOp(parent, lambda: day_rows(context, actor, day)).success(show_rows).run(hub)
    JobOp(parent, lambda: purge_steps(context, actor), "Applying the retention policy").run(hub)

Every database touch runs on the ONE database worker of the services layer
(services/worker.py); the GUI only hands it closures. A write returns `Changes` (or an
object with a `.changes` attribute); after success the hub broadcasts
`operation_did_execute(changes, initiator)` and each view refreshes what it shows, only if
it is visible. A `CiciniError` becomes a dialog with its sentence (or the op's own `failure`
callback); any other exception is logged by type and place only and summarised.

The clinic server out of reach (`StoreUnavailableError`) is one case for the whole window:
every operation that meets it emits `hub.connection_changed`, and the window's banner
(gui/connection_banner.py) takes over. A failed write still tells its form, with one
sentence saying nothing was saved (the form keeps its input; Save works again later);
a failed read shows no box, since the banner already says it.

The rule for results, and why
-----------------------------
Results cross from the worker to the GUI thread as **closures in a lock-protected queue**,
drained on the GUI thread after an argument-less wake-up signal (Anki's `run_on_main`).
**No Python object is ever an argument of a queued cross-thread signal.** Passing objects
through `Signal(object, ...)` across threads is where PySide6 6.12.0 on CPython 3.11 was
seen to abort the process (`Fatal Python error: bool_dealloc` / `none_dealloc`) after a few
thousand deliveries; on that pair the root cause turned out wider (every `emit()` drops a
reference to `True`, so the project refuses that pair outright, see gui/qt_support.py), but
the queue keeps the dangerous surface to one argument-less signal whatever the binding's
next bug is: the closure itself never leaves Python, and only the GUI thread runs it.

A second rule, for the same reason: **nothing the worker holds may own a GUI object.** A
finished work item is released on the worker thread; if its callback was the last owner of
a widget (a dialog that closed meanwhile), the widget would be destroyed there and Qt
crashes. So each operation is kept in the hub's registry on the GUI thread, and the work
handed to the worker names it by number only (`_run_registered`, `_deliver_registered`).
"""

from __future__ import annotations

import functools
import logging
import threading
import traceback
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from cicini_desktop.core.changes import NO_CHANGES, Changes
from cicini_desktop.core.errors import CiciniError, PermissionDeniedError, StoreUnavailableError
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.services.worker import (
    DatabaseWorker,
    JobCancelled,
    Progress,
    WorkerClosedError,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

UNEXPECTED_SENTENCE = QT_TRANSLATE_NOOP(
    "operations",
    "Something unexpected stopped this action; nothing was changed. "
    "Try again, and if it happens again tell IT (details are in the log file).",
)
NOT_SAVED_SENTENCE = QT_TRANSLATE_NOOP(
    "operations",
    "The clinic server could not be reached; nothing was saved. Try again when the "
    "connection is back.",
)
UNKNOWN_SENTENCE = QT_TRANSLATE_NOOP(
    "operations",
    "The connection to the clinic server broke while saving; the server may or may not have "
    "kept the change. Check it when the connection is back before doing it again.",
)
NOT_READ_SENTENCE = QT_TRANSLATE_NOOP(
    "operations",
    "The clinic server could not be reached; try again when the connection is back.",
)


class MainThreadQueue(QObject):
    """Closures from any thread, run on the GUI thread in the order they were posted."""

    _wake = Signal()  # argument-less on purpose: see the module docstring

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: deque[Callable[[], None]] = deque()
        self._wake_sent = False
        self._closed = False
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        """Thread-safe. One wake-up covers everything posted until the next drain."""
        with self._lock:
            if self._closed:
                return
            self._pending.append(fn)
            if self._wake_sent:
                return
            self._wake_sent = True
        self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            self._wake_sent = False
            batch = list(self._pending)
            self._pending.clear()
        for fn in batch:
            try:
                fn()
            except Exception as error:  # one bad callback must not drop the others
                _log_unexpected("GUI callback", error)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._pending.clear()


class OperationHub(QObject):
    """The one place views hear about finished writes (Anki's `operation_did_execute`)."""

    operation_did_execute = Signal(object, object)  # Changes, initiator; GUI thread only
    busy_changed = Signal(bool)  # GUI thread only
    # A service refused for lack of permission: the member's access may have changed
    # (FrontDesk then re-reads it and rebuilds the window). GUI thread only.
    access_refused = Signal()
    # The store may have been lost or found again (an operation met StoreUnavailableError,
    # the live-refresh listener lost or regained its connection): the window checks it.
    # `connection_restored`: the window found the store back after an outage. Both are
    # argument-less and emitted on the GUI thread only.
    connection_changed = Signal()
    connection_restored = Signal()

    def __init__(self, worker: DatabaseWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.main_thread = MainThreadQueue(self)
        self._running = 0
        # Operations waiting for their result, by number; only the GUI thread adds or removes,
        # so the last reference to an operation (and its widgets) is always dropped here.
        self._pending: dict[int, Any] = {}
        self._pending_lock = threading.Lock()
        self._next_id = 0

    def _register(self, operation: object) -> int:
        with self._pending_lock:
            self._next_id += 1
            self._pending[self._next_id] = operation
            return self._next_id

    def _registered(self, operation_id: int) -> Any:
        """The operation (for the worker to run its closure); it stays registered."""
        with self._pending_lock:
            return self._pending.get(operation_id)

    def _release(self, operation_id: int) -> Any:
        with self._pending_lock:
            return self._pending.pop(operation_id, None)

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

    def hold(self, owner: QObject) -> Callable[[], None]:
        """Count as busy until the returned release is called (a second call does nothing),
        or until `owner` is destroyed: for a view that reads in two steps with a pause
        between them (it waits for a paint), so whoever waits for a quiet hub (the busy
        cursor, tests, the benchmark) waits for the second step too, and a view closed in
        that pause does not leave the next window busy for good."""
        self._started()
        released = False

        def let_go() -> None:
            nonlocal released
            if not released:
                released = True
                self._finished()

        def release() -> None:
            if not released:
                owner.destroyed.disconnect(let_go)
            let_go()

        owner.destroyed.connect(let_go)
        return release

    def broadcast(self, changes: Changes, initiator: object | None = None) -> None:
        if changes.any():
            self.operation_did_execute.emit(changes, initiator)

    def shutdown(self) -> None:
        """Stop delivering results (the worker itself belongs to the composition root)."""
        self.main_thread.close()
        with self._pending_lock:
            self._pending.clear()


def _run_registered(hub: OperationHub, operation_id: int) -> Any:
    """On the worker: run a registered operation's closure (None if it was dropped)."""
    operation = hub._registered(operation_id)
    if operation is None:
        return None
    return operation._op()


def _deliver_registered(
    hub: OperationHub, operation_id: int, result: Any, error: BaseException | None
) -> None:
    """On the GUI thread: the operation leaves the registry here, and only here."""
    operation = hub._release(operation_id)
    if operation is not None:
        operation._done(hub, result, error)


def _forward(hub: OperationHub, operation_id: int, future: Future[Any]) -> None:
    """On the worker: hand the outcome to the GUI thread (holding no GUI object)."""
    error = future.exception()
    result = None if error is not None else future.result()
    hub.main_thread.post(functools.partial(_deliver_registered, hub, operation_id, result, error))


def unreachable_sentence(error: StoreUnavailableError, *, writes: bool) -> str:
    """The (untranslated) sentence for a server out of reach, by what the user was doing."""
    if error.outcome_unknown:
        return UNKNOWN_SENTENCE
    return NOT_SAVED_SENTENCE if writes else NOT_READ_SENTENCE


def changes_of(result: object) -> Changes:
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else NO_CHANGES


def _log_unexpected(what: str, error: BaseException) -> None:
    # Type and place only: an exception's text may carry a name or a key.
    frame = traceback.extract_tb(error.__traceback__)[-1:] or None
    where = f"{frame[0].filename}:{frame[0].lineno}" if frame else "?"
    log.error("%s failed unexpectedly: %s at %s", what, type(error).__name__, where)


class _Op(Generic[T]):
    def __init__(self, parent: QWidget | None, op: Callable[[], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[CiciniError], None] | None = None
        self._title = translate("operations", "This action could not be completed")

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
        operation_id = hub._register(self)
        future = hub.worker.submit(functools.partial(_run_registered, hub, operation_id))
        if future is None:
            hub._release(operation_id)
            return  # the application is closing
        hub._started()
        future.add_done_callback(functools.partial(_forward, hub, operation_id))

    def _done(self, hub: OperationHub, result: Any, error: BaseException | None) -> None:
        hub._finished()
        if isinstance(error, StoreUnavailableError):
            hub.connection_changed.emit()
        if error is None:
            self._on_success(hub, result)
        elif not self._alive():
            log.info("operation failed after its window closed: %s", type(error).__name__)
        else:
            self._report(error)
        if isinstance(error, PermissionDeniedError):
            hub.access_refused.emit()

    def _report(self, error: BaseException) -> None:
        if isinstance(error, StoreUnavailableError):
            self._unreachable(error)
            return
        if isinstance(error, CiciniError):
            text = sentence(error)
        else:
            _log_unexpected("operation", error)
            error = CiciniError(translate("operations", UNEXPECTED_SENTENCE))
            text = translate("operations", UNEXPECTED_SENTENCE)
        if self._failure is not None:
            self._failure(error)  # type: ignore[arg-type]
        else:
            show_error(self._parent, self._title, text)

    def _unreachable(self, error: StoreUnavailableError) -> None:
        """The server is out of reach: the banner says so; a form's own callback still hears
        it (a write's form says nothing was saved and keeps its input). No box for reads."""
        writes = isinstance(self, WriteOp)
        sentence = translate("operations", unreachable_sentence(error, writes=writes))
        if self._failure is not None:
            self._failure(StoreUnavailableError(sentence))
        elif writes:
            show_error(self._parent, self._title, sentence)

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


class JobOp(Generic[T]):
    """A long job (a generator of `Progress`) on the worker, one batch at a time, with a
    cancellable progress dialog. The GUI stays responsive between batches."""

    def __init__(
        self,
        parent: QWidget | None,
        steps: Callable[[], Generator[Progress, None, T]],
        label: str,
        *,
        cancellable: bool = True,
        writes: bool = True,
    ) -> None:
        self._parent = parent
        self._steps = steps
        self._label = label
        self._cancellable = cancellable
        self._writes = writes
        self._success: Callable[[T], None] | None = None
        self._cancelled_cb: Callable[[], None] | None = None
        self._failure: Callable[[CiciniError], None] | None = None
        self._title = translate("operations", "{label}: not finished").format(label=label)
        self.dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[T], None]) -> JobOp[T]:
        self._success = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> JobOp[T]:
        self._cancelled_cb = callback
        return self

    def failure(self, callback: Callable[[CiciniError], None]) -> JobOp[T]:
        """A refused or failed job's sentence goes here instead of a message box (the page
        shows it and resets its buttons). Unexpected errors still get the generic box."""
        self._failure = callback
        return self

    def run(self, hub: OperationHub, *, show_dialog: bool = True) -> threading.Event:
        cancelled = threading.Event()
        if show_dialog:
            dialog = QProgressDialog(
                f"{self._label}…", translate("operations", "Cancel"), 0, 100, self._parent
            )
            dialog.setWindowTitle(self._label)
            dialog.setAccessibleName(self._label)
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if self._cancellable:
                dialog.canceled.connect(cancelled.set)
            else:
                dialog.setCancelButton(None)  # type: ignore[arg-type]
            self.dialog = dialog
        hub._started()
        operation_id = hub._register(self)
        progress = functools.partial(_job_progress, hub, operation_id)
        done = functools.partial(_job_done, hub, operation_id)
        try:
            steps = self._steps()
        except BaseException as error:  # building the generator failed: report, same path
            done(None, error)
            return cancelled
        hub.worker.run_job(steps, on_progress=progress, on_done=done, cancelled=cancelled)
        return cancelled

    def _show(self, step: Progress) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.setLabelText(f"{self._label}: {localized(step.label)}…")
            self.dialog.setValue(int(max(0.0, min(1.0, step.fraction)) * 100))

    def _done(self, hub: OperationHub, result: T | None, error: BaseException | None) -> None:
        hub._finished()
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None
        if isinstance(error, PermissionDeniedError):
            hub.access_refused.emit()
        if isinstance(error, StoreUnavailableError):
            hub.connection_changed.emit()
            error = StoreUnavailableError(
                translate("operations", unreachable_sentence(error, writes=True))
            )
        if self._parent is not None and not shiboken6.isValid(self._parent):
            log.info("long job ended after its window closed")  # nobody left to tell
            return
        if isinstance(error, JobCancelled):
            if self._cancelled_cb is not None:
                self._cancelled_cb()
            return
        if error is not None:
            if not isinstance(error, CiciniError):
                _log_unexpected("long job", error)
                error = CiciniError(translate("operations", UNEXPECTED_SENTENCE))
            if self._failure is not None:
                self._failure(error)
            else:
                show_error(self._parent, self._title, sentence(error))
            return
        if self._success is not None:
            self._success(result)  # type: ignore[arg-type]
        if self._writes:
            hub.broadcast(changes_of(result), self._parent)


def _job_progress(hub: OperationHub, operation_id: int, step: Progress) -> None:
    """On the worker: a batch finished; the dialog shows it on the GUI thread."""
    hub.main_thread.post(functools.partial(_show_registered, hub, operation_id, step))


def _show_registered(hub: OperationHub, operation_id: int, step: Progress) -> None:
    job = hub._registered(operation_id)
    if job is not None:
        job._show(step)


def _job_done(
    hub: OperationHub, operation_id: int, result: Any, error: BaseException | None
) -> None:
    hub.main_thread.post(functools.partial(_deliver_registered, hub, operation_id, result, error))


def later(callback: Callable[[], None]) -> None:
    """Run on the GUI thread's next turn (after the current event is handled)."""
    QTimer.singleShot(0, callback)


class _Waiting:
    """A local event loop waiting for the worker (and, for a job, its progress dialog).

    Registered on the hub like an operation, so the worker's callbacks name it by number.
    """

    def __init__(self, label: str = "", dialog: QProgressDialog | None = None) -> None:
        self.loop = QEventLoop()
        self.label = label
        self.dialog = dialog
        self.outcome: dict[str, Any] = {}

    def _show(self, step: Progress) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(f"{self.label}: {localized(step.label)}…")
            self.dialog.setValue(int(max(0.0, min(1.0, step.fraction)) * 100))

    def _done(self, _hub: OperationHub, result: Any, error: BaseException | None) -> None:
        self.outcome["result"], self.outcome["error"] = result, error
        self.loop.quit()


def _future_done(hub: OperationHub, waiting_id: int, future: Future[Any]) -> None:
    """On the worker: the waited-for call finished (its result is read from the future)."""
    hub.main_thread.post(functools.partial(_deliver_registered, hub, waiting_id, None, None))


def wait_for(hub: OperationHub, fn: Callable[[], T]) -> T:
    """Run `fn` on the worker and return its result, for steps that must answer at once
    (a wizard page's `validatePage`, start-up before any window exists).

    The GUI thread does not block: a local event loop keeps painting and handling input
    until the answer arrives. Errors are raised here, as if `fn` had run in place.
    """
    future = hub.worker.submit(fn)
    if future is None:
        raise WorkerClosedError("the database worker has shut down")
    waiting = _Waiting()
    waiting_id = hub._register(waiting)
    future.add_done_callback(functools.partial(_future_done, hub, waiting_id))
    if "error" not in waiting.outcome:
        waiting.loop.exec()
    return future.result()


def wait_for_job(
    hub: OperationHub,
    steps: Generator[Progress, None, T],
    label: str,
    *,
    parent: QWidget | None = None,
    show_dialog: bool = True,
) -> T:
    """A long job on the worker (batch by batch) behind a progress dialog; its result."""
    dialog = None
    if show_dialog:
        dialog = QProgressDialog(f"{label}…", "", 0, 100, parent)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowTitle(label)
        dialog.setAccessibleName(label)
        dialog.setMinimumDuration(0)
    waiting = _Waiting(label, dialog)
    waiting_id = hub._register(waiting)
    hub.worker.run_job(
        steps,
        on_progress=functools.partial(_job_progress, hub, waiting_id),
        on_done=functools.partial(_job_done, hub, waiting_id),
    )
    if "error" not in waiting.outcome:
        waiting.loop.exec()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    if waiting.outcome["error"] is not None:
        raise waiting.outcome["error"]
    return waiting.outcome["result"]  # type: ignore[no-any-return]
