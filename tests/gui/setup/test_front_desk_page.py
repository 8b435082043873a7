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
