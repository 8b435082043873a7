"""Which sync endpoints are acceptable: HTTPS anywhere, plain HTTP only to loopback."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def endpoint_problem(url: str) -> str | None:
    """None when `url` is acceptable; otherwise what is expected instead."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return QT_TRANSLATE_NOOP("errors.endpoints", "an address such as https://usage.example.org")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        return QT_TRANSLATE_NOOP(
            "errors.endpoints",
            "an https:// address (plain http:// is allowed only to this machine)",
        )
    return None
