from __future__ import annotations

from tests.gui.frontdesk.conftest import open_window, settle


def test_window_shows_the_days_appointment(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None, timeout=10_000)
    settle(qtbot, hub)
    assert [p.id for p in page.visible_providers()] == [clinic.provider_one, clinic.provider_two]
    assert window.user_label.text() == "Signed in: Mia Manager"
