"""20,000 results from the database worker to the GUI thread, of every kind of value.

The pattern that aborted PySide6 6.12.0 on CPython 3.11 was a worker thread emitting a
queued `Signal(object, object)` a few thousand times. Here the worker hands back bools,
None, lists, dicts and dataclasses through the real `QueryOp`/`MainThreadQueue` bridge, and
every one must arrive, intact and in order, on the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.services.worker import DatabaseWorker

DELIVERIES = 20_000


@dataclass(frozen=True)
class Row:
    number: int
    label: str


def value_for(number: int) -> object:
    kind = number % 5
    if kind == 0:
        return number % 2 == 0
    if kind == 1:
        return None
    if kind == 2:
        return [number, str(number), None, True]
    if kind == 3:
        return {"n": number, "flag": False, "nested": {"none": None}}
    return Row(number, f"row {number}")


@pytest.fixture
def bare_hub(qapp):
    worker = DatabaseWorker()
    hub = OperationHub(worker)
    yield hub
    hub.shutdown()
    worker.shutdown()


def test_twenty_thousand_deliveries_arrive_intact_in_order_on_the_gui_thread(qtbot, bare_hub):
    gui_thread = threading.current_thread()
    received: list[tuple[int, object]] = []
    wrong_thread: list[int] = []
    ran_on: set[str] = set()

    def on_worker(number: int) -> object:
        ran_on.add(threading.current_thread().name)
        return value_for(number)

    def arrived(number: int, value: object) -> None:
        if threading.current_thread() is not gui_thread:
            wrong_thread.append(number)
        received.append((number, value))

    for number in range(DELIVERIES):
        QueryOp(None, lambda n=number: on_worker(n)).success(
            lambda value, n=number: arrived(n, value)
        ).run(bare_hub)
    qtbot.waitUntil(lambda: len(received) == DELIVERIES, timeout=120_000)

    assert [n for n, _ in received] == list(range(DELIVERIES))  # in submission order
    assert all(value == value_for(n) for n, value in received)  # intact, every kind
    assert not wrong_thread
    assert ran_on == {bare_hub.worker.thread.name}
    assert not bare_hub.busy


def test_posting_from_many_threads_at_once_loses_nothing(qtbot, bare_hub):
    received: list[int] = []
    per_thread = 2_000

    def post_many(offset: int) -> None:
        for number in range(offset, offset + per_thread):
            bare_hub.main_thread.post(lambda n=number: received.append(n))

    threads = [threading.Thread(target=post_many, args=(i * per_thread,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: len(received) == 4 * per_thread, timeout=60_000)
    assert sorted(received) == list(range(4 * per_thread))


def test_a_failing_callback_does_not_drop_the_others(qtbot, bare_hub, caplog):
    received: list[int] = []

    def boom() -> None:
        raise RuntimeError("a bug in one view")

    bare_hub.main_thread.post(lambda: received.append(1))
    bare_hub.main_thread.post(boom)
    bare_hub.main_thread.post(lambda: received.append(2))
    qtbot.waitUntil(lambda: len(received) == 2, timeout=5_000)
    assert received == [1, 2]
    assert "RuntimeError" in caplog.text
    assert "a bug in one view" not in caplog.text  # type and place only, never the text
