"""Backoff schedule: full jitter under a capped exponential bound; Retry-After wins."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.backoff import (
    BackoffPolicy,
    backoff_delay,
    parse_retry_after,
    retry_wait,
)

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


@given(st.integers(1, 60), st.integers(0, 2**32))
def test_delay_within_the_capped_bound(attempt: int, seed: int) -> None:
    policy = BackoffPolicy(base_seconds=2, cap_seconds=300)
    delay = backoff_delay(attempt, policy, random.Random(seed))
    assert 0 <= delay <= min(300, 2 * 2 ** (attempt - 1))


def test_jitter_spreads_clients() -> None:
    policy = BackoffPolicy()
    delays = {round(backoff_delay(4, policy, random.Random(s)), 3) for s in range(50)}
    assert len(delays) > 40


def test_retry_after_forms() -> None:
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after("Mon, 16 Mar 2026 09:01:00 GMT", NOW) == 60
    assert parse_retry_after("Mon, 16 Mar 2026 08:00:00 GMT", NOW) == 0
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("-5", NOW) is None


def test_retry_after_is_used_as_is() -> None:
    assert retry_wait(1, 30.0, BackoffPolicy(cap_seconds=5), random.Random(1)) == 30.0
