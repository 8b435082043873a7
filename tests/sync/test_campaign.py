"""A fault campaign: many random schedules of faults, clock jumps and usage recorded while
the sync runs, against the reference collector on loopback.

Each schedule queues a few faults (5xx, 429/503 with Retry-After, 413, 400, garbage,
answers that store nothing, dropped connections, answers lost after the server stored the
document, answers slower than the timeout), starts a sync run, and meanwhile records usage
from another thread, as the app's database worker does while the sync thread runs. Then
the clock moves on (often across midnight). At the end one healthy run must leave the
server holding exactly what was counted: 0 lost, 0 counted twice, and no run may have
raised. `CICINI_SYNC_CAMPAIGN` sets the number of schedules (at least 200 in CI).
"""

from __future__ import annotations

import collections
import os
import random
import threading
import time

import pytest

from cicini_desktop.core.backoff import BackoffPolicy
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.sync.client import enroll, sync_now
from cicini_desktop.sync.transport import Timeouts
from tests.sync import lock_worker
from tests.sync.conftest import CODE, SHORT, local_totals, no_sleep, point_at, server_totals

SCHEDULES = int(os.environ.get("CICINI_SYNC_CAMPAIGN", "200"))
SEED = int(os.environ.get("CICINI_SYNC_CAMPAIGN_SEED", "23"))
FAULTS = [
    "500", "502", "503:1", "429:2", "413", "400", "401", "malformed", "bad_answer",
    "accept_none", "drop", "reset", "slow:0.25",
]  # fmt: skip
POLICY = BackoffPolicy(base_seconds=0.01, cap_seconds=0.02, max_attempts=3, max_wait_seconds=1.5)
TIMEOUTS = Timeouts(connect=1.0, read=0.15)
EXPECTED = set(SyncOutcome)  # every outcome is an answer; only an exception is unexpected


@pytest.mark.slow
def test_fault_campaign_loses_nothing_and_counts_nothing_twice(context, collector, clock) -> None:
    assert SCHEDULES >= 1
    # Keep every day locally, so the end can compare local, counted and server totals.
    context.config = context.config.with_values(retention__sent_usage_days=100_000)
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    rng = random.Random(SEED)
    counted: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    outcomes: collections.Counter[str] = collections.Counter()
    unexpected: list[str] = []
    midnights = runs = 0
    started = time.monotonic()

    for schedule in range(SCHEDULES):
        collector.collector.faults.push(*[rng.choice(FAULTS) for _ in range(rng.randint(0, 3))])
        day = clock.now().date().isoformat()
        recording = lock_worker.Tally()
        finished = threading.Event()

        def record(
            seed: int = schedule,
            tally: lock_worker.Tally = recording,
            finished: threading.Event = finished,
        ) -> None:
            # Usage recorded while the sync runs: the worker's side of the race.
            local = random.Random(seed)
            for _ in range(local.randint(1, 12)):
                lock_worker.record_one(context, local, tally)
                if finished.wait(local.choice([0.0, 0.001, 0.005])):
                    break

        worker = threading.Thread(target=record, name="database-worker")
        worker.start()
        last: SyncOutcome | None = None
        for _ in range(rng.choice([1, 1, 2])):
            manual = rng.random() < 0.3  # a person's `sync now` lifts a stop after a 400
            try:
                report = sync_now(
                    context, manual=manual, policy=POLICY, timeouts=TIMEOUTS,
                    sleep=no_sleep, rng=rng,
                )  # fmt: skip
                outcomes[report.outcome.value] += 1
                last = report.outcome
                if report.outcome not in EXPECTED:
                    unexpected.append(report.outcome.value)
            except Exception as error:
                unexpected.append(f"{type(error).__name__}: {error}"[:200])
            runs += 1
        finished.set()
        worker.join(30)
        if recording.errors:
            unexpected.extend(f"counting: {name}" for name in recording.errors)
        counted[day].update(recording.recorded)
        while collector.collector.faults.next() is not None:  # leftovers do not leak on
            pass
        before = clock.now().date()
        clock.advance(hours=rng.choice([0.25, 1, 3, 7, 13, 30]))
        if clock.now().date() != before:
            midnights += 1
        if last is SyncOutcome.NEEDS_ENROLMENT:
            enroll(context, collector.url, CODE, SHORT)  # IT re-enrols after a 401

    final = sync_now(context, manual=True, policy=POLICY, timeouts=SHORT, sleep=no_sleep)
    elapsed = time.monotonic() - started
    expected = {d: dict(c) for d, c in counted.items() if c}
    usages = sum(sum(c.values()) for c in expected.values())
    print(
        f"campaign: {SCHEDULES} schedules, {runs} runs, {usages} usages in "
        f"{sum(len(c) for c in expected.values())} day-counter cells, "
        f"{midnights} midnights, {collector.collector.received} documents stored, "
        f"{elapsed:.1f} s; outcomes {dict(outcomes)}"
    )
    assert unexpected == []
    assert final.outcome is SyncOutcome.SENT, final
    assert local_totals(context) == expected  # nothing lost locally, nothing doubled
    assert server_totals(collector, context.installation_id) == expected  # nor on the server
    # The schedules really exercised failures and successes.
    assert outcomes[SyncOutcome.SENT.value] > SCHEDULES // 10
    failures = sum(n for o, n in outcomes.items() if o not in ("sent", "nothing_to_send"))
    assert failures > SCHEDULES // 10
