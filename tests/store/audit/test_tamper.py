"""Tampering with the SQLCipher file behind the app's back is reported by verify, at the
right record and with the right reason."""

from __future__ import annotations

import json

import pytest

from cicini_desktop.core.audit_chain import Break, ChainFields, network_commit, record_hash
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.store.audit_log import COLUMNS
from tests.store.audit.conftest import raw_file, record, reopen

RECORDS = 10  # seq 1 (clinic created) .. 10


@pytest.fixture
def trail(context, manager):
    record(context, manager, RECORDS - 1)
    assert verify_trail(context).ok
    return context


def _verify_after(trail, config, vault, clock):
    context = reopen(config, vault, clock)
    try:
        return verify_trail(context)
    finally:
        context.database.close()


def _row(connection, seq):
    return connection.execute(
        f"SELECT {COLUMNS} FROM audit_record WHERE seq = ?", (seq,)
    ).fetchone()


def _rehash(connection, seq, **changes):
    """Change record `seq` and give it a correct hash for its (stored) previous hash."""
    row = _row(connection, seq)
    fields = ChainFields(*row[:15])
    fields = ChainFields(**{**{f: getattr(fields, f) for f in fields.__slots__}, **changes})
    digest = record_hash(row[16], fields)
    connection.execute(
        "UPDATE audit_record SET action = ?, details = ?, record_hash = ? WHERE seq = ?",
        (fields.action, fields.details, digest, seq),
    )


def test_an_edited_record_is_reported_as_changed(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("UPDATE audit_record SET outcome = 'success' WHERE seq = 5")
    report = _verify_after(trail, config, vault, clock)
    assert (report.ok, report.broken_seq, report.reason) == (False, 5, Break.CHANGED)


def test_an_edited_and_rehashed_record_is_reported_as_changed(trail, config, vault, clock):
    with raw_file(trail) as connection:
        _rehash(connection, 5, details=json.dumps({"failures": 99}, separators=(",", ":")))
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (5, Break.CHANGED)


def test_an_edited_network_hash_is_reported_as_changed(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("UPDATE audit_record SET network_hash = ? WHERE seq = 7", ("f" * 64,))
    report = _verify_after(trail, config, vault, clock)
    if trail.workstation.network_hash is None:
        pytest.skip("no network on this machine: nothing to commit to")
    assert (report.broken_seq, report.reason) == (7, Break.CHANGED)


def test_a_deleted_record_is_reported_where_it_is_missing(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("DELETE FROM audit_record WHERE seq = 5")
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (6, Break.DELETED)
    assert "#5" in report.explanation


def test_deleting_the_oldest_records_is_reported(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("DELETE FROM audit_record WHERE seq <= 3")
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (4, Break.DELETED)


def test_an_inserted_record_is_reported_as_inserted(trail, config, vault, clock):
    with raw_file(trail) as connection:
        # make room at 6 (renumber 6..10 to 7..11), then forge a well-hashed record there
        connection.execute("UPDATE audit_record SET seq = seq + 100 WHERE seq >= 6")
        connection.execute("UPDATE audit_record SET seq = seq - 99 WHERE seq >= 106")
        row = _row(connection, 5)
        fields = ChainFields(*row[:15])
        forged = ChainFields(**{**{f: getattr(fields, f) for f in fields.__slots__}, "seq": 6})
        forged = ChainFields(
            **{**{f: getattr(forged, f) for f in forged.__slots__}, "network_commit": None}
        )
        values = forged.values()
        connection.execute(
            f"INSERT INTO audit_record ({COLUMNS}) VALUES ({', '.join('?' * 19)})",
            (*values, None, row[17], record_hash(row[17], forged), None),
        )
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (6, Break.INSERTED)


def test_a_record_appended_behind_the_apps_back_is_reported(trail, config, vault, clock):
    with raw_file(trail) as connection:
        row = _row(connection, RECORDS)
        fields = ChainFields(*row[:15])
        forged = ChainFields(
            **{**{f: getattr(fields, f) for f in fields.__slots__}, "seq": RECORDS + 1}
        )
        forged = ChainFields(
            **{
                **{f: getattr(forged, f) for f in forged.__slots__},
                "network_commit": network_commit(row[17], None),
            }
        )
        values = forged.values()
        connection.execute(
            f"INSERT INTO audit_record ({COLUMNS}) VALUES ({', '.join('?' * 19)})",
            (*values, None, row[17], record_hash(row[17], forged), None),
        )
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (RECORDS + 1, Break.INSERTED)


def test_cutting_the_tail_is_reported_as_truncated(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("DELETE FROM audit_record WHERE seq >= 8")
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (8, Break.TRUNCATED)


def test_cutting_the_tail_and_writing_on_is_still_reported(trail, manager, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("DELETE FROM audit_record WHERE seq >= 8")
    context = reopen(config, vault, clock)
    try:
        record(context, manager, 5)  # the app appends seq 8..12 over the cut
        report = verify_trail(context)
    finally:
        context.database.close()
    assert (report.ok, report.reason) == (False, Break.TRUNCATED)
    assert report.broken_seq == RECORDS


def test_emptying_the_trail_is_reported(trail, config, vault, clock):
    with raw_file(trail) as connection:
        connection.execute("DELETE FROM audit_record")
    report = _verify_after(trail, config, vault, clock)
    assert (report.broken_seq, report.reason) == (1, Break.TRUNCATED)


def test_an_untouched_trail_verifies_after_reopening(trail, config, vault, clock):
    trail.database.close()
    report = _verify_after(trail, config, vault, clock)
    assert report.ok
    assert report.records == RECORDS
