"""Issue 16 items 3 and 7 from the Patients page: find a patient by phone in any common
format or by patient number, open their file, read the next appointment and attendance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from cicini_desktop.gui.patients_page import PatientsPage
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from cicini_desktop.services.scheduling import appointments, front_desk_settings, patients
from tests.gui.frontdesk.conftest import TODAY, Clinic, ThroughWorker, local, settle

# Direct service calls from the tests run on the window's database worker.
appts = ThroughWorker(appointments)
pats = ThroughWorker(patients)
set_late_cancel_hours = ThroughWorker(front_desk_settings).set_late_cancel_hours


@pytest.fixture
def page(qtbot, clinic: Clinic, hub) -> PatientsPage:
    page = PatientsPage(ServicesBackend(clinic.context, clinic.manager.actor), hub, True)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def results(qtbot, page: PatientsPage, hub, text: str) -> list[str]:
    page.picker.search.setText(text)
    qtbot.wait(250)  # the picker searches after a short pause in typing
    settle(qtbot, hub)
    return [page.picker.results.item(i).text() for i in range(page.picker.results.count())]


def test_search_by_phone_in_any_format_and_by_patient_number(qtbot, clinic, hub, page):
    ctx, actor = clinic.context, clinic.manager.actor
    row = pats.get_patient(ctx, actor, clinic.alan)
    pats.edit_patient(
        ctx,
        actor,
        row.id,
        pats.PatientInput(row.given_name, row.family_name, row.dob, phone="030 1234567"),
        expected_version=row.version,
    )
    for typed in ("030 1234567", "+49 30 1234567", "0049 (30) 123 45 67", "030/123-4567"):
        found = results(qtbot, page, hub, typed)
        assert len(found) == 1, typed
        assert found[0].startswith("Turing, Alan"), typed
    numbers = {pid: pats.get_patient(ctx, actor, pid).number for pid in (clinic.ada, clinic.alan)}
    assert numbers[clinic.alan] == numbers[clinic.ada] + 1  # numbered in order of creation
    for typed in (
        f"P {numbers[clinic.alan]}",
        f"#{numbers[clinic.alan]}",
        f"No. {numbers[clinic.alan]}",
    ):
        found = results(qtbot, page, hub, typed)
        assert found, typed
        assert found[0].startswith("Turing, Alan"), typed
        assert f"No. {numbers[clinic.alan]}" in found[0]


def test_the_patient_file_answers_when_the_next_appointment_is(qtbot, clinic, hub, page):
    ctx, actor = clinic.context, clinic.manager.actor
    set_late_cancel_hours(ctx, actor, 24)
    # Ada: today's 10:30 (upcoming), a visit tomorrow cancelled this morning (late), one
    # next week.
    late = appts.book_appointment(
        ctx,
        actor,
        appts.BookingRequest(
            clinic.ada, clinic.provider_two, clinic.checkup, local(9, 0, TODAY + timedelta(1))
        ),
    ).appointment_id
    appts.cancel_appointment(
        ctx, actor, late, appts.CancelReason.PATIENT_REQUEST, expected_version=None
    )
    assert ctx.clock.now() == datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    results(qtbot, page, hub, "Lovelace")
    page.picker.results.setCurrentRow(0)
    assert page.file_button.isEnabled()
    requested: list[tuple[str, object]] = []
    page.show_appointment_requested.connect(lambda a, d: requested.append((a, d)))
    qtbot.mouseClick(page.file_button, Qt.MouseButton.LeftButton)
    file = page.patient_file
    qtbot.waitUntil(lambda: file.data is not None, timeout=10_000)
    assert "Monday 16 March 2026 at 10:30" in file.next_label.text()
    assert file.attendance.text() == "No no-shows, 1 late cancellation"
    assert file.past.topLevelItem(0).text(3) == "Cancelled (late)"
    assert file.heading.text().startswith("Lovelace, Ada  ·  No. ")
    qtbot.mouseClick(file.next_button, Qt.MouseButton.LeftButton)  # one click
    assert requested == [(clinic.appointment, TODAY)]
