"""Every focusable widget of every window and dialog has an accessible name.

The name is read the way a screen reader reads it: through Qt's accessibility interface
(`QAccessible.queryAccessibleInterface(widget).text(Name)`), which uses the explicit
accessible name, else a button's text, else the label whose buddy the widget is. The walk
opens the signed-in window's pages (every tab), the schedule's dialogs, the shortcuts list,
the sign-in dialog and every page of the onboarding wizard. The calendar grid also lists
its appointments to assistive technology (see test_calendar_accessibility.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from cicini_desktop.gui.application import FrontDesk
from cicini_desktop.gui.main_window import ShortcutsDialog
from cicini_desktop.gui.onboarding import OnboardingWizard
from cicini_desktop.gui.sign_in import SignInDialog
from cicini_desktop.services.clinic import ClinicFacts
from tests.gui.frontdesk.conftest import BERLIN, settle

SCHEDULE_DIALOG_KEYS = ("book", "providers", "goto", "find_slot", "print")


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def part_of_another(widget: QWidget, root: QWidget) -> bool:
    """The line edit inside a spin box, date edit or editable combo box, and the list of a
    combo box's popup: the outer widget is what assistive technology names."""
    parent = widget.parentWidget()
    if isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return True
    while parent is not None and parent is not root:
        if parent.isWindow():
            return True  # inside a popup window of its own (a combo box's list)
        parent = parent.parentWidget()
    return False


def nameless(root: QWidget) -> list[str]:
    """Focusable widgets (Tab or click reaches them) without a name, as 'Class in Parent'."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.isWindow():
            continue
        if part_of_another(widget, root):
            continue
        if (
            isinstance(widget.parentWidget(), QAbstractScrollArea)
            and widget is getattr(widget.parentWidget(), "viewport", lambda: None)()
        ):
            continue  # a scroll area's viewport: the area itself carries the name
        if not accessible_name(widget):
            parent = widget.parentWidget()
            where = parent.accessibleName() or type(parent).__name__ if parent else "-"
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}")
    return missing


class ModalNames:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.missing: list[str] = []
        self.seen: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._read(box) or 0)
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._close_modal)
        self.timer.start()

    def _read(self, widget: QWidget) -> None:
        self.seen.append(widget.windowTitle())
        self.missing += [f"{widget.windowTitle()}: {m}" for m in nameless(widget)]

    def _close_modal(self) -> None:
        popup = QApplication.activePopupWidget()  # the providers chooser is a menu
        if popup is not None:
            self.seen.append(popup.accessibleName())
            popup.close()
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            self._read(modal)
            modal.reject()


@pytest.fixture
def modal_names(monkeypatch):
    reader = ModalNames(monkeypatch)
    yield reader
    reader.timer.stop()


def test_every_focusable_widget_of_every_window_and_dialog_has_an_accessible_name(
    qtbot, clinic, hub, modal_names, config
):
    missing: list[str] = []
    desk = FrontDesk(clinic.context, hub, ClinicFacts("Test Clinic", BERLIN), demo=False)
    window = desk.open(clinic.manager)
    qtbot.addWidget(window)
    settle(qtbot, hub)
    checked = 0
    for key in list(window.page_specs):
        page = window.show_page(key)
        settle(qtbot, hub)
        assert page is not None
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle(qtbot, hub)
        missing += [f"{key}: {m}" for m in nameless(page)]
        checked += len(page.findChildren(QWidget))
    missing += [f"window: {m}" for m in nameless(window)]
    schedule = window.show_page("schedule")
    for action_key in SCHEDULE_DIALOG_KEYS:
        action = schedule.actions_by_key[action_key]  # type: ignore[union-attr]
        if action.isEnabled():
            action.trigger()
            qtbot.wait(150)
            settle(qtbot, hub)
    modal_names.timer.stop()
    shortcuts = ShortcutsDialog(window.all_actions(), window)
    qtbot.addWidget(shortcuts)
    missing += [f"shortcuts: {m}" for m in nameless(shortcuts)]
    sign_in = SignInDialog(clinic.context, hub)
    qtbot.addWidget(sign_in)
    missing += [f"sign-in: {m}" for m in nameless(sign_in)]
    wizard = OnboardingWizard(config, hub)
    qtbot.addWidget(wizard)
    missing += [f"onboarding: {m}" for m in nameless(wizard)]
    desk.shutdown()

    assert checked > 300  # the walk reached the pages' widgets
    assert len(modal_names.seen) >= 3, modal_names.seen
    problems = sorted(set(missing + modal_names.missing))
    assert problems == [], "\n".join(problems)
