"""The "Find a slot" panel: a type, a provider or any, a preference; the earliest free times.

Double-click (or Enter, or "Book") on a result opens the booking dialog prefilled with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.schedule.source import Catalogue, ScheduleBackend, SlotRow

PREFERENCES = (
    ("", "Any time"),
    ("morning", "Mornings (before 12:00)"),
    ("afternoon", "Afternoons (from 12:00)"),
)


class SlotFinderPanel(QWidget):
    book_requested = Signal(object, str)  # SlotRow, type id

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        timezone: ZoneInfo,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend, self._hub, self._zone, self._now = backend, hub, timezone, now
        self.setAccessibleName("Find a slot")
        self.type = QComboBox()
        self.type.setAccessibleName("Appointment type to find a slot for")
        self.provider = QComboBox()
        self.provider.setAccessibleName("Provider to find a slot with")
        self.preference = QComboBox()
        self.preference.setAccessibleName("Preferred time of day")
        for value, label in PREFERENCES:
            self.preference.addItem(label, value)
        self.search = QPushButton("&Search free slots")
        self.search.setAccessibleName("Search free slots")
        self.results = QListWidget()
        self.results.setAccessibleName("Free slots found")
        self.status = QLabel("Choose a type and press Search.")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Slot search status")
        self.book = QPushButton("Boo&k this slot…")
        self.book.setAccessibleName("Book the selected slot")
        form = QFormLayout()
        form.addRow("T&ype:", self.type)
        form.addRow("&With:", self.provider)
        form.addRow("&When:", self.preference)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.book)
        self.search.clicked.connect(self.run_search)
        self.results.itemActivated.connect(lambda _item: self._book())
        self.book.clicked.connect(self._book)

    def set_catalogue(self, catalogue: Catalogue) -> None:
        self.type.clear()
        for row in catalogue.types:
            self.type.addItem(f"{row.name} ({row.duration_minutes} min)", row.id)
        self.provider.clear()
        self.provider.addItem("Any provider", "")
        for provider in catalogue.providers:
            self.provider.addItem(provider.name, provider.id)

    def run_search(self) -> None:
        type_id = str(self.type.currentData() or "")
        if not type_id:
            self.status.setText("Choose the appointment type first.")
            return
        provider_id = str(self.provider.currentData() or "")
        preference = str(self.preference.currentData() or "")
        after = self._now()
        self.status.setText("Searching…")

        def show(slots: list[SlotRow]) -> None:
            self.results.clear()
            for slot in slots:
                start = slot.start.astimezone(self._zone)
                end = slot.end.astimezone(self._zone)
                item = QListWidgetItem(
                    f"{start:%a %d %b}  {start:%H:%M}–{end:%H:%M}  ·  {slot.provider_name}"
                )
                item.setData(Qt.ItemDataRole.UserRole, slot)
                self.results.addItem(item)
            if slots:
                self.results.setCurrentRow(0)
            self.status.setText(
                f"The {len(slots)} earliest free slots. Double-click one to book it."
                if slots
                else "No free slot in the next 90 days for this choice."
            )

        (
            QueryOp(self, lambda: self._backend.find_slots(type_id, provider_id, after, preference))
            .success(show)
            .run(self._hub)
        )

    def _book(self) -> None:
        item = self.results.currentItem()
        slot = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(slot, SlotRow):
            self.book_requested.emit(slot, str(self.type.currentData() or ""))
