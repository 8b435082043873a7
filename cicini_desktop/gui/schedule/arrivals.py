"""Today's arrivals: who is expected next, who is waiting and for how long.

One key checks the selected patient in (Enter or Space in the list, or "A" anywhere on the
schedule page). The list is rebuilt from today's rows; waiting times tick every minute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import time_of
from cicini_desktop.gui.palette_colours import error_colour
from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

EXPECTED = ("booked", "confirmed")
WAITING = ("arrived",)


class _ArrivalsTree(QTreeWidget):
    check_in_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.check_in_pressed.emit()
            return
        super().keyPressEvent(event)


class ArrivalsPanel(QWidget):
    check_in_requested = Signal(str)  # appointment id
    show_requested = Signal(str)  # appointment id (select it in the calendar)

    def __init__(
        self, timezone: ZoneInfo, now: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._zone = timezone
        self._now = now
        self._rows: list[AppointmentRow] = []
        self._providers: dict[str, str] = {}
        self.setAccessibleName(translate("schedule.arrivals", "Today's arrivals"))
        self.summary = QLabel("")
        self.summary.setAccessibleName(translate("schedule.arrivals", "Arrivals summary"))
        self.summary.setWordWrap(True)
        self.tree = _ArrivalsTree()
        self.tree.setAccessibleName(translate("schedule.arrivals", "Today's arrivals list"))
        self.tree.setHeaderLabels(
            [
                translate("schedule.arrivals", "Time"),
                translate("schedule.arrivals", "Patient"),
                translate("schedule.arrivals", "With"),
                translate("schedule.arrivals", "Waiting"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 46)
        self.tree.setColumnWidth(1, 120)
        self.tree.setColumnWidth(2, 80)
        self.check_in = QPushButton(
            translate("schedule.arrivals", "Check &in selected patient (A)")
        )
        self.check_in.setAccessibleName(translate("schedule.arrivals", "Check in selected patient"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.check_in)
        self.check_in.clicked.connect(self._check_in_selected)
        self.tree.check_in_pressed.connect(self._check_in_selected)
        self.tree.itemDoubleClicked.connect(
            lambda item, _c: self.show_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)
        self._ticker.timeout.connect(self._rebuild)
        self._ticker.start()

    def set_rows(self, rows: list[AppointmentRow], providers: tuple[ProviderRow, ...]) -> None:
        """Rebuilt only when something shown changed (rows are frozen values: a status,
        time or arrival that differs makes them unequal); the minute ticker redraws the
        waiting times on its own."""
        names = {p.id: p.name for p in providers}
        if rows == self._rows and names == self._providers and self.tree.topLevelItemCount():
            return
        self._rows = rows
        self._providers = names
        self._rebuild()

    def selected_id(self) -> str:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, str) else ""

    def _check_in_selected(self) -> None:
        appointment_id = self.selected_id()
        if appointment_id:
            self.check_in_requested.emit(appointment_id)

    def _rebuild(self) -> None:
        keep = self.selected_id()
        now = self._now()
        waiting = sorted(
            (r for r in self._rows if r.status in WAITING),
            key=lambda r: r.arrived_at or r.start,
        )
        expected = sorted(
            (r for r in self._rows if r.status in EXPECTED and r.end > now), key=lambda r: r.start
        )
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        waiting_head = QTreeWidgetItem(
            [translate("schedule.arrivals", "Waiting ({len})").format(len=len(waiting)), "", "", ""]
        )
        expected_head = QTreeWidgetItem(
            [
                translate("schedule.arrivals", "Expected next ({len})").format(len=len(expected)),
                "",
                "",
                "",
            ]
        )
        for head in (waiting_head, expected_head):
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(waiting_head)
        waiting_head.setFirstColumnSpanned(True)
        select: QTreeWidgetItem | None = None
        for row in waiting:
            since = row.arrived_at or row.start
            minutes = max(0, int((now - since).total_seconds() // 60))
            item = self._item(
                row, translate("schedule.arrivals", "{minutes} min").format(minutes=minutes)
            )
            if minutes >= 15:
                item.setForeground(3, QBrush(error_colour()))
                item.setFont(3, bold)
            self.tree.addTopLevelItem(item)
            select = item if row.id == keep else select
        self.tree.addTopLevelItem(expected_head)
        expected_head.setFirstColumnSpanned(True)
        for index, row in enumerate(expected):
            late = row.start < now
            item = self._item(
                row,
                translate("schedule.arrivals", "late")
                if late
                else (translate("schedule.arrivals", "next") if index == 0 else ""),
            )
            if late:
                item.setForeground(3, QBrush(error_colour()))
            self.tree.addTopLevelItem(item)
            select = item if row.id == keep else select
        if select is None and expected:
            select = self.tree.topLevelItem(len(waiting) + 2)
        if select is not None:
            self.tree.setCurrentItem(select)
        self.summary.setText(
            translate(
                "schedule.arrivals",
                "{len} waiting, {len2} still expected today. Select a patient and "
                "press A (or Enter here) to check them in.",
            ).format(len=len(waiting), len2=len(expected))
        )

    def _item(self, row: AppointmentRow, waiting: str) -> QTreeWidgetItem:
        local = row.start.astimezone(self._zone)
        item = QTreeWidgetItem(
            [time_of(local), row.patient_name, self._providers.get(row.provider_id, ""), waiting]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, row.id)
        item.setToolTip(1, f"{row.patient_name} — {row.type_name}, {row.status_label}")
        return item
