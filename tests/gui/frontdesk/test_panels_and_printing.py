"""Side panels, month overview and the printed day sheet."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from cicini_desktop.gui.schedule.day_sheet import save_pdf
from tests.gui.frontdesk.conftest import BERLIN, local, open_window, settle


def open_schedule(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    return window, page


def test_find_a_slot_lists_free_times_and_one_click_opens_the_booking(qtbot, clinic, hub):
    _window, page = open_schedule(qtbot, clinic, hub)
    finder = page.slot_finder
    finder.type.setCurrentIndex(finder.type.findData(clinic.consultation))
    finder.provider.setCurrentIndex(finder.provider.findData(clinic.provider_one))
    finder.search.click()
    qtbot.waitUntil(lambda: finder.results.count() > 0, timeout=10_000)
    first = finder.results.item(0).data(Qt.ItemDataRole.UserRole)
    assert first.start >= local(10, 0)
    assert not (local(10, 30) <= first.start < local(10, 45))  # Ada's time is not free
    finder.book.click()
    dialog = page.booking_dialog
    assert dialog.start() == first.start
    assert dialog.type.currentData() == clinic.consultation


def test_the_waitlist_panel_lists_entries_by_priority(qtbot, clinic, hub):
    _window, page = open_schedule(qtbot, clinic, hub)
    page.side.setCurrentWidget(page.waitlist)
    qtbot.waitUntil(lambda: page.waitlist.table.rowCount() == 1)
    assert page.waitlist.table.item(0, 1).text() == "Hopper, Grace"
    assert page.waitlist.table.item(0, 0).data(Qt.ItemDataRole.DisplayRole) == 5


def test_month_overview_counts_appointments_per_day(qtbot, clinic, hub):
    _window, page = open_schedule(qtbot, clinic, hub)
    page.set_mode("month")
    qtbot.waitUntil(lambda: page.month.counts.get(date(2026, 3, 16)) == 1)
    assert page.month.counts.get(date(2026, 3, 17)) == 0
    page.month.day_activated.emit(date(2026, 3, 17))
    assert page.mode == "day"
    assert page.current == date(2026, 3, 17)


def test_day_sheet_pdf_on_a4_and_letter(qtbot, clinic, hub, tmp_path):
    _window, page = open_schedule(qtbot, clinic, hub)
    rows = page.model.appointments()
    providers = list(page.visible_providers())
    for paper in ("A4", "Letter"):
        path = tmp_path / f"sheet-{paper}.pdf"
        pages = save_pdf(
            path,
            paper,
            clinic_name="Test Clinic",
            day=date(2026, 3, 16),
            providers=providers,
            rows=rows,
            zone=BERLIN,
        )
        assert pages == 2  # one page per provider
        assert path.read_bytes().startswith(b"%PDF")
