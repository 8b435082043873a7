"""The main window's pages for a signed-in member: which exist, in what order, how built.

Every page is imported here, directly: a page that cannot be imported or built is an error
the moment the window is assembled (and so in the test that opens every screen for every
role, tests/gui/test_every_screen.py), never a placeholder at run time. Manager pages share
one constructor shape, `Page(context, actor, hub)`; the front-desk pages take the schedule
backend, which wraps the same three things.

This module is imported after sign-in: the sign-in window needs none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.audit_viewer import AuditViewerPage
from cicini_desktop.gui.backup_page import BackupPage
from cicini_desktop.gui.connection_banner import attach_connection_state
from cicini_desktop.gui.data_shared_page import DataSharedPage
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.main_window import PAGE_PERMISSIONS, MainWindow, PageSpec
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.patients_page import PatientsPage
from cicini_desktop.gui.privacy_page import PrivacyPage
from cicini_desktop.gui.reminders.desk_panel import RemindersPanel
from cicini_desktop.gui.reminders.rules_page import ReminderRulesPage
from cicini_desktop.gui.roles_page import RolesPage
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from cicini_desktop.gui.schedule.waitlist_panel import WaitlistPanel
from cicini_desktop.gui.setup.area import ClinicSetupPage
from cicini_desktop.gui.setup.schedule_hint import ScheduleSetupHint
from cicini_desktop.gui.signed_in import SignedIn
from cicini_desktop.gui.staff_page import StaffPage
from cicini_desktop.services.context import Actor, ServiceContext

P = Permission

ManagerPage = Callable[[ServiceContext, Actor, OperationHub], QWidget]

# (page key, title, shortcut, class): the manager screens, in side-bar order. Pages are on
# F-keys (F2..F12, F5 being the schedule's refresh), not Alt+digit: on a French (AZERTY)
# keyboard the digits need Shift (gui/shortcuts.py).
MANAGER_SCREENS: tuple[tuple[str, str, str, ManagerPage], ...] = (
    ("staff", QT_TRANSLATE_NOOP("workspace", "Staff"), "F6", StaffPage),
    ("roles", QT_TRANSLATE_NOOP("workspace", "Roles"), "F7", RolesPage),
    ("audit", QT_TRANSLATE_NOOP("workspace", "Audit trail"), "F8", AuditViewerPage),
    ("settings", QT_TRANSLATE_NOOP("workspace", "Settings"), "F9", DataSharedPage),
    ("privacy", QT_TRANSLATE_NOOP("workspace", "Privacy"), "F10", PrivacyPage),
    ("backups", QT_TRANSLATE_NOOP("workspace", "Backups"), "Ctrl+Shift+B", BackupPage),
    ("reminders", QT_TRANSLATE_NOOP("workspace", "Reminders"), "F11", RemindersPanel),
    (
        "reminder_rules",
        QT_TRANSLATE_NOOP("workspace", "Reminder rules"),
        "F12",
        ReminderRulesPage,
    ),
    ("setup", QT_TRANSLATE_NOOP("workspace", "Clinic set-up"), "Ctrl+,", ClinicSetupPage),
)


def build_main_window(
    context: ServiceContext,
    signed_in: SignedIn,
    hub: OperationHub,
    *,
    clinic_name: str,
    timezone: ZoneInfo,
    demo: bool = False,
    now: Callable[[], datetime] | None = None,
) -> MainWindow:
    actor = signed_in.actor
    clock_now = now or context.clock.now
    backend = ServicesBackend(context, actor)
    permissions = actor.permissions
    holder: dict[str, SchedulePage] = {}

    def schedule() -> QWidget:
        page = SchedulePage(
            backend,
            hub,
            timezone=timezone,
            now=clock_now,
            staff_id=signed_in.staff_id,
            permissions=permissions,
            clinic_name=clinic_name,
        )
        holder["schedule"] = page
        page.load()
        page.setup_hint = ScheduleSetupHint(page, context, actor, hub, open_setup_step)
        return page

    def open_setup_step(key: str) -> None:
        setup = window.show_page("setup")
        if isinstance(setup, ClinicSetupPage):
            setup.open_step(key)
        else:
            window.show_page(key)  # "staff"

    def wire_schedule(main: MainWindow, page: SchedulePage) -> None:
        """Its actions go into the window's Schedule and Appointment menus, its messages
        into the status bar."""
        page.status_message.connect(main.show_status)
        main.attach_schedule_actions(page.actions_by_key)

    def patients() -> QWidget:
        page = PatientsPage(backend, hub, P.PATIENT_EDIT in permissions)
        page.show_appointment_requested.connect(show_appointment)
        return page

    def show_appointment(appointment_id: str, day: object) -> None:
        """From the patient file: the schedule, on that day, with the appointment selected."""
        window.show_page("schedule")
        schedule_page = holder.get("schedule")
        if schedule_page is not None:
            schedule_page.show_appointment_on(appointment_id, day)  # type: ignore[arg-type]

    def waitlist() -> QWidget:
        catalogue_box: dict[str, object] = {}

        def catalogue() -> object:
            page = holder.get("schedule")
            return page.catalogue if page is not None else catalogue_box.get("c")

        panel = WaitlistPanel(backend, hub, catalogue, P.WAITLIST_MANAGE in permissions)
        if "schedule" not in holder:
            QueryOp(panel, backend.catalogue).success(
                lambda c: catalogue_box.__setitem__("c", c)
            ).run(hub)

        def book_from_waitlist(row: object) -> None:
            window.show_page("schedule")
            holder["schedule"]._book_from_waitlist(row)

        panel.book_requested.connect(book_from_waitlist)
        return panel

    pages = [
        PageSpec(
            "schedule",
            translate("workspace", "Schedule"),
            "F2",
            PAGE_PERMISSIONS["schedule"],
            schedule,
            on_built=wire_schedule,  # type: ignore[arg-type]
        ),
        PageSpec(
            "patients",
            translate("workspace", "Patients"),
            "F3",
            PAGE_PERMISSIONS["patients"],
            patients,
        ),
        PageSpec(
            "waitlist",
            translate("workspace", "Waitlist"),
            "F4",
            PAGE_PERMISSIONS["waitlist"],
            waitlist,
        ),
    ]

    def manager_page(page_class: ManagerPage) -> QWidget:
        page = page_class(context, actor, hub)
        if isinstance(page, ClinicSetupPage):  # its checklist may point at the Staff page
            page.page_requested.connect(window.show_page)
        return page

    for key, title, shortcut, page_class in MANAGER_SCREENS:
        title = translate("workspace", title)
        pages.append(
            PageSpec(
                key,
                title,
                shortcut,
                PAGE_PERMISSIONS[key],
                lambda cls=page_class: manager_page(cls),
            )
        )
    window = MainWindow(
        clinic_name,
        translate("workspace", "Signed in: {display_name}").format(
            display_name=signed_in.display_name
        ),
        permissions=permissions,
        pages=pages,
        demo=demo,
        now=lambda: clock_now().astimezone(timezone),
    )
    hub.busy_changed.connect(window.set_busy)
    # Which store, its connection state, and the lost-connection banner (the server only).
    window.connection = attach_connection_state(window, context, hub)  # type: ignore[attr-defined]
    return window
