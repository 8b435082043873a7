"""The chain head kept outside the database: keystore, or a signed file with a key file."""

from __future__ import annotations

import pytest

from cicini_desktop.core.audit_chain import ChainHead
from cicini_desktop.core.errors import AuditChainError
from cicini_desktop.services.audit_integrity import ChainHeadStore, reset_chain_head
from cicini_desktop.store.vault import KeyVault, Secret, write_key_file

DATABASE_ID = "5b0c6f0e-6a43-4f4e-9d43-2f5a3a8f1b11"


def test_the_keystore_holds_the_head(vault, tmp_path):
    store = ChainHeadStore(vault, DATABASE_ID, tmp_path / "cicini.db")
    store.save(ChainHead(7, "a" * 64))
    assert store.load() == ChainHead(7, "a" * 64)
    store.save(ChainHead(5, "b" * 64))  # an older head never replaces a newer one
    assert store.load() == ChainHead(7, "a" * 64)
    assert vault.get_secret(DATABASE_ID, Secret.AUDIT_CHAIN_HEAD) is not None


def test_key_file_set_ups_keep_a_signed_file(tmp_path, memory_keyring):
    memory_keyring.unavailable = True  # kiosk: no keystore at all
    key_file = tmp_path / "db.key"
    write_key_file(key_file, bytes(range(32)))
    store = ChainHeadStore(KeyVault(key_file=key_file), DATABASE_ID, tmp_path / "cicini.db")
    assert store.load() is None
    store.save(ChainHead(3, "c" * 64))
    assert store.load() == ChainHead(3, "c" * 64)
    head_file = tmp_path / "cicini.db.audit-head"
    head_file.write_text(head_file.read_text().replace('"seq":3', '"seq":2'))
    with pytest.raises(AuditChainError, match="altered"):
        store.load()


def test_reset_after_a_restore_takes_the_database_as_it_is(context, vault):
    store = ChainHeadStore(vault, context.database.database_id, context.database.path)
    store.save(ChainHead(99, "d" * 64), force=True)
    head = reset_chain_head(context)
    assert head is not None
    assert store.load() == head
