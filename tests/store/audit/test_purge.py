"""Retention: the purge removes the oldest records and clears old network hashes, leaves an
anchor, is itself audited, and the remaining chain still verifies."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.services.audit_integrity import purge_if_due, purge_trail, verify_trail
from cicini_desktop.store import audit_log
from tests.store.audit.conftest import raw_file, record, reopen


def _chain(context):
    with context.database.session() as session:
        return list(audit_log.iter_chain(session))


def test_purge_keeps_the_chain_verifiable(context, manager, clock):
    record(context, manager, 9)  # seq 1..10 on 2026-03-16
    clock.set(datetime(2032, 6, 1, tzinfo=UTC))
    record(context, manager, 5)  # seq 11..15

    dry = purge_trail(context, manager, dry_run=True)
    assert (dry.removed, dry.kept_from_seq) == (10, 11)
    assert len(_chain(context)) == 15  # a dry run changes nothing and is not audited

    done = purge_trail(context, manager)
    assert done.removed == 10
    chain = _chain(context)
    assert [r.seq for r in chain] == [11, 12, 13, 14, 15, 16]
    anchor = chain[-1]
    assert anchor.fields.action == AuditAction.RETENTION_PURGE.value
    details = json.loads(anchor.fields.details)
    assert details["kept_from_seq"] == 11
    assert details["removed"] == 10
    assert verify_trail(context).ok

    record(context, manager, 2)  # the trail goes on after the purge
    assert verify_trail(context).ok


def test_old_network_hashes_are_cleared_and_the_chain_still_verifies(context, manager, clock):
    record(context, manager, 4)
    clock.advance(days=120)
    done = purge_trail(context, manager)
    assert done.removed == 0
    if context.workstation.network_hash is not None:
        assert done.hashes_dropped == 5
        assert all(r.network_hash is None for r in _chain(context)[:5])
        assert _chain(context)[-1].network_hash is not None  # the purge's own record is new
    assert verify_trail(context).ok


def test_purges_in_a_row_keep_verifying(context, manager, clock):
    record(context, manager, 3)
    for years in (7, 14):
        clock.set(datetime(2026 + years, 3, 20, tzinfo=UTC))
        record(context, manager, 3)
        purge_trail(context, manager)
        report = verify_trail(context)
        assert report.ok, report.sentence()


def test_a_purge_of_everything_keeps_the_newest_record(context, manager, clock):
    record(context, manager, 3)
    clock.set(datetime(2040, 1, 1, tzinfo=UTC))
    done = purge_trail(context, manager)
    assert done.removed == 3  # seq 1..3; seq 4 stays so the chain continues from it
    assert [r.seq for r in _chain(context)] == [4, 5]
    assert verify_trail(context).ok


def test_the_purge_survives_reopening_and_forged_anchors_fail(
    context, manager, clock, config, vault
):
    record(context, manager, 5)
    clock.set(datetime(2033, 1, 1, tzinfo=UTC))
    record(context, manager, 1)
    purge_trail(context, manager)
    with raw_file(context) as connection:  # now delete one more old record by hand
        connection.execute(
            "DELETE FROM audit_record WHERE seq = (SELECT min(seq) FROM audit_record)"
        )
    reopened = reopen(config, vault, clock)
    try:
        report = verify_trail(reopened)
    finally:
        reopened.database.close()
    assert not report.ok
    assert report.reason == "deleted"


def test_the_automatic_purge_runs_once_a_day(context, manager, clock):
    record(context, manager, 2)
    assert purge_if_due(context) is not None
    assert purge_if_due(context) is None
    clock.advance(days=1, seconds=1)
    assert purge_if_due(context) is not None
    assert verify_trail(context).ok
