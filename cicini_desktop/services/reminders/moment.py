"""The date and time of a reminder in the clinic's language and clock, written by Babel.

The machine's locale is not the patient's: the language is the reminder settings' (German or
English templates), the country the clinic's (Front desk: country, else its time zone's), the
clock the clinic's choice (Front desk: 24 or 12 hours; unset, as the locale writes times).

    Dienstag, 1. Dezember 2026 / 14:30 Uhr        (de, Berlin)
    Dienstag, 1. Dezember 2026 / 2:30 PM          (de, a 12-hour clinic)
    Tuesday, December 1, 2026 / 2:30 PM          (en, New York; or a 12-hour clinic there)

German says "Uhr" after a 24-hour time only ("14:30 Uhr", never "2:30 PM Uhr"), so the word
belongs to the time, not to the templates: `describe_moment` adds it, and the shipped German
templates write just "{{ time }}".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date, format_time, get_time_format
from babel.localedata import exists
from sqlalchemy.orm import Session

from cicini_desktop.core.reminders.formatting import LANGUAGES, Moment, zone_label
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.scheduling.front_desk_settings import clinic_locale, clinic_region

# A language without a known country: how a European clinic writes it.
DEFAULT_LOCALES = {"de": "de_DE", "en": "en_GB"}
# What German writes after a 24-hour time of day ("um 14:30 Uhr").
CLOCK_WORD_DE = "Uhr"


@dataclass(frozen=True, slots=True)
class MomentStyle:
    locale: str  # a Babel locale identifier, e.g. "de_DE", "en_US"
    clock: int = 0  # 24, 12, or 0: as the locale writes times


def babel_locale(language: str, region: str | None) -> str:
    lang = language if language in LANGUAGES else "en"
    candidate = f"{lang}_{(region or '').upper()}"
    return candidate if region and exists(candidate) else DEFAULT_LOCALES[lang]


def moment_style(session: Session, context: ServiceContext, language: str) -> MomentStyle:
    """The clinic's country and clock, for reminders written in `language`."""
    region = clinic_region(session, context)
    return MomentStyle(babel_locale(language, region), clinic_locale(session).clock)


def describe_moment(local: datetime, style: MomentStyle) -> Moment:
    """`local` is aware, in the clinic's zone; the zone is named as core says."""
    day = format_date(local.date(), "full", locale=style.locale)
    if style.clock == 24:
        time_text = format_time(local, "HH:mm", locale=style.locale)
    elif style.clock == 12:
        time_text = format_time(local, "h:mm a", locale=style.locale)
    else:
        time_text = format_time(local, "short", locale=style.locale)
    if style.locale.startswith("de") and is_24_hour(style):
        time_text = f"{time_text} {CLOCK_WORD_DE}"
    return Moment(day, time_text, zone_label(local))


def is_24_hour(style: MomentStyle) -> bool:
    """The clinic's clock, or (unset) whether the locale's short time has no AM/PM."""
    if style.clock:
        return style.clock == 24
    pattern = get_time_format("short", locale=style.locale).pattern
    return "a" not in pattern and "h" not in pattern and "K" not in pattern
