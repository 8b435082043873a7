"""The week view starts its weeks on the clinic's first day, else the locale's, as the month
view does: the seven columns, "Today" (this week), and previous / next week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.locale_format import week_number, week_start
from tests.gui.frontdesk.conftest import open_window, settle


@pytest.fixture
def week_page(qtbot, clinic, hub):
    def opened(first_day: int, language: str = "en"):
        install_language(LocaleChoice(language, first_day_of_week=first_day))
        window = open_window(qtbot, clinic, hub, clinic.manager)
        page = window.pages["schedule"]
        settle(qtbot, hub)
        page.set_mode("week")
        settle(qtbot, hub)
        return page

    try:
        yield opened
    finally:
        install_language(LocaleChoice("en"))


def shown_days(page) -> list[date]:
    return sorted({column.day for column in page.model.columns()})


@pytest.mark.parametrize(("first_day", "weekday_name"), [(7, "Sunday"), (1, "Monday")])
def test_the_week_view_starts_on_the_clinics_first_day(
    qtbot, hub, week_page, first_day, weekday_name
):
    page = week_page(first_day)
    days = list(page.visible_days())
    assert len(days) == 7
    assert days[0].isoweekday() == first_day, weekday_name
    assert days[0] <= page.current <= days[-1]
    assert shown_days(page) == days  # the grid's columns, not only the page's arithmetic

    page.actions_by_key["next"].trigger()
    settle(qtbot, hub)
    following = list(page.visible_days())
    assert following[0] == days[0] + timedelta(days=7)
    assert following[0].isoweekday() == first_day
    assert shown_days(page) == following

    page.actions_by_key["previous"].trigger()
    page.actions_by_key["previous"].trigger()
    settle(qtbot, hub)
    assert page.visible_days()[0] == days[0] - timedelta(days=7)

    page.actions_by_key["today"].trigger()  # "this week": the one holding today
    settle(qtbot, hub)
    this_week = page.visible_days()
    assert this_week[0].isoweekday() == first_day
    assert page.now().astimezone(page.zone).date() in this_week


def test_a_sunday_first_week_is_numbered_as_its_monday(qtbot, week_page):
    page = week_page(7)
    days = page.visible_days()
    assert days[0].isoweekday() == 7
    assert f"Week {days[1].isocalendar().week}:" in page.title.text()


def test_week_start_on_known_days():
    sunday_29_nov = date(2026, 11, 29)
    assert week_start(sunday_29_nov, 7) == sunday_29_nov
    assert week_start(sunday_29_nov, 1) == date(2026, 11, 23)
    assert week_start(date(2026, 12, 2), 7) == sunday_29_nov  # a Wednesday
    assert week_start(date(2026, 12, 2), 1) == date(2026, 11, 30)
    assert week_start(date(2026, 12, 2), 6) == date(2026, 11, 28)  # Saturday-first
    sunday_week = tuple(sunday_29_nov + timedelta(days=i) for i in range(7))
    assert week_number(sunday_week) == 49  # Monday 30 November is in ISO week 49
