"""The set-up pages one by one: stranded appointments listed before saving, holidays applied
only as ticked, archive instead of delete, rooms, keyboard and accessibility."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.setup import SETUP_PAGES
from cicini_desktop.gui.setup.hours_page import OpeningHoursPage
from cicini_desktop.gui.setup.providers_page import ProviderHoursPage
from cicini_desktop.gui.setup.rooms_page import RoomsPage
from cicini_desktop.gui.setup.types_page import AppointmentTypesPage
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import appointments as appts
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import effects
from cicini_desktop.services.scheduling import patients as pats
from tests.gui.frontdesk.conftest import Clinic, local
from tests.gui.frontdesk.conftest import clinic as clinic  # the fixtures, shared
from tests.gui.frontdesk.conftest import worker as worker
from tests.gui.setup.conftest import click, set_date, settle, type_into

BERLIN = ZoneInfo("Europe/Berlin")
PAGES = (OpeningHoursPage, ProviderHoursPage, AppointmentTypesPage, RoomsPage)


@pytest.fixture
def manager(clinic: Clinic) -> Actor:
    return clinic.manager.actor


def on(clinic, fn):
    """A direct service call from the test, on the database worker (as the app requires)."""
    return clinic.context.on_worker(fn)


def build(qtbot, page_class, clinic, actor, hub):
    page = page_class(clinic.context, actor, hub)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    settle(qtbot, hub)
    return page


def test_registry_names_the_four_pages():
    assert [key for key, *_ in SETUP_PAGES] == [
        "setup_hours",
        "setup_providers",
        "setup_types",
        "setup_rooms",
    ]
    assert {p for _k, _t, p, _m, _c in SETUP_PAGES} == {Permission.AVAILABILITY_MANAGE}


@pytest.mark.parametrize("page_class", PAGES)
def test_every_control_is_named_and_every_combo_labelled(qtbot, clinic, hub, manager, page_class):
    page = build(qtbot, page_class, clinic, manager, hub)
    kinds = (QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit, QListWidget, QAbstractButton)
    controls = [w for w in page.findChildren(QWidget) if isinstance(w, kinds)]
    assert controls
    # Line edits inside spin boxes and combo boxes belong to them and are named through them.
    unnamed = [
        w
        for w in controls
        if not w.accessibleName()
        and not isinstance(w.parent(), (QSpinBox, QComboBox, QDateEdit, QTimeEdit))
        and not (isinstance(w, QAbstractButton) and w.text())
    ]
    assert unnamed == []
    buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    for combo in page.findChildren(QComboBox):
        assert combo in buddies, combo.accessibleName()


def test_a_time_off_over_a_booking_lists_it_and_saves_only_when_confirmed(
    qtbot, clinic, hub, manager
):
    page = build(qtbot, ProviderHoursPage, clinic, manager, hub)
    page.provider.setCurrentIndex(page.provider.findData(clinic.provider_one))
    settle(qtbot, hub)
    set_date(page.off_from, date(2026, 3, 16))
    set_date(page.off_to, date(2026, 3, 16))
    page.off_reason.setCurrentIndex(page.off_reason.findData("sick"))
    click(qtbot, page.add_off_button)
    qtbot.waitUntil(lambda: page.writer.dialog is not None, timeout=10_000)
    dialog = page.writer.dialog
    assert dialog.list.count() == 1
    assert "Lovelace, Ada" in dialog.list.item(0).text()
    assert "time off" in dialog.list.item(0).text()
    assert (
        on(clinic, lambda: avail.exceptions(clinic.context, manager, clinic.provider_one)) == []
    )  # not yet
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: page.off_list.count() == 1, timeout=10_000)
    assert "sick" in page.off_list.item(0).text()
    # Nothing moved; the appointment is on the worklist to rebook from.
    kept = on(clinic, lambda: appts.get_appointment(clinic.context, manager, clinic.appointment))
    assert kept.start == local(10, 30)
    assert [
        r.appointment_id for r in on(clinic, lambda: effects.worklist(clinic.context, manager))
    ] == [clinic.appointment]
    hours = build(qtbot, OpeningHoursPage, clinic, manager, hub)
    click(qtbot, hours.worklist_button)
    qtbot.waitUntil(lambda: hours.worklist_dialog is not None, timeout=10_000)
    assert hours.worklist_dialog.list.count() == 1


def test_opening_hours_change_cancelled_in_the_list_saves_nothing(qtbot, clinic, hub, manager):
    # The booking is at 10:30 on Monday 16 March; opening at 11:00 would strand it.
    on(
        clinic,
        lambda: avail.set_clinic_hours(clinic.context, manager, [(d, 480, 1080) for d in range(5)]),
    )
    page = build(qtbot, OpeningHoursPage, clinic, manager, hub)
    type_into(qtbot, page.week.days[0], "11:00-18:00")
    click(qtbot, page.save_hours_button)
    qtbot.waitUntil(lambda: page.writer.dialog is not None, timeout=10_000)
    page.writer.dialog.reject()
    settle(qtbot, hub)
    assert on(clinic, lambda: avail.clinic_hours(clinic.context, manager))[0] == (0, 480, 1080)


def test_holidays_are_listed_and_only_ticked_ones_close_the_clinic(qtbot, clinic, hub, manager):
    page = build(qtbot, OpeningHoursPage, clinic, manager, hub)
    qtbot.waitUntil(lambda: page.country.currentText() == "DE", timeout=10_000)
    page.region.setCurrentIndex(page.region.findData("BE"))
    page.year.setValue(2026)
    click(qtbot, page.show_holidays_button)
    qtbot.waitUntil(lambda: page.holidays.count() > 5, timeout=10_000)
    assert on(clinic, lambda: avail.closures(clinic.context, manager)) == []
    texts = [page.holidays.item(i).text() for i in range(page.holidays.count())]
    christmas = next(i for i, t in enumerate(texts) if "25.12.2026" in t)
    page.holidays.item(christmas).setCheckState(Qt.CheckState.Checked)
    click(qtbot, page.apply_holidays_button)
    qtbot.waitUntil(lambda: page.closures.count() == 1, timeout=10_000)
    assert [c.start_date for c in on(clinic, lambda: avail.closures(clinic.context, manager))] == [
        date(2026, 12, 25)
    ]
    qtbot.waitUntil(
        lambda: "closed already" in page.holidays.item(christmas).text(), timeout=10_000
    )
    # An unknown country is a sentence naming the field.
    page.country.setCurrentText("ZZ")
    click(qtbot, page.show_holidays_button)
    qtbot.waitUntil(lambda: page.error.text().startswith("Country"), timeout=10_000)


def test_a_type_in_use_is_archived_when_deleted(qtbot, clinic, hub, manager):
    page = build(qtbot, AppointmentTypesPage, clinic, manager, hub)
    names = [page.list.item(i).text() for i in range(page.list.count())]
    page.list.setCurrentRow(next(i for i, n in enumerate(names) if n.startswith("Consultation")))
    click(qtbot, page.delete_button)
    qtbot.waitUntil(lambda: "archived instead" in page.status.text(), timeout=10_000)
    rows = {
        t.id: t
        for t in on(
            clinic, lambda: avail.list_types(clinic.context, manager, include_inactive=True)
        )
    }
    assert not rows[clinic.consultation].active
    qtbot.waitUntil(
        lambda: any("(archived)" in page.list.item(i).text() for i in range(page.list.count())),
        timeout=10_000,
    )


def test_rooms_are_created_renamed_and_made_inactive(qtbot, clinic, hub, manager):
    page = build(qtbot, RoomsPage, clinic, manager, hub)
    click(qtbot, page.new_button)
    type_into(qtbot, page.name, "Room 1")
    page.kind.setCurrentText("treatment")
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: page.list.count() == 1, timeout=10_000)
    type_into(qtbot, page.name, "Room One")
    click(qtbot, page.active)
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: "(inactive)" in page.list.item(0).text(), timeout=10_000)
    assert [
        (r.name, r.active) for r in on(clinic, lambda: avail.list_rooms(clinic.context, manager))
    ] == [("Room One", False)]
    click(qtbot, page.new_button)
    type_into(qtbot, page.name, "ROOM ONE")
    page.kind.setCurrentText("treatment")
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: "exists already" in page.error.text(), timeout=10_000)


def test_a_receptionist_sees_the_pages_but_cannot_change_anything(qtbot, clinic, hub):
    desk = clinic.receptionist.actor
    page = build(qtbot, OpeningHoursPage, clinic, desk, hub)
    assert not page.save_hours_button.isEnabled()
    types = build(qtbot, AppointmentTypesPage, clinic, desk, hub)
    assert not types.save_button.isEnabled()


def test_an_ab_rota_with_a_room_round_trips_through_the_page(qtbot, clinic, hub, manager):
    room_id, _ = on(
        clinic, lambda: avail.create_room(clinic.context, manager, "Room 2", "treatment")
    )
    page = build(qtbot, ProviderHoursPage, clinic, manager, hub)
    page.provider.setCurrentIndex(page.provider.findData(clinic.provider_two))
    settle(qtbot, hub)
    click(qtbot, page.new_plan_button)
    set_date(page.valid_from, date(2026, 4, 6))
    click(qtbot, page.has_until)
    set_date(page.valid_until, date(2026, 6, 28))
    page.room.setCurrentIndex(page.room.findData(room_id))
    click(qtbot, page.alternating)
    type_into(qtbot, page.week_a.days[0], "08:00-16:00")
    type_into(qtbot, page.breaks_a.days[0], "12:00-12:30")
    type_into(qtbot, page.week_b.days[2], "10:00-14:00")
    click(qtbot, page.save_plan_button)
    qtbot.waitUntil(lambda: page.plan_list.count() == 2, timeout=10_000)
    plans = on(clinic, lambda: avail.rota_plans(clinic.context, manager, clinic.provider_two))
    planned = plans[-1]
    assert (planned.valid_until, planned.room_id, planned.week_b) == (
        date(2026, 6, 28),
        room_id,
        ((2, 600, 840),),
    )
    assert planned.breaks == ((0, 720, 750),)
    # Booking in week B's Wednesday works once the plan starts; Monday of week B does not.
    patient, _ = on(
        clinic,
        lambda: pats.create_patient(clinic.context, manager, pats.PatientInput("Kim", "Lee")),
    )
    wednesday_b = datetime(2026, 4, 15, 10, 0, tzinfo=BERLIN)
    checked = on(
        clinic,
        lambda: appts.check_appointment(
            clinic.context,
            manager,
            appts.BookingRequest(patient, clinic.provider_two, clinic.consultation, wednesday_b),
        ),
    )
    assert checked == []
