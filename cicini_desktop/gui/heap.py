"""The objects of start-up are kept out of the garbage collector's full passes.

Modules, Qt's wrappers, SQLAlchemy's tables and the window's widgets are most of the heap
and live as long as the process. Python's full collection walked all of them, some 100 ms
with the GUI thread stopped, about once a minute of browsing days: the worst step of the
day view. Frozen once the window is built (after one collection, so nothing that is
already garbage is kept), they are skipped by every later collection; what the window
makes afterwards (a day's rows) is still collected as before.

A new window (another user signed in) thaws the heap first: the previous window's objects,
frozen with it and garbage now, are collected before the new heap is frozen, so at most
one window's worth is ever held back. `SETTLE_MS` after the window is shown lets Qt's
deferred deletions of the previous window run first.
"""

from __future__ import annotations

import gc

SETTLE_MS = 1000


def freeze_start_up_heap() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
