from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.masking import is_masked_network, keyed_address_hash, mask_address

SECRET = bytes(range(32))


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("10.1.2.3", "10.1.2.0/24"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1::/48"),
        ("2001:db8:abcd::1", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ("fe80::1%eth0", "fe80::/48"),
    ],
)
def test_masking_keeps_the_network_only(address, masked):
    assert mask_address(address) == masked
    assert is_masked_network(masked)


@given(st.ip_addresses())
def test_masked_networks_contain_the_address_and_nothing_finer(address):
    masked = mask_address(str(address))
    network = ipaddress.ip_network(masked)
    plain = address.ipv4_mapped if address.version == 6 and address.ipv4_mapped else address
    assert network.prefixlen == (24 if plain.version == 4 else 48)
    assert plain in network
    assert is_masked_network(masked)


@given(st.ip_addresses())
def test_keyed_hash_correlates_without_revealing(address):
    text = str(address)
    digest = keyed_address_hash(SECRET, text)
    assert digest == keyed_address_hash(SECRET, text)
    assert digest != keyed_address_hash(bytes(32), text)
    assert text not in digest
    assert len(digest) == 64


def test_short_secrets_and_non_addresses_are_refused():
    with pytest.raises(ValueError, match="secret"):
        keyed_address_hash(b"short", "192.0.2.1")
    with pytest.raises(ValueError, match="does not appear to be"):
        mask_address("not an address")


@pytest.mark.parametrize("value", ["192.0.2.77/24", "192.0.2.0/25", "192.0.2.1", "x", "::/0"])
def test_is_masked_network_refuses_anything_else(value):
    assert not is_masked_network(value)
