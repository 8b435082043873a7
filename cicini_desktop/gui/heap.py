"""Python's garbage collection in the window: on the GUI thread only, and not over start-up.

**On the GUI thread only.** Python collects reference cycles on whichever thread happens
to allocate when a threshold is crossed: often the database worker. A cycle holding a Qt
object (a closed dialog and the lambda connected to it) is then destroyed on the worker,
and Qt objects destroyed off their thread crash the process, rarely and at random. So the
automatic collection is switched off and a timer on the GUI thread runs the collections
the thresholds call for (the pattern of the PySide/PyQt "GarbageCollector" recipes and
of Anki, which collects on the main thread too). Between two ticks the worker allocates
freely; nothing it makes is freed later than half a second after.

**Not over start-up.** Modules, Qt's wrappers, SQLAlchemy's tables and the window's
widgets are most of the heap and live as long as the process. A full collection walked
them all, some 100 ms with the GUI thread stopped, about once a minute of browsing days:
the day view's worst step. Frozen once the window is built (after one collection, so
nothing already garbage is kept), they are skipped by every later collection. A new window
(another user signed in) thaws the heap first, so the previous window's objects, garbage
now, are collected before the new heap is frozen: at most one window's worth is held back.
`SETTLE_MS` after the window is shown lets Qt's deferred deletions run first.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

SETTLE_MS = 1000
TICK_MS = 500


def freeze_start_up_heap() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def collect_due() -> int | None:
    """The collection the thresholds call for now (None when none is due): the youngest
    generation past its threshold and, as Python's own collector does, the older ones whose
    counts are past theirs too."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = None
    for number in range(3):
        if counts[number] <= thresholds[number]:
            break
        generation = number
    if generation is not None:
        gc.collect(generation)
    return generation


class GuiThreadCollector(QObject):
    """Owned by the application object: one per process, ticking on the GUI thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()


def collect_on_gui_thread(application: QObject) -> GuiThreadCollector:
    """Install the collector once (later calls return the one installed, and switch the
    automatic collection off again should something have switched it back on)."""
    found = application.findChild(GuiThreadCollector)
    if found is None:
        return GuiThreadCollector(application)
    gc.disable()
    return found
