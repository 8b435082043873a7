"""Every screen, opened the way its user opens it, for every built-in role.

The window is built as `cicini-desktop` builds it after sign-in (FrontDesk, through the
composition root's pieces), each side-bar page is reached by its Alt shortcut, and every menu
entry that opens a dialog is triggered. Any placeholder, error dialog or exception fails.
(The audit trail page once showed "This screen could not be opened in this build" in the real
window while every page test passed: they built the page directly.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui.application import FrontDesk
from cicini_desktop.gui.audit_viewer import AuditViewerPage
from cicini_desktop.gui.backup_page import BackupPage
from cicini_desktop.gui.data_shared_page import DataSharedPage
from cicini_desktop.gui.main_window import PAGE_PERMISSIONS
from cicini_desktop.gui.patients_page import PatientsPage
from cicini_desktop.gui.privacy_page import PrivacyPage
from cicini_desktop.gui.reminders.desk_panel import RemindersPanel
from cicini_desktop.gui.reminders.rules_page import ReminderRulesPage
from cicini_desktop.gui.roles_page import RolesPage
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.gui.schedule.waitlist_panel import WaitlistPanel
from cicini_desktop.gui.setup.area import ClinicSetupPage
from cicini_desktop.gui.signed_in import SignedIn
from cicini_desktop.gui.staff_page import StaffPage
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import NewStaff, RoleAssignment, create_staff
from tests.gui.frontdesk.conftest import BERLIN, Clinic, settle

PAGE_CLASSES: dict[str, type[QWidget]] = {
    "schedule": SchedulePage,
    "patients": PatientsPage,
    "waitlist": WaitlistPanel,
    "staff": StaffPage,
    "roles": RolesPage,
    "audit": AuditViewerPage,
    "settings": DataSharedPage,
    "privacy": PrivacyPage,
    "backups": BackupPage,
    "reminders": RemindersPanel,
    "reminder_rules": ReminderRulesPage,
    "setup": ClinicSetupPage,
}
PASSWORD = "a long password for every role"
# Menu entries that open a dialog (window menus; the schedule's own appear on its page).
DIALOG_ACTIONS = ("Keyboard shortcuts", "About Cicini Desktop")
SCHEDULE_DIALOG_KEYS = ("book", "providers", "goto", "find_slot")


class Watch:
    """Records every message box instead of showing it, and closes modal dialogs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.boxes: list[str] = []
        self.dialogs: list[str] = []
        watch = self

        def record_box(box: QMessageBox) -> int:
            watch.boxes.append(f"{box.windowTitle()}: {box.text()}")
            return int(QMessageBox.StandardButton.Ok)

        def record_about(_parent: object, title: str, _text: str) -> None:
            watch.dialogs.append(title)

        monkeypatch.setattr(QMessageBox, "exec", record_box)
        monkeypatch.setattr(QMessageBox, "about", record_about)
        self.closer = QTimer()
        self.closer.setInterval(30)
        self.closer.timeout.connect(self._close_modal)
        self.closer.start()

    def _close_modal(self) -> None:
        popup = QApplication.activePopupWidget()  # a menu opened as a chooser
        if popup is not None:
            self.dialogs.append(popup.accessibleName() or type(popup).__name__)
            popup.close()
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            self.dialogs.append(modal.windowTitle())
            modal.reject()

    def stop(self) -> None:
        self.closer.stop()


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch):
    """Stopped whatever happens: a closer left running would close later tests' dialogs."""
    watcher = Watch(monkeypatch)
    yield watcher
    watcher.stop()


def account_for(clinic: Clinic, role: BuiltInRole) -> SignedIn:
    """A member holding exactly `role`, signed in on the worker as the sign-in dialog does."""

    def make() -> SignedIn:
        names = {r.name.lower().replace(" ", "_"): r.id for r in list_roles(
            clinic.context, clinic.manager.actor
        )}
        username = f"only-{role.value}"
        create_staff(
            clinic.context,
            clinic.manager.actor,
            NewStaff(
                username=username,
                display_name=f"Member {role.value}",
                password=PASSWORD,
                assignments=(RoleAssignment(names[role.value]),),
                must_change_password=False,
            ),
        )
        return SignedIn.of(sign_in(clinic.context, username, PASSWORD))

    return clinic.context.on_worker(make)


@pytest.mark.parametrize("role", list(BuiltInRole))
def test_every_page_and_dialog_opens_for_each_role(qtbot, clinic, hub, watch, role):
    signed_in = account_for(clinic, role)
    desk = FrontDesk(clinic.context, hub, ClinicFacts("Test Clinic", BERLIN), demo=False)
    window = desk.open(signed_in)
    qtbot.addWidget(window)
    window.activateWindow()
    settle(qtbot, hub)

    expected = {
        key
        for key, needed in PAGE_PERMISSIONS.items()
        if any(p in signed_in.actor.permissions for p in needed)
    }
    assert set(window.page_specs) == expected
    assert expected, f"{role} sees at least one page"
    for key, spec in window.page_specs.items():
        shortcut = spec.shortcut  # "F2", "Ctrl+,"
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        target = QApplication.focusWidget() or window
        QTest.keySequence(target, QKeySequence(shortcut))
        settle(qtbot, hub)
        page = window.stack.currentWidget()
        assert page is window.pages.get(key), f"{shortcut} opens {spec.title}"
        assert isinstance(page, PAGE_CLASSES[key]), f"{spec.title} is the real page"
        placeholders = [
            label.text()
            for label in page.findChildren(QLabel)
            if "could not be opened" in label.text() or "not available" in label.text()
        ]
        assert not placeholders, f"{spec.title} shows a placeholder"
        if key == "schedule":
            for action_key in SCHEDULE_DIALOG_KEYS:
                action = page.actions_by_key[action_key]
                if action.isEnabled() and action.isVisible():
                    action.trigger()
                    qtbot.wait(120)
                    settle(qtbot, hub)

    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:
            if action.text().replace("&", "") in DIALOG_ACTIONS:
                action.trigger()
                qtbot.wait(120)
    settle(qtbot, hub)
    watch.stop()
    assert "Keyboard shortcuts" in watch.dialogs
    assert "About Cicini Desktop" in watch.dialogs
    assert watch.boxes == [], "no error dialog on any screen"
    desk.shutdown()
