"""Other desks' changes on the clinic server, shown here within a second.

The listener (services/live_refresh.py) runs on its own thread and hands each burst of
changed ids to the database worker; from there this adapter posts one closure to the GUI
thread (never a queued `Signal(object)`), which broadcasts the `Changes` like a finished
write of this desk: every visible view that shows appointments re-reads what it shows.
"""

from __future__ import annotations

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.live_refresh import ChangeListener

ANOTHER_DESK = "another-desk"  # the initiator of changes made at another desk


def start_live_refresh(context: ServiceContext, hub: OperationHub) -> ChangeListener | None:
    """Listen for other desks' changes when the store is the clinic server (else None)."""
    if not context.database.is_server:
        return None

    def deliver(changes: Changes, ids: frozenset[str] | None) -> None:
        del ids  # the views re-read their visible range; the ids only say that it changed
        hub.main_thread.post(lambda: hub.broadcast(changes, ANOTHER_DESK))

    return ChangeListener(context, deliver).start()
