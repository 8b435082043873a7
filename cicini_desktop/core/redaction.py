"""Patterns of personal data and secrets, and a redactor for log text.

The audit trail's PII guard refuses such values outright; logs redact them instead, since
a log line must still be written when something unexpected carries a value.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])")
# A run of 7+ digits, optionally with + ( ) - . or spaces between: phone-like.
PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")
HEX_SECRET = re.compile(r"\b[0-9A-Fa-f]{32,}\b")
RECOVERY_KEY = re.compile(r"\b(?:[0-9A-Z]{5}-){3,}[0-9A-Z]{5}\b")


def _phone_like(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return "[phone]" if digits >= 7 else match.group(0)


def redact(text: str) -> str:
    text = RECOVERY_KEY.sub("[secret]", text)
    text = HEX_SECRET.sub("[secret]", text)
    text = EMAIL.sub("[email]", text)
    text = IPV6.sub("[ip]", text)
    text = IPV4.sub("[ip]", text)
    return PHONE.sub(_phone_like, text)
