"""The readable access export (PDF) in the clinic's language, dates written by Babel.

Services do not import Qt, so the GUI's translator cannot reach the PDF the CLI and the
Privacy page write; this module holds the few words the export uses (its headings and the
field names of its JSON) in German, and Babel writes its dates and times as the language
does ("16. März 2026, 10:30"). The language is the clinic's choice (Clinic set-up > Front
desk), else German for a clinic in a German-speaking country, else English.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_datetime

GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})

GERMAN: dict[str, str] = {
    "Cicini access export": "Cicini-Auskunftsexport",
    "Generated": "Erstellt",
    "none": "keine",
    "item": "Eintrag",
    "items": "Einträge",
    "patient": "Patient",
    "staff": "Personal",
    "active": "aktiv",
    "added at": "hinzugefügt am",
    "appointments": "Termine",
    "at": "am",
    "booked at": "gebucht am",
    "cancel reason": "Absagegrund",
    "channel": "Kanal",
    "created at": "angelegt am",
    "date of birth": "Geburtsdatum",
    "duration minutes": "Dauer in Minuten",
    "earliest minute": "frühestens (Minute)",
    "email": "E-Mail",
    "end": "Ende",
    "expires on": "läuft ab am",
    "family name": "Nachname",
    "first local": "erster Termin (Ortszeit)",
    "from status": "von Status",
    "given name": "Vorname",
    "history": "Verlauf",
    "id": "ID",
    "kind": "Art",
    "latest minute": "spätestens (Minute)",
    "note": "Notiz",
    "old end": "bisheriges Ende",
    "old start": "bisheriger Beginn",
    "override reason": "Begründung",
    "phone": "Telefon",
    "priority": "Priorität",
    "provider id": "Behandler-ID",
    "reason": "Grund",
    "recurring series": "Terminserien",
    "reminder preferences": "Erinnerungswünsche",
    "reminders": "Erinnerungen",
    "reminders paused by restriction": "Erinnerungen wegen Einschränkung pausiert",
    "request": "Anfrage",
    "restricted": "eingeschränkt",
    "room id": "Raum-ID",
    "rule": "Regel",
    "series id": "Serien-ID",
    "setting": "Einstellung",
    "start": "Beginn",
    "status": "Status",
    "subject": "Betroffene Person",
    "to status": "zu Status",
    "type": "Art",
    "updated at": "geändert am",
    "waitlist": "Warteliste",
    "weekdays mask": "Wochentage (Maske)",
    "years": "Jahre",
}


def export_language(chosen: str, region: str | None) -> str:
    """'de' or 'en': the clinic's choice, else by the clinic's country."""
    if chosen in ("de", "en"):
        return chosen
    return "de" if (region or "").upper() in GERMAN_SPEAKING else "en"


def word(text: str, language: str) -> str:
    if language != "de":
        return text
    return GERMAN.get(text, GERMAN.get(text.lower(), text))


def label(text: str, language: str) -> str:
    """A field name: translated, first letter kept upper case where it was."""
    translated = word(text, language)
    return translated[:1].upper() + translated[1:] if text[:1].isupper() else translated


def instant(value: str, language: str) -> str:
    """An ISO date-time of the export, as the language writes it; other text unchanged."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None or "T" not in value:
        return value
    locale = "de_DE" if language == "de" else "en_GB"
    return format_datetime(moment, "medium", locale=locale)


def count_text(count: int, language: str) -> str:
    if count == 0:
        return word("none", language)
    noun = word("item" if count == 1 else "items", language)
    return f"{count} {noun}"


def value_text(value: Any, language: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return instant(value, language)
    return str(value)
