"""The sign-in dialog is painted before the clinic is open: it speaks the language of the
clinic this workstation opened last (remembered in the user's state folder), not only the
operating system's."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt

from cicini_desktop.config import remembered_locale_path
from cicini_desktop.gui import locale_format
from cicini_desktop.gui.application import apply_clinic_locale
from cicini_desktop.gui.first_window import qt_application
from cicini_desktop.gui.i18n import LANGUAGE_ENV, LocaleChoice, install_language
from cicini_desktop.gui.sign_in import SignInDialog
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.scheduling.front_desk_settings import ClinicLocale

BERLIN = ZoneInfo("Europe/Berlin")


def a_new_start_paints_the_sign_in(qtbot) -> SignInDialog:
    install_language(LocaleChoice("en"))  # what a fresh process would have before
    qt_application()  # as cicini-desktop starts: before the clinic's data is open
    dialog = SignInDialog(None, None)
    qtbot.addWidget(dialog)
    return dialog


def test_the_next_start_signs_in_in_the_last_clinics_language(qtbot, monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV)
    monkeypatch.setattr("cicini_desktop.gui.i18n._system_languages", lambda: ["en-US"])
    assert not remembered_locale_path().exists()
    assert a_new_start_paints_the_sign_in(qtbot).windowTitle() == "Sign in to Cicini"

    apply_clinic_locale(ClinicFacts("Praxis am Park", BERLIN, ClinicLocale("de", 7, 24)))
    assert remembered_locale_path().exists()
    assert "Praxis" not in remembered_locale_path().read_text(encoding="utf-8")

    dialog = a_new_start_paints_the_sign_in(qtbot)
    assert dialog.windowTitle() == "Bei Cicini anmelden"
    assert QLocale().language() == QLocale.Language.German
    assert locale_format.first_day_of_week() == Qt.DayOfWeek.Sunday


def test_the_workstations_own_language_still_wins_and_a_bad_file_is_ignored(qtbot, monkeypatch):
    monkeypatch.setattr("cicini_desktop.gui.i18n._system_languages", lambda: ["en-US"])
    monkeypatch.delenv(LANGUAGE_ENV)
    apply_clinic_locale(ClinicFacts("Praxis", BERLIN, ClinicLocale("de", 0, 0)))
    monkeypatch.setenv(LANGUAGE_ENV, "en")  # IT set this workstation to English
    assert a_new_start_paints_the_sign_in(qtbot).windowTitle() == "Sign in to Cicini"

    monkeypatch.delenv(LANGUAGE_ENV)
    remembered_locale_path().write_text("not json {", encoding="utf-8")
    assert a_new_start_paints_the_sign_in(qtbot).windowTitle() == "Sign in to Cicini"
