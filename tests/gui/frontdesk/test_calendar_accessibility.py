"""The painted calendar's appointments reach assistive technology as a list.

The "List" side panel holds one item per visible appointment, read through Qt's
accessibility interface (as a screen reader reads it), with the status as a word; choosing
an item selects the appointment in the grid, the grid's selection moves the list, and a
status key then acts on it.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.frontdesk.conftest import settle
from tests.gui.frontdesk.test_schedule_interaction import detail, page  # noqa: F401 - fixture


def spoken_items(widget) -> list[str]:
    """The names a screen reader gets for the list's children."""
    interface = QAccessible.queryAccessibleInterface(widget)
    names = []
    for index in range(interface.childCount()):
        child = interface.child(index)
        names.append(child.text(QAccessible.Text.Name))
    return names


def test_the_calendar_lists_its_appointments_for_screen_readers(qtbot, clinic, hub, page):  # noqa: F811
    listing = page.appointment_list
    page.side.setCurrentWidget(listing)  # the screen-reader user opens the "List" tab
    qtbot.waitUntil(lambda: listing.items.count() == len(page.model.appointments()))
    spoken = [s for s in spoken_items(listing.items) if s]
    ada = next(s for s in spoken if "Lovelace, Ada" in s)
    assert "Consultation" in ada
    assert "10:30" in ada
    assert "Status: Booked" in ada  # the status as a word, not a colour
    assert listing.summary.text().startswith(f"{listing.items.count()} appointment")

    # List -> grid: choosing the item selects the appointment; a status key acts on it.
    listing.items.setFocus()
    for row in range(listing.items.count()):
        if listing.items.item(row).data(Qt.ItemDataRole.UserRole) == clinic.appointment:
            listing.items.setCurrentRow(row)
    assert page.grid.selected_id == clinic.appointment
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.grid.setFocus()  # the one-letter keys belong to the calendar
    QTest.keyClick(page.grid, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).status == "confirmed")
    settle(qtbot, hub)
    qtbot.waitUntil(
        lambda: any(
            "Status: Confirmed" in str(item.data(Qt.ItemDataRole.AccessibleTextRole))
            for item in (listing.items.item(i) for i in range(listing.items.count()))
        )
    )

    # Grid -> list: the grid's selection moves the list's current item.
    page.grid.select("")
    assert listing.items.currentItem() is None
    page.grid.select(clinic.appointment)
    assert listing.items.currentItem().data(Qt.ItemDataRole.UserRole) == clinic.appointment


def test_a_hidden_list_catches_up_when_opened(qtbot, clinic, hub, page):  # noqa: F811
    """Hidden, the list is not rebuilt on every new day (it cost a third of a day's time);
    opened, it shows the day on screen, not an older one."""
    listing = page.appointment_list
    assert page.side.currentWidget() is not listing
    page.go_to(page.model.days[0] + timedelta(days=1))
    settle(qtbot, hub)
    page.go_to(page.model.days[0] - timedelta(days=1))
    settle(qtbot, hub)
    shown = [r.id for r in page.model.appointments() if r.status != "cancelled"]
    page.side.setCurrentWidget(listing)
    qtbot.waitUntil(lambda: listing.isVisible())
    listed = [
        listing.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listing.items.count())
    ]
    assert shown  # the day has appointments
    assert listed == shown  # the list holds them, in time order
