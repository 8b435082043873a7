"""Plan allowances enforced by the staff services: over-limit refused, grace, trial."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cicini_desktop.core.errors import AllowanceExceededError
from cicini_desktop.core.plan import TRIAL_PLAN, Plan, PlanStatus
from cicini_desktop.core.sync_protocol import UsageAnswer
from cicini_desktop.services import usage
from cicini_desktop.services.allowances import current_plan
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import NewStaff, create_first_manager, create_staff, list_staff

PASSWORD = "a long passphrase 42!"


@pytest.fixture
def manager(context):
    create_first_manager(context, username="boss", display_name="Boss", password=PASSWORD)
    return sign_in(context, "boss", PASSWORD).actor


def add(context, actor, n: int, provider: bool = False) -> None:
    create_staff(
        context,
        actor,
        NewStaff(
            username=f"member{n}", display_name=f"Member {n}", password=PASSWORD,
            is_provider=provider,
        ),
    )  # fmt: skip


def receive_plan(context, providers: int, staff: int) -> Plan:
    plan = Plan("Practice", providers, staff, context.clock.now() + timedelta(days=30))
    usage.record_accepted(context, [], UsageAnswer(frozenset(), plan))
    return plan


def plan_status(context) -> PlanStatus:
    with context.database.session() as session:
        return current_plan(context, session).status


def test_trial_allowances_before_first_sync(context, manager) -> None:
    assert plan_status(context) is PlanStatus.TRIAL
    for n in range(TRIAL_PLAN.staff_accounts - 1):  # the manager holds one account
        add(context, manager, n)
    with pytest.raises(AllowanceExceededError, match=r"Trial plan allows 5 staff accounts"):
        add(context, manager, 99)
    assert len(list_staff(context, manager)) == TRIAL_PLAN.staff_accounts  # nothing lost


def test_received_plan_limits_providers(context, manager) -> None:
    receive_plan(context, providers=1, staff=50)
    add(context, manager, 1, provider=True)
    with pytest.raises(AllowanceExceededError) as refused:
        add(context, manager, 2, provider=True)
    assert refused.value.user_message.startswith("The Practice plan allows 1 active providers")
    add(context, manager, 3)  # a non-provider account still fits


def test_grace_period_then_trial_again(context, manager, clock) -> None:
    receive_plan(context, providers=10, staff=8)
    for n in range(6):
        add(context, manager, n)
    clock.advance(days=30 + 13)  # offline, 13 days after valid_until
    assert plan_status(context) is PlanStatus.GRACE
    add(context, manager, 50)  # the received plan still holds
    clock.advance(days=2)
    assert plan_status(context) is PlanStatus.LAPSED
    with pytest.raises(AllowanceExceededError, match="could not be confirmed"):
        add(context, manager, 51)
    # Everybody created before the lapse is still there and active.
    assert len(list_staff(context, manager)) == 8
