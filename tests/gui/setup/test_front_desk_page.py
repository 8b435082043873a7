"""Clinic set-up > Front desk: country, late-cancel cut-off and day-sheet defaults, saved
together from the widgets; a bad country saves nothing and says why."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cicini_desktop.gui.setup.front_desk_page import FrontDeskSettingsPage
from cicini_desktop.services.scheduling import front_desk_settings as service
from tests.gui.setup.conftest import settle


def test_front_desk_settings_are_saved_from_the_page(qtbot, fresh_clinic, attach_hub):
    hub = attach_hub()
    clinic = fresh_clinic
    page = FrontDeskSettingsPage(clinic.context, clinic.manager, hub)
    qtbot.addWidget(page)
    settle(qtbot, hub)
    assert page.country.placeholderText() == "DE (from the time zone)"
    assert page.late_cancel.value() == 0

    def stored():
        return clinic.context.on_worker(
            lambda: service.front_desk_settings(clinic.context, clinic.manager)
        )

    page.country.setText("zz")
    page.late_cancel.setValue(24)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert "'ZZ' is not a country code" in page.message.text()
    assert stored().late_cancel_hours == 0  # nothing saved

    page.country.setText("at")
    page.phones.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert page.message.text() == "Saved."
    saved = stored()
    assert (saved.country, saved.late_cancel_hours, saved.sheet.phones) == ("AT", 24, True)


def test_language_first_day_and_clock_are_saved_and_read_back_as_clinic_facts(
    qtbot, fresh_clinic, attach_hub
):
    from cicini_desktop.services.clinic import clinic_facts

    hub = attach_hub()
    clinic = fresh_clinic
    page = FrontDeskSettingsPage(clinic.context, clinic.manager, hub)
    qtbot.addWidget(page)
    settle(qtbot, hub)
    facts = clinic.context.on_worker(lambda: clinic_facts(clinic.context))
    assert facts.locale == service.ClinicLocale()  # a new clinic follows each workstation
    page.language.setCurrentIndex(page.language.findData("de"))
    page.first_day.setCurrentIndex(page.first_day.findData(7))  # Sunday
    page.clock.setCurrentIndex(page.clock.findData(12))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert page.message.text() == "Saved."
    facts = clinic.context.on_worker(lambda: clinic_facts(clinic.context))
    assert facts.locale == service.ClinicLocale("de", 7, 12)
    again = FrontDeskSettingsPage(clinic.context, clinic.manager, hub)
    qtbot.addWidget(again)
    settle(qtbot, hub)
    assert (again.language.currentData(), again.first_day.currentData()) == ("de", 7)
    assert again.clock.currentData() == 12


def test_a_language_cicini_does_not_speak_saves_nothing(fresh_clinic):
    clinic = fresh_clinic
    current = clinic.context.on_worker(
        lambda: service.front_desk_settings(clinic.context, clinic.manager)
    )
    from dataclasses import replace

    import pytest

    from cicini_desktop.core.errors import ValidationError

    wrong = replace(current, locale=service.ClinicLocale("fr", 1, 24))
    with pytest.raises(ValidationError, match="not a language Cicini speaks"):
        clinic.context.on_worker(
            lambda: service.save_front_desk_settings(clinic.context, clinic.manager, wrong)
        )
    bad_day = replace(current, locale=service.ClinicLocale("de", 8, 24))
    with pytest.raises(ValidationError, match="first day of the week"):
        clinic.context.on_worker(
            lambda: service.save_front_desk_settings(clinic.context, clinic.manager, bad_day)
        )
    after = clinic.context.on_worker(
        lambda: service.front_desk_settings(clinic.context, clinic.manager)
    )
    assert after.locale == service.ClinicLocale()
