"""The status bar's "Appointment moved to ..." names the time in the window's language, and
says which of the two 02:30s is meant on the night the clocks go back."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.locale_format import spoken_in_window

BERLIN = ZoneInfo("Europe/Berlin")


def test_german_names_the_day_and_the_second_of_two_times(qapp):
    try:
        install_language(LocaleChoice("de"))
        plain = datetime(2026, 10, 20, 14, 30, tzinfo=BERLIN)
        assert spoken_in_window(plain) == "Di. 20. Okt. 14:30"
        twice = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)
        said = spoken_in_window(twice)
        assert said.startswith("So. 25. Okt. 02:30 CET (die zweite der beiden 02:30-Zeiten")
        assert "the clocks" not in said
    finally:
        install_language(LocaleChoice("en"))


def test_english_says_the_first_of_the_two(qapp):
    install_language(LocaleChoice("en"))
    twice = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0)
    assert spoken_in_window(twice) == (
        "Sun 25 Oct 02:30 CEST (the first of the two 02:30s; the clocks go back that night)"
    )
