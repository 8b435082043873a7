"""Reschedule an appointment from the keyboard: date, time, provider, room, with the live
conflict check and "find the next free time" inside the dialog.

Saving goes through the page's `request_move`, like a drag, so the series question, the
override with a reason and Ctrl+Z (undo) work the same way.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.ids import StaffId
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import QueryOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.editors import DateField, TimeField
from cicini_desktop.gui.schedule.rows import AppointmentRow
from cicini_desktop.gui.schedule.source import BookingDraft, OccurrenceCheck, SlotRow

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.page import SchedulePage

CHECK_DELAY_MS = 200


class RescheduleDialog(QDialog):
    def __init__(self, row: AppointmentRow, page: SchedulePage) -> None:
        super().__init__(page)
        assert page.catalogue is not None
        self._row = row
        self._page = page
        self._zone: ZoneInfo = page.zone
        self._generation = 0
        self.free = False
        self.setWindowTitle(translate("schedule.reschedule_dialog", "Reschedule appointment"))
        self.setAccessibleName(translate("schedule.reschedule_dialog", "Reschedule appointment"))
        local = row.start.astimezone(self._zone)
        summary = QLabel(describe(row, page.model, with_note=False))
        summary.setAccessibleName(translate("schedule.reschedule_dialog", "Appointment now"))
        summary.setWordWrap(True)
        self.day = DateField(QDate(local.year, local.month, local.day))
        self.day.setAccessibleName(translate("schedule.reschedule_dialog", "New date"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd dd.MM.yyyy")
        self.time = TimeField(QTime(local.hour, local.minute))
        self.time.setAccessibleName(translate("schedule.reschedule_dialog", "New start time"))
        self.time.setDisplayFormat("HH:mm")
        minutes = round(row.duration.total_seconds() / 60)
        self.length = QLabel(
            translate("schedule.reschedule_dialog", "{minutes} min").format(minutes=minutes)
        )
        self.length.setAccessibleName(translate("schedule.reschedule_dialog", "Length"))
        self.provider = QComboBox()
        self.provider.setAccessibleName(translate("schedule.reschedule_dialog", "Provider"))
        for provider in page.catalogue.providers:
            self.provider.addItem(provider.name, provider.id)
        self.provider.setCurrentIndex(max(0, self.provider.findData(row.provider_id)))
        self.room = QComboBox()
        self.room.setAccessibleName(translate("schedule.reschedule_dialog", "Room"))
        self.room.addItem(
            translate("schedule.reschedule_dialog", "Keep the room (or any free room of its kind)"),
            "",
        )
        for room in page.catalogue.rooms:
            self.room.addItem(room.name, room.id)
        self.find_next = QPushButton(
            translate("schedule.reschedule_dialog", "Find the &next free time")
        )
        self.find_next.setAccessibleName(
            translate("schedule.reschedule_dialog", "Find the next free time")
        )
        self.find_next.clicked.connect(self.find_next_free)
        self.conflicts = QLabel("")
        self.conflicts.setAccessibleName(translate("schedule.reschedule_dialog", "Conflicts"))
        self.conflicts.setWordWrap(True)

        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.day)
        when_row.addWidget(self.time)
        when_row.addWidget(self.length)
        when_label = QLabel(translate("schedule.reschedule_dialog", "&When:"))
        when_label.setBuddy(self.day)
        form = QFormLayout()
        form.addRow(when_label, when)
        form.addRow(translate("schedule.reschedule_dialog", "Pro&vider:"), self.provider)
        form.addRow(translate("schedule.reschedule_dialog", "&Room:"), self.room)
        form.addRow("", self.find_next)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            translate("schedule.reschedule_dialog", "&Move here"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setAccessibleName(translate("schedule.reschedule_dialog", "Move here"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        for signal in (
            self.day.dateChanged,
            self.time.timeChanged,
            self.provider.currentIndexChanged,
            self.room.currentIndexChanged,
        ):
            signal.connect(lambda *_: self._timer.start())
        self._timer.start()
        self.day.setFocus()

    # --- the chosen place ---------------------------------------------------------------
    def start(self) -> datetime:
        day = self.day.date().toPython()
        moment = self.time.time().toPython()
        assert isinstance(moment, time)
        return datetime.combine(day, moment, self._zone)  # type: ignore[arg-type]

    def end(self) -> datetime:
        return self.start() + self._row.duration

    def provider_id(self) -> str:
        return str(self.provider.currentData() or "")

    def room_id(self) -> str:
        return str(self.room.currentData() or "")

    def draft(self) -> BookingDraft:
        return BookingDraft(
            provider_id=self.provider_id(),
            start=self.start(),
            minutes=round(self._row.duration.total_seconds() / 60),
            patient_id=self._row.patient_id,
            type_id=self._row.type_id,
            room_id=self.room_id(),
        )

    def set_place(self, provider_id: StaffId, start: datetime) -> None:
        local = start.astimezone(self._zone)
        self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))
        self.day.setDate(QDate(local.year, local.month, local.day))
        self.time.setTime(QTime(local.hour, local.minute))

    # --- live check and next free time ---------------------------------------------------
    def check(self) -> None:
        self._generation += 1
        generation = self._generation
        draft = self.draft()
        backend = self._page.backend

        def show(checks: list[OccurrenceCheck]) -> None:
            if generation != self._generation:
                return
            sentences = [s for c in checks for s in c.sentences]
            self.free = not sentences
            if sentences:
                self.conflicts.setStyleSheet(error_style())
                self.conflicts.setText("⚠ " + " ".join(map(localized, sentences)))
            else:
                self.conflicts.setStyleSheet("")
                self.conflicts.setText(
                    translate("schedule.reschedule_dialog", "✓ No conflicts: this time is free.")
                )

        def failed(error: CiciniError) -> None:
            if generation == self._generation:
                self.free = False
                self.conflicts.setStyleSheet(error_style())
                self.conflicts.setText(sentence(error))

        (
            QueryOp(self, lambda: backend.check(draft, self._row.id))
            .success(show)
            .failure(failed)
            .run(self._page.hub)
        )

    def find_next_free(self) -> None:
        """The first free time for this type with the chosen provider, from the chosen time."""
        backend = self._page.backend
        type_id, provider_id = self._row.type_id, self.provider_id()
        after = max(self.start(), self._page.now()) - timedelta(seconds=1)

        def found(slots: list[SlotRow]) -> None:
            if not slots:
                self.conflicts.setText(
                    translate(
                        "schedule.reschedule_dialog",
                        "No free time in the next 90 days with this provider; try another.",
                    )
                )
                return
            self.set_place(slots[0].provider_id, slots[0].start)
            self._timer.start()

        QueryOp(self, lambda: backend.find_slots(type_id, provider_id, after, "any", 1)).success(
            found
        ).run(self._page.hub)

    def _save(self) -> None:
        self.accept()
        self._page.request_move(
            self._row.id, self.provider_id(), self.start(), self.end(), room_id=self.room_id()
        )
