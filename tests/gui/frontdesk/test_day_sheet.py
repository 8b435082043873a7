"""Issue 16 item 8: the day sheet wraps (nothing cut), can carry phone numbers, is written
0600, and breaks pages between providers only when asked."""

from __future__ import annotations

import stat
from datetime import timedelta

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPdfWriter

from cicini_desktop.gui.schedule.day_sheet import (
    WRAP,
    SheetOptions,
    _fonts,
    configure,
    plan_day_sheet,
)
from cicini_desktop.gui.schedule.print_dialog import PrintDialog
from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow
from tests.gui.frontdesk.conftest import BERLIN, TODAY, local, open_window, settle

LONG_NOTE = " ".join(["Bring the referral letter and last year's blood results"] * 6)
ANNA = ProviderRow("p1", "Dr. Anna Berger")
JONAS = ProviderRow("p2", "Dr. Jonas Keller")


def row(n: int, provider: str = "p1", note: str = "", room: str = "") -> AppointmentRow:
    start = local(8) + timedelta(minutes=15 * n)
    return AppointmentRow(
        id=f"a{n}",
        provider_id=provider,
        start=start,
        end=start + timedelta(minutes=15),
        patient_id=f"pat{n}",
        patient_name=f"Patient-with-a-rather-long-double-barrelled-name {n}",
        type_id="t1",
        type_name="Comprehensive follow-up consultation",
        colour="#123456",
        status="in_progress",
        room_name=room,
        note=note,
    )


def writer(tmp_path) -> QPdfWriter:
    device = QPdfWriter(str(tmp_path / "plan.pdf"))
    device.setResolution(150)
    configure(device, "A4")
    return device


def plan(tmp_path, rows, providers=(ANNA,), **kw):
    return plan_day_sheet(
        writer(tmp_path),
        clinic_name="Test Clinic",
        day=TODAY,
        providers=list(providers),
        rows=rows,
        zone=BERLIN,
        **kw,
    )


def test_long_notes_names_and_rooms_wrap_and_nothing_is_cut(qtbot, tmp_path):
    rows = [row(n, note=LONG_NOTE, room="Ultrasound room 2 (first floor)") for n in range(40)]
    sheet = plan(tmp_path, rows)
    texts = sheet.texts()
    assert texts.count(LONG_NOTE) == 40
    assert all("…" not in t for t in texts)
    assert texts.count("Ultrasound room 2 (first floor)") == 40
    assert texts.count("In progress") == 40
    assert len(sheet.pages) > 2  # tall rows run over several pages, headers repeated
    device = writer(tmp_path)
    body = QFontMetricsF(_fonts()["body"], device)
    for page in sheet.pages:
        for box in page:
            if box.font == "body" and box.text == LONG_NOTE:
                needed = body.boundingRect(QRectF(0, 0, box.rect.width(), 1e6), WRAP, box.text)
                assert needed.height() <= box.rect.height()  # the whole note fits its box
                assert box.rect.bottom() <= device.height()


def test_phones_only_when_chosen_and_page_breaks_between_providers_if_chosen(qtbot, tmp_path):
    rows = [row(1), row(2, provider="p2")]
    phones = {"pat1": "+49301234567"}
    without = plan(tmp_path, rows, providers=(ANNA, JONAS), phones=phones)
    assert not any("+49301234567" in t for t in without.texts())
    assert len(without.pages) == 2  # a page per provider by default
    with_phones = plan(
        tmp_path,
        rows,
        providers=(ANNA, JONAS),
        phones=phones,
        options=SheetOptions(phones=True, page_per_provider=False),
    )
    assert any(t.endswith("\n+49301234567") for t in with_phones.texts())
    assert len(with_phones.pages) == 1  # both providers follow on one page
    assert sum("Dr. Jonas Keller —" in t for t in with_phones.texts()) == 1


def test_saving_from_the_dialog_writes_an_owner_only_file(qtbot, clinic, hub, tmp_path):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
    settle(qtbot, hub)
    dialog = PrintDialog(page)
    qtbot.addWidget(dialog)
    settle(qtbot, hub)
    dialog.phones.setChecked(True)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(b"old")
    path.chmod(0o644)  # an existing file does not keep a readable mode
    dialog.save_to(path)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
