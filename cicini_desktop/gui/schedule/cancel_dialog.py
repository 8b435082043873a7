"""Cancel an appointment: which one, and the reason code (never free text)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.rows import AppointmentRow
from cicini_desktop.gui.schedule.source import Catalogue


class CancelDialog(QDialog):
    def __init__(
        self, row: AppointmentRow, catalogue: Catalogue, model: object, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("schedule.cancel_dialog", "Cancel appointment"))
        self.setAccessibleName(translate("schedule.cancel_dialog", "Cancel appointment"))
        form = QFormLayout(self)
        summary = QLabel(describe(row, model))  # type: ignore[arg-type]
        summary.setWordWrap(True)
        form.addRow(summary)
        self.reasons = QComboBox()
        self.reasons.setAccessibleName(translate("schedule.cancel_dialog", "Cancellation reason"))
        for code, label in catalogue.cancel_reasons:
            label = translate("schedule.source", label)
            self.reasons.addItem(label, code)
        form.addRow(translate("schedule.cancel_dialog", "&Reason:"), self.reasons)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(
            translate("schedule.cancel_dialog", "Cancel the &appointment"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        ok.setAccessibleName(translate("schedule.cancel_dialog", "Cancel the appointment"))
        keep = buttons.addButton(
            translate("schedule.cancel_dialog", "&Keep it"), QDialogButtonBox.ButtonRole.RejectRole
        )
        keep.setAccessibleName(translate("schedule.cancel_dialog", "Keep the appointment"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def reason(self) -> str:
        return str(self.reasons.currentData())
