"""gui/heap.py: garbage is collected on the GUI thread only, when the thresholds call for it."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from cicini_desktop.gui import heap


class _Witness:
    """Notes the thread it is destroyed on; kept alive only by a reference cycle."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen
        self.me = self  # the cycle: only the cyclic collector frees it

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _drop_a_cycle_then_allocate_on_a_worker(seen: list[str], kept: list[object]) -> None:
    """The worker's allocations stay alive (as a day's rows do): they count towards a
    collection, which the thresholds then call for."""
    _Witness(seen)

    def allocate() -> None:
        for number in range(200_000):
            kept.append([number])

    worker = threading.Thread(target=allocate, name="database-worker")
    worker.start()
    worker.join()


def test_without_the_collector_a_cycle_dies_on_the_worker(qapp):
    """Why it exists: left to itself, Python collects on the thread that allocates."""
    seen: list[str] = []
    kept: list[object] = []
    gc.collect()
    gc.enable()
    _drop_a_cycle_then_allocate_on_a_worker(seen, kept)
    assert seen == ["database-worker"]


def test_with_the_collector_it_dies_on_the_gui_thread(qtbot):
    seen: list[str] = []
    kept: list[object] = []
    owner = QObject()
    gc.collect()
    gc.enable()
    heap.collect_on_gui_thread(owner)
    assert not gc.isenabled()
    _drop_a_cycle_then_allocate_on_a_worker(seen, kept)
    assert seen == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: seen != [], timeout=3 * heap.TICK_MS)
    assert seen == [threading.main_thread().name]
    assert heap.collect_on_gui_thread(owner) is owner.findChild(heap.GuiThreadCollector)


def test_only_a_due_collection_runs(qapp):
    gc.collect()
    assert heap.collect_due() is None  # nothing allocated since
    threshold = gc.get_threshold()[0]
    kept = [[number] for number in range(threshold + 10)]
    assert heap.collect_due() == 0
    assert gc.get_count()[0] < threshold
    del kept
