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

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.rows import WaitlistRow
from cicini_desktop.gui.schedule.source import CancelOutcome


class WaitlistOfferDialog(QDialog):
    def __init__(self, outcome: CancelOutcome, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("schedule.waitlist_offer", "Offer the freed time"))
        self.setAccessibleName(
            translate("schedule.waitlist_offer", "Offer the freed time to the waitlist")
        )
        layout = QVBoxLayout(self)
        label = QLabel(
            translate(
                "schedule.waitlist_offer",
                "The time is free now. These waitlist patients match it, best first. "
                "Pick one to book them, or close to leave the time free.",
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setAccessibleName(
            translate("schedule.waitlist_offer", "Matching waitlist patients")
        )
        for offer in outcome.offers:
            item = QListWidgetItem(
                translate(
                    "schedule.waitlist_offer", "{patient_name} — {type_name}, priority {priority}"
                ).format(
                    patient_name=offer.patient_name,
                    type_name=offer.type_name,
                    priority=offer.priority,
                )
                + (f" ({offer.note})" if offer.note else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, offer)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        book = buttons.addButton(
            translate("schedule.waitlist_offer", "&Book this patient…"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        book.setAccessibleName(translate("schedule.waitlist_offer", "Book this patient"))
        close = buttons.addButton(
            translate("schedule.waitlist_offer", "Leave the time &free"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        close.setAccessibleName(translate("schedule.waitlist_offer", "Leave the time free"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self.accept())
        layout.addWidget(buttons)

    def chosen(self) -> WaitlistRow | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, WaitlistRow) else None
