"""Plan allowances: trial defaults, current plan, 14-day grace, lapse back to trial."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cicini_desktop.core.plan import (
    TRIAL_PLAN,
    Allowance,
    Plan,
    PlanStatus,
    effective_plan,
    refusal,
)

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
PRACTICE = Plan("Practice", active_providers=2, staff_accounts=10, valid_until=NOW)


def test_trial_before_the_first_sync() -> None:
    effective = effective_plan(None, NOW)
    assert effective.status is PlanStatus.TRIAL
    assert effective.plan == TRIAL_PLAN
    assert refusal(effective, Allowance.STAFF_ACCOUNTS, TRIAL_PLAN.staff_accounts - 1) is None
    sentence = refusal(effective, Allowance.STAFF_ACCOUNTS, TRIAL_PLAN.staff_accounts)
    assert sentence is not None
    assert "Trial" in sentence
    assert str(TRIAL_PLAN.staff_accounts) in sentence


def test_grace_then_lapse() -> None:
    assert effective_plan(PRACTICE, NOW).status is PlanStatus.CURRENT
    in_grace = effective_plan(PRACTICE, NOW + timedelta(days=14))
    assert in_grace.status is PlanStatus.GRACE
    assert in_grace.plan == PRACTICE
    lapsed = effective_plan(PRACTICE, NOW + timedelta(days=14, seconds=1))
    assert lapsed.status is PlanStatus.LAPSED
    assert lapsed.plan == TRIAL_PLAN
    sentence = refusal(lapsed, Allowance.ACTIVE_PROVIDERS, 5)
    assert sentence is not None
    assert "Practice" in sentence
    assert "nothing existing" in sentence


def test_refusal_names_plan_and_limit() -> None:
    sentence = refusal(effective_plan(PRACTICE, NOW), Allowance.ACTIVE_PROVIDERS, 2)
    assert sentence == (
        "The Practice plan allows 2 active providers; deactivate one first or ask Cicini to "
        "extend the plan."
    )
    assert refusal(effective_plan(PRACTICE, NOW), Allowance.ACTIVE_PROVIDERS, 1) is None
