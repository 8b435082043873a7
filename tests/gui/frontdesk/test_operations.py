"""The operation helpers: one worker thread, results on the GUI thread, Changes broadcast."""

from __future__ import annotations

import threading

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ConflictError
from cicini_desktop.gui import operations
from cicini_desktop.gui.operations import QueryOp, WriteOp


def test_write_runs_off_the_gui_thread_and_broadcasts_its_changes(qtbot, hub):
    threads: list[str] = []
    delivered: list[str] = []
    heard: list[tuple[Changes, object]] = []
    hub.operation_did_execute.connect(lambda changes, who: heard.append((changes, who)))

    def work() -> Changes:
        threads.append(threading.current_thread().name)
        return Changes(appointments=True)

    WriteOp(None, work).success(lambda _c: delivered.append(threading.current_thread().name)).run(
        hub
    )
    qtbot.waitUntil(lambda: bool(heard))
    assert threads[0].startswith("cicini-db")
    assert delivered == [threading.main_thread().name]
    assert heard == [(Changes(appointments=True), None)]


def test_queries_run_one_at_a_time_in_order_and_broadcast_nothing(qtbot, hub):
    order: list[int] = []
    heard: list[object] = []
    hub.operation_did_execute.connect(lambda *args: heard.append(args))
    for i in range(5):
        QueryOp(None, lambda i=i: i).success(order.append).run(hub)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]
    assert heard == []
    assert not hub.busy


def test_a_domain_error_reaches_the_user_as_its_sentence(qtbot, hub, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        operations, "show_error", lambda _p, title, text: shown.append((title, text))
    )

    def refuse() -> Changes:
        raise ConflictError("The provider already has an appointment from 10:30 to 10:45.")

    WriteOp(None, refuse).run(hub)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1] == "The provider already has an appointment from 10:30 to 10:45."


def test_an_unexpected_error_is_summarised_without_its_text(qtbot, hub, monkeypatch, caplog):
    shown: list[str] = []
    monkeypatch.setattr(operations, "show_error", lambda _p, _t, text: shown.append(text))

    def crash() -> None:
        raise RuntimeError("secret patient name Ada Lovelace")

    QueryOp(None, crash).run(hub)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Ada" not in shown[0]
    assert "Ada" not in caplog.text


def test_a_hold_ends_with_its_release_or_its_owner(qtbot, hub):
    """OperationHub.hold: busy until released (twice is once), or until the view holding it
    is destroyed (a window closed between a view's two reads must not stay busy)."""
    from PySide6.QtCore import QObject

    owner = QObject()
    release = hub.hold(owner)
    assert hub.busy
    release()
    release()
    assert not hub.busy
    owner.deleteLater()
    qtbot.wait(10)
    assert not hub.busy  # released first: the owner's end changes nothing

    doomed = QObject()
    hub.hold(doomed)
    assert hub.busy
    doomed.deleteLater()
    qtbot.waitUntil(lambda: not hub.busy, timeout=2000)
