"""After a cancellation: offer the freed time to the matching waitlist patients."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.gui.schedule.rows import WaitlistRow
from cicini_desktop.gui.schedule.source import CancelOutcome


class WaitlistOfferDialog(QDialog):
    def __init__(self, outcome: CancelOutcome, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Offer the freed time")
        self.setAccessibleName("Offer the freed time to the waitlist")
        layout = QVBoxLayout(self)
        label = QLabel(
            "The time is free now. These waitlist patients match it, best first. "
            "Pick one to book them, or close to leave the time free."
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setAccessibleName("Matching waitlist patients")
        for offer in outcome.offers:
            item = QListWidgetItem(
                f"{offer.patient_name} — {offer.type_name}, priority {offer.priority}"
                + (f" ({offer.note})" if offer.note else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, offer)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        book = buttons.addButton("&Book this patient…", QDialogButtonBox.ButtonRole.AcceptRole)
        book.setAccessibleName("Book this patient")
        close = buttons.addButton("Leave the time &free", QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName("Leave the time free")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self.accept())
        layout.addWidget(buttons)

    def chosen(self) -> WaitlistRow | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, WaitlistRow) else None
