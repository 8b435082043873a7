"""What every service receives from the composition root, and who is acting."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Concatenate, ParamSpec, TypeVar

from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import SYSTEM_ACTOR
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.core.clock import Clock, SystemClock
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.store.database import Database
from cicini_desktop.store.vault import KeyVault

T = TypeVar("T")
P = ParamSpec("P")

# The test suite sets this so that every test runs with the thread check on.
ENV_CHECK_DATABASE_THREAD = "CICINI_CHECK_DATABASE_THREAD"


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member (or the system) on whose behalf a service runs.

    `provider_scope` is None for "all providers", or the set of provider staff ids the
    actor's role assignments are limited to.
    """

    staff_id: str
    organization_id: str
    permissions: frozenset[Permission]
    provider_scope: frozenset[str] | None = None
    # True for the actor of a sign-in (services/sessions.py): every permission check then
    # re-reads the member's access from the database (unit_of_work.current_actor).
    signed_in: bool = False

    @property
    def is_system(self) -> bool:
        return self.staff_id == SYSTEM_ACTOR

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    def may_act_for(self, provider_id: str | None) -> bool:
        return (
            self.provider_scope is None or provider_id is None or provider_id in self.provider_scope
        )

    @classmethod
    def system(cls, organization_id: str) -> Actor:
        return cls(SYSTEM_ACTOR, organization_id, frozenset(Permission))


@dataclass
class ServiceContext:
    """Shared wiring: the open database, the vault, the clock, config and workstation."""

    database: Database
    vault: KeyVault
    config: Config
    workstation: WorkstationInfo
    clock: Clock = field(default_factory=SystemClock)
    # Set once the organisation exists (after onboarding); services read it from here.
    organization_id: str | None = None
    installation_id: str | None = None
    # The clinic's zone name once read (services/scheduling/common.clinic_zone): it is fixed
    # when the clinic is created, and a dozen reads per calendar refresh were a measurable cost.
    # Keyed by organisation id so a context pointed at another organisation reads it again.
    zone_cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The one database worker, once the composition root has attached it (the CLI has none).
    worker: DatabaseWorker | None = field(default=None, repr=False, compare=False)

    def attach_worker(self, worker: DatabaseWorker) -> None:
        """From now on the database belongs to `worker`'s thread (checked when enforced)."""
        self.worker = worker
        enforce = bool(self.config["debug.check_database_thread"]) or (
            os.environ.get(ENV_CHECK_DATABASE_THREAD) == "1"
        )
        self.database.guard.bind(worker.thread, enforce=enforce)

    def detach_worker(self) -> None:
        self.worker = None
        self.database.guard.release()

    def on_worker(self, fn: Callable[[], T]) -> T:
        """Run database work from a background thread (sync, listeners): on the worker when
        there is one, else here. Never call this from the GUI thread: it waits."""
        if self.worker is None:
            return fn()
        return self.worker.call(fn)


def through_worker(
    fn: Callable[Concatenate[ServiceContext, P], T],
) -> Callable[Concatenate[ServiceContext, P], T]:
    """A service that background threads call (the sync runner's network thread): its
    database work runs on the context's worker when one is attached, in place otherwise
    (the CLI, or a call already on the worker)."""

    @functools.wraps(fn)
    def on_worker(context: ServiceContext, *args: P.args, **kwargs: P.kwargs) -> T:
        return context.on_worker(lambda: fn(context, *args, **kwargs))

    return on_worker
