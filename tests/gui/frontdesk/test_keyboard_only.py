"""A receptionist without a mouse: book, check in, move and cancel with key presses only.

Every step below is a key press (QTest.keyClick / keyClicks) on the widget that has the
keyboard focus; no widget is clicked, no value is set from the test. The schedule's cursor
starts at 09:00 in the first provider's column; the grid steps 15 minutes. Ada's
consultation is at 10:30 with the first provider (tests/gui/frontdesk/conftest.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.frontdesk.conftest import local, settle
from tests.gui.frontdesk.test_schedule_interaction import detail, page  # noqa: F401 - fixture


def keys(widget, key, times: int = 1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        QTest.keyClick(widget, key, modifier)


def walk_to(grid, column: int, minute: int) -> None:
    """Arrow keys until the cursor is at (column, minute of the day); reads, never sets it."""
    for _ in range(200):
        if grid.cursor_column < column:
            keys(grid, Qt.Key.Key_Right)
        elif grid.cursor_column > column:
            keys(grid, Qt.Key.Key_Left)
        elif grid.cursor_minute < minute:
            keys(grid, Qt.Key.Key_Down)
        elif grid.cursor_minute > minute:
            keys(grid, Qt.Key.Key_Up)
        else:
            keys(grid, Qt.Key.Key_Up)  # arrive with a key press: it selects what is there
            keys(grid, Qt.Key.Key_Down)
            return
    raise AssertionError("the cursor did not get there")


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "something has the keyboard focus"
    return widget


def test_book_check_in_move_and_cancel_with_the_keyboard_only(qtbot, clinic, hub, page):  # noqa: F811
    grid = page.grid
    page.window().activateWindow()
    grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)

    # Book: second provider, 10:00, Enter opens the booking dialog at the cursor.
    keys(grid, Qt.Key.Key_Right)
    keys(grid, Qt.Key.Key_Down, 4)
    keys(grid, Qt.Key.Key_Return)
    dialog = page.booking_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.patient.search)
    QTest.keyClicks(focused(), "Hopp")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    keys(focused(), Qt.Key.Key_Return)  # takes the first match
    assert dialog.patient.chosen is not None
    keys(dialog, Qt.Key.Key_T, modifier=Qt.KeyboardModifier.AltModifier)  # &Type:
    assert QApplication.focusWidget() is dialog.type
    for _ in range(dialog.type.count()):
        if dialog.type.currentData() == clinic.consultation:
            break
        keys(dialog.type, Qt.Key.Key_Down)
    assert dialog.type.currentData() == clinic.consultation
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    keys(dialog, Qt.Key.Key_B, modifier=Qt.KeyboardModifier.AltModifier)  # &Book
    qtbot.waitUntil(
        lambda: any(r.patient_id == clinic.grace for r in page.model.appointments()),
        timeout=10_000,
    )
    booked = next(r for r in page.model.appointments() if r.patient_id == clinic.grace)
    assert (booked.provider_id, booked.start) == (clinic.provider_two, local(10))
    settle(qtbot, hub)

    # Check in: the cursor goes to Ada's 10:30 in the first column; C confirms, A checks in.
    # (The letters are the window's shortcuts: they need the window active again.)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    walk_to(grid, 0, 10 * 60 + 30)
    assert grid.selected_id == clinic.appointment
    keys(grid, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).status == "confirmed")
    settle(qtbot, hub)
    walk_to(grid, 0, 10 * 60 + 30)  # the refresh after a change clears the selection
    assert grid.selected_id == clinic.appointment
    keys(grid, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).status == "arrived")
    settle(qtbot, hub)

    # Move: Grace's new appointment at 10:00 (second column) one step later with Ctrl+Down.
    walk_to(grid, 1, 10 * 60)
    assert grid.selected_id == booked.id
    keys(grid, Qt.Key.Key_Down, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, booked.id).start == local(10, 15), timeout=10_000)
    settle(qtbot, hub)

    # Cancel: the cursor follows it to 10:15; Delete asks for the reason; Alt+A cancels.
    walk_to(grid, 1, 10 * 60 + 15)
    assert grid.selected_id == booked.id
    answered: list[str] = []

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(50, answer)
            return
        answered.append(modal.windowTitle())
        QTest.keyClick(
            modal, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier
        )  # Cancel the &appointment

    QTimer.singleShot(50, answer)
    keys(grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: detail(clinic, booked.id).status == "cancelled", timeout=10_000)
    assert answered == ["Cancel appointment"]
