"""What one audit record says, before it is chained and stored (the contract every
service uses through `Transaction.audit`). Only identifiers and allow-listed details."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome


@dataclass(frozen=True, slots=True)
class WorkstationInfo:
    """Where a record comes from, already masked: never a full IP address."""

    masked_network: str | None  # "192.0.2.0/24" or "2001:db8:1::/48"
    network_hash: str | None  # HMAC of the full address with a per-installation secret
    device_category: str  # desktop | laptop | virtual_machine | unknown
    os_family: str  # windows | macos | linux | other
    os_major: str
    app_version: str
    # The desk's internal id on the clinic server (several desks write one trail); None on
    # a single desk's file, where the trail has one writer.
    desk_id: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    occurred_at: datetime
    action: AuditAction
    outcome: AuditOutcome
    actor_id: str  # internal staff UUID, or "system"
    organization_id: str
    target_type: str | None = None
    target_id: str | None = None
    details: dict[str, str | int | bool] = field(default_factory=dict)
