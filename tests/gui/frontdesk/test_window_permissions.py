"""Manager screens appear only for those allowed; the rest cannot even be reached."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.frontdesk.conftest import open_window, settle

MANAGER_SCREENS = {"staff", "roles", "audit", "settings"}


def nav_keys(window) -> set[str]:
    return {
        window.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(window.nav.count())
    }


def test_receptionist_neither_sees_nor_reaches_manager_screens(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    settle(qtbot, hub)
    assert nav_keys(window) == {"schedule", "patients", "waitlist", "reminders"}
    for key in MANAGER_SCREENS:
        assert window.show_page(key) is None
        assert key not in window.pages
    menu_texts = {text for _menu, text, _key in window.all_actions()}
    assert not {"Staff", "Roles", "Audit trail", "Settings"} & menu_texts
    # The front-desk actions are there, each with a shortcut.
    assert all(key for _menu, _text, key in window.all_actions())


def test_manager_sees_every_screen(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    settle(qtbot, hub)
    assert nav_keys(window) >= {"schedule", "patients", "waitlist"} | MANAGER_SCREENS
    for key in MANAGER_SCREENS:
        assert window.show_page(key) is not None
        settle(qtbot, hub)


def test_every_menu_action_has_a_shortcut_and_controls_have_names(qtbot, clinic, hub):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    window = open_window(qtbot, clinic, hub, clinic.manager)
    settle(qtbot, hub)
    rows = window.all_actions()
    assert len(rows) > 25
    missing = [text for _menu, text, key in rows if not key]
    assert missing == []
    page = window.pages["schedule"]
    controls = page.findChildren(QAbstractButton) + page.findChildren(QComboBox)
    controls += page.findChildren(QLineEdit)
    unnamed = [
        c
        for c in controls
        if c.isVisibleTo(page)
        and not c.accessibleName()
        and c.parent()
        and type(c.parent()).__name__ not in ("QDateEdit", "QComboBox", "QTabBar", "QScrollBar")
        and type(c).__name__ != "QLineEdit"
    ]
    assert unnamed == []


def test_the_chosen_providers_are_remembered_per_user(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.catalogue is not None)
    settle(qtbot, hub)
    page.set_visible_providers([clinic.provider_two])
    settle(qtbot, hub)
    window.close()

    again = open_window(qtbot, clinic, hub, clinic.manager)
    page = again.pages["schedule"]
    qtbot.waitUntil(lambda: page.catalogue is not None)
    settle(qtbot, hub)
    assert [p.id for p in page.visible_providers()] == [clinic.provider_two]
    assert [c.provider.id for c in page.model.columns()] == [clinic.provider_two]

    other = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = other.pages["schedule"]
    qtbot.waitUntil(lambda: page.catalogue is not None)
    settle(qtbot, hub)
    assert len(page.visible_providers()) == 2  # another member keeps their own choice
