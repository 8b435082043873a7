"""Date, time and zone as a reminder states them, in each shipped language.

Written out here (no locale database): the machine's locale is not the patient's, and the
two shipped languages need a dozen words each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

LANGUAGES = ("en", "de")

_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}
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


def describe_moment(local: datetime, language: str) -> Moment:
    """`local` is aware, in the clinic's zone. The zone is named (abbreviation and IANA key):
    a patient reading it elsewhere, or across a DST change, knows which clock is meant."""
    lang = language if language in LANGUAGES else "en"
    weekday = _WEEKDAYS[lang][local.weekday()]
    month = _MONTHS[lang][local.month - 1]
    if lang == "de":
        day = f"{weekday}, {local.day}. {month} {local.year}"
    else:
        day = f"{weekday} {local.day} {month} {local.year}"
    abbreviation = local.tzname() or ""
    key = getattr(local.tzinfo, "key", "") or abbreviation
    zone = f"{abbreviation} ({key})" if abbreviation and abbreviation != key else key
    return Moment(day, f"{local.hour:02d}:{local.minute:02d}", zone)


def hints(channel: str, language: str) -> tuple[str, str]:
    lang = language if language in LANGUAGES else "en"
    table = _HINTS[lang]
    return table[f"{channel}_confirm"], table[f"{channel}_cancel"]
