"""Dates and times in the window's language, with the clinic's first day and clock."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from cicini_desktop.gui import locale_format as fmt
from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.schedule.editors import DateField, TimeField

MONDAY = date(2026, 3, 16)
AFTERNOON = datetime(2026, 3, 16, 14, 30)


def popup_first_day() -> Qt.DayOfWeek:
    field = DateField()
    field.setCalendarPopup(True)
    return field.calendarWidget().firstDayOfWeek()


def test_german_dates_and_the_clinics_overrides(qapp):
    try:
        install_language(LocaleChoice("de"))
        assert fmt.day_long(MONDAY) == "Montag, 16. März 2026"
        assert fmt.day_short(MONDAY).startswith("Mo")
        assert fmt.time_of(AFTERNOON) == "14:30"
        assert fmt.first_day_of_week() == Qt.DayOfWeek.Monday
        assert popup_first_day() == Qt.DayOfWeek.Monday
        install_language(LocaleChoice("de", first_day_of_week=7, clock_24h=False))
        assert fmt.time_of(AFTERNOON) == "2:30 PM"
        assert fmt.first_day_of_week() == Qt.DayOfWeek.Sunday
        assert popup_first_day() == Qt.DayOfWeek.Sunday
        assert TimeField().displayFormat() == "h:mm AP"
    finally:
        install_language(LocaleChoice("en"))
    assert fmt.day_long(MONDAY) == "Monday 16 March 2026"
    assert fmt.time_of(AFTERNOON) == "14:30"
    assert TimeField().displayFormat() == "HH:mm"
