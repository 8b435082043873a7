"""Masking the workstation's network address for the audit trail.

The full address is never stored: only its network (IPv4 kept to /24, IPv6 to /48) and a
keyed hash (HMAC-SHA256 with a per-installation secret) so that repeated attempts from one
address correlate without the address being recoverable from the record.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    text = address.strip().strip("[]").split("%", 1)[0]  # zone ids ("fe80::1%eth0") go
    parsed = ipaddress.ip_address(text)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped  # "::ffff:192.0.2.7" is an IPv4 address in disguise
    return parsed


def mask_address(address: str) -> str:
    """'192.0.2.77' -> '192.0.2.0/24'; '2001:db8:1:2::5' -> '2001:db8:1::/48'.

    Raises ValueError for text that is not an IP address.
    """
    parsed = _parse(address)
    prefix = IPV4_PREFIX if parsed.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def keyed_address_hash(secret: bytes, address: str) -> str:
    """HMAC-SHA256 (hex) of the normalised address under the installation's secret."""
    if len(secret) < 16:
        raise ValueError("the network hash secret must be at least 16 bytes")
    normalised = str(_parse(address)).encode("ascii")
    return hmac.new(secret, normalised, hashlib.sha256).hexdigest()


def is_masked_network(value: str) -> bool:
    """True for exactly what `mask_address` produces (a /24 or /48 network, host bits zero)."""
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        return False
    expected = IPV4_PREFIX if network.version == 4 else IPV6_PREFIX
    return network.prefixlen == expected and str(network) == value
