"""Visible keyboard focus in the painted calendar: the focused appointment and the month
overview's current day carry a ring in a colour that meets contrast, absent without focus."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from cicini_desktop.gui.palette_colours import contrast, focus_colour
from cicini_desktop.gui.schedule.month_view import MonthView
from tests.gui.frontdesk.conftest import settle
from tests.gui.frontdesk.test_keyboard_only import walk_to
from tests.gui.frontdesk.test_schedule_interaction import page  # noqa: F401 - fixture


def near(image: QImage, point: QPoint, colour: QColor, radius: int = 2) -> bool:
    """Some pixel within `radius` of `point` is `colour` (antialiasing blurs a 2 px line)."""
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            pixel = image.pixelColor(point.x() + dx, point.y() + dy)
            if max(
                abs(pixel.red() - colour.red()),
                abs(pixel.green() - colour.green()),
                abs(pixel.blue() - colour.blue()),
            ) <= 24:
                return True
    return False


def test_the_focused_appointment_is_painted_with_a_focus_ring(qtbot, clinic, hub, page):  # noqa: F811
    grid = page.grid
    page.window().activateWindow()
    grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    walk_to(grid, 0, 10 * 60 + 30)
    assert grid.selected_id == clinic.appointment
    settle(qtbot, hub)
    focused = grid.viewport().grab().toImage()
    placed = next(item for item in grid._placed if item.row.id == clinic.appointment)
    block = grid._to_viewport(placed.rect).toRect()

    grid.clearFocus()
    qtbot.waitUntil(lambda: not grid.hasFocus())
    unfocused = grid.viewport().grab().toImage()
    assert grid.selected_id == clinic.appointment  # still selected, only not focused

    ring = focus_colour(grid.palette())
    # Just outside the block's bottom and right edges: the ring, only with focus.
    below = QPoint(block.center().x(), block.bottom() + 3)
    right = QPoint(block.right() + 3, block.center().y())
    for point in (below, right):
        assert near(focused, point, ring), point
        assert not near(unfocused, point, ring, radius=1), point
    # The ring stands out from what is around it (non-text contrast, at least 3:1).
    background = unfocused.pixelColor(below)
    assert contrast(ring, background) >= 3.0, (ring.name(), background.name())


def test_the_month_overview_shows_where_the_focus_is(qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    other = QLineEdit()
    view = MonthView(lambda: date(2026, 3, 16))
    layout.addWidget(other)
    layout.addWidget(view)
    qtbot.addWidget(holder)
    holder.resize(720, 520)
    holder.show()
    holder.activateWindow()
    view.set_month(date(2026, 3, 16), {})
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    focused = view.grab().toImage()
    other.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    unfocused = view.grab().toImage()
    index = (view.current - view.first_day()).days
    cell = view._cell(index).toRect()
    ring = focus_colour(view.palette())
    corner = QPoint(cell.left() + 4, cell.center().y())
    assert near(focused, corner, ring, radius=1)
    assert not near(unfocused, corner, ring, radius=1)
