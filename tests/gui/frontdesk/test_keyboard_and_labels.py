"""Issue 22, items 3-5 on the Schedule page: single-letter shortcuts act only in the
calendar (and check-in also in the arrivals list), every date/time field is one Tab stop,
and every combo box has a label tied to it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

from cicini_desktop.gui.patient_fields import build_patient_fields
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.services.scheduling import appointments
from tests.gui.frontdesk.conftest import Clinic, ThroughWorker, local, open_window, settle

appts = ThroughWorker(appointments)  # direct calls run on the database worker

LETTERS = {
    "C": Qt.Key.Key_C,
    "A": Qt.Key.Key_A,
    "S": Qt.Key.Key_S,
    "D": Qt.Key.Key_D,
    "X": Qt.Key.Key_X,
}


class KeySpy(QObject):
    """Records the key presses a widget receives (a shortcut that fires eats the press)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append(event.key())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def page(qtbot, clinic: Clinic, hub) -> SchedulePage:
    window = open_window(qtbot, clinic, hub, clinic.manager)
    schedule = window.pages["schedule"]
    qtbot.waitUntil(lambda: schedule.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    window.activateWindow()
    return schedule


def detail(clinic: Clinic) -> appts.AppointmentDetail:
    return appts.get_appointment(clinic.context, clinic.manager.actor, clinic.appointment)


def focusable_outside_calendar(page: SchedulePage) -> list[QWidget]:
    found = []
    for widget in page.findChildren(QWidget):
        if widget is page.grid or page.grid.isAncestorOf(widget):
            continue
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.TabFocus:
            found.append(widget)
    return found


def test_letters_reach_every_other_widget_and_leave_the_appointment_alone(qtbot, clinic, hub, page):
    page.grid.select(clinic.appointment)
    before = detail(clinic)
    tried: set[str] = set()
    for panel in (page.arrivals, page.waitlist, page.slot_finder):
        page.side.setCurrentWidget(panel)
        for widget in focusable_outside_calendar(page):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            if QApplication.focusWidget() is not widget:
                continue  # a focus proxy: its target is tried in its own right
            spy = KeySpy()
            widget.installEventFilter(spy)
            for letter, key in LETTERS.items():
                if letter == "A" and widget is page.arrivals.tree:
                    continue  # check-in from the arrivals list is wanted (tested below)
                QTest.keyClick(widget, key)
                assert key in spy.keys, f"{letter} did not reach {widget.accessibleName()!r}"
            widget.removeEventFilter(spy)
            tried.add(widget.accessibleName() or type(widget).__name__)
            page.grid.select(clinic.appointment)  # a list may have taken the selection
    settle(qtbot, hub)
    after = detail(clinic)
    assert (after.status, after.version) == (before.status, before.version)
    # The widgets of the measurement in the issue were all among them.
    for name in ("Time grid", "Today's arrivals list", "Go to date"):
        assert name in tried
    assert len(tried) >= 10

    # In the calendar the same letter acts on the selected appointment.
    page.grid.setFocus()
    page.grid.select(clinic.appointment)
    QTest.keyClick(page.grid, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: detail(clinic).status == "confirmed", timeout=10_000)


def test_check_in_with_a_from_the_arrivals_list(qtbot, clinic, hub, page):
    page.grid.select("")
    page.side.setCurrentWidget(page.arrivals)
    tree = page.arrivals.tree
    qtbot.waitUntil(lambda: page.arrivals.selected_id() != "" or _select_first(tree))
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: detail(clinic).status == "arrived", timeout=10_000)


def _select_first(tree) -> bool:
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            tree.setCurrentItem(top.child(j))
            return True
    return False


def press_tab(window: QWidget, back: bool = False) -> QWidget:
    """Tab (or Shift+Tab) in `window`; the widget that has its focus afterwards."""
    target = window.focusWidget()
    assert target is not None
    QTest.keyClick(target, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
    widget = window.focusWidget()
    assert widget is not None
    return widget


def test_date_and_time_fields_are_one_tab_stop_each(qtbot, clinic, hub, page):
    dialog = page.open_booking(clinic.provider_one, local(11), 30)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.day.setFocus(Qt.FocusReason.TabFocusReason)
    assert press_tab(dialog) is dialog.time
    assert press_tab(dialog) is dialog.duration
    assert press_tab(dialog, back=True) is dialog.time
    assert press_tab(dialog, back=True) is dialog.day
    # Inside the field, the arrows still move between day, month and year.
    QTest.keyClick(dialog.day, Qt.Key.Key_Right)
    assert dialog.focusWidget() is dialog.day
    dialog.reject()
    # The toolbar's date and the patient's birth date behave the same.
    page.window().activateWindow()
    page.date_edit.setFocus(Qt.FocusReason.TabFocusReason)
    assert press_tab(page.window()) is not page.date_edit
    form = QWidget()
    qtbot.addWidget(form)
    fields = build_patient_fields()
    from PySide6.QtWidgets import QVBoxLayout

    box = QVBoxLayout(form)
    for widget in (fields.given, fields.dob, fields.phone):
        box.addWidget(widget)
    form.show()
    form.activateWindow()
    qtbot.waitExposed(form)
    fields.dob.setFocus(Qt.FocusReason.TabFocusReason)
    assert press_tab(form) is fields.phone


def labelled(widget: QWidget) -> bool:
    return any(label.buddy() is widget for label in widget.window().findChildren(QLabel))


def test_every_combo_box_has_a_label_tied_to_it(qtbot, clinic, hub, page):
    combos = page.findChildren(QComboBox)
    assert page.grid_combo in combos
    assert [c.accessibleName() for c in combos if not labelled(c)] == []
    dialog = page.open_booking(clinic.provider_one, local(11), 30)
    assert dialog is not None
    assert dialog.repeat in dialog.findChildren(QComboBox)
    unlabelled = [c.accessibleName() for c in dialog.findChildren(QComboBox) if not labelled(c)]
    assert unlabelled == []
    # Alt+P goes to the repeat combo itself (its label's buddy), not to a container.
    assert any(
        label.buddy() is dialog.repeat and "Re&peat" in label.text()
        for label in dialog.findChildren(QLabel)
    )
    assert isinstance(dialog.note, QLineEdit)
    dialog.reject()
