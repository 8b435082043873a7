"""Workstation detection: cheap, never failing, masked; the full address goes nowhere."""

from __future__ import annotations

import socket

from cicini_desktop.core import pii_guard
from cicini_desktop.core.audit_fields import DEVICE_CATEGORIES, OS_FAMILIES
from cicini_desktop.core.masking import keyed_address_hash
from cicini_desktop.services import workstation
from cicini_desktop.store.vault import KeyVault, Secret, write_key_file

DATABASE_ID = "5b0c6f0e-6a43-4f4e-9d43-2f5a3a8f1b11"


def test_detection_gives_allowed_values_that_pass_the_guard(vault):
    info = workstation.detect_workstation(vault, DATABASE_ID)
    assert info.device_category in DEVICE_CATEGORIES
    assert info.os_family in OS_FAMILIES
    assert info.os_major.isdigit() or info.os_major == ""
    pii_guard.check_workstation(info)


def test_an_address_is_kept_masked_and_keyed_only(vault):
    info = workstation.detect_workstation(vault, DATABASE_ID, address="198.51.100.77")
    assert info.masked_network == "198.51.100.0/24"
    secret = bytes.fromhex(vault.get_secret(DATABASE_ID, Secret.AUDIT_NETWORK_HMAC))
    assert len(secret) == 32
    assert info.network_hash == keyed_address_hash(secret, "198.51.100.77")
    assert "198.51.100.77" not in repr(info)
    again = workstation.detect_workstation(vault, DATABASE_ID, address="198.51.100.77")
    assert again.network_hash == info.network_hash  # one secret per installation


def test_ipv6_is_kept_to_a_48(vault):
    info = workstation.detect_workstation(vault, DATABASE_ID, address="2001:db8:aa:bb::7")
    assert info.masked_network == "2001:db8:aa::/48"


def test_no_network_means_no_address(vault, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", unreachable)
    assert workstation.primary_address() is None
    info = workstation.detect_workstation(vault, DATABASE_ID)
    assert (info.masked_network, info.network_hash) == (None, None)


def test_a_locked_keystore_still_masks_but_does_not_hash(vault, memory_keyring):
    memory_keyring.unavailable = True
    info = workstation.detect_workstation(vault, DATABASE_ID, address="192.0.2.9")
    assert (info.masked_network, info.network_hash) == ("192.0.2.0/24", None)


def test_key_file_set_ups_derive_the_secret(tmp_path, memory_keyring):
    memory_keyring.unavailable = True
    key_file = tmp_path / "db.key"
    write_key_file(key_file, bytes(range(32)))
    vault = KeyVault(backend=memory_keyring, key_file=key_file)
    first = workstation.detect_workstation(vault, DATABASE_ID, address="192.0.2.9")
    second = workstation.detect_workstation(vault, DATABASE_ID, address="192.0.2.9")
    assert first.network_hash is not None
    assert first.network_hash == second.network_hash


def test_probes_never_raise(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("odd platform")

    monkeypatch.setattr(workstation, "_linux_category", broken)
    monkeypatch.setattr(workstation, "_windows_category", broken)
    monkeypatch.setattr(workstation, "_macos_category", broken)
    assert workstation.device_category() == "unknown"


def test_the_address_probe_sends_nothing(monkeypatch):
    sent: list[object] = []
    monkeypatch.setattr(socket.socket, "send", lambda *a: sent.append(a))
    monkeypatch.setattr(socket.socket, "sendto", lambda *a: sent.append(a))
    workstation.primary_address()
    assert sent == []
