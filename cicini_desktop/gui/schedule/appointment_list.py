"""The calendar's appointments as a list a screen reader reads (a side panel, "List").

The calendar grid is painted, so assistive technology sees one widget; this list holds
the same visible appointments, one item each, spoken as the grid's tooltip describes them
(patient, type, day and time, provider, status as a word, room, note). Selecting an item
selects the appointment in the grid and the other way round, so every action of the
Appointment menu (and its one-letter keys in the grid) applies to it; Enter opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.calendar_grid import CalendarGrid
from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.model import ScheduleModel


class AppointmentList(QWidget):
    open_requested = Signal(str)  # appointment id (Enter or double-click)

    def __init__(
        self, model: ScheduleModel, grid: CalendarGrid, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._grid = grid
        self._following = False
        self.setAccessibleName(translate("schedule.appointment_list", "Appointment list"))
        self.summary = QLabel("")
        self.summary.setAccessibleName(
            translate("schedule.appointment_list", "Appointment list summary")
        )
        self.summary.setWordWrap(True)
        self.items = QListWidget()
        self.items.setAccessibleName(
            translate("schedule.appointment_list", "Appointments shown in the calendar")
        )
        self.items.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.items, 1)
        # The list follows the model after the grid has painted, and only while it is shown:
        # describing a busy day's 500 appointments took a third of a new day's time, and
        # the receptionist looks at the grid first (a hidden tab is refreshed when opened).
        self._stale = False
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(0)
        self._refresh_soon.timeout.connect(self.refresh)
        model.changed.connect(self._model_changed)
        grid.selection_changed.connect(self._follow_grid)
        self.items.currentItemChanged.connect(self._item_chosen)
        self.items.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.refresh()

    def _model_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_soon.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Items are updated in place (added or removed at the end only): a screen reader's
        interfaces for the existing items stay valid."""
        self._stale = False
        self._following = True
        try:
            rows = [r for r in self._model.appointments() if r.status != "cancelled"]
            while self.items.count() > len(rows):
                self.items.takeItem(self.items.count() - 1)
            while self.items.count() < len(rows):
                self.items.addItem(QListWidgetItem())
            current = None
            for index, row in enumerate(rows):
                text = describe(row, self._model)
                item = self.items.item(index)
                item.setText(text.replace("\n", " · "))
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
                if row.id == self._grid.selected_id:
                    current = item
            self.items.setCurrentItem(current)
            count = len(rows)  # (lupdate skips a call among translate's arguments)
            self.summary.setText(
                translate(
                    "schedule.appointment_list",
                    "%n appointment(s) shown, in time order.",
                    None,
                    count,
                )
            )
        finally:
            self._following = False

    def _follow_grid(self, appointment_id: str) -> None:
        self._following = True
        try:
            for index in range(self.items.count()):
                item = self.items.item(index)
                if item.data(Qt.ItemDataRole.UserRole) == appointment_id:
                    self.items.setCurrentItem(item)
                    return
            self.items.setCurrentItem(None)
        finally:
            self._following = False

    def _item_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if self._following or item is None:
            return
        self._grid.select(item.data(Qt.ItemDataRole.UserRole))
