"""At the desk: today's reminders, failures, and patients' replies that need a person.

    panel = RemindersPanel(context, actor, hub)

Read through the database worker (QueryOp); refreshed when a write touches appointments or
settings, when shown, and every minute while visible (the background runner changes rows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_and_time, time_of
from cicini_desktop.gui.messages import localized
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import desk
from cicini_desktop.services.reminders.desk import DeskReminder, DeskView

STATUS_LABELS = {
    "pending": QT_TRANSLATE_NOOP("reminders.desk_panel", "due"),
    "sending": QT_TRANSLATE_NOOP("reminders.desk_panel", "sending"),
    "sent": QT_TRANSLATE_NOOP("reminders.desk_panel", "sent"),
    "failed": QT_TRANSLATE_NOOP("reminders.desk_panel", "failed"),
    "superseded": QT_TRANSLATE_NOOP("reminders.desk_panel", "replaced"),
    "expired": QT_TRANSLATE_NOOP("reminders.desk_panel", "too late"),
    "skipped": QT_TRANSLATE_NOOP("reminders.desk_panel", "not sent"),
}
INTENT_LABELS = {
    "confirm": QT_TRANSLATE_NOOP("reminders.desk_panel", "confirms"),
    "cancel": QT_TRANSLATE_NOOP("reminders.desk_panel", "cancels"),
    "stop": QT_TRANSLATE_NOOP("reminders.desk_panel", "stop"),
    "other": QT_TRANSLATE_NOOP("reminders.desk_panel", "message"),
}
REFRESH_MS = 60_000


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str]) -> None:
    table.setRowCount(len(rows))
    for r, (row, key) in enumerate(zip(rows, keys, strict=True)):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)


def _reminder_row(row: DeskReminder, *, with_reason: bool) -> list[str]:
    cells = [
        time_of(row.when) if not with_reason else day_and_time(row.when),
        row.patient_name or "—",
        day_and_time(row.appointment_start),
        row.channel.value.upper()
        if row.channel.value == "sms"
        else translate("reminders.desk_panel", "Email"),
        translate("reminders.desk_panel", STATUS_LABELS.get(row.status.value, row.status.value)),
    ]
    if with_reason:
        cells.append(localized(row.explanation))
    return cells


class RemindersPanel(QWidget):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._hub = hub
        self.setAccessibleName(translate("reminders.desk_panel", "Reminders at the desk"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("reminders.desk_panel", "<h2>Reminders</h2>")))
        top.addStretch(1)
        self.summary = QLabel("")
        self.summary.setAccessibleName(translate("reminders.desk_panel", "Reminders summary"))
        top.addWidget(self.summary)
        self.refresh_button = QPushButton(translate("reminders.desk_panel", "&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)

        replies_box = QGroupBox(translate("reminders.desk_panel", "Replies needing a person"))
        replies_layout = QVBoxLayout(replies_box)
        self.replies = _table(
            [
                translate("reminders.desk_panel", "Received"),
                translate("reminders.desk_panel", "Patient"),
                translate("reminders.desk_panel", "Appointment"),
                translate("reminders.desk_panel", "Reply"),
                translate("reminders.desk_panel", "Text"),
            ],
            translate("reminders.desk_panel", "Replies needing a person"),
        )
        replies_layout.addWidget(self.replies)
        done_row = QHBoxLayout()
        self.done_button = QPushButton(translate("reminders.desk_panel", "&Dealt with"))
        self.done_button.setToolTip(
            translate(
                "reminders.desk_panel", "The reply was handled (called back, moved, cancelled)."
            )
        )
        self.done_button.clicked.connect(self._resolve)
        self.done_button.setEnabled(False)
        self.replies.itemSelectionChanged.connect(
            lambda: self.done_button.setEnabled(bool(self.replies.selectedItems()))
        )
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        replies_layout.addLayout(done_row)
        layout.addWidget(replies_box, 2)

        failures_box = QGroupBox(translate("reminders.desk_panel", "Failures (last 7 days)"))
        failures_layout = QVBoxLayout(failures_box)
        self.failures = _table(
            [
                translate("reminders.desk_panel", "When"),
                translate("reminders.desk_panel", "Patient"),
                translate("reminders.desk_panel", "Appointment"),
                translate("reminders.desk_panel", "Channel"),
                translate("reminders.desk_panel", "Status"),
                translate("reminders.desk_panel", "What happened"),
            ],
            translate("reminders.desk_panel", "Reminders that failed"),
        )
        failures_layout.addWidget(self.failures)
        layout.addWidget(failures_box, 2)

        today_box = QGroupBox(translate("reminders.desk_panel", "Today"))
        today_layout = QVBoxLayout(today_box)
        self.today = _table(
            [
                translate("reminders.desk_panel", "Time"),
                translate("reminders.desk_panel", "Patient"),
                translate("reminders.desk_panel", "Appointment"),
                translate("reminders.desk_panel", "Channel"),
                translate("reminders.desk_panel", "Status"),
            ],
            translate("reminders.desk_panel", "Today's reminders"),
        )
        today_layout.addWidget(self.today)
        layout.addWidget(today_box, 3)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_visible)
        self._timer.start()
        hub.operation_did_execute.connect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _changed(self, changes: Changes, initiator: object) -> None:
        del initiator
        if changes.appointments or changes.settings or changes.patients:
            self._refresh_if_visible()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        context, actor = self._context, self._actor
        QueryOp(self, lambda: desk.desk_view(context, actor)).success(self._show).run(self._hub)

    def _show(self, view: DeskView) -> None:
        _fill(
            self.today,
            [_reminder_row(r, with_reason=False) for r in view.today],
            [r.outbox_id for r in view.today],
        )
        _fill(
            self.failures,
            [_reminder_row(r, with_reason=True) for r in view.failures],
            [r.outbox_id for r in view.failures],
        )
        _fill(
            self.replies,
            [
                [
                    day_and_time(r.received_at),
                    r.patient_name or "—",
                    day_and_time(r.appointment_start) if r.appointment_start else "—",
                    translate(
                        "reminders.desk_panel", INTENT_LABELS.get(r.intent.value, r.intent.value)
                    ),
                    r.text,
                ]
                for r in view.replies
            ],
            [r.reply_id for r in view.replies],
        )
        sent = sum(1 for r in view.today if r.status.value == "sent")
        self.summary.setText(
            translate(
                "reminders.desk_panel",
                "{sent} sent today · {len} failed · {len2} replies to handle",
            ).format(sent=sent, len=len(view.failures), len2=len(view.replies))
        )

    def _resolve(self) -> None:
        items = self.replies.selectedItems()
        if not items:
            return
        reply_id = str(items[0].data(Qt.ItemDataRole.UserRole))
        context, actor = self._context, self._actor
        WriteOp(self, lambda: desk.resolve_reply(context, actor, reply_id)).success(
            lambda _: self.refresh()
        ).run(self._hub)
