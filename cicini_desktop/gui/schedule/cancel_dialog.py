"""Cancel an appointment: which one, and the reason code (never free text)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.rows import AppointmentRow
from cicini_desktop.gui.schedule.source import Catalogue


class CancelDialog(QDialog):
    def __init__(
        self, row: AppointmentRow, catalogue: Catalogue, model: object, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cancel appointment")
        self.setAccessibleName("Cancel appointment")
        form = QFormLayout(self)
        summary = QLabel(describe(row, model))  # type: ignore[arg-type]
        summary.setWordWrap(True)
        form.addRow(summary)
        self.reasons = QComboBox()
        self.reasons.setAccessibleName("Cancellation reason")
        for code, label in catalogue.cancel_reasons:
            self.reasons.addItem(label, code)
        form.addRow("&Reason:", self.reasons)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Cancel the &appointment", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setAccessibleName("Cancel the appointment")
        keep = buttons.addButton("&Keep it", QDialogButtonBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep the appointment")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def reason(self) -> str:
        return str(self.reasons.currentData())
