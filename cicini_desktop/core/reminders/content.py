"""What a reminder may say, and how long an SMS is.

Minimum content (privacy policy, section 5): the clinic's name and phone, the date and time
with the time zone, how to confirm, cancel or call; optionally the first name. Never the
surname, date of birth, appointment type or service, provider specialty or notes. Templates
only ever receive the allowed values (`ALLOWED_FIELDS`); `forbidden_hits` is the scan that
tests (and the editor's preview) run over a rendered message.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The only names a template can use. Anything else is an error at render time.
ALLOWED_FIELDS = (
    "clinic_name",
    "clinic_phone",
    "date",  # e.g. "Tuesday 17 March 2026" in the template's language
    "time",  # e.g. "14:30"
    "zone",  # e.g. "CET (Europe/Berlin)"
    "first_name",  # "" unless the clinic allows it
    "confirm_hint",  # e.g. "Reply YES to confirm" (SMS) or "Call us to confirm" (email)
    "cancel_hint",
)
REQUIRED_FIELDS = ("clinic_name", "clinic_phone", "date", "time", "zone")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def forbidden_hits(message: str, forbidden: Mapping[str, Iterable[str]]) -> list[str]:
    """The names of the forbidden fields whose value appears in `message` (case and accent
    insensitive). `forbidden` maps a field name to the spellings to look for."""
    haystack = _fold(message)
    hits = []
    for name, values in forbidden.items():
        if any(v and len(v.strip()) >= 2 and _fold(v.strip()) in haystack for v in values):
            hits.append(name)
    return hits


def missing_required(message: str, values: Mapping[str, str]) -> list[str]:
    """Required fields whose value does not appear in the rendered `message`."""
    return [name for name in REQUIRED_FIELDS if values.get(name) and values[name] not in message]


# --- SMS length -------------------------------------------------------------------------

# GSM 03.38 default alphabet and its extension table (each extension char costs two septets).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


@dataclass(frozen=True, slots=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int


def sms_length(text: str) -> SmsLength:
    """Encoding, length and number of segments, as a carrier bills them.

    One GSM-7 SMS holds 160 septets, a concatenated part 153; UCS-2 holds 70 / 67 UTF-16
    units (an emoji takes two).
    """
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units == 0:
        return SmsLength(encoding, 0, 0, single)
    if units <= single:
        return SmsLength(encoding, units, 1, single)
    return SmsLength(encoding, units, -(-units // multi), multi)


MAX_SMS_SEGMENTS = 3
