"""Retry timing for the sync client: exponential backoff with full jitter, and Retry-After.

Pure functions: the random source and the current time are arguments, so the schedule is
tested without sleeping.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    base_seconds: float = 2.0  # first delay's upper bound
    cap_seconds: float = 300.0  # no single wait longer than this
    max_attempts: int = 5  # HTTP attempts per document per run (first try included)
    max_wait_seconds: float = 600.0  # total waiting per run; beyond it the run stops


def backoff_delay(attempt: int, policy: BackoffPolicy, rng: random.Random) -> float:
    """Delay before retry number `attempt` (1 = the first retry): full jitter, capped.

    "Full jitter" (uniform between 0 and the exponential bound) spreads many clinics that
    failed at the same moment, so a recovering server is not hit by all of them at once.
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    bound = min(policy.cap_seconds, policy.base_seconds * 2 ** (attempt - 1))
    return rng.uniform(0.0, bound)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def retry_wait(
    attempt: int, retry_after: float | None, policy: BackoffPolicy, rng: random.Random
) -> float:
    """The wait before retry `attempt`: the server's Retry-After if given, else backoff.

    A Retry-After is honoured as is (never shortened); the caller stops the run instead of
    waiting when it exceeds what is left of the run's waiting budget.
    """
    if retry_after is not None:
        return retry_after
    return backoff_delay(attempt, policy, rng)
