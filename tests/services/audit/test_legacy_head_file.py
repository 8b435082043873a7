"""An upgrade from 0.1.0 builds that kept a key-file set-up's chain head as
`<head>\\n<HMAC hex>` (keyed from the database key): the head carries over, a tampered one
does not (found by .ci/deb-desk-flow.sh: doctor failed 'audit chain' after the upgrade)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from cicini_desktop.config import Config
from cicini_desktop.core.audit_chain import ChainHead
from cicini_desktop.core.errors import AuditChainError
from cicini_desktop.services.audit_integrity import ChainHeadStore
from cicini_desktop.store.audit_head import head_path
from cicini_desktop.store.vault import KeyVault, write_key_file

DATABASE_ID = "11111111-2222-3333-4444-555555555555"
KEY = bytes(range(32))


def _legacy_file(config: Config, head: ChainHead, *, key: bytes = KEY) -> None:
    body = head.to_text()
    file_key = hmac.new(key, b"cicini audit chain head", hashlib.sha256).digest()
    signature = hmac.new(file_key, body.encode("ascii"), hashlib.sha256).hexdigest()
    head_path(config.database_path).write_text(f"{body}\n{signature}\n", encoding="ascii")


def _store(tmp_path, config: Config) -> ChainHeadStore:
    key_file = tmp_path / "db.key"
    write_key_file(key_file, KEY)
    return ChainHeadStore(KeyVault(key_file=key_file), DATABASE_ID, config.database_path)


def test_an_earlier_versions_head_file_carries_over(tmp_path, config, memory_keyring) -> None:
    memory_keyring.unavailable = True
    config.database_path.parent.mkdir(parents=True, exist_ok=True)
    head = ChainHead(5, "8" * 64)
    _legacy_file(config, head)
    store = _store(tmp_path, config)
    store.migrate_legacy()
    assert store.load() == head
    assert len(head_path(config.database_path).read_bytes()) >= 512  # the two-slot file now
    store.migrate_legacy()  # the new file is never read as a legacy one
    assert store.load() == head


def test_a_tampered_earlier_head_file_is_not_laundered(tmp_path, config, memory_keyring) -> None:
    memory_keyring.unavailable = True
    config.database_path.parent.mkdir(parents=True, exist_ok=True)
    _legacy_file(config, ChainHead(5, "8" * 64), key=bytes(32))  # signed with another key
    store = _store(tmp_path, config)
    store.migrate_legacy()
    with pytest.raises(AuditChainError):
        store.load()
