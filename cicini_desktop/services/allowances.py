"""Plan allowances enforced locally: staff accounts and active providers.

Called by the identity services inside their own transaction (pass its session) right
before they create a staff account or activate a provider. The limits come from the last
valid sync answer, with a 14-day grace period and trial defaults (see core/plan.py).
Nothing existing is ever disabled: only the *new* account or activation is refused.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cicini_desktop.core.errors import AllowanceExceededError
from cicini_desktop.core.plan import Allowance, EffectivePlan, effective_plan, refusal
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.usage import received_plan
from cicini_desktop.store import usage_sync


def current_plan(context: ServiceContext, session: Session) -> EffectivePlan:
    return effective_plan(received_plan(usage_sync.read_state(session)), context.clock.now())


def _check(context: ServiceContext, session: Session, allowance: Allowance, current: int) -> None:
    sentence = refusal(current_plan(context, session), allowance, current)
    if sentence is not None:
        raise AllowanceExceededError(sentence)


def check_can_add_staff(context: ServiceContext, session: Session) -> None:
    """Refuse a new staff account (or a reactivation) beyond the plan's staff accounts."""
    _check(context, session, Allowance.STAFF_ACCOUNTS, usage_sync.count_active_staff(session))


def check_can_activate_provider(context: ServiceContext, session: Session) -> None:
    """Refuse making one more active staff member a provider beyond the plan's limit."""
    current = usage_sync.count_active_providers(session)
    _check(context, session, Allowance.ACTIVE_PROVIDERS, current)
