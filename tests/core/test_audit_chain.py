"""The chain's pure rules: canonical form, hashing, and what verify reports."""

from __future__ import annotations

from dataclasses import replace

from cicini_desktop.core.audit_chain import (
    GENESIS_HASH,
    Anchor,
    Break,
    ChainFields,
    ChainHead,
    ChainRecord,
    canonical_bytes,
    canonical_details,
    network_commit,
    record_hash,
    verify_chain,
)

ORG = "5b0c6f0e-6a43-4f4e-9d43-2f5a3a8f1b11"


def fields(seq: int) -> ChainFields:
    return ChainFields(
        seq, 1_773_651_600 + seq, "sign_out", "success", "system", ORG, None, None,
        "192.0.2.0/24", None, "desktop", "linux", "6", "0.1.0", canonical_details({"count": seq}),
    )  # fmt: skip


def chain(count: int, start: int = 1, prev: str = GENESIS_HASH) -> list[ChainRecord]:
    records = []
    for seq in range(start, start + count):
        nh = "ab" * 32
        body = replace(fields(seq), network_commit=network_commit(prev, nh))
        digest = record_hash(prev, body)
        records.append(ChainRecord(body, nh, prev, digest))
        prev = digest
    return records


def head_of(records: list[ChainRecord]) -> ChainHead:
    return ChainHead(records[-1].seq, records[-1].record_hash)


def test_canonical_form_is_stable_and_ordered():
    assert canonical_details({"b": 1, "a": True}) == '{"a":true,"b":1}'
    assert canonical_bytes(fields(1)) == canonical_bytes(fields(1))
    assert canonical_bytes(fields(1)) != canonical_bytes(fields(2))


def test_network_commits_never_repeat_for_one_address():
    assert network_commit("0" * 64, "ab" * 32) != network_commit("1" * 64, "ab" * 32)
    assert network_commit("0" * 64, None) is None


def test_an_intact_chain_verifies_and_the_head_round_trips():
    records = chain(5)
    head = head_of(records)
    assert ChainHead.from_text(head.to_text()) == head
    assert ChainHead.from_text("garbage") is None
    report = verify_chain(records, [], head)
    assert report.ok
    assert report.records == 5
    assert "OK" in report.sentence()


def test_without_a_head_truncation_cannot_be_checked():
    report = verify_chain(chain(3), [], None)
    assert report.ok
    assert report.warnings


def test_a_dropped_network_hash_keeps_the_chain_valid():
    records = chain(3)
    records[1] = replace(records[1], network_hash=None)
    assert verify_chain(records, [], head_of(records)).ok


def test_each_kind_of_break_is_named():
    records = chain(6)
    head = head_of(records)
    changed = [
        *records[:2],
        replace(records[2], fields=replace(records[2].fields, outcome="failure")),
        *records[3:],
    ]
    assert (verify_chain(changed, [], head).broken_seq, verify_chain(changed, [], head).reason) == (
        3,
        Break.CHANGED,
    )
    deleted = records[:2] + records[3:]
    assert verify_chain(deleted, [], head).reason == Break.DELETED
    truncated = records[:4]
    report = verify_chain(truncated, [], head)
    assert (report.broken_seq, report.reason) == (5, Break.TRUNCATED)
    assert "record #5 (truncated" in report.problem()
    assert verify_chain([], [], head).reason == Break.TRUNCATED
    longer = verify_chain(chain(7), [], head)  # one more than the kept head vouches for
    assert (longer.broken_seq, longer.reason) == (7, Break.INSERTED)


def test_an_anchor_vouches_for_a_purged_start():
    records = chain(10)
    kept = records[4:]
    anchor = Anchor(anchor_seq=10, kept_from_seq=5, anchor_hash=records[3].record_hash)
    assert verify_chain(kept, [anchor], head_of(records)).ok
    wrong = Anchor(anchor_seq=10, kept_from_seq=5, anchor_hash="f" * 64)
    report = verify_chain(kept, [wrong], head_of(records))
    assert (report.broken_seq, report.reason) == (5, Break.DELETED)
