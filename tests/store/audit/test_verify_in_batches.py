"""Verify is a long job: it walks the trail in batches (one short session each), reports
progress, can be cancelled, and proves the trail with SQLite-built preimages (the fast path)
while handing anything the fast path cannot prove to the precise walk."""

from __future__ import annotations

import threading

import pytest

from cicini_desktop.core.audit_chain import (
    Break,
    ChainFields,
    QuickWalk,
    canonical_bytes,
    network_commit,
    record_hash,
)
from cicini_desktop.services import audit_integrity
from cicini_desktop.services.audit_integrity import verify_steps, verify_trail
from cicini_desktop.services.worker import DatabaseWorker, JobCancelled, Progress
from cicini_desktop.store import audit_log
from tests.store.audit.conftest import raw_file, record, reopen

RECORDS = 10  # seq 1 (clinic created) .. 10


@pytest.fixture
def trail(context, manager, monkeypatch):
    record(context, manager, RECORDS - 1)
    monkeypatch.setattr(audit_integrity, "VERIFY_BATCH", 3)
    return context


def _run(steps) -> tuple[list[Progress], object]:
    seen: list[Progress] = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as done:
            return seen, done.value


def test_verify_reports_progress_batch_by_batch_up_to_the_whole_trail(trail):
    progress, report = _run(verify_steps(trail))

    assert report.ok
    assert report.records == RECORDS
    assert [step.fraction for step in progress] == pytest.approx([0.3, 0.6, 0.9, 1.0])
    assert progress[-1].label == "10 of 10 records checked"


def test_the_sqlite_preimage_is_the_canonical_form_byte_for_byte(trail):
    with trail.database.session() as session:
        full = audit_log.chain_rows(session, -1, 100)
        prepared = audit_log.chain_preimages(session, -1, 100)

    assert len(full) == len(prepared) == RECORDS
    for row, (seq, preimage, stored_hash, prev_hash, _network, _commit) in zip(
        full, prepared, strict=True
    ):
        fields = ChainFields(*row[:15])
        assert seq == fields.seq
        assert prev_hash == row[16]
        assert stored_hash == row[17]
        assert preimage == prev_hash.encode("ascii") + b"|" + canonical_bytes(fields)


def _rewrite_target(connection, seq: int, target_id: str) -> None:
    """Give record `seq` a new target and a correct hash, and re-link its follower, as the
    app would have written it (an honest record the fast path cannot prove)."""
    columns = audit_log.COLUMNS
    row = connection.execute(f"SELECT {columns} FROM audit_record WHERE seq = ?", (seq,)).fetchone()
    values = dict(zip(ChainFields.__slots__[:15], row[:15], strict=True))
    values["target_id"] = target_id
    digest = record_hash(row[16], ChainFields(**values))
    connection.execute(
        "UPDATE audit_record SET target_id = ?, record_hash = ? WHERE seq = ?",
        (target_id, digest, seq),
    )
    previous = digest
    for later in range(seq + 1, RECORDS + 1):
        row = connection.execute(
            f"SELECT {columns} FROM audit_record WHERE seq = ?", (later,)
        ).fetchone()
        fields = ChainFields(*row[:15])
        if row[15] is not None:
            values = dict(zip(ChainFields.__slots__[:15], row[:15], strict=True))
            values["network_commit"] = network_commit(previous, row[15])
            fields = ChainFields(**values)
        digest = record_hash(previous, fields)
        connection.execute(
            "UPDATE audit_record SET prev_hash = ?, network_commit = ?, record_hash = ? "
            "WHERE seq = ?",
            (previous, fields.network_commit, digest, later),
        )
        previous = digest


def test_a_record_the_fast_path_cannot_prove_goes_to_the_precise_walk(trail, config, vault, clock):
    # SQLite writes non-ASCII as UTF-8, the canonical form as \\u escapes: the preimages
    # differ, so only the precise walk can vouch for such a record.
    with raw_file(trail) as connection:
        _rewrite_target(connection, RECORDS - 2, "stäff-ßü")
    context = reopen(config, vault, clock)
    try:
        # As the app would have kept it: the head vouches for the rewritten newest record.
        audit_integrity.reset_chain_head(context)
        with context.database.session() as session:
            quick = QuickWalk(audit_log.anchors(session), None)
            assert quick.feed(audit_log.chain_preimages(session, -1, 100)) is False
        progress, report = _run(verify_steps(context))
    finally:
        context.database.close()

    assert report.ok, report.sentence()
    assert report.records == RECORDS
    assert any(step.label == "looking closer" for step in progress)


def test_a_change_in_a_later_batch_is_found_at_its_record(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("UPDATE audit_record SET outcome = 'success' WHERE seq = 8")
    context = reopen(config, vault, clock)
    try:
        report = verify_trail(context)
    finally:
        context.database.close()
    assert (report.ok, report.broken_seq, report.reason) == (False, 8, Break.CHANGED)


def test_a_cancelled_verify_stops_between_batches_and_leaves_the_database_usable(trail):
    worker = DatabaseWorker()
    trail.attach_worker(worker)
    cancelled = threading.Event()
    finished = threading.Event()
    seen: list[Progress] = []
    outcome: dict[str, object] = {}

    def on_progress(step: Progress) -> None:
        seen.append(step)
        cancelled.set()  # the user pressed Cancel after the first batch

    def on_done(result: object, error: BaseException | None) -> None:
        outcome["result"], outcome["error"] = result, error
        finished.set()

    try:
        worker.run_job(
            verify_steps(trail), on_progress=on_progress, on_done=on_done, cancelled=cancelled
        )
        assert finished.wait(30)
        assert len(seen) == 1
        assert isinstance(outcome["error"], JobCancelled)
        assert worker.call(lambda: verify_trail(trail)).ok
    finally:
        trail.detach_worker()
        worker.shutdown()
