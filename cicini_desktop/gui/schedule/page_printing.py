"""The day sheet from the page: its dialog, its rows (with notes and phones) and the usage seam.

A mixin of `SchedulePage` (gui/schedule/page.py): it uses the page's model, grid, backend
and hub, and is only ever used through the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.operations import QueryOp, WriteOp
from cicini_desktop.gui.schedule.print_dialog import PrintDialog
from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

# Public names other modules and tests import from here (the page was one module once).

P = Permission


class PrintingMixin:
    # --- printing ----------
    def print_dialog(self) -> None:
        dialog = PrintDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def sheet_rows(
        self,
        providers: list[ProviderRow],
        done: Callable[[list[AppointmentRow], dict[str, str]], None],
        *,
        with_phones: bool = False,
    ) -> None:
        day = self.current
        ids = tuple(p.id for p in providers)

        def fetch() -> tuple[list[AppointmentRow], dict[str, str]]:
            # The calendar only knows that a note exists; the sheet prints the note itself.
            rows = self.backend.snapshot(day, day, ids).appointments
            rows = [
                replace(r, note=self.backend.appointment_note(r.id)) if r.has_note else r
                for r in rows
            ]
            phones = (
                self.backend.patient_phones(tuple({r.patient_id for r in rows}))
                if with_phones
                else {}
            )
            return rows, phones

        QueryOp(self, fetch).success(lambda got: done(*got)).run(self.hub)

    def record_sheet_printed(self) -> None:
        """The one call site that counts a printed or saved day sheet (`day_sheet.printed`)."""
        WriteOp(self, self.backend.day_sheet_printed).run(self.hub)
