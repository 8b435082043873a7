"""Moving appointments: drag, resize, the reschedule dialog, cut and paste, Ctrl+arrows,
and undo over all of them.

A mixin of `SchedulePage` (gui/schedule/page.py): it uses the page's model, grid, backend
and hub, and is only ever used through the page."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMessageBox,
)

from cicini_desktop.core.errors import CiciniError, ConflictError
from cicini_desktop.core.ids import AppointmentId, StaffId
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import spoken_in_window
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import WriteOp
from cicini_desktop.gui.schedule.reschedule_dialog import RescheduleDialog
from cicini_desktop.gui.schedule.rows import AppointmentRow
from cicini_desktop.gui.schedule.undo import UndoEntry

# Public names other modules and tests import from here (the page was one module once).

P = Permission


class MovesMixin:
    # --- moving and resizing ----------
    def request_move(
        self,
        appointment_id: AppointmentId,
        provider_id: StaffId,
        start: datetime,
        end: datetime | None = None,
        *,
        record_undo: bool = True,
        override_reason: str = "",
        scope: str | None = None,
        room_id: str = "",
        without_room: bool = False,
    ) -> None:
        """`room_id` "" keeps the appointment's room; `without_room` takes it away."""
        row = self.model.appointment(appointment_id)
        if row is None:
            return
        if not self.may(P.APPOINTMENT_EDIT):
            show_error(
                self,
                translate("schedule.page_moves", "Cannot move"),
                translate("schedule.page_moves", "Your role does not allow moving appointments."),
            )
            return
        end = end or start + row.duration
        if scope is None:
            scope = self._ask_scope(row, "move") if row.series_id else "this"
            if scope is None:
                return
        undo = UndoEntry(
            row.id,
            row.provider_id,
            row.start,
            row.end,
            "resize"
            if start == row.start and provider_id == row.provider_id and not room_id
            else "move",
            row.room_id,
        )

        def moved(_changes: object) -> None:
            if record_undo:
                self.undo_stack.append(undo)
            self._update_actions()
            local = start.astimezone(self.zone)
            self.status_message.emit(
                translate(
                    "schedule.page_moves", "Appointment moved to {when}. Press Ctrl+Z to undo."
                ).format(when=spoken_in_window(local))
                if record_undo
                else translate("schedule.page_moves", "Change undone.")
            )

        def refused(error: CiciniError) -> None:
            if isinstance(error, ConflictError) and self.may(P.APPOINTMENT_OVERRIDE_CONFLICT):
                reason = self._ask_override(sentence(error))
                if reason:
                    self.request_move(
                        appointment_id,
                        provider_id,
                        start,
                        end,
                        record_undo=record_undo,
                        override_reason=reason,
                        scope=scope,
                        room_id=room_id,
                        without_room=without_room,
                    )
                return
            show_error(
                self,
                translate("schedule.page_moves", "The appointment was not moved"),
                sentence(error),
            )
            self.refresh()

        version = row.version
        (
            WriteOp(
                self,
                lambda: self.backend.move(
                    appointment_id,
                    version,
                    provider_id,
                    start,
                    end,
                    override_reason,
                    scope,
                    room_id,
                    without_room,
                ),
            )
            .success(moved)
            .failure(refused)
            .run(self.hub)
        )

    def request_resize(self, appointment_id: AppointmentId, end: datetime) -> None:
        row = self.model.appointment(appointment_id)
        if row is not None:
            self.request_move(appointment_id, row.provider_id, row.start, end)

    def undo(self) -> None:
        if not self.undo_stack:
            self.status_message.emit(translate("schedule.page_moves", "Nothing to undo."))
            return
        entry = self.undo_stack.pop()
        self._update_actions()
        self.request_move(
            entry.appointment_id,
            entry.provider_id,
            entry.start,
            entry.end,
            record_undo=False,
            scope="this",
            room_id=entry.room_id or "",
            without_room=entry.room_id is None,
        )

    def _ask_override(self, sentence: str) -> str:
        reason, ok = QInputDialog.getText(
            self,
            translate("schedule.page_moves", "Conflict"),
            translate(
                "schedule.page_moves",
                "{sentence}\n\nYou may save it anyway. Give the reason (it is recorded):",
            ).format(sentence=sentence),
            QLineEdit.EchoMode.Normal,
        )
        return reason.strip() if ok else ""

    def _ask_scope(self, row: AppointmentRow, verb: str) -> str | None:
        # The verbs callers pass, for lupdate: they are translated below.
        QT_TRANSLATE_NOOP("schedule.page_moves", "move")
        QT_TRANSLATE_NOOP("schedule.page_moves", "cancel")
        box = QMessageBox(self)
        box.setWindowTitle(translate("schedule.page_moves", "Part of a series"))
        box.setText(
            translate(
                "schedule.page_moves",
                "This appointment is part of a series. Which ones do you want to {verb}?",
            ).format(verb=translate("schedule.page_moves", verb))
        )
        this = box.addButton(
            translate("schedule.page_moves", "Only this one"), QMessageBox.ButtonRole.AcceptRole
        )
        following = box.addButton(
            translate("schedule.page_moves", "This and the following"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        every = box.addButton(
            translate("schedule.page_moves", "The whole series"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(this)
        box.exec()
        clicked = box.clickedButton()
        return {this: "this", following: "following", every: "all"}.get(clicked)  # type: ignore[call-overload]

    # --- reschedule, keyboard moves, patient file ----------
    def open_reschedule(self, appointment_id: AppointmentId) -> RescheduleDialog | None:
        row = self.model.appointment(appointment_id)
        if row is None or self.catalogue is None:
            self.status_message.emit(
                translate(
                    "schedule.page", "Select an appointment first (click it or use the arrows)."
                )
            )
            return None
        dialog = RescheduleDialog(row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.reschedule_dialog = dialog
        return dialog

    def cut_selected(self) -> None:
        row = self.model.appointment(self.selected_id())
        if row is None:
            return
        self.cut_id = row.id
        self._update_actions()
        self.status_message.emit(
            f"{row.patient_name} cut: move the cursor to the new time and press Ctrl+V "
            "(until then it stays where it is)."
        )

    def paste_at_cursor(self) -> None:
        target = self.grid.cursor_provider_and_start()
        if not self.cut_id or target is None:
            return
        appointment_id, self.cut_id = self.cut_id, ""
        self._update_actions()
        self.request_move(appointment_id, target[0], target[1])

    def nudge(self, steps: int, columns: int) -> None:
        """Move the selected appointment by grid steps, or to the neighbouring column."""
        row = self.model.appointment(self.selected_id())
        if row is None:
            return
        all_columns = self.model.columns()
        local = row.start.astimezone(self.zone)
        index = next(
            (
                i
                for i, c in enumerate(all_columns)
                if c.provider.id == row.provider_id and c.day == local.date()
            ),
            None,
        )
        if index is None:
            return
        target = index + columns
        if not 0 <= target < len(all_columns):
            return
        column = all_columns[target]
        minute = local.hour * 60 + local.minute + steps * self.grid.grid_minutes
        start = self.model.instant(column.day, minute)
        self.grid.cursor_column, self.grid.cursor_minute = target, minute
        self.request_move(row.id, column.provider.id, start)
