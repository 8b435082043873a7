"""The day sheet dialog: which providers, which paper, phone numbers or not, a page per
provider or not; then Print… or Save as PDF…. The defaults come from the clinic's settings.

Each sheet printed or saved is counted once, through `SchedulePage.record_sheet_printed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
)

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import day_long
from cicini_desktop.gui.operations import QueryOp
from cicini_desktop.gui.schedule.day_sheet import SheetOptions
from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.page import SchedulePage


class PrintDialog(QDialog):
    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self._page = page
        self.setWindowTitle(translate("schedule.print_dialog", "Print the day sheet"))
        self.setAccessibleName(translate("schedule.print_dialog", "Print the day sheet"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                translate("schedule.print_dialog", "Day sheet for {day}").format(
                    day=day_long(page.current)
                )
            )
        )
        self.who = QComboBox()
        self.who.setAccessibleName(translate("schedule.print_dialog", "Providers on the sheet"))
        self.who.addItem(translate("schedule.print_dialog", "All providers shown"), "")
        for provider in page.visible_providers():
            self.who.addItem(provider.name, provider.id)
        self.paper = QComboBox()
        self.paper.setAccessibleName(translate("schedule.print_dialog", "Paper size"))
        self.paper.addItems(["A4", "Letter"])
        self.phones = QCheckBox(
            translate("schedule.print_dialog", "Include patients' &phone numbers")
        )
        self.phones.setAccessibleName(
            translate("schedule.print_dialog", "Include patients' phone numbers")
        )
        self.page_per_provider = QCheckBox(
            translate("schedule.print_dialog", "&New page for each provider")
        )
        self.page_per_provider.setAccessibleName(
            translate("schedule.print_dialog", "New page for each provider")
        )
        self.page_per_provider.setChecked(True)
        form.addRow(translate("schedule.print_dialog", "P&roviders:"), self.who)
        form.addRow(translate("schedule.print_dialog", "P&aper:"), self.paper)
        form.addRow("", self.phones)
        form.addRow("", self.page_per_provider)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton(
            translate("schedule.print_dialog", "&Save as PDF…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        save.setAccessibleName(translate("schedule.print_dialog", "Save as PDF"))
        print_button = buttons.addButton(
            translate("schedule.print_dialog", "Pr&int…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        print_button.setAccessibleName(translate("schedule.print_dialog", "Print"))
        save.clicked.connect(self._save)
        print_button.clicked.connect(self._print)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

        def defaults(options: tuple[bool, bool]) -> None:
            self.phones.setChecked(options[0])
            self.page_per_provider.setChecked(options[1])

        QueryOp(self, page.backend.day_sheet_options).success(defaults).failure(
            lambda _e: None
        ).run(page.hub)

    def providers(self) -> list[ProviderRow]:
        chosen = self.who.currentData()
        shown = list(self._page.visible_providers())
        return [p for p in shown if p.id == chosen] if chosen else shown

    def options(self) -> SheetOptions:
        return SheetOptions(self.phones.isChecked(), self.page_per_provider.isChecked())

    def _sheet(self, rows: list[AppointmentRow], phones: dict[str, str]) -> dict[str, object]:
        return {
            "clinic_name": self._page.clinic_name,
            "day": self._page.current,
            "providers": self.providers(),
            "rows": rows,
            "zone": self._page.zone,
            "phones": phones,
            "options": self.options(),
        }

    def save_to(self, path: Path) -> None:
        """Write the sheet to `path` (the Save button asks for the path first)."""
        from cicini_desktop.gui.schedule.day_sheet import save_pdf

        paper = self.paper.currentText()

        def write(rows: list[AppointmentRow], phones: dict[str, str]) -> None:
            save_pdf(path, paper, **self._sheet(rows, phones))
            self._page.record_sheet_printed()
            self._page.status_message.emit(
                translate("schedule.print_dialog", "Day sheet saved to {path}.").format(path=path)
            )
            self.accept()

        self._page.sheet_rows(self.providers(), write, with_phones=self.phones.isChecked())

    def _save(self) -> None:
        name = f"day-sheet-{self._page.current:%Y-%m-%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("schedule.print_dialog", "Save the day sheet"),
            name,
            translate("schedule.print_dialog", "PDF (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from cicini_desktop.gui.schedule.day_sheet import configure, paint_day_sheet

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure(printer, self.paper.currentText())
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return

        def paint(rows: list[AppointmentRow], phones: dict[str, str]) -> None:
            paint_day_sheet(printer, **self._sheet(rows, phones))
            self._page.record_sheet_printed()
            self.accept()

        self._page.sheet_rows(self.providers(), paint, with_phones=self.phones.isChecked())
