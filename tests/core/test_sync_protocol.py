"""Server answers are checked strictly: a malformed 200 is a failure."""

from __future__ import annotations

from datetime import date

import pytest

from cicini_desktop.core.sync_protocol import (
    MalformedAnswer,
    parse_enroll_answer,
    parse_usage_answer,
    reason_code,
)

SENT = frozenset({date(2026, 3, 16)})
PLAN = {
    "name": "Practice",
    "allowances": {"active_providers": 4, "staff_accounts": 12},
    "valid_until": "2026-04-15T09:00:00Z",
}


def test_a_good_answer() -> None:
    answer = parse_usage_answer({"accepted_days": ["2026-03-16"], "plan": PLAN}, SENT)
    assert answer.accepted_days == SENT
    assert answer.plan.staff_accounts == 12


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"accepted_days": "2026-03-16", "plan": PLAN},
        {"accepted_days": ["2026-03-17"], "plan": PLAN},  # not sent
        {"accepted_days": ["16.03.2026"], "plan": PLAN},
        {"accepted_days": [], "plan": {**PLAN, "valid_until": "tomorrow"}},
        {"accepted_days": [], "plan": {**PLAN, "valid_until": "2026-04-15T09:00:00"}},
        {"accepted_days": [], "plan": {**PLAN, "allowances": {"active_providers": "4"}}},
        {"accepted_days": [], "plan": {**PLAN, "allowances": {"active_providers": True}}},
        {"accepted_days": []},
    ],
)
def test_malformed_answers(body: object) -> None:
    with pytest.raises(MalformedAnswer):
        parse_usage_answer(body, SENT)


def test_enrol_answer_and_reason_codes() -> None:
    assert parse_enroll_answer({"token": "a" * 43}) == "a" * 43
    with pytest.raises(MalformedAnswer):
        parse_enroll_answer({"token": "short"})
    assert reason_code({"error": "unknown_counter"}, "http_400") == "unknown_counter"
    assert reason_code({"error": "Patient Anna Smith"}, "http_400") == "http_400"
    assert reason_code(None, "http_400") == "http_400"
