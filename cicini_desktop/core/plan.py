"""Plan allowances: which limits hold right now, and whether one more account fits.

Rules (also in the README section on sync):

- Before the first successful sync, the documented TRIAL allowances apply.
- After a sync, the allowances of the last valid answer apply until its `valid_until`.
- Offline, they keep applying for a GRACE period of 14 days after `valid_until`.
- After the grace period the plan has LAPSED: the trial allowances apply again until the next
  successful sync restores the plan. Nothing existing is ever disabled or removed; only new
  staff accounts and new provider activations beyond the limit are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

GRACE_PERIOD = timedelta(days=14)


class Allowance(StrEnum):
    ACTIVE_PROVIDERS = "active_providers"
    STAFF_ACCOUNTS = "staff_accounts"


ALLOWANCE_WORDS: dict[Allowance, str] = {
    Allowance.ACTIVE_PROVIDERS: QT_TRANSLATE_NOOP("errors.plan", "active providers"),
    Allowance.STAFF_ACCOUNTS: QT_TRANSLATE_NOOP("errors.plan", "staff accounts"),
}


@dataclass(frozen=True, slots=True)
class Plan:
    name: str
    active_providers: int
    staff_accounts: int
    valid_until: datetime | None  # None only for the built-in trial

    def limit(self, allowance: Allowance) -> int:
        if allowance is Allowance.ACTIVE_PROVIDERS:
            return self.active_providers
        return self.staff_accounts


TRIAL_PLAN = Plan(name="Trial", active_providers=3, staff_accounts=5, valid_until=None)


class PlanStatus(StrEnum):
    TRIAL = "trial"  # never synced
    CURRENT = "current"  # within valid_until
    GRACE = "grace"  # offline, within 14 days after valid_until
    LAPSED = "lapsed"  # grace over: trial allowances until the next sync


@dataclass(frozen=True, slots=True)
class EffectivePlan:
    plan: Plan  # the limits that apply now
    status: PlanStatus
    received: Plan | None  # the last plan the server sent, if any

    @property
    def grace_ends(self) -> datetime | None:
        if self.received is None or self.received.valid_until is None:
            return None
        return self.received.valid_until + GRACE_PERIOD


def effective_plan(received: Plan | None, now: datetime) -> EffectivePlan:
    if received is None or received.valid_until is None:
        return EffectivePlan(TRIAL_PLAN, PlanStatus.TRIAL, None)
    if now <= received.valid_until:
        return EffectivePlan(received, PlanStatus.CURRENT, received)
    if now <= received.valid_until + GRACE_PERIOD:
        return EffectivePlan(received, PlanStatus.GRACE, received)
    return EffectivePlan(TRIAL_PLAN, PlanStatus.LAPSED, received)


def refusal(effective: EffectivePlan, allowance: Allowance, current: int) -> str | None:
    """None if one more fits (current + 1 <= limit); else the sentence to show."""
    limit = effective.plan.limit(allowance)
    if current + 1 <= limit:
        return None
    words = ALLOWANCE_WORDS[allowance]
    if effective.status is PlanStatus.LAPSED and effective.received is not None:
        return QT_TRANSLATE_NOOP(
            "errors.plan",
            "The {plan} plan could not be confirmed for over 14 days, so the Trial limit of "
            "{limit} {words} applies; connect this computer so Cicini can sync, and nothing "
            "existing is affected.",
        ).format(plan=effective.received.name, limit=str(limit), words=words)
    if effective.status is PlanStatus.TRIAL:
        return QT_TRANSLATE_NOOP(
            "errors.plan",
            "The Trial plan allows {limit} {words} until this installation first syncs with "
            "Cicini; ask IT to enrol it, or deactivate one first.",
        ).format(limit=str(limit), words=words)
    return QT_TRANSLATE_NOOP(
        "errors.plan",
        "The {plan} plan allows {limit} {words}; deactivate one first or ask Cicini to "
        "extend the plan.",
    ).format(plan=effective.plan.name, limit=str(limit), words=words)
