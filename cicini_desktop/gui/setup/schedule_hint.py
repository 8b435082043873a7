"""Why the schedule is empty on a new clinic, said above the grid instead of a grey grid.

While nothing can be booked (no opening hours, no provider with hours, no appointment type a
provider offers), the schedule page shows the set-up checklist to those who may fix it, and
a sentence naming who can to everyone else. It disappears by itself once a booking is
possible; it looks again after every change to availability or staff.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.schedule.page import SchedulePage
from cicini_desktop.gui.setup.checklist import SetupChecklist
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import checklist as checklist_service

ASK_A_MANAGER = QT_TRANSLATE_NOOP(
    "setup.schedule_hint",
    "Nothing can be booked yet: the clinic's opening hours, the providers' working hours or "
    "the appointment types are not set up. Ask a practice manager to finish the clinic set-up.",
)


class ScheduleSetupHint(QObject):
    def __init__(
        self,
        page: SchedulePage,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        open_step: Callable[[str], None],
    ) -> None:
        super().__init__(page)
        self._page = page
        self._context = context
        self._actor = actor
        self._hub = hub
        self._open_step = open_step
        self.shown = False
        hub.operation_did_execute.connect(self._after_change)
        self.check()

    def _after_change(self, changes: Changes, _initiator: object) -> None:
        if changes.availability or changes.staff:
            self.check()

    def check(self) -> None:
        context, actor = self._context, self._actor
        QueryOp(self._page, lambda: checklist_service.setup_checklist(context, actor)).success(
            self._show
        ).failure(lambda _error: None).run(self._hub)

    def _show(self, result: checklist_service.SetupChecklist) -> None:
        if result.bookable:
            if self.shown:
                self._page.show_empty_state(None)
                self.shown = False
            return
        if self.shown:
            return  # the checklist refreshes itself
        if self._actor.may(Permission.AVAILABILITY_MANAGE):
            widget = SetupChecklist(self._context, self._actor, self._hub)
            widget.open_requested.connect(self._open_step)
        else:
            widget = QLabel(translate("setup.schedule_hint", ASK_A_MANAGER))
            widget.setWordWrap(True)
            widget.setAccessibleName(translate("setup.schedule_hint", "Why nothing can be booked"))
        self._page.show_empty_state(widget)
        self.shown = True
