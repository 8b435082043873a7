"""The day sheet dialog: which providers, which paper; then Print… or Save as PDF…."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel

from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.page import SchedulePage


class PrintDialog(QDialog):
    """Day sheet: which providers, which paper; then Print… or Save as PDF…."""

    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self._page = page
        self.setWindowTitle("Print the day sheet")
        self.setAccessibleName("Print the day sheet")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Day sheet for {page.current:%A %d %B %Y}"))
        self.who = QComboBox()
        self.who.setAccessibleName("Providers on the sheet")
        self.who.addItem("All providers shown (one page each)", "")
        for provider in page.visible_providers():
            self.who.addItem(provider.name, provider.id)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItems(["A4", "Letter"])
        form.addRow("&Providers:", self.who)
        form.addRow("P&aper:", self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton("&Save as PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        save.setAccessibleName("Save as PDF")
        print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.setAccessibleName("Print")
        save.clicked.connect(self._save)
        print_button.clicked.connect(self._print)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def providers(self) -> list[ProviderRow]:
        chosen = self.who.currentData()
        shown = list(self._page.visible_providers())
        return [p for p in shown if p.id == chosen] if chosen else shown

    def _save(self) -> None:
        from pathlib import Path

        from cicini_desktop.gui.schedule.day_sheet import save_pdf

        name = f"day-sheet-{self._page.current:%Y-%m-%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save the day sheet", name, "PDF (*.pdf)")
        if not path:
            return
        providers, paper = self.providers(), self.paper.currentText()

        def write(rows: list[AppointmentRow]) -> None:
            save_pdf(
                Path(path),
                paper,
                clinic_name=self._page.clinic_name,
                day=self._page.current,
                providers=providers,
                rows=rows,
                zone=self._page.zone,
            )
            self._page.status_message.emit(f"Day sheet saved to {path}.")
            self.accept()

        self._page.sheet_rows(providers, write)

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from cicini_desktop.gui.schedule.day_sheet import configure, paint_day_sheet

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure(printer, self.paper.currentText())
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        providers = self.providers()

        def paint(rows: list[AppointmentRow]) -> None:
            paint_day_sheet(
                printer,
                clinic_name=self._page.clinic_name,
                day=self._page.current,
                providers=providers,
                rows=rows,
                zone=self._page.zone,
            )
            self.accept()

        self._page.sheet_rows(providers, paint)
