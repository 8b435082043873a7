"""The set-up checklist: what a new clinic still has to set up, with a button to each step.

    checklist = SetupChecklist(context, actor, hub)
    checklist.open_requested.connect(window.show_page)   # a page key, e.g. "setup_hours"

Shown at the end of the onboarding wizard and, by the schedule page, when nothing can be
booked yet. It refreshes on availability and staff changes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import checklist as checklist_service


class SetupChecklist(QWidget):
    open_requested = Signal(str)  # the page key of the step (see checklist.STEP_PAGES)

    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.context, self.actor, self.hub = context, actor, hub
        self.setAccessibleName(translate("setup.checklist", "Set-up checklist"))
        self.result: checklist_service.SetupChecklist | None = None
        self.summary = QLabel(translate("setup.checklist", "Checking what is set up…"))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(translate("setup.checklist", "Set-up summary"))
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)  # the sentence takes the width, not the mark
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.grid)
        layout.addStretch()
        hub.operation_did_execute.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.availability or changes.staff:
            self.refresh()

    def refresh(self) -> None:
        context, actor = self.context, self.actor
        QueryOp(self, lambda: checklist_service.setup_checklist(context, actor)).success(
            self._show
        ).failure(lambda e: self.summary.setText(sentence(e))).run(self.hub)

    def _show(self, result: checklist_service.SetupChecklist) -> None:
        self.result = result
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        if result.complete:
            self.summary.setText(
                translate("setup.checklist", "The clinic is set up: appointments can be booked.")
            )
        else:
            self.summary.setText(
                translate(
                    "setup.checklist",
                    "Before the first appointment can be booked, finish these steps:",
                )
                if not result.bookable
                else translate(
                    "setup.checklist", "Appointments can be booked; these steps are still open:"
                )
            )
        for row, step in enumerate(result.steps):
            mark = QLabel("✓" if step.done else "•")
            mark.setAccessibleName(
                translate("setup.checklist", "Done")
                if step.done
                else translate("setup.checklist", "Missing")
            )
            text = QLabel(f"<b>{step.title}</b>: {step.sentence}")
            text.setWordWrap(True)
            self.grid.addWidget(mark, row, 0)
            self.grid.addWidget(text, row, 1)
            if not step.done:
                button = QPushButton(
                    translate("setup.checklist", "Open {lower}").format(lower=step.title.lower())
                )
                button.setAccessibleName(
                    translate("setup.checklist", "Open {lower}").format(lower=step.title.lower())
                )
                button.clicked.connect(
                    lambda _c=False, key=step.page: self.open_requested.emit(key)
                )
                self.grid.addWidget(button, row, 2)
                self.buttons[step.key] = button
