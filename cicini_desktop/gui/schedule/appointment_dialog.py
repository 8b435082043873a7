"""One appointment's details, with its status actions as buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from cicini_desktop.gui.schedule.actions import STATUS_KEYS
from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.rows import AppointmentRow

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.page import SchedulePage


class AppointmentDialog(QDialog):
    """Details of one appointment, with its status actions as buttons."""

    def __init__(self, row: AppointmentRow, page: SchedulePage) -> None:
        super().__init__(page)
        self.setWindowTitle("Appointment")
        self.setAccessibleName("Appointment details")
        layout = QVBoxLayout(self)
        text = QLabel(describe(row, page.model))
        text.setAccessibleName("Appointment summary")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        for key in (*STATUS_KEYS, "cancel"):
            action = page.actions_by_key[key]
            if not action.isVisible():
                continue
            button = QPushButton(f"{action.text()} ({action.shortcut().toString()})")
            button.setAccessibleName(action.text().replace("&", ""))
            button.clicked.connect(lambda _c=False, a=action: (self.accept(), a.trigger()))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
