"""Other desks' changes on the clinic server, shown here within a second.

The listener (services/live_refresh.py) runs on its own thread and hands each burst of
changed ids to the database worker; from there this adapter posts one closure to the GUI
thread (never a queued `Signal(object)`), which broadcasts the `Changes` like a finished
write of this desk: every visible view that shows appointments re-reads what it shows.

It also ties the listener to the window's connection state (gui/connection_banner.py):
the listener losing or regaining its connection makes the window check the store, and the
store found back makes the listener re-read (its own re-read path, the only one).
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

    def changed() -> None:
        # On the listener's thread: the window checks the connection (an argument-less
        # signal, emitted on the GUI thread by the posted closure).
        hub.main_thread.post(hub.connection_changed.emit)

    listener = ChangeListener(context, deliver, on_change=changed)
    # The window found the store back after an outage: the listener re-reads what is shown.
    hub.connection_restored.connect(listener.resync)
    return listener.start()
