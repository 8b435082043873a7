"""The chain head kept outside the database: a head file authenticated with a key of its
own, written in two phases around COMMIT, and every way it can go missing is a finding."""

from __future__ import annotations

import os
import stat

import pytest

from cicini_desktop.core.audit_chain import Break, ChainHead
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import AuditChainError
from cicini_desktop.services.audit_integrity import (
    ChainHeadStore,
    head_store,
    reset_chain_head,
    verify_trail,
)
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store import audit_log
from cicini_desktop.store.audit_head import SLOT_BYTES, head_path
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.vault import KeyVault, Secret, folder_scope, write_key_file
from tests.store.audit.conftest import raw_file, record, reopen

pytestmark = pytest.mark.sqlite_only  # the head file beside the database

DATABASE_ID = "5b0c6f0e-6a43-4f4e-9d43-2f5a3a8f1b11"


def _newest_committed(context) -> ChainHead | None:
    """The newest record as another connection sees it (only committed data)."""
    key = context.vault.load_key(context.database.database_id)
    connection = connect_raw(context.database.path, key)
    try:
        row = connection.execute(
            "SELECT seq, record_hash FROM audit_record ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return ChainHead(int(row[0]), str(row[1])) if row else None


def test_the_head_file_has_its_own_key_in_the_keystore_and_is_private(vault, tmp_path):
    store = ChainHeadStore(vault, DATABASE_ID, tmp_path / "cicini.db")
    store.save(ChainHead(7, "a" * 64), force=True)
    assert store.load() == ChainHead(7, "a" * 64)
    store.save(ChainHead(5, "b" * 64))  # an older head never replaces a newer one
    assert store.load() == ChainHead(7, "a" * 64)
    scope = folder_scope(tmp_path / "cicini.db")
    assert vault.get_scoped_secret(DATABASE_ID, scope, Secret.AUDIT_HEAD_KEY) is not None
    assert vault.get_secret(DATABASE_ID, Secret.AUDIT_CHAIN_HEAD) is None
    mode = stat.S_IMODE(os.stat(head_path(tmp_path / "cicini.db")).st_mode)
    assert mode & 0o077 == 0


def test_key_file_set_ups_keep_a_signed_file(tmp_path, memory_keyring):
    memory_keyring.unavailable = True  # kiosk: no keystore at all
    key_file = tmp_path / "db.key"
    write_key_file(key_file, bytes(range(32)))
    store = ChainHeadStore(KeyVault(key_file=key_file), DATABASE_ID, tmp_path / "cicini.db")
    assert store.load() is None
    store.save(ChainHead(3, "c" * 64), force=True)
    assert store.load() == ChainHead(3, "c" * 64)
    head_file = head_path(tmp_path / "cicini.db")
    head_file.write_bytes(head_file.read_bytes().replace(b'"c":[3', b'"c":[2'))
    with pytest.raises(AuditChainError, match="does not verify"):
        store.load()


def test_a_torn_write_falls_back_to_the_other_slot(vault, tmp_path):
    store = ChainHeadStore(vault, DATABASE_ID, tmp_path / "cicini.db")
    store.save(ChainHead(1, "a" * 64), force=True)  # generation 1: slot 1
    store.save(ChainHead(2, "b" * 64))  # generation 2: slot 0
    head_file = head_path(tmp_path / "cicini.db")
    data = bytearray(head_file.read_bytes())
    data[10:40] = b"x" * 30  # slot 0 half overwritten
    head_file.write_bytes(bytes(data))
    assert store.load() == ChainHead(1, "a" * 64)
    assert len(data) == 2 * SLOT_BYTES


def test_reset_after_a_restore_takes_the_database_as_it_is(context):
    store = head_store(context)
    store.save(ChainHead(99, "d" * 64), force=True)
    assert not verify_trail(context).ok
    head = reset_chain_head(context)
    assert head is not None
    assert store.load() == head
    assert verify_trail(context).ok


def test_the_head_is_recorded_only_after_commit_even_with_a_savepoint(context, manager):
    """Counted operations flush their counters in a savepoint: its release must not record
    the head. Every confirm sees its record committed; every prepare sees it not yet."""
    store = head_store(context)
    seen: list[tuple[str, bool]] = []
    original_prepare, original_confirm = store.prepare, store.confirm

    def prepare(base, head):
        seen.append(("prepare", _newest_committed(context) == head))
        return original_prepare(base, head)

    def confirm(head):
        seen.append(("confirm", _newest_committed(context) == head))
        original_confirm(head)

    store.prepare, store.confirm = prepare, confirm  # type: ignore[method-assign]
    audit_log.set_head_keeper(context.database.engine, store)
    for _ in range(3):
        with unit_of_work(context, manager) as tx:
            tx.audit(audit_log.AuditAction.SETTINGS_CHANGED, target_type="organization")
            tx.count(Counter.STAFF_CREATED)
    assert seen == [("prepare", False), ("confirm", True)] * 3
    assert store.load() == _newest_committed(context)
    assert store.snapshot().pending == ()


def test_a_failed_transaction_leaves_the_head_alone(context, manager):
    before = head_store(context).snapshot()

    def refused() -> None:
        with unit_of_work(context, manager) as tx:
            tx.audit(audit_log.AuditAction.SETTINGS_CHANGED, target_type="organization")
            raise RuntimeError("refused")

    with pytest.raises(RuntimeError):
        refused()
    assert head_store(context).snapshot() == before
    assert verify_trail(context).ok


@pytest.mark.parametrize(
    "damage",
    ["delete head file", "delete head key", "empty head file", "foreign head file"],
)
def test_a_missing_or_foreign_head_is_a_finding(context, manager, config, vault, clock, damage):
    record(context, manager, 3)
    database = context.database
    scope = folder_scope(database.path)
    if damage == "delete head file":
        head_path(database.path).unlink()
    elif damage == "delete head key":
        vault.delete_scoped_secret(database.database_id, scope, Secret.AUDIT_HEAD_KEY)
    elif damage == "empty head file":
        head_path(database.path).write_bytes(b"")
    else:
        other = ChainHeadStore(vault, "another-database", database.path.with_name("x.db"))
        other.save(ChainHead(4, "e" * 64), force=True)
        os.replace(head_path(database.path.with_name("x.db")), head_path(database.path))
    database.close()
    again = reopen(config, vault, clock)
    try:
        record(again, manager, 2)  # later writes never "heal" it
        report = verify_trail(again)
    finally:
        again.database.close()
    assert (report.ok, report.reason) == (False, Break.HEAD)
    assert "cannot be vouched for" in report.problem()


def test_a_forged_tail_is_not_healed_by_later_app_writes(context, manager, config, vault, clock):
    record(context, manager, 3)
    with raw_file(context) as connection:
        connection.execute(
            "DELETE FROM audit_record WHERE seq = (SELECT max(seq) FROM audit_record)"
        )
    again = reopen(config, vault, clock)
    try:
        record(again, manager, 2)
        report = verify_trail(again)
    finally:
        again.database.close()
    assert report.ok is False
    assert report.reason in (Break.TRUNCATED, Break.INSERTED)
