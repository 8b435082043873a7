"""Which thread may open database sessions: the one database worker, once there is one.

The application touches the database from a single worker thread (services/worker.py); the
GUI thread never does. The rule is easy to break by accident (a page that calls a service
"just to read one value"), and breaking it only shows as a rare pool race or a frozen window.
So, when enforcement is on (the whole test suite, and the `debug.check_database_thread`
setting), opening a session on any thread other than the owner raises at once.

Before a worker owns the database (the CLI, start-up, migrations), any thread may open one.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy.orm import Session

from cicini_desktop.core.errors import CiciniError


class WrongThreadError(CiciniError):
    """A programming error: the database was touched outside the database worker."""

    exit_code = 70

    def __init__(self, thread_name: str, owner_name: str) -> None:
        super().__init__(
            f"A database session was opened on thread {thread_name!r}; only the database "
            f"worker ({owner_name!r}) may open one."
        )


class ThreadGuard:
    """Holds the owning thread (if any) and whether a foreign session is refused."""

    def __init__(self) -> None:
        self._owner: threading.Thread | None = None
        self.enforce = False

    @property
    def owner(self) -> threading.Thread | None:
        return self._owner

    def bind(self, owner: threading.Thread, *, enforce: bool) -> None:
        self._owner = owner
        self.enforce = enforce

    def release(self) -> None:
        self._owner = None

    def check(self) -> None:
        owner = self._owner
        if not self.enforce or owner is None:
            return
        current = threading.current_thread()
        if current is not owner:
            raise WrongThreadError(current.name, owner.name)


class GuardedSession(Session):
    """A Session that asks the guard first; `sessionmaker(..., guard=...)` passes it in."""

    def __init__(self, *args: Any, guard: ThreadGuard, **kwargs: Any) -> None:
        guard.check()
        super().__init__(*args, **kwargs)
