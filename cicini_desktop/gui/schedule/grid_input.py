"""Mouse, keyboard and tooltips of the calendar grid.

A mixin of `CalendarGrid`: drag over free time to book, drag an appointment to move it,
drag its lower edge to resize, double-click to open, right-click for the menu; arrows move
the cursor (Shift+Up/Down stretches it), Enter books or opens, Ctrl+arrows move the
selected appointment (see `keyboard_move_requested`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip

from cicini_desktop.gui.schedule.describe import describe
from cicini_desktop.gui.schedule.geometry import AXIS_WIDTH, HEADER_HEIGHT
from cicini_desktop.gui.schedule.rows import AppointmentRow

RESIZE_HANDLE = 6
DRAG_THRESHOLD = 4


@dataclass
class _Press:
    kind: str  # "select" | "move" | "resize"
    origin: QPoint
    column: int
    minute: int
    row: AppointmentRow | None = None
    grab_minutes: int = 0
    started: bool = False


class GridInput:
    """Input handlers of the calendar grid (mixed into `CalendarGrid`)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        column = self.column_at(pos.x())
        if column is None or pos.y() < HEADER_HEIGHT:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        minute = self.minute_at(pos.y())
        hit = self.appointment_at(pos)
        if event.button() == Qt.MouseButton.RightButton:
            provider, start = self._provider_and_start(column, self.snap(minute))
            if hit:
                self.select(hit.row.id)
            self.context_requested.emit(
                hit.row.id if hit else "", provider, start, event.globalPosition().toPoint()
            )
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.cursor_column, self.cursor_minute, self.cursor_length = column, self.snap(minute), 0
        if hit:
            self.select(hit.row.id)
            rect = self._to_viewport(hit.rect)
            kind = "resize" if rect.bottom() - pos.y() <= RESIZE_HANDLE else "move"
            grab = minute - self.model.minute_of_day(hit.row.start)
            self._press = _Press(kind, pos, column, minute, hit.row, grab_minutes=grab)
        else:
            self.select("")
            self._press = _Press("select", pos, column, self.snap(minute))
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        press = self._press
        if press is None:
            hit = self.appointment_at(pos)
            near_edge = hit and self._to_viewport(hit.rect).bottom() - pos.y() <= RESIZE_HANDLE
            self.viewport().setCursor(
                Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor
            )
            return
        if not press.started and (pos - press.origin).manhattanLength() < DRAG_THRESHOLD:
            return
        press.started = True
        minute = self.minute_at(pos.y())
        column = self.column_at(pos.x())
        if press.kind == "select":
            low, high = sorted((press.minute, self.snap(minute)))
            self._preview = (
                press.column,
                low,
                max(high + self.grid_minutes, low + self.grid_minutes),
            )
        elif press.kind == "move" and press.row is not None and column is not None:
            start = self.snap(minute - press.grab_minutes + self.grid_minutes // 2)
            length = round(press.row.duration.total_seconds() / 60)
            start = max(self.first_minute, min(self.last_minute - length, start))
            self._preview = (column, start, start + length)
        elif press.kind == "resize" and press.row is not None:
            start = self.model.minute_of_day(press.row.start)
            end = max(start + self.grid_minutes, self.snap(minute + self.grid_minutes // 2))
            self._preview = (press.column, start, end)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, preview = self._press, self._preview
        self._press, self._preview = None, None
        self.viewport().update()
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if not press.started or preview is None:
            return
        column, start, end = preview
        provider, start_at = self._provider_and_start(column, start)
        if press.kind == "select":
            self.book_requested.emit(provider, start_at, end - start)
        elif press.kind == "move" and press.row is not None:
            if provider != press.row.provider_id or start_at != press.row.start:
                self.move_requested.emit(press.row.id, provider, start_at)
        elif press.kind == "resize" and press.row is not None:
            day = self.model.columns()[column].day
            new_end = self.model.instant(day, end)
            if new_end != press.row.end:
                self.resize_requested.emit(press.row.id, new_end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.appointment_at(event.position().toPoint())
        if hit:
            self.open_requested.emit(hit.row.id)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            return
        super().wheelEvent(event)

    def _provider_and_start(self, column: int, minute: int) -> tuple[str, datetime]:
        target = self.model.columns()[column]
        return target.provider.id, self.model.instant(target.day, minute)

    # --- keyboard and tooltips ---------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        columns = self.model.columns()
        if not columns:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Down:
            if shift:
                self.cursor_length += 1
            else:
                self.cursor_minute = min(
                    self.last_minute - self.grid_minutes, self.cursor_minute + self.grid_minutes
                )
                self.cursor_length = 0
        elif key == Qt.Key.Key_Up:
            if shift:
                self.cursor_length = max(0, self.cursor_length - 1)
            else:
                self.cursor_minute = max(self.first_minute, self.cursor_minute - self.grid_minutes)
                self.cursor_length = 0
        elif key == Qt.Key.Key_Left:
            self.cursor_column = max(0, self.cursor_column - 1)
        elif key == Qt.Key.Key_Right:
            self.cursor_column = min(len(columns) - 1, self.cursor_column + 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate_cursor()
            return
        else:
            super().keyPressEvent(event)
            return
        self._follow_cursor()

    def _cursor_hit(self) -> AppointmentRow | None:
        column = self.model.columns()[self.cursor_column]
        instant = self.model.instant(column.day, self.cursor_minute)
        for row in self.model.appointments_in(column.day, column.provider.id):
            if row.status != "cancelled" and row.start <= instant < row.end:
                return row
        return None

    def _follow_cursor(self) -> None:
        hit = self._cursor_hit()
        self.select(hit.id if hit else "")
        y_top = self.y_of(self.cursor_minute)
        if y_top < HEADER_HEIGHT or y_top > self.viewport().height() - 30:
            self.scroll_to_minute(max(self.first_minute, self.cursor_minute - 60))
        x = self.x_of(self.cursor_column)
        if x < AXIS_WIDTH or x + self.column_width() > self.viewport().width():
            self.horizontalScrollBar().setValue(round(self.cursor_column * self.column_width()))
        self.viewport().update()

    def _activate_cursor(self) -> None:
        hit = self._cursor_hit()
        if hit:
            self.open_requested.emit(hit.id)
            return
        self.book_at_cursor()

    def book_at_cursor(self) -> None:
        target = self.cursor_provider_and_start()
        if target is None:
            return
        minutes = (
            self.grid_minutes * (1 + self.cursor_length)
            if self.cursor_length
            else self.default_minutes
        )
        self.book_requested.emit(target[0], target[1], minutes)

    def focusInEvent(self, event: object) -> None:  # type: ignore[override]
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.viewport().update()

    def focusOutEvent(self, event: object) -> None:  # type: ignore[override]
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.appointment_at(event.pos())
            if hit:
                QToolTip.showText(event.globalPos(), describe(hit.row, self.model), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
