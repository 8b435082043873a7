"""Which store this desk uses, and whether it answers now (for the window's connection state).

`probe` is the cheapest round trip there is (`SELECT 1`), run on the database worker like
every other database touch: the GUI asks for it through the worker and never waits for it.
On the encrypted file it always answers; on the clinic server it says False while the server
cannot be reached (the pool pings and reconnects on each try, so a server that is back is
found by the next probe).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import text

from cicini_desktop.core.errors import StoreUnavailableError
from cicini_desktop.services.context import ServiceContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreInUse:
    """The store of this desk, for the status bar: the server's configured host name only."""

    server: bool
    host: str = ""


def store_in_use(context: ServiceContext) -> StoreInUse:
    """From the open store's settings; touches no database (safe on any thread)."""
    database = context.database
    if not database.is_server:
        return StoreInUse(server=False)
    return StoreInUse(server=True, host=str(database.server.host))


def probe(context: ServiceContext) -> bool:
    """True when the store answers a `SELECT 1` now (on the worker)."""
    try:
        with context.database.session() as session:
            session.execute(text("SELECT 1"))
    except StoreUnavailableError:
        return False
    return True
