"""The "Clinic set-up" page of the side bar: what is still missing, then one tab per topic.

The checklist on top names the missing steps (opening hours, providers and their hours,
appointment types); its buttons switch to the tab that fixes the step (or, for staff, ask
the window to show the Staff page). Each tab is one page of this package.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.setup.checklist import SetupChecklist
from cicini_desktop.gui.setup.front_desk_page import FrontDeskSettingsPage
from cicini_desktop.gui.setup.hours_page import OpeningHoursPage
from cicini_desktop.gui.setup.providers_page import ProviderHoursPage
from cicini_desktop.gui.setup.rooms_page import RoomsPage
from cicini_desktop.gui.setup.types_page import AppointmentTypesPage
from cicini_desktop.services.context import Actor, ServiceContext

# (page key, tab title with its mnemonic, class): the order a new clinic works through.
TABS = (
    (
        "setup_hours",
        QT_TRANSLATE_NOOP("setup.area", "&Opening hours and closures"),
        OpeningHoursPage,
    ),
    (
        "setup_providers",
        QT_TRANSLATE_NOOP("setup.area", "&Working hours and time off"),
        ProviderHoursPage,
    ),
    ("setup_types", QT_TRANSLATE_NOOP("setup.area", "Appointment &types"), AppointmentTypesPage),
    ("setup_rooms", QT_TRANSLATE_NOOP("setup.area", "&Rooms"), RoomsPage),
    ("setup_front_desk", QT_TRANSLATE_NOOP("setup.area", "Front &desk"), FrontDeskSettingsPage),
)


class ClinicSetupPage(QWidget):
    """`ClinicSetupPage(context, actor, hub)`; `page_requested` asks for another side-bar page."""

    page_requested = Signal(str)

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("setup.area", "Clinic set-up"))
        self.checklist = SetupChecklist(context, actor, hub)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(translate("setup.area", "Clinic set-up topics"))
        self.pages: dict[str, QWidget] = {}
        for key, title, page_class in TABS:
            title = translate("setup.area", title)
            page = page_class(context, actor, hub)
            self.pages[key] = page
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(self.tabs, 1)
        self.checklist.open_requested.connect(self.open_step)

    def open_step(self, key: str) -> None:
        page = self.pages.get(key)
        if page is None:
            self.page_requested.emit(key)  # "staff": a page of the window, not of this area
            return
        self.tabs.setCurrentWidget(page)
