"""Done means: from `cicini init` (no demo), a manager sets the clinic up entirely through
the set-up pages (opening hours, two providers' weekly hours with breaks, a closure, three
appointment types), creates a receptionist on the staff page; the receptionist signs in
(choosing their own password over the one-time one) and books an appointment in the
schedule page's booking dialog."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui import sign_in as sign_in_module
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from cicini_desktop.gui.setup.checklist import SetupChecklist
from cicini_desktop.gui.setup.hours_page import OpeningHoursPage
from cicini_desktop.gui.setup.providers_page import ProviderHoursPage
from cicini_desktop.gui.setup.types_page import AppointmentTypesPage
from cicini_desktop.gui.staff_page import StaffPage
from cicini_desktop.services.scheduling import availability as avail
from tests.gui.setup.conftest import click, set_date, settle, type_into, type_number

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = date(2026, 3, 17)  # the clock stands at Monday 16 March 2026, 10:00 in Berlin
DESK_FIRST = "silver comet harbour 3"
DESK_OWN = "quiet orange lantern 94"


def add_member(qtbot, hub, page, name, username, password, role, provider):
    click(qtbot, page.new_button)
    qtbot.waitUntil(lambda: page.editor_dialog is not None and page.editor_dialog.isVisible())
    editor = page.editor_dialog
    qtbot.keyClicks(editor.display_name, name)
    qtbot.keyClicks(editor.username, username)
    qtbot.keyClicks(editor.password, password)
    for i in range(editor.roles.count()):
        if editor.roles.item(i).text() == role:
            editor.roles.item(i).setCheckState(Qt.CheckState.Checked)
    if provider:
        click(qtbot, editor.is_provider)
    click(qtbot, editor.save_button)
    settle(qtbot, hub)
    assert any(r.username == username for r in page.model.rows), editor.error.text()


def test_a_new_clinic_is_set_up_and_booked_through_the_widgets(
    qtbot, fresh_clinic, attach_hub, monkeypatch
):
    context, manager = fresh_clinic.context, fresh_clinic.manager

    # From here on the database belongs to the worker, as in the application.
    hub = attach_hub()

    # The staff page: two providers and a receptionist with a one-time password.
    staff = StaffPage(context, manager, hub)
    qtbot.addWidget(staff)
    staff.show()
    settle(qtbot, hub)
    add_member(
        qtbot, hub, staff, "Dr. Anna Berger", "anna", "cobalt river stone 41", "Clinician", True
    )
    add_member(
        qtbot, hub, staff, "Dr. Jonas Keller", "jonas", "maple window tiger 52", "Clinician", True
    )
    add_member(qtbot, hub, staff, "Rita Reception", "desk", DESK_FIRST, "Receptionist", False)

    def read(fn):
        return context.on_worker(fn)

    # Nothing is bookable yet: the checklist says what is missing.
    checklist = SetupChecklist(context, manager, hub)
    qtbot.addWidget(checklist)
    qtbot.waitUntil(lambda: checklist.result is not None, timeout=10_000)
    assert not checklist.result.bookable
    assert set(checklist.buttons) == {"opening_hours", "provider_hours", "appointment_types"}

    # Opening hours Monday to Friday, Saturday morning; a bad line first.
    hours = OpeningHoursPage(context, manager, hub)
    qtbot.addWidget(hours)
    hours.show()
    settle(qtbot, hub)
    type_into(qtbot, hours.week.days[0], "08:00-12:00, 11:00-18:00")
    click(qtbot, hours.save_hours_button)
    qtbot.waitUntil(lambda: "overlaps" in hours.error.text(), timeout=10_000)
    assert "Opening hours, Monday: 11:00-18:00 overlaps 08:00-12:00" in hours.error.text()
    assert read(lambda: avail.clinic_hours(context, manager)) == []
    for day in range(5):
        type_into(qtbot, hours.week.days[day], "07:30-19:00")
    type_into(qtbot, hours.week.days[5], "8-12")
    click(qtbot, hours.save_hours_button)
    qtbot.waitUntil(lambda: hours.status.text() == "Opening hours saved.", timeout=10_000)
    assert hours.error.text() == ""
    assert read(lambda: avail.clinic_hours(context, manager))[-1] == (5, 480, 720)

    # A closure: Friday 20 March, all day.
    set_date(hours.closure_from, date(2026, 3, 20))
    set_date(hours.closure_to, date(2026, 3, 20))
    type_into(qtbot, hours.closure_label, "Team training")
    click(qtbot, hours.add_closure_button)
    qtbot.waitUntil(lambda: hours.closures.count() == 1, timeout=10_000)
    assert "2026-03-20" in hours.closures.item(0).text()

    # Weekly hours with breaks for both providers.
    providers = ProviderHoursPage(context, manager, hub)
    qtbot.addWidget(providers)
    providers.show()
    qtbot.waitUntil(lambda: providers.provider.count() == 2, timeout=10_000)
    settle(qtbot, hub)
    for index, (work, pause) in enumerate(
        (("08:00-17:00", "12:00-13:00"), ("09:00-18:00", "13:00-13:30"))
    ):
        providers.provider.setCurrentIndex(index)
        settle(qtbot, hub)
        set_date(providers.valid_from, date(2026, 3, 1))
        for day in range(5):
            type_into(qtbot, providers.week_a.days[day], work)
            type_into(qtbot, providers.breaks_a.days[day], pause)
        if index == 0:  # a break outside the hours is refused with a sentence first
            type_into(qtbot, providers.breaks_a.days[0], "17:30-17:45")
            click(qtbot, providers.save_plan_button)
            qtbot.waitUntil(
                lambda: "outside the working hours" in providers.error.text(), timeout=10_000
            )
            type_into(qtbot, providers.breaks_a.days[0], pause)
        click(qtbot, providers.save_plan_button)
        qtbot.waitUntil(lambda: "saved" in providers.status.text(), timeout=10_000)
        providers.status.clear()
        settle(qtbot, hub)
        assert providers.plan_list.count() == 1
    anna_id = providers.provider.itemData(0)

    # Three appointment types, the colour from the colour picker.
    types = AppointmentTypesPage(context, manager, hub)
    qtbot.addWidget(types)
    types.show()
    qtbot.waitUntil(lambda: types.providers.count() == 2, timeout=10_000)
    for name, minutes, colour, offered in (
        ("Consultation", 15, "#4F86E0", (0, 1)),
        ("Check-up", 30, "#7BB661", (0, 1)),
        ("Vaccination", 10, "#E0A04F", (1,)),
    ):
        click(qtbot, types.new_button)
        type_into(qtbot, types.name, name)
        type_number(qtbot, types.duration, minutes)
        click(qtbot, types.colour_button)
        dialog = types.colour_dialog
        assert dialog is not None
        assert dialog.isVisible()
        dialog.setCurrentColor(QColor(colour))
        dialog.accept()
        assert types.colour_value == colour
        for i in offered:
            types.providers.item(i).setCheckState(Qt.CheckState.Checked)
        click(qtbot, types.save_button)
        qtbot.waitUntil(lambda n=name: types.status.text() == f"Type {n} created.", timeout=10_000)
        settle(qtbot, hub)
    # A name differing only in case is refused, with the field named.
    click(qtbot, types.new_button)
    type_into(qtbot, types.name, "consultation")
    click(qtbot, types.save_button)
    qtbot.waitUntil(lambda: "exists already" in types.error.text(), timeout=10_000)
    assert types.error.text().startswith("Type name")
    rows = read(lambda: avail.list_types(context, manager))
    assert [(t.name, t.duration_minutes, t.colour) for t in rows] == [
        ("Check-up", 30, "#7BB661"),
        ("Consultation", 15, "#4F86E0"),
        ("Vaccination", 10, "#E0A04F"),
    ]

    # The checklist has followed along: the clinic can be booked.
    qtbot.waitUntil(
        lambda: checklist.result is not None and checklist.result.complete, timeout=10_000
    )

    # The receptionist signs in and must first replace the one-time password.
    def choose_own(change):
        assert change.windowTitle() == "Choose a new password"  # the one-time password
        qtbot.keyClicks(change.current, DESK_FIRST)
        qtbot.keyClicks(change.new, DESK_OWN)
        qtbot.keyClicks(change.repeat, DESK_OWN)
        click(qtbot, change.ok_button)
        qtbot.waitUntil(lambda: change.result() == QDialog.DialogCode.Accepted, timeout=10_000)
        return change.result()

    monkeypatch.setattr(sign_in_module.ChangePasswordDialog, "exec", choose_own)
    sign_in_dialog = sign_in_module.SignInDialog(context, hub)
    qtbot.addWidget(sign_in_dialog)
    qtbot.keyClicks(sign_in_dialog.username, "desk")
    qtbot.keyClicks(sign_in_dialog.password, DESK_FIRST)
    click(qtbot, sign_in_dialog.sign_in_button)
    qtbot.waitUntil(lambda: sign_in_dialog.session is not None, timeout=15_000)
    first = sign_in_dialog.session
    assert first is not None, sign_in_dialog.error.text()
    assert not first.must_change_password
    desk = first.actor
    assert desk.may(Permission.APPOINTMENT_BOOK)
    assert not desk.may(Permission.AVAILABILITY_MANAGE)

    # ... and books Tuesday 09:00 with Dr. Berger for a new patient in the booking dialog.
    schedule = SchedulePage(
        ServicesBackend(context, desk),
        hub,
        timezone=BERLIN,
        now=fresh_clinic.clock.now,
        staff_id=first.staff_id,
        permissions=desk.permissions,
        clinic_name="Praxis Neu",
    )
    qtbot.addWidget(schedule)
    schedule.resize(1300, 800)
    schedule.show()
    schedule.load()
    qtbot.waitUntil(lambda: schedule.catalogue is not None, timeout=10_000)
    assert len(schedule.catalogue.types) == 3
    # The "Next day" action (Alt+Right), then Enter on the grid cursor (09:00, first column).
    schedule.actions_by_key["next"].trigger()
    qtbot.waitUntil(lambda: schedule.current == TUESDAY, timeout=10_000)
    settle(qtbot, hub)
    schedule.grid.setFocus()
    QTest.keyClick(schedule.grid, Qt.Key.Key_Return)
    dialog = schedule.booking_dialog
    assert dialog.provider.currentData() == anna_id
    start = dialog.start()
    assert start == datetime(2026, 3, 17, 9, 0, tzinfo=BERLIN)
    click(qtbot, dialog.patient.new_toggle)
    qtbot.keyClicks(dialog.patient.given, "Ada")
    qtbot.keyClicks(dialog.patient.family, "Lovelace")
    click(qtbot, dialog.patient.create_button)
    qtbot.waitUntil(lambda: dialog.patient.chosen is not None, timeout=10_000)
    consultation = next(t.id for t in rows if t.name == "Consultation")
    dialog.type.setCurrentIndex(dialog.type.findData(consultation))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    click(qtbot, dialog.save_button)
    settle(qtbot, hub)
    booked = [
        r
        for r in read(lambda: appts_on(context, desk, anna_id))
        if r.start == start and r.type_id == consultation
    ]
    assert len(booked) == 1


def appts_on(context, actor, provider_id):
    from cicini_desktop.services.scheduling import views

    return views.day_view(context, actor, TUESDAY, [provider_id])
