"""One appointment's details: its note (shown and editable), its status actions (only
those the workflow allows are enabled), and the way to reschedule it or open the patient."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import AppointmentStatus, allowed_targets, refusal
from cicini_desktop.core.scheduling.validation import NOTE_MAX
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import localized
from cicini_desktop.gui.operations import QueryOp, WriteOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.schedule.actions import STATUS_KEYS, STATUS_OF_ACTION
from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.rows import AppointmentRow

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.page import SchedulePage


def status_allowed(row: AppointmentRow, key: str) -> bool:
    """Whether the status action `key` may act on `row` now (cancel: while booked/confirmed)."""
    current = AppointmentStatus(row.status)
    if key == "cancel":
        return AppointmentStatus.CANCELLED in allowed_targets(current)
    return AppointmentStatus(STATUS_OF_ACTION[key]) in allowed_targets(current)


def status_refusal(row: AppointmentRow, key: str) -> str:
    target = AppointmentStatus("cancelled" if key == "cancel" else STATUS_OF_ACTION[key])
    return localized(refusal(AppointmentStatus(row.status), target))


def note_counter_text(length: int) -> str:
    if length > NOTE_MAX:
        over = length - NOTE_MAX
        return translate(
            "schedule.appointment_dialog",
            "{length} / {NOTE_MAX} characters: {over} too many; shorten the note to save it.",
        ).format(length=length, NOTE_MAX=NOTE_MAX, over=over)
    return translate("schedule.appointment_dialog", "{length} / {NOTE_MAX} characters").format(
        length=length, NOTE_MAX=NOTE_MAX
    )


class AppointmentDialog(QDialog):
    def __init__(self, row: AppointmentRow, page: SchedulePage) -> None:
        super().__init__(page)
        self._row = row
        self._page = page
        self.setWindowTitle(translate("schedule.appointment_dialog", "Appointment"))
        self.setAccessibleName(translate("schedule.appointment_dialog", "Appointment details"))
        layout = QVBoxLayout(self)
        text = QLabel(describe(row, page.model, with_note=False))
        text.setAccessibleName(translate("schedule.appointment_dialog", "Appointment summary"))
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        layout.addWidget(text)

        # The front-desk note: shown in full and editable; never cut silently.
        note_label = QLabel(translate("schedule.appointment_dialog", "Front-desk &note:"))
        self.note = QPlainTextEdit(row.note)
        self.note.setAccessibleName(translate("schedule.appointment_dialog", "Front-desk note"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        note_label.setBuddy(self.note)
        self.counter = QLabel("")
        self.counter.setAccessibleName(translate("schedule.appointment_dialog", "Note length"))
        self.save_note = QPushButton(translate("schedule.appointment_dialog", "&Save note"))
        self.save_note.setAccessibleName(translate("schedule.appointment_dialog", "Save note"))
        self.save_note.clicked.connect(self._save_note)
        may_edit = page.may(Permission.APPOINTMENT_EDIT)
        self.note.setReadOnly(not may_edit)
        self.save_note.setVisible(may_edit)
        note_row = QHBoxLayout()
        note_row.addWidget(self.counter, 1)
        note_row.addWidget(self.save_note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addLayout(note_row)
        self.note.textChanged.connect(self._count)
        self._count()
        if row.has_note and not row.note:
            self.note.setPlaceholderText(
                translate("schedule.appointment_dialog", "Loading the note…")
            )
            self.note.setEnabled(False)
            QueryOp(self, lambda: page.backend.appointment_note(row.id)).success(
                self._show_note
            ).run(page.hub)

        buttons = QHBoxLayout()
        self.status_buttons: dict[str, QPushButton] = {}
        for key in (*STATUS_KEYS, "cancel"):
            action = page.actions_by_key[key]
            if not action.isVisible():
                continue
            button = QPushButton(f"{action.text()} ({action.shortcut().toString()})")
            button.setAccessibleName(action.text().replace("&", ""))
            allowed = status_allowed(row, key)
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(status_refusal(row, key))
            button.clicked.connect(lambda _c=False, a=action: (self.accept(), a.trigger()))
            buttons.addWidget(button)
            self.status_buttons[key] = button
        layout.addLayout(buttons)
        more = QHBoxLayout()
        self.reschedule = QPushButton(
            translate("schedule.appointment_dialog", "&Reschedule… (Ctrl+R)")
        )
        self.reschedule.setAccessibleName(translate("schedule.appointment_dialog", "Reschedule"))
        self.reschedule.setEnabled(may_edit and AppointmentStatus(row.status) in _MOVABLE)
        self.reschedule.clicked.connect(lambda: (self.accept(), page.open_reschedule(row.id)))
        self.patient_file = QPushButton(
            translate("schedule.appointment_dialog", "Patient &file… (Ctrl+I)")
        )
        self.patient_file.setAccessibleName(
            translate("schedule.appointment_dialog", "Patient file")
        )
        self.patient_file.clicked.connect(
            lambda: (self.accept(), page.open_patient_file(row.patient_id))
        )
        more.addWidget(self.reschedule)
        more.addWidget(self.patient_file)
        more.addStretch(1)
        layout.addLayout(more)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def _show_note(self, text: str) -> None:
        self.note.setEnabled(True)
        self.note.setPlaceholderText("")
        self.note.setPlainText(text)

    def _count(self) -> None:
        length = len(self.note.toPlainText().strip())
        self.counter.setText(note_counter_text(length))
        self.counter.setStyleSheet(error_style() if length > NOTE_MAX else "")
        self.save_note.setEnabled(length <= NOTE_MAX and self.note.isEnabled())

    def _save_note(self) -> None:
        text = self.note.toPlainText().strip()
        row = self._row
        page = self._page

        def saved(_changes: object) -> None:
            page.status_message.emit(translate("schedule.appointment_dialog", "Note saved."))
            self.accept()

        (
            WriteOp(self, lambda: page.backend.edit_note(row.id, row.version, text))
            .title(translate("schedule.appointment_dialog", "The note was not saved"))
            .success(saved)
            .run(page.hub)
        )


_MOVABLE = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED})
