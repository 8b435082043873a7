"""Many random fault sequences, then a healthy server: the totals match exactly."""

from __future__ import annotations

import collections
import random

from cicini_desktop.core.backoff import BackoffPolicy
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.sync.client import enroll, sync_now
from cicini_desktop.sync.transport import Timeouts
from tests.sync.conftest import CODE, SHORT, count, local_totals, no_sleep, point_at, server_totals

FAULTS = [
    "500", "502", "503:1", "429:2", "413", "malformed", "bad_answer", "drop", "reset", "slow:0.3",
]  # fmt: skip
POLICY = BackoffPolicy(base_seconds=0.01, cap_seconds=0.02, max_attempts=3, max_wait_seconds=5.0)
TIMEOUTS = Timeouts(connect=1.0, read=0.15)


def test_random_fault_sequences_then_healthy_server(context, collector, clock) -> None:
    rng = random.Random(20260316)
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    counters = list(Counter)
    outcomes: collections.Counter[SyncOutcome] = collections.Counter()
    for _ in range(40):
        for _ in range(rng.randint(0, 4)):
            count(context, rng.choice(counters), rng.randint(1, 5))
        faults = [rng.choice(FAULTS) for _ in range(rng.randint(0, 4))]
        collector.collector.faults.push(*faults)
        # Half the runs are a person's `sync now` (lifts a stop after a single-day 413).
        manual = rng.random() < 0.5
        report = sync_now(
            context, manual=manual, policy=POLICY, timeouts=TIMEOUTS, sleep=no_sleep, rng=rng
        )
        outcomes[report.outcome] += 1
        while collector.collector.faults.next() is not None:  # leftovers do not leak on
            pass
        clock.advance(hours=rng.choice([0.5, 3, 13, 30]))
    report = sync_now(context, manual=True, policy=POLICY, timeouts=SHORT, sleep=no_sleep)
    assert report.succeeded
    # The sequences really exercised failures and successes.
    assert outcomes[SyncOutcome.SENT] > 5
    assert outcomes[SyncOutcome.RETRY_LATER] + outcomes[SyncOutcome.REJECTED] > 5
    assert collector.collector.received > 20
    assert server_totals(collector, context.installation_id) == local_totals(context)
