"""The front desk at work: book by drag and by keyboard, move, resize, undo, check in,
cancel with a waitlist offer, a refused conflict. Real widgets, real mouse events, a real
SQLCipher clinic; every write goes through the services on the database worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.schedule.booking_dialog import BookingDialog
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.services.scheduling import appointments as appts
from tests.gui.frontdesk.conftest import Clinic, drag, local, open_window, settle


@pytest.fixture
def page(qtbot, clinic: Clinic, hub) -> SchedulePage:
    window = open_window(qtbot, clinic, hub, clinic.manager)
    schedule = window.pages["schedule"]
    qtbot.waitUntil(lambda: schedule.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    schedule.grid.scroll_to_minute(9 * 60)
    return schedule


def detail(clinic: Clinic, appointment_id: str) -> appts.AppointmentDetail:
    return clinic.context.on_worker(
        lambda: appts.get_appointment(clinic.context, clinic.manager.actor, appointment_id)
    )


def row_rect_center(page: SchedulePage, appointment_id: str) -> QPoint:
    rect = page.grid.placed_rect(appointment_id)
    assert rect is not None, "the appointment is drawn"
    return rect.center()


def point_at(page: SchedulePage, column: int, hour: int, minute: int) -> QPoint:
    grid = page.grid
    x = round(grid.x_of(column) + grid.column_width() / 3)
    return QPoint(x, round(grid.y_of(hour * 60 + minute)) + 1)


def fill_and_book(qtbot, dialog: BookingDialog, search: str, type_id: str) -> None:
    qtbot.keyClicks(dialog.patient.search, search)
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    assert dialog.patient.chosen is not None
    dialog.type.setCurrentIndex(dialog.type.findData(type_id))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_book_by_dragging_over_free_time(qtbot, clinic, hub, page):
    # Drag in the second provider's column from 11:00 to 11:30.
    drag(page.grid, point_at(page, 1, 11, 2), point_at(page, 1, 11, 20))
    dialog = page.booking_dialog
    assert dialog.provider.currentData() == clinic.provider_two
    assert dialog.start() == local(11, 0)
    assert dialog.duration.value() == 30
    fill_and_book(qtbot, dialog, "Turi", clinic.checkup)
    qtbot.waitUntil(
        lambda: any(r.patient_id == clinic.alan for r in page.model.appointments()),
        timeout=10_000,
    )
    booked = next(r for r in page.model.appointments() if r.patient_id == clinic.alan)
    assert (booked.provider_id, booked.start, booked.end) == (
        clinic.provider_two,
        local(11, 0),
        local(11, 30),
    )
    assert booked.type_name == "Check-up"


def test_book_with_the_keyboard_only(qtbot, clinic, hub, page):
    grid = page.grid
    grid.setFocus()
    # The cursor starts at 09:00 in the first column: right, down to 10:00, stretch to 30 min.
    QTest.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(4):
        QTest.keyClick(grid, Qt.Key.Key_Down)
    QTest.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    dialog = page.booking_dialog
    assert dialog.provider.currentData() == clinic.provider_two
    assert dialog.start() == local(10, 0)
    assert dialog.duration.value() == 30
    qtbot.keyClicks(dialog.patient.search, "Hopp")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    dialog.duration.setValue(30)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    QTest.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Book
    qtbot.waitUntil(
        lambda: any(r.patient_id == clinic.grace for r in page.model.appointments()),
        timeout=10_000,
    )


def test_move_by_drag_to_another_provider(qtbot, clinic, hub, page):
    start = row_rect_center(page, clinic.appointment)
    grab = page.grid.minute_at(start.y()) - (10 * 60 + 30)
    drag(page.grid, start, point_at(page, 1, 11, grab))
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).provider_id == clinic.provider_two)
    moved = detail(clinic, clinic.appointment)
    assert moved.start == local(11, 0)
    assert moved.end == local(11, 15)


def test_move_by_drag_to_another_day_in_week_view(qtbot, clinic, hub, page):
    install_language(LocaleChoice("en", first_day_of_week=1))  # a Monday-first clinic
    try:
        page.set_mode("week")
        settle(qtbot, hub)
        qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
        page.grid.scroll_to_minute(9 * 60)
        assert len(page.model.columns()) == 7  # Monday..Sunday, first provider
        start = row_rect_center(page, clinic.appointment)
        grab = page.grid.minute_at(start.y()) - (10 * 60 + 30)
        drag(page.grid, start, point_at(page, 2, 10, 30 + grab))  # Wednesday
        wednesday = local(10, 30) + timedelta(days=2)
        qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == wednesday)
        assert detail(clinic, clinic.appointment).provider_id == clinic.provider_one
    finally:
        install_language(LocaleChoice("en"))


def test_resize_then_undo_with_ctrl_z(qtbot, clinic, hub, page):
    rect = page.grid.placed_rect(clinic.appointment)
    bottom = QPoint(rect.center().x(), rect.bottom() - 2)
    drag(page.grid, bottom, point_at(page, 0, 11, 0))
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).end == local(11, 0))
    assert detail(clinic, clinic.appointment).start == local(10, 30)
    settle(qtbot, hub)
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment).end == local(11, 0))
    page.grid.setFocus()
    page.window().activateWindow()
    assert len(page.undo_stack) == 1
    QTest.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).end == local(10, 45))
    assert not page.undo_stack


def test_undo_a_move_across_providers(qtbot, clinic, hub, page):
    start = row_rect_center(page, clinic.appointment)
    grab = page.grid.minute_at(start.y()) - (10 * 60 + 30)
    drag(page.grid, start, point_at(page, 1, 14, grab))
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).provider_id == clinic.provider_two)
    settle(qtbot, hub)
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment).start == local(14, 0))
    page.undo()
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).provider_id == clinic.provider_one)
    assert detail(clinic, clinic.appointment).start == local(10, 30)


def test_undo_puts_the_room_back_or_takes_it_away(qtbot, clinic, hub, page):
    """Undo restores the room with the time: the one it had, or none if it had none."""
    from cicini_desktop.services.scheduling import availability as avail

    def new_room(name: str) -> str:
        return clinic.context.on_worker(
            lambda: avail.create_room(clinic.context, clinic.manager.actor, name, "treatment")
        )[0]

    room_a, room_b = new_room("Room A"), new_room("Room B")
    settle(qtbot, hub)
    assert detail(clinic, clinic.appointment).room_id is None
    page.request_move(clinic.appointment, clinic.provider_one, local(11, 0), room_id=room_a)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).room_id == room_a)
    settle(qtbot, hub)
    page.undo()  # it had no room: undo takes Room A away again
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == local(10, 30))
    assert detail(clinic, clinic.appointment).room_id is None
    settle(qtbot, hub)

    page.request_move(clinic.appointment, clinic.provider_one, local(10, 30), room_id=room_a)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).room_id == room_a)
    settle(qtbot, hub)
    page.undo_stack.clear()
    page.request_move(clinic.appointment, clinic.provider_one, local(11, 0), room_id=room_b)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).room_id == room_b)
    settle(qtbot, hub)
    page.undo()  # back to 10:30 in Room A
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == local(10, 30))
    assert detail(clinic, clinic.appointment).room_id == room_a


def test_check_in_with_one_key(qtbot, clinic, hub, page):
    clinic.context.on_worker(
        lambda: appts.change_status(
            clinic.context,
            clinic.manager.actor,
            clinic.appointment,
            appts.AppointmentStatus.CONFIRMED,
            expected_version=None,
        )
    )
    page.refresh()
    settle(qtbot, hub)
    qtbot.mouseClick(
        page.grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=row_rect_center(page, clinic.appointment),
    )
    assert page.grid.selected_id == clinic.appointment
    page.window().activateWindow()
    QTest.keyClick(page.grid, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).status == "arrived")
    # The arrivals panel now lists Ada as waiting.
    qtbot.waitUntil(lambda: "Waiting (1)" in page.arrivals.tree.topLevelItem(0).text(0))


def test_cancel_offers_the_matching_waitlist_patient(qtbot, clinic, hub, page):
    qtbot.mouseClick(
        page.grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=row_rect_center(page, clinic.appointment),
    )

    def confirm_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        assert dialog.windowTitle() == "Cancel appointment"
        dialog.accept()

    QTimer.singleShot(100, confirm_cancel)
    page.cancel_appointment(page.grid.selected_id)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).status == "cancelled")
    qtbot.waitUntil(lambda: getattr(page, "offer_dialog", None) is not None, timeout=10_000)
    offers = page.offer_dialog.list
    assert offers.count() == 1
    assert "Hopper, Grace" in offers.item(0).text()
    # Taking the offer opens the booking dialog for Grace at the freed time.
    page.offer_dialog.accept()
    dialog = page.booking_dialog
    assert dialog.patient.chosen.id == clinic.grace
    assert dialog.start() == local(10, 30)


def test_a_conflicting_booking_is_refused_with_a_sentence(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.catalogue is not None)
    settle(qtbot, hub)
    dialog = page.open_booking(clinic.provider_one, local(10, 30), 15)
    qtbot.keyClicks(dialog.patient.search, "Turing")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    qtbot.waitUntil(lambda: "⚠" in dialog.conflicts.text())
    assert "already" in dialog.conflicts.text().lower()
    assert not dialog.save_button.isEnabled()
    assert not dialog.override.isVisible()  # a receptionist may not override
    dialog._save()  # even when forced, the service refuses and the sentence is shown
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert dialog.error.text().endswith(".")
    assert "Traceback" not in dialog.error.text()
    assert all(r.patient_id != clinic.alan for r in page.model.appointments())


def test_recurring_booking_lists_each_occurrence_and_skips_the_conflict(qtbot, clinic, hub, page):
    dialog = page.open_booking(clinic.provider_one, local(10, 30), 15)
    qtbot.keyClicks(dialog.patient.search, "Turing")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.count.setValue(3)
    qtbot.waitUntil(lambda: dialog.occurrences.count() == 3)
    first = dialog.occurrences.item(0).text()
    assert "skipped" in first
    assert "already" in first.lower()
    assert dialog.occurrences.item(1).text().startswith("✓")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    week = timedelta(days=7)

    def alan_starts() -> list:
        rows = appts_for(clinic, clinic.alan)
        return sorted(r.start for r in rows)

    qtbot.waitUntil(lambda: alan_starts() == [local(10, 30) + week, local(10, 30) + 2 * week])


def appts_for(clinic: Clinic, patient_id: str) -> list:
    from cicini_desktop.services.scheduling import views

    rows = clinic.context.on_worker(
        lambda: views.week_view(
            clinic.context,
            clinic.manager.actor,
            local(0).date(),
            [clinic.provider_one],
            days=21,
        )
    )
    return [r for r in rows if r.patient_id == patient_id]
