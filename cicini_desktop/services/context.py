"""What every service receives from the composition root, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass, field

from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import SYSTEM_ACTOR
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.core.clock import Clock, SystemClock
from cicini_desktop.core.permissions import Permission
from cicini_desktop.store.database import Database
from cicini_desktop.store.vault import KeyVault


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
