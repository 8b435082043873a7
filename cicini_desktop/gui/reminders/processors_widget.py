"""The processors of reminders, for the "Data shared with Cicini" page.

    page_layout.addWidget(ProcessorsWidget(context, actor, hub))

Lists each configured email or SMS service and exactly what it receives
(services/reminders/processors.py); says so when none is configured.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders.processors import Processor, configured_processors

NONE_CONFIGURED = QT_TRANSLATE_NOOP(
    "reminders.processors_widget",
    "No email or SMS service is set up for reminders, so no patient data goes to one.",
)


class ProcessorsWidget(QGroupBox):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate(
                "reminders.processors_widget",
                "Services that send reminders for the clinic (processors)",
            ),
            parent,
        )
        del actor  # what is configured is not personal data; every signed-in user may see it
        self._context = context
        self._hub = hub
        self.setAccessibleName(
            translate("reminders.processors_widget", "Reminder processors and what each receives")
        )
        layout = QVBoxLayout(self)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        hub.operation_did_execute.connect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _changed(self, changes: Changes, initiator: object) -> None:
        del initiator
        if changes.settings and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        context = self._context
        QueryOp(self, lambda: configured_processors(context)).success(self._show).run(self._hub)

    def _show(self, processors: list[Processor]) -> None:
        if not processors:
            self.text.setText(translate("reminders.processors_widget", NONE_CONFIGURED))
            return
        parts = []
        for p in processors:
            state = (
                ""
                if p.active
                else translate("reminders.processors_widget", " (set up, reminders switched off)")
            )
            items = "".join(f"<li>{escape(item)}</li>" for item in p.receives)
            parts.append(
                translate(
                    "reminders.processors_widget",
                    "<p><b>{escape}</b>{state} receives:</p><ul>{items}</ul>",
                ).format(escape=escape(p.name), state=state, items=items)
            )
        parts.append(
            translate(
                "reminders.processors_widget",
                "<p>Never the surname, date of birth, service, provider or notes.</p>",
            )
        )
        self.text.setText("".join(parts))
