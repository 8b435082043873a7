"""Issue 16 item 9: a closed day says so and offers the next open day; the view scrolls to
the opening time (or to now while open); six providers fit a 1366 px window."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from cicini_desktop.gui.schedule.geometry import HEADER_HEIGHT
from tests.gui.frontdesk.conftest import Clinic, ThroughWorker, open_window, settle
from tests.services.scheduling import conftest as scheduling_fixtures

add_staff = ThroughWorker(scheduling_fixtures).add_staff  # on the database worker


def scrolled_to(page) -> int:
    """The minute of the day at the top of the calendar."""
    return page.grid.minute_at(HEADER_HEIGHT)


def test_a_closed_day_says_so_and_offers_the_next_open_day(qtbot, clinic: Clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    # Today (Monday 10:00, open): the view starts half an hour before now.
    assert not page.notice.isVisible()
    assert scrolled_to(page) == 9 * 60 + 30
    page.go_to(date(2026, 3, 21))  # a Saturday
    qtbot.waitUntil(lambda: page.notice.isVisible(), timeout=10_000)
    assert page.notice.text.text().startswith("Closed on Saturday 21 March 2026")
    assert page.notice.next_button.text() == "Go to the next open day: Mon 23 Mar"
    qtbot.mouseClick(page.notice.next_button, Qt.MouseButton.LeftButton)
    assert page.current == date(2026, 3, 23)
    qtbot.waitUntil(lambda: not page.notice.isVisible(), timeout=10_000)
    settle(qtbot, hub)
    # Another day: the view starts at the opening time (08:00), not where today's was.
    assert scrolled_to(page) == 8 * 60


def test_an_empty_state_widget_has_one_place_above_the_calendar(qtbot, clinic: Clinic, hub):
    from PySide6.QtWidgets import QLabel

    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    settle(qtbot, hub)
    checklist = QLabel("Add opening hours to start booking.")
    page.show_empty_state(checklist)
    assert page.notice.isVisible()
    assert checklist.isVisible()
    page.show_empty_state(None)
    assert not page.notice.isVisible()


def test_six_providers_fit_the_default_window_at_1366_pixels(qtbot, clinic: Clinic, hub):
    # Written straight to the store: the trial plan's seat allowance would refuse more
    # accounts through the staff service, and only the number of columns matters here.
    for n in range(4):
        add_staff(clinic.context, f"Dr Extra {n}", provider=True)
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    window.resize(1366, 768)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: len(page.model.columns()) == 6, timeout=10_000)
    settle(qtbot, hub)
    qtbot.wait(50)
    grid = page.grid
    right_edge = grid.x_of(5) + grid.column_width()
    assert right_edge <= grid.viewport().width(), (right_edge, grid.viewport().width())
