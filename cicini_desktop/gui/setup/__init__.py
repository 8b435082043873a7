"""The "Clinic set-up" area for practice managers: one page per module.

Each page is a QWidget built as ``Page(context, actor, hub)``; every database call goes
through QueryOp / WriteOp. The main window registers them (key, title, permission, class):

    setup_hours      "Opening hours and closures"   hours_page.OpeningHoursPage
    setup_providers  "Working hours and time off"   providers_page.ProviderHoursPage
    setup_types      "Appointment types"            types_page.AppointmentTypesPage
    setup_rooms      "Rooms"                        rooms_page.RoomsPage

all four shown to members with `availability.manage` (SETUP_PAGES below lists them).

`checklist.SetupChecklist` lists the missing steps with a button to each page (its
``open_requested`` signal carries one of the keys above, or "staff").
"""

from __future__ import annotations

from cicini_desktop.core.permissions import Permission

# (page key, title, permission, module, class name) for the integrator's side bar.
SETUP_PAGES: tuple[tuple[str, str, Permission, str, str], ...] = (
    (
        "setup_hours",
        "Opening hours and closures",
        Permission.AVAILABILITY_MANAGE,
        "cicini_desktop.gui.setup.hours_page",
        "OpeningHoursPage",
    ),
    (
        "setup_providers",
        "Working hours and time off",
        Permission.AVAILABILITY_MANAGE,
        "cicini_desktop.gui.setup.providers_page",
        "ProviderHoursPage",
    ),
    (
        "setup_types",
        "Appointment types",
        Permission.AVAILABILITY_MANAGE,
        "cicini_desktop.gui.setup.types_page",
        "AppointmentTypesPage",
    ),
    (
        "setup_rooms",
        "Rooms",
        Permission.AVAILABILITY_MANAGE,
        "cicini_desktop.gui.setup.rooms_page",
        "RoomsPage",
    ),
)
