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

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_short, time_of
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.schedule.source import Catalogue, ScheduleBackend, SlotRow

PREFERENCES = (
    ("", QT_TRANSLATE_NOOP("schedule.slot_finder", "Any time")),
    ("morning", QT_TRANSLATE_NOOP("schedule.slot_finder", "Mornings (before 12:00)")),
    ("afternoon", QT_TRANSLATE_NOOP("schedule.slot_finder", "Afternoons (from 12:00)")),
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
        self.setAccessibleName(translate("schedule.slot_finder", "Find a slot"))
        self.type = QComboBox()
        self.type.setAccessibleName(
            translate("schedule.slot_finder", "Appointment type to find a slot for")
        )
        self.provider = QComboBox()
        self.provider.setAccessibleName(
            translate("schedule.slot_finder", "Provider to find a slot with")
        )
        self.preference = QComboBox()
        self.preference.setAccessibleName(
            translate("schedule.slot_finder", "Preferred time of day")
        )
        for value, label in PREFERENCES:
            label = translate("schedule.slot_finder", label)
            self.preference.addItem(label, value)
        self.search = QPushButton(translate("schedule.slot_finder", "&Search free slots"))
        self.search.setAccessibleName(translate("schedule.slot_finder", "Search free slots"))
        self.results = QListWidget()
        self.results.setAccessibleName(translate("schedule.slot_finder", "Free slots found"))
        self.status = QLabel(translate("schedule.slot_finder", "Choose a type and press Search."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("schedule.slot_finder", "Slot search status"))
        self.book = QPushButton(translate("schedule.slot_finder", "Boo&k this slot…"))
        self.book.setAccessibleName(translate("schedule.slot_finder", "Book the selected slot"))
        form = QFormLayout()
        form.addRow(translate("schedule.slot_finder", "T&ype:"), self.type)
        form.addRow(translate("schedule.slot_finder", "&With:"), self.provider)
        form.addRow(translate("schedule.slot_finder", "&When:"), self.preference)
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
            self.type.addItem(
                translate("schedule.slot_finder", "{name} ({duration_minutes} min)").format(
                    name=row.name, duration_minutes=row.duration_minutes
                ),
                row.id,
            )
        self.provider.clear()
        self.provider.addItem(translate("schedule.slot_finder", "Any provider"), "")
        for provider in catalogue.providers:
            self.provider.addItem(provider.name, provider.id)

    def run_search(self) -> None:
        type_id = str(self.type.currentData() or "")
        if not type_id:
            self.status.setText(
                translate("schedule.slot_finder", "Choose the appointment type first.")
            )
            return
        provider_id = str(self.provider.currentData() or "")
        preference = str(self.preference.currentData() or "")
        after = self._now()
        self.status.setText(translate("schedule.slot_finder", "Searching…"))

        def show(slots: list[SlotRow]) -> None:
            self.results.clear()
            for slot in slots:
                start = slot.start.astimezone(self._zone)
                end = slot.end.astimezone(self._zone)
                item = QListWidgetItem(
                    f"{day_short(start)}  {time_of(start)}–{time_of(end)}  ·  {slot.provider_name}"
                )
                item.setData(Qt.ItemDataRole.UserRole, slot)
                self.results.addItem(item)
            if slots:
                self.results.setCurrentRow(0)
            self.status.setText(
                translate(
                    "schedule.slot_finder",
                    "The {len} earliest free slots. Double-click one to book it.",
                ).format(len=len(slots))
                if slots
                else translate(
                    "schedule.slot_finder", "No free slot in the next 90 days for this choice."
                )
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
