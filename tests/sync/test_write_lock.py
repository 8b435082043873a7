"""Write transactions take the write lock at BEGIN, so writers queue instead of failing.

With a deferred BEGIN, a transaction that had read before another connection committed could
not write any more and failed at once with "database is locked" (the busy timeout never
applies to a stale snapshot). These tests record usage and sync at the same time, in two
processes and in two threads of one process, and count every such error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter as Tally
from pathlib import Path

import pytest

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.services.context import Actor
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store import usage_sync
from cicini_desktop.store.database import begin_statement, connect_raw
from cicini_desktop.sync.client import enroll, sync_now
from tests.keyring_memory import MemoryKeyring
from tests.sync import lock_worker
from tests.sync.conftest import CODE, FAST, SHORT, local_totals, server_totals

REPO = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("CICINI_LOCK_ROUNDS", "300"))


def per_counter(totals: dict[str, dict[str, int]]) -> Tally[str]:
    summed: Tally[str] = Tally()
    for counters in totals.values():
        summed.update(counters)
    return summed


def test_only_read_sessions_begin_deferred() -> None:
    assert begin_statement({}) == "BEGIN IMMEDIATE"
    assert begin_statement({"cicini_read_only": True}) == "BEGIN"


def test_a_unit_of_work_holds_the_write_lock_from_its_start(context, vault) -> None:
    database = context.database
    key = vault.load_key(database.database_id)
    other = connect_raw(database.path, key)
    other.execute("PRAGMA busy_timeout = 0")
    try:
        with unit_of_work(context, Actor.system(context.organization_id)) as tx:
            # The session begins on its first statement, here a read: nothing is written
            # yet, but the write lock is ours already, so another writer must wait.
            usage_sync.read_state(tx.session)
            with pytest.raises(Exception, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with database.session() as session:
            usage_sync.read_state(session)  # a read transaction is open now
            other.execute("BEGIN IMMEDIATE")  # ...and takes no write lock (WAL)
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_writer_that_read_first_waits_instead_of_failing(context, vault) -> None:
    """The failing pattern of the issue: read, another connection commits, then write."""
    key = vault.load_key(context.database.database_id)
    actor = Actor.system(context.organization_id)
    errors: list[str] = []
    started = threading.Event()

    def other_writer() -> None:
        connection = connect_raw(context.database.path, key)
        try:
            started.set()
            connection.execute("BEGIN IMMEDIATE")  # waits (busy_timeout) for our unit
            connection.execute(
                "INSERT INTO usage_counter (day, counter, count) VALUES ('2026-03-15', "
                "'backup.made', 1) ON CONFLICT (day, counter) DO UPDATE SET count = count + 1"
            )
            connection.execute("COMMIT")
        except Exception as error:
            errors.append(str(error))
        finally:
            connection.close()

    thread = threading.Thread(target=other_writer)
    with unit_of_work(context, actor) as tx:
        usage_sync.state(tx.session)  # the state row exists from here on
    with unit_of_work(context, actor) as tx:
        usage_sync.state(tx.session)  # a read only
        thread.start()
        started.wait(5)
        time.sleep(0.3)  # with a deferred BEGIN the other connection commits here
        state = usage_sync.state(tx.session)
        state.last_reason = "written_after_the_wait"
        tx.count(Counter.BACKUP_MADE)
    thread.join(10)
    assert errors == []
    assert local_totals(context)["2026-03-15"] == {"backup.made": 1}
    assert local_totals(context)["2026-03-16"] == {"backup.made": 1}


def _keyring_file(keyring: MemoryKeyring, path: Path) -> Path:
    path.write_text(json.dumps({f"{s}\x00{u}": p for (s, u), p in keyring.entries.items()}))
    return path


@pytest.mark.slow
def test_two_processes_count_and_sync_without_locked_errors(
    context, collector, memory_keyring, tmp_path
) -> None:
    enroll(context, collector.url, CODE, SHORT)  # the enrolled address is the endpoint
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PYTHON_KEYRING_BACKEND": "tests.keyring_file.FileKeyring",
        "CICINI_TEST_KEYRING_FILE": str(_keyring_file(memory_keyring, tmp_path / "keys.json")),
    }
    stop = tmp_path / "stop"
    common = ["--data-dir", str(context.config.data_dir), "--stop-file", str(stop)]
    module = [sys.executable, "-m", "tests.sync.lock_worker"]
    counter = subprocess.Popen(
        [*module, "count", *common, "--min-rounds", str(ROUNDS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    syncer = subprocess.Popen(
        [*module, "sync", *common, "--rounds", str(ROUNDS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = []
    for process in (syncer, counter):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    synced, counted = results
    print(f"two processes: {counted['rounds']} counting rounds, {synced['rounds']} syncs, {synced}")

    assert counted["locked"] == synced["locked"] == 0
    assert counted["errors"] == synced["errors"] == {}
    assert synced["rounds"] == ROUNDS
    assert counted["rounds"] >= ROUNDS
    # The two really overlapped: many syncs carried usage counted while they ran. (How many
    # find nothing new depends on the machine's speed: 146 of 300 sent on an idle CI run.)
    assert synced["outcomes"].get(SyncOutcome.SENT.value, 0) > ROUNDS // 4

    # Nothing lost and nothing doubled: the database holds exactly what was recorded, and
    # after one more sync so does the server.
    assert per_counter(local_totals(context)) == Tally(counted["recorded"])
    assert sync_now(context, manual=True, policy=FAST, timeouts=SHORT).succeeded
    assert server_totals(collector, context.installation_id) == local_totals(context)


@pytest.mark.slow
def test_database_worker_and_sync_runner_without_locked_errors(context, collector, worker) -> None:
    """The app's shape: the services' DatabaseWorker runs every use case on its one thread
    (here usage recorded by submit(fn) -> Future, as the GUI's operations do) while the
    sync runner's thread runs the sync client, whose database work the services route to
    the worker. The thread guard is on: a session opened on the runner's thread would fail
    the run (WrongThreadError), and so would a "database is locked"."""
    enroll(context, collector.url, CODE, SHORT)
    done = threading.Event()
    syncs: list[lock_worker.Tally] = []

    def runner() -> None:
        try:
            syncs.append(lock_worker.sync_loop(context, ROUNDS))
        finally:
            done.set()

    sync_thread = threading.Thread(target=runner, name="sync-runner")
    sync_thread.start()
    counted = lock_worker.count_loop(
        context, done.is_set, ROUNDS, submit=lambda fn: worker.submit(fn).result()
    )
    sync_thread.join(120)
    (synced,) = syncs
    print(f"worker and runner: {counted.rounds} counting rounds, {synced.as_json()}")

    assert counted.locked == synced.locked == 0
    assert dict(counted.errors) == dict(synced.errors) == {}
    assert synced.outcomes[SyncOutcome.SENT.value] > ROUNDS // 4  # overlapped (see above)
    assert per_counter(worker.call(lambda: local_totals(context))) == counted.recorded
    assert sync_now(context, manual=True, policy=FAST, timeouts=SHORT).succeeded
    held = worker.call(lambda: local_totals(context))
    assert server_totals(collector, context.installation_id) == held
