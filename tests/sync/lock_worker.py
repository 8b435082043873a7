"""One side of the write-lock race tests: a process (or thread) that records usage, or one
that runs `sync_now`, on the same database, and says what went wrong.

    python -m tests.sync.lock_worker count --data-dir D --stop-file F --min-rounds N
    python -m tests.sync.lock_worker sync  --data-dir D --stop-file F --rounds N

Prints one JSON line: per counter what it recorded (count side), the outcomes (sync side),
and every exception by type, with "database is locked" counted apart. Used by
test_write_lock.py as subprocesses (the keyring is tests.keyring_file.FileKeyring) and,
through `count_loop`/`sync_loop`, from threads.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cicini_desktop.core.backoff import BackoffPolicy
from cicini_desktop.core.counters import Counter
from cicini_desktop.services import usage
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.sync.client import sync_now
from cicini_desktop.sync.transport import Timeouts

POLICY = BackoffPolicy(base_seconds=0.005, cap_seconds=0.01, max_attempts=2, max_wait_seconds=0.1)
TIMEOUTS = Timeouts(connect=2.0, read=5.0)
COUNTERS = [c for c in Counter if c is not Counter.DAY_SHEET_PRINTED]


@dataclass
class Tally:
    recorded: collections.Counter[str] = field(default_factory=collections.Counter)
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    locked: int = 0
    rounds: int = 0
    where: collections.Counter[str] = field(default_factory=collections.Counter)

    def failed(self, error: Exception) -> None:
        self.errors[type(error).__name__] += 1
        if "database is locked" in str(error).lower():
            self.locked += 1
        # Where it happened: the innermost frame of our own code (no data, names only).
        frames = [
            f"{frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.f_code.co_name}"
            for frame, _ in traceback.walk_tb(error.__traceback__)
            if "cicini_desktop" in frame.f_code.co_filename
        ]
        self.where[" < ".join(reversed(frames[-3:])) or "?"] += 1

    def as_json(self) -> dict[str, object]:
        return {
            "recorded": dict(self.recorded),
            "outcomes": dict(self.outcomes),
            "errors": dict(self.errors),
            "locked": self.locked,
            "where": dict(self.where),
            "rounds": self.rounds,
        }


def record_one(context: ServiceContext, rng: random.Random, tally: Tally) -> None:
    """One use case that counts: a plain unit of work, or the day-sheet service function."""
    assert context.organization_id is not None
    actor = Actor.system(context.organization_id)
    try:
        if rng.random() < 0.2:
            usage.record_day_sheet_printed(context, actor)
            tally.recorded[Counter.DAY_SHEET_PRINTED.value] += 1
            return
        counter, amount = rng.choice(COUNTERS), rng.randint(1, 3)
        with unit_of_work(context, actor) as tx:
            tx.count(counter, amount)
        tally.recorded[counter.value] += amount
    except Exception as error:
        tally.failed(error)


def sync_one(context: ServiceContext, tally: Tally) -> None:
    try:
        report = sync_now(context, manual=True, policy=POLICY, timeouts=TIMEOUTS)
        tally.outcomes[report.outcome.value] += 1
    except Exception as error:
        tally.failed(error)


def count_loop(
    context: ServiceContext,
    done: Callable[[], bool],
    min_rounds: int,
    seed: int = 1,
    submit: Callable[[Callable[[], None]], None] | None = None,
    pause: float = 0.001,
) -> Tally:
    """Record usage until `done()` and at least `min_rounds` rounds; `submit` runs each
    round (a database worker's submit-and-wait), by default inline. The short pause is a
    very busy front desk, not a tight loop that would starve every other writer."""
    rng, tally = random.Random(seed), Tally()
    run = submit or (lambda fn: fn())
    while tally.rounds < min_rounds or not done():
        run(lambda: record_one(context, rng, tally))
        tally.rounds += 1
        time.sleep(pause)
    return tally


def sync_loop(context: ServiceContext, rounds: int, pause: float = 0.0) -> Tally:
    tally = Tally()
    for _ in range(rounds):
        sync_one(context, tally)
        tally.rounds += 1
        if pause:
            time.sleep(pause)
    return tally


def main(argv: list[str]) -> int:
    from cicini_desktop.config import load_config
    from cicini_desktop.services.clinic import open_clinic

    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["count", "sync"])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--stop-file", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--min-rounds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    context = open_clinic(load_config(data_dir_flag=args.data_dir))
    try:
        if args.role == "count":
            tally = count_loop(context, args.stop_file.exists, args.min_rounds, args.seed)
        else:
            try:
                tally = sync_loop(context, args.rounds)
            finally:
                args.stop_file.touch()
    finally:
        context.database.close()
    print(json.dumps(tally.as_json()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
