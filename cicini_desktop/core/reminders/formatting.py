"""The shipped reminder languages, their fixed hints, and how a reminder names the zone.

The date and time themselves are written by Babel in the clinic's language and clock
(services/reminders/moment.py): core reads no locale database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

LANGUAGES = ("en", "de")

_HINTS = {
    "en": {
        "sms_confirm": "Reply YES to confirm",
        "sms_cancel": "NO to cancel, STOP to opt out",
        "email_confirm": "To confirm, call us",
        "email_cancel": "To cancel or change it, call us",
    },
    "de": {
        "sms_confirm": "Antworten Sie JA zur Bestätigung",
        "sms_cancel": "NEIN zum Absagen, STOP zum Abmelden",
        "email_confirm": "Zur Bestätigung rufen Sie uns an",
        "email_cancel": "Zum Absagen oder Verschieben rufen Sie uns an",
    },
}


@dataclass(frozen=True, slots=True)
class Moment:
    date: str
    time: str
    zone: str


def zone_label(local: datetime) -> str:
    """`local` is aware, in the clinic's zone. The zone is named (abbreviation and IANA key):
    a patient reading it elsewhere, or across a DST change, knows which clock is meant."""
    abbreviation = local.tzname() or ""
    key = getattr(local.tzinfo, "key", "") or abbreviation
    return f"{abbreviation} ({key})" if abbreviation and abbreviation != key else key


def hints(channel: str, language: str) -> tuple[str, str]:
    lang = language if language in LANGUAGES else "en"
    table = _HINTS[lang]
    return table[f"{channel}_confirm"], table[f"{channel}_cancel"]
