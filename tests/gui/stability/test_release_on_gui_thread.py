"""A finished operation's widget is released on the GUI thread, never on the worker.

The worker drops its work item after running it; if that item's callback were the last
owner of a widget (a dialog closed meanwhile), the widget would be destroyed on the worker
thread, which crashes Qt (seen about one run in ten). The hub's registry keeps every
operation on the GUI thread until delivery; this test makes the worker hold its item a
little longer to open that window wide.
"""

from __future__ import annotations

import gc
import threading
import time
import weakref
from concurrent.futures import thread as executor_thread

from PySide6.QtWidgets import QWidget

from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.services.worker import DatabaseWorker


def test_the_widget_of_a_finished_operation_is_freed_on_the_gui_thread(qtbot, monkeypatch):
    original = executor_thread._WorkItem.run

    def slow_run(self) -> None:
        original(self)
        time.sleep(0.3)  # the worker still holds the work item here

    monkeypatch.setattr(executor_thread._WorkItem, "run", slow_run)
    worker = DatabaseWorker()
    hub = OperationHub(worker)
    freed_on: list[str] = []
    widget = QWidget()
    weakref.finalize(widget, lambda: freed_on.append(threading.current_thread().name))
    done: list[int] = []
    QueryOp(widget, lambda: 42).success(done.append).run(hub)
    qtbot.waitUntil(lambda: done == [42])
    del widget
    gc.collect()
    time.sleep(0.5)  # the worker lets go of its item meanwhile
    worker.shutdown()
    hub.shutdown()
    assert freed_on == ["MainThread"]
