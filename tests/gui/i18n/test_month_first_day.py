"""The month overview starts its weeks on the clinic's first day, else the locale's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale

from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.schedule.month_view import MonthView, weekday_headers

# 1 November 2026 is a Sunday; 1 December 2026 a Tuesday.
NOVEMBER = date(2026, 11, 18)
DECEMBER = date(2026, 12, 9)


def shown(qtbot, any_day: date) -> MonthView:
    view = MonthView(lambda: date(2026, 11, 29))
    qtbot.addWidget(view)
    view.resize(700, 448)
    view.set_month(any_day, {})
    return view


def top_left(view: MonthView) -> date | None:
    return view.day_at(5, 28 + 5)


def test_sunday_first_clinic(qtbot):
    try:
        install_language(LocaleChoice("de", first_day_of_week=7))
        view = shown(qtbot, NOVEMBER)
        assert view.first_day() == date(2026, 11, 1)  # a Sunday: the 1st is in the first cell
        assert top_left(view) == date(2026, 11, 1)
        assert weekday_headers()[0] == "So"
        assert weekday_headers()[1] == "Mo"
        view.set_month(DECEMBER, {})
        assert view.first_day() == date(2026, 11, 29)  # the Sunday before Tuesday the 1st
        assert view.first_day().isoweekday() == 7
    finally:
        install_language(LocaleChoice("en"))


def test_monday_first_clinic(qtbot):
    try:
        install_language(LocaleChoice("en", first_day_of_week=1))
        view = shown(qtbot, NOVEMBER)
        assert view.first_day() == date(2026, 10, 26)  # the Monday before Sunday the 1st
        assert top_left(view) == date(2026, 10, 26)
        assert weekday_headers()[0] == "Mon"
        assert weekday_headers()[-1] == "Sun"
        view.set_month(DECEMBER, {})
        assert view.first_day() == date(2026, 11, 30)
    finally:
        install_language(LocaleChoice("en"))


def test_unset_follows_the_locale(qtbot):
    """German weeks start on Monday; United States English weeks on Sunday."""
    try:
        install_language(LocaleChoice("de"))
        assert shown(qtbot, NOVEMBER).first_day().isoweekday() == 1
        install_language(LocaleChoice("en"))
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert shown(qtbot, NOVEMBER).first_day().isoweekday() == 7
    finally:
        install_language(LocaleChoice("en"))
