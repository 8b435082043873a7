"""Dates and times as the window's locale writes them (QLocale), with the clinic's clock.

`strftime` writes English day and month names whatever the language; these helpers use the
default QLocale that gui/i18n.install_language set (German: "So., 29. Nov.", "14:30"), and
the clinic's 24-hour or 12-hour choice for times. Patterns are Qt's (d, ddd, MMM, yyyy).

    day_long(date)      "Sonntag, 29. November 2026" / "Sunday 29 November 2026"
    day_short(date)     "So. 29. Nov." / "Sun 29 Nov"   (headers, lists)
    day_numeric(date)   "29.11.2026"
    weekday_and_numeric(date)  "So. 29.11.2026"
    month_year(date)    "November 2026"
    time_of(datetime)   "14:30", or "2:30 PM" where the clinic chose a 12-hour clock

The English patterns are the ones the window always used (day before month, 24-hour clock:
the clinics are in Europe); a 12-hour clock is the clinic's choice (Front desk settings).
    minutes_text(540)   "09:00" (a minute of the day)
    first_day_of_week() Qt.DayOfWeek: the clinic's choice, else the locale's
    week_start(date)    the first day (as first_day_of_week says) of the week holding date
    week_number(days)   the ISO week number of a shown week, whatever day it starts on
    spoken_in_window(datetime)  "Mo. 26. Okt. 02:30", with the DST note when the wall time
                        happens twice that night (core's wall_time.spoken, in the window's
                        language)
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt, QTime

from cicini_desktop.core.scheduling.wall_time import is_ambiguous
from cicini_desktop.gui.i18n import current_choice, translate


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


# (long day, short day) patterns by language; others fall back to English's.
PATTERNS: dict[QLocale.Language, tuple[str, str]] = {
    QLocale.Language.German: ("dddd, d. MMMM yyyy", "ddd d. MMM"),
    QLocale.Language.English: ("dddd dd MMMM yyyy", "ddd dd MMM"),
}


def _patterns(locale: QLocale) -> tuple[str, str]:
    return PATTERNS.get(locale.language(), PATTERNS[QLocale.Language.English])


def _uses_24h(_locale: QLocale) -> bool:
    chosen = current_choice().clock_24h
    return True if chosen is None else chosen


def day_long(value: date) -> str:
    locale = QLocale()
    return locale.toString(_qdate(value), _patterns(locale)[0])


def day_short(value: date) -> str:
    locale = QLocale()
    return locale.toString(_qdate(value), _patterns(locale)[1])


def day_numeric(value: date) -> str:
    return QLocale().toString(_qdate(value), "dd.MM.yyyy")


def weekday_and_numeric(value: date) -> str:
    """ "Fr. 25.12.2026" / "Fri 25.12.2026": lists where the date must be exact."""
    return QLocale().toString(_qdate(value), "ddd dd.MM.yyyy")


def month_year(value: date) -> str:
    return QLocale().toString(_qdate(value), "MMMM yyyy")


def time_of(value: datetime | time) -> str:
    locale = QLocale()
    moment = QTime(value.hour, value.minute)
    return locale.toString(moment, "HH:mm" if _uses_24h(locale) else "h:mm AP")


def minutes_text(minute_of_day: int) -> str:
    hours, minutes = divmod(minute_of_day, 60)
    if hours >= 24:  # the end of the day
        return "24:00" if _uses_24h(QLocale()) else "12:00 AM"
    return time_of(time(hours, minutes))


def day_and_time(value: datetime) -> str:
    return f"{day_short(value.date())}, {time_of(value)}"


def time_pattern() -> str:
    """The pattern for time fields: the clinic's clock, else 24-hour."""
    return "HH:mm" if _uses_24h(QLocale()) else "h:mm AP"


def first_day_of_week() -> Qt.DayOfWeek:
    chosen = current_choice().first_day_of_week
    if chosen:
        return Qt.DayOfWeek(chosen)
    return QLocale().firstDayOfWeek()


def week_start(any_day: date, week_starts: int | None = None) -> date:
    """The first day of the week that holds `any_day`: the last `week_starts` (1 = Monday ..
    7 = Sunday, default: first_day_of_week()) on or before it. The week view, its "this
    week" and its previous/next steps, and the month grid's rows all start here."""
    start = week_starts or first_day_of_week().value
    return any_day - timedelta(days=(any_day.isoweekday() - start) % 7)


def week_number(days: tuple[date, ...]) -> int:
    """The ISO week number of seven shown days: that of their middle day, so a week shown
    Sunday to Saturday is numbered as its Monday to Saturday are (not as the Sunday)."""
    return days[len(days) // 2].isocalendar().week


def spoken_in_window(local: datetime) -> str:
    """An aware local time as the status bar says it: the day and the time, and, when that
    wall time happens twice that night, which of the two (as core's wall_time.spoken)."""
    text = f"{day_short(local.date())} {time_of(local)}"
    tz = local.tzinfo
    if isinstance(tz, ZoneInfo) and is_ambiguous(local.replace(tzinfo=None), tz):
        which = (
            translate("locale_format", "second")
            if local.fold
            else translate("locale_format", "first")
        )
        text += translate(
            "locale_format",
            " {zone} (the {which} of the two {time}s; the clocks go back that night)",
        ).format(zone=local.tzname() or "", which=which, time=time_of(local))
    return text
