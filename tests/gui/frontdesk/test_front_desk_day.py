"""Issue 16 through the real widgets: check-in day (1), waitlist offers (2), patient file (3),
notes (4), reschedule dialog and keyboard moves with undo (5), status actions (6),
attendance (7), plural messages (12)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from cicini_desktop.gui.schedule.appointment_dialog import AppointmentDialog
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.gui.schedule.rows import WaitlistRow
from cicini_desktop.gui.schedule.source import CancelOutcome
from cicini_desktop.services.scheduling import appointments, waitlist
from tests.gui.frontdesk.conftest import (
    TODAY,
    Clinic,
    ThroughWorker,
    local,
    open_window,
    settle,
)

# Direct service calls from the tests run on the window's database worker.
appts = ThroughWorker(appointments)
wl = ThroughWorker(waitlist)


def open_page(qtbot, clinic: Clinic, hub, who) -> SchedulePage:
    window = open_window(qtbot, clinic, hub, who)
    schedule = window.pages["schedule"]
    qtbot.waitUntil(lambda: schedule.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    window.activateWindow()
    schedule.grid.setFocus()
    return schedule


@pytest.fixture
def page(qtbot, clinic: Clinic, hub) -> SchedulePage:
    return open_page(qtbot, clinic, hub, clinic.manager)


def detail(clinic: Clinic, appointment_id: str) -> appts.AppointmentDetail:
    return appts.get_appointment(clinic.context, clinic.manager.actor, appointment_id)


def answer_modal(qtbot, act: Callable[[object], None]) -> list[str]:
    """Run `act` on the next modal dialog (a message box or input dialog); its text is kept."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, handle)
            return
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        elif isinstance(dialog, QInputDialog):
            seen.append(dialog.labelText())
        else:
            seen.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(20, handle)
    return seen


def book_tomorrow(clinic: Clinic) -> str:
    return appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(
            clinic.alan, clinic.provider_one, clinic.consultation, local(9, 0, TODAY + timedelta(1))
        ),
    ).appointment_id


# --- 1 ------------------------------------------------------------------------------------


def test_check_in_tomorrow_is_refused_and_a_manager_overrides_with_a_reason(qtbot, clinic, hub):
    tomorrow = book_tomorrow(clinic)
    desk = open_page(qtbot, clinic, hub, clinic.receptionist)
    desk.step(1)
    qtbot.waitUntil(lambda: desk.model.appointment(tomorrow) is not None)
    desk.grid.select(tomorrow)
    seen = answer_modal(qtbot, lambda box: box.accept())
    QTest.keyClick(desk.grid, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "a patient can be checked in only on the day of the appointment" in seen[0]
    settle(qtbot, hub)
    assert detail(clinic, tomorrow).status == "booked"
    # The arrivals panel lists today's patients only.
    assert all(r.id != tomorrow for r in desk.arrivals._rows)

    manager = open_page(qtbot, clinic, hub, clinic.manager)
    manager.step(1)
    qtbot.waitUntil(lambda: manager.model.appointment(tomorrow) is not None)
    manager.grid.select(tomorrow)

    def give_reason(dialog) -> None:
        dialog.setTextValue("came early for the lab")
        dialog.accept()

    asked = answer_modal(qtbot, give_reason)
    manager.set_status(tomorrow, "arrived")
    qtbot.waitUntil(lambda: detail(clinic, tomorrow).status == "arrived", timeout=10_000)
    assert "only on the day of the appointment" in asked[0]


# --- 2 ------------------------------------------------------------------------------------


def test_a_longer_waitlisted_type_gets_its_own_length_and_the_entry_is_closed(
    qtbot, clinic, hub, page
):
    entry, _ = wl.add_waitlist_entry(
        clinic.context,
        clinic.manager.actor,
        wl.WaitlistInput(patient_id=clinic.alan, type_id=clinic.checkup, priority=9),
    )
    # Something right after Ada's 15 minutes, so 30 minutes do not fit at 10:30.
    appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(clinic.grace, clinic.provider_one, clinic.consultation, local(10, 45)),
    )
    page.refresh()
    settle(qtbot, hub)
    ada = page.model.appointment(clinic.appointment)
    freed = appts.cancel_appointment(
        clinic.context,
        clinic.manager.actor,
        clinic.appointment,
        appts.CancelReason.PATIENT_REQUEST,
        expected_version=None,
    )
    # The matching offers only entries whose type fits the freed 15 minutes; the front desk
    # may still pick Alan (from the list or a phone call) for the freed time: his check-up
    # keeps its 30 minutes and the next time they fit is proposed.
    assert all(o.entry_id != entry for o in freed.offers)
    offer = WaitlistRow(
        entry, clinic.alan, "Turing, Alan", "Check-up", "", 9, type_id=clinic.checkup
    )
    outcome = CancelOutcome(
        freed.changes,
        (offer,),
        freed_provider_id=clinic.provider_one,
        freed_start=local(10, 30),
        freed_minutes=15,
    )
    page.book_waitlist_offer(outcome, ada, offer)
    qtbot.waitUntil(lambda: getattr(page, "booking_dialog", None) is not None, timeout=10_000)
    dialog = page.booking_dialog
    assert dialog.duration.value() == 30  # the check-up's length, not the freed 15
    assert "takes 30 minutes; only 15 minutes were freed" in dialog.notice.text()
    assert dialog.start() >= local(11, 0)  # the next time 30 minutes fit
    assert dialog.waitlist_entry_id == entry
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(r.patient_id == clinic.alan for r in page.model.appointments()),
        timeout=10_000,
    )
    booked = next(r for r in page.model.appointments() if r.patient_id == clinic.alan)
    assert booked.duration == timedelta(minutes=30)
    assert all(r.id != entry for r in wl.list_waitlist(clinic.context, clinic.manager.actor))


# --- 4 and 6 --------------------------------------------------------------------------------


def test_appointment_dialog_edits_the_note_and_enables_only_allowed_steps(qtbot, clinic, hub, page):
    row = page.model.appointment(clinic.appointment)
    dialog = AppointmentDialog(row, page)
    qtbot.addWidget(dialog)
    enabled = {k: b.isEnabled() for k, b in dialog.status_buttons.items()}
    assert enabled == {
        "confirm": True,
        "arrived": True,
        "in_progress": False,
        "completed": False,
        "no_show": True,
        "cancel": True,
    }
    assert "You cannot start it now" in dialog.status_buttons["in_progress"].toolTip()
    assert page.actions_by_key["confirm"].isEnabled() is False or True  # page below
    page.grid.select(clinic.appointment)
    page._update_actions()
    assert not page.actions_by_key["completed"].isEnabled()
    assert page.actions_by_key["confirm"].isEnabled()

    dialog.note.setPlainText("y" * 230)  # a paste: kept whole, not cut
    assert len(dialog.note.toPlainText()) == 230
    assert "30 too many" in dialog.counter.text()
    assert not dialog.save_note.isEnabled()
    dialog.note.setPlainText("Bring the referral letter")
    assert dialog.counter.text() == "25 / 200 characters"
    qtbot.mouseClick(dialog.save_note, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: detail(clinic, clinic.appointment).note == "Bring the referral letter",
        timeout=10_000,
    )
    # The next dialog shows the saved note (the calendar only knows that one exists).
    settle(qtbot, hub)
    row = page.model.appointment(clinic.appointment)
    again = AppointmentDialog(row, page)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.note.toPlainText() == "Bring the referral letter")

    # After check-in only "In progress" is possible.
    appts.check_in(clinic.context, clinic.manager.actor, clinic.appointment, expected_version=None)
    page.refresh()
    settle(qtbot, hub)
    arrived = AppointmentDialog(page.model.appointment(clinic.appointment), page)
    qtbot.addWidget(arrived)
    assert [k for k, b in arrived.status_buttons.items() if b.isEnabled()] == ["in_progress"]


def test_booking_dialog_keeps_a_long_note_whole_and_says_why_it_waits(qtbot, clinic, hub, page):
    dialog = page.open_booking(clinic.provider_two, local(11), 15)
    QApplication.clipboard().setText("z" * 260)
    dialog.note.setFocus()
    dialog.note.paste()
    assert len(dialog.note.text()) == 260
    assert "60 too many" in dialog.note_counter.text()
    qtbot.keyClicks(dialog.patient.search, "Turi")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    assert not dialog.save_button.isEnabled()
    assert "shorten it to 200" in dialog.save_button.toolTip()
    dialog.reject()


# --- 5 --------------------------------------------------------------------------------------


def test_reschedule_dialog_checks_live_finds_the_next_free_time_and_undo_restores(
    qtbot, clinic, hub, page
):
    appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(clinic.grace, clinic.provider_two, clinic.consultation, local(11)),
    )
    page.refresh()
    settle(qtbot, hub)
    page.grid.select(clinic.appointment)
    QTest.keyClick(page.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.reschedule_dialog
    dialog.provider.setCurrentIndex(dialog.provider.findData(clinic.provider_two))
    dialog.time.setTime(local(11).time())
    qtbot.waitUntil(lambda: "⚠" in dialog.conflicts.text(), timeout=10_000)
    qtbot.mouseClick(dialog.find_next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.time.time().toPython() == local(11, 15).time(), timeout=10_000)
    qtbot.waitUntil(lambda: "✓" in dialog.conflicts.text(), timeout=10_000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: detail(clinic, clinic.appointment).provider_id == clinic.provider_two,
        timeout=10_000,
    )
    assert detail(clinic, clinic.appointment).start == local(11, 15)
    settle(qtbot, hub)
    assert len(page.undo_stack) == 1
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == local(10, 30))
    assert detail(clinic, clinic.appointment).provider_id == clinic.provider_one


def test_keyboard_moves_cut_and_paste_and_ctrl_arrows_with_undo(qtbot, clinic, hub, page):
    grid = page.grid
    page.grid.select(clinic.appointment)
    QTest.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == local(10, 45))
    settle(qtbot, hub)
    page.grid.select(clinic.appointment)
    QTest.keyClick(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).provider_id == clinic.provider_two)
    settle(qtbot, hub)
    # Cut, move the cursor to the first column at 14:00, paste.
    page.grid.select(clinic.appointment)
    QTest.keyClick(grid, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert page.cut_id == clinic.appointment
    grid.cursor_column, grid.cursor_minute = 0, 14 * 60
    QTest.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: detail(clinic, clinic.appointment).start == local(14))
    assert detail(clinic, clinic.appointment).provider_id == clinic.provider_one
    settle(qtbot, hub)
    for expected_start, expected_provider in (
        (local(10, 45), clinic.provider_two),
        (local(10, 45), clinic.provider_one),
        (local(10, 30), clinic.provider_one),
    ):
        QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda s=expected_start, p=expected_provider: (
                (
                    detail(clinic, clinic.appointment).start,
                    detail(clinic, clinic.appointment).provider_id,
                )
                == (s, p)
            ),
            timeout=10_000,
        )
        settle(qtbot, hub)


# --- 3 and 7 --------------------------------------------------------------------------------


def test_patient_file_from_the_calendar_lists_appointments_and_goes_to_the_next(
    qtbot, clinic, hub, page
):
    later = appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(
            clinic.ada, clinic.provider_two, clinic.checkup, local(9, 0, TODAY + timedelta(7))
        ),
    ).appointment_id
    missed = appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(clinic.ada, clinic.provider_one, clinic.consultation, local(8, 0)),
    ).appointment_id
    for status in (appts.AppointmentStatus.CONFIRMED, appts.AppointmentStatus.NO_SHOW):
        appts.change_status(
            clinic.context, clinic.manager.actor, missed, status, expected_version=None
        )
    page.refresh()
    settle(qtbot, hub)
    page.grid.select(clinic.appointment)
    QTest.keyClick(page.grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    file = page.patient_file_dialog
    qtbot.waitUntil(lambda: file.data is not None, timeout=10_000)
    assert file.heading.text().startswith("Lovelace, Ada")
    assert file.upcoming.topLevelItemCount() == 2
    assert file.upcoming_box.title() == "&Upcoming (2 appointments)"
    assert file.past.topLevelItem(0).text(3) == "No-show"
    assert file.attendance.text() == "1 no-show"
    assert "Monday 16 March 2026 at 10:30" in file.next_label.text()
    # The second upcoming one, a week later: Enter on it shows that day in the calendar.
    file.upcoming.setCurrentItem(file.upcoming.topLevelItem(1))
    file.upcoming.itemActivated.emit(file.upcoming.topLevelItem(1), 0)
    qtbot.waitUntil(lambda: page.grid.selected_id == later, timeout=10_000)
    assert page.current == TODAY + timedelta(7)

    # From the booking dialog: attendance shown, the file one click away.
    dialog = page.open_booking(clinic.provider_two, local(11), 15)
    qtbot.keyClicks(dialog.patient.search, "Lovel")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.attendance.text() == "Attendance: 1 no-show.")
    qtbot.mouseClick(dialog.open_file, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.patient_file_dialog is not file)
    qtbot.waitUntil(lambda: page.patient_file_dialog.data is not None, timeout=10_000)
    dialog.reject()


# --- 12 -------------------------------------------------------------------------------------


def test_a_series_says_how_many_were_booked(qtbot, clinic, hub, page):
    messages: list[str] = []
    page.status_message.connect(messages.append)
    dialog = page.open_booking(clinic.provider_two, local(14), 15)
    qtbot.keyClicks(dialog.patient.search, "Turing")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.count.setValue(6)
    qtbot.waitUntil(lambda: dialog.occurrences.count() == 6, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "6 appointments booked." in messages, timeout=10_000)


# --- 10 -------------------------------------------------------------------------------------


def test_a_move_into_the_spring_forward_gap_is_refused_with_a_sentence(qtbot, clinic, hub, page):
    from datetime import datetime

    from tests.gui.frontdesk.conftest import BERLIN

    gap = datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN)  # the GUI sends aware wall times
    seen = answer_modal(qtbot, lambda box: box.accept())
    page.request_move(clinic.appointment, clinic.provider_one, gap)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "2026-03-29 02:30 does not exist in Europe/Berlin" in seen[0]
    settle(qtbot, hub)
    assert detail(clinic, clinic.appointment).start == local(10, 30)  # not saved at 03:30
