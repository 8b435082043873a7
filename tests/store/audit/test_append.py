"""Appending: chained, guarded, append-only, atomic with the change it records."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.audit_chain import GENESIS_HASH, verify_chain
from cicini_desktop.core.errors import PiiRejectedError
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store import audit_log
from tests.store.audit.conftest import record


def _chain(context):
    with context.database.session() as session:
        return list(audit_log.iter_chain(session))


def test_records_are_chained_from_genesis(context, manager):
    record(context, manager, 5)
    chain = _chain(context)
    assert [r.seq for r in chain] == [1, 2, 3, 4, 5, 6]
    assert chain[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.record_hash
    assert verify_chain(chain, [], None).ok


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_can_be_recorded(context, manager, action):
    with unit_of_work(context, manager) as tx:
        tx.audit(action, AuditOutcome.SUCCESS)
    assert _chain(context)[-1].fields.action == action.value


def test_the_workstation_is_recorded_masked_only(context, manager):
    record(context, manager, 1)
    newest = _chain(context)[-1]
    assert newest.fields.masked_network == context.workstation.masked_network
    assert newest.network_hash == context.workstation.network_hash
    assert newest.fields.device_category in {"desktop", "laptop", "virtual_machine", "unknown"}


def test_an_audit_failure_rolls_back_the_change_it_records(context, manager):
    with pytest.raises(PiiRejectedError), unit_of_work(context, manager) as tx:  # noqa: PT012
        tx.session.execute(text("INSERT INTO setting (key, value, version) VALUES ('x', '1', 1)"))
        tx.audit(AuditAction.SETTINGS_CHANGED, details={"reason": "anna@example.org"})
    with context.database.session() as session:
        assert session.execute(text("SELECT count(*) FROM setting WHERE key = 'x'")).scalar() == 0
    assert len(_chain(context)) == 1


def test_a_failing_change_after_the_audit_leaves_no_record(context, manager):
    with pytest.raises(RuntimeError), unit_of_work(context, manager) as tx:  # noqa: PT012
        tx.audit(AuditAction.SETTINGS_CHANGED, target_type="setting", target_id="idle_lock")
        raise RuntimeError("the change failed")
    assert len(_chain(context)) == 1
    record(context, manager, 1)  # and the chain continues from the last committed record
    assert [r.seq for r in _chain(context)] == [1, 2]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_record SET outcome = 'success'",
        "UPDATE audit_record SET network_hash = NULL",
        "DELETE FROM audit_record",
        "DELETE FROM audit_record WHERE seq = 1",
        "INSERT INTO audit_record SELECT * FROM audit_record WHERE seq = 1",
        "DELETE FROM audit_control",
    ],
)
def test_update_and_delete_outside_the_purge_are_refused(context, manager, statement):
    record(context, manager, 2)
    with (
        pytest.raises(DatabaseError, match=r"append-only|audit control"),
        context.database.session_factory.begin() as session,
    ):
        session.execute(text(statement))
    assert len(_chain(context)) == 3


def test_even_the_purge_flag_allows_no_change_to_hashed_content(context, manager):
    record(context, manager, 1)
    with (  # noqa: PT012
        pytest.raises(DatabaseError, match="append-only"),
        context.database.session_factory.begin() as session,
    ):
        session.execute(text("UPDATE audit_control SET purging = 1"))
        session.execute(text("UPDATE audit_record SET action = 'sign_out' WHERE seq = 2"))


def test_concurrent_writers_never_fork_the_chain(context, manager):
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(20):
                record(context, manager, 5)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    chain = _chain(context)
    assert len(chain) == 1 + 3 * 20 * 5
    assert verify_chain(chain, [], None).ok


def test_the_chain_head_is_kept_outside_the_database(context, manager):
    from cicini_desktop.services.audit_integrity import head_store

    record(context, manager, 3)
    head = head_store(context).load()
    assert head is not None
    assert (head.seq, head.hash) == (4, _chain(context)[-1].record_hash)
