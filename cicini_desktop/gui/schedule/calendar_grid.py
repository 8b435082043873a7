"""The calendar grid widget: columns of (day, provider) over a time axis, painted, not widgets.

One widget serves the day view (one day, a column per provider) and the week view (each
day, then a column per chosen provider), so moving an appointment across providers and
across days is the same drag. This module holds the widget's state, layout and lookups;
the arithmetic is `geometry.GridGeometry` (no Qt), painting is `grid_painting`, mouse and
keyboard are `grid_input`. Only the visible columns and minutes are painted; the layout of
appointments (side by side when they overlap) is cached until the model or size changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.describe import day_range, describe
from cicini_desktop.gui.schedule.geometry import (
    AXIS_WIDTH,
    DEFAULT_FIRST_MINUTE,
    DEFAULT_LAST_MINUTE,
    HEADER_HEIGHT,
    GridGeometry,
    span_for,
)
from cicini_desktop.gui.schedule.grid_input import GridInput, _Press
from cicini_desktop.gui.schedule.grid_painting import (
    SHORT_STATUS,
    STATUS_COLOURS,
    GridPainting,
    blend,
    is_dark,
)
from cicini_desktop.gui.schedule.model import ScheduleModel, lanes
from cicini_desktop.gui.schedule.rows import AppointmentRow

__all__ = [
    "SHORT_STATUS",
    "STATUS_COLOURS",
    "CalendarGrid",
    "Placed",
    "blend",
    "day_range",
    "describe",
    "is_dark",
]


@dataclass(frozen=True, slots=True)
class Placed:
    """An appointment's rectangle in content coordinates (before scrolling)."""

    row: AppointmentRow
    column: int
    rect: QRectF


class CalendarGrid(GridInput, GridPainting, QAbstractScrollArea):
    book_requested = Signal(str, object, int)  # provider id, start (aware), minutes
    move_requested = Signal(str, str, object)  # appointment id, provider id, new start
    resize_requested = Signal(str, object)  # appointment id, new end
    open_requested = Signal(str)  # appointment id
    selection_changed = Signal(str)  # appointment id or ""
    painted = Signal()  # after each paint of the viewport (the page's second read waits)
    context_requested = Signal(str, str, object, QPoint)  # appt id or "", provider, start, pos

    def __init__(
        self,
        model: ScheduleModel,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._now = now
        self.grid_minutes = 15
        self.default_minutes = 30
        self.first_minute = DEFAULT_FIRST_MINUTE
        self.last_minute = DEFAULT_LAST_MINUTE
        self.selected_id = ""
        self.cursor_column = 0
        self.cursor_minute = 9 * 60
        self.cursor_length = 0  # extra grid steps chosen with Shift+Down
        self._placed: list[Placed] = []
        self._press: _Press | None = None
        self._preview: tuple[int, int, int] | None = None  # column, start minute, end minute
        self._out_of_view_next = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setAccessibleName(translate("schedule.calendar_grid", "Schedule"))
        self.setAccessibleDescription(
            translate(
                "schedule.calendar_grid",
                "Calendar grid. Arrow keys move the cursor, Enter books or opens, "
                "drag to book, move or resize.",
            )
        )
        model.changed.connect(self._relayout)
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)  # the current-time line moves once a minute
        self._ticker.timeout.connect(self.viewport().update)
        self._ticker.start()

    # --- geometry (the arithmetic is GridGeometry's) ------------------------------------
    def geo(self) -> GridGeometry:
        """The grid's geometry now: viewport size and scroll positions included."""
        return GridGeometry(
            grid_minutes=self.grid_minutes,
            first_minute=self.first_minute,
            last_minute=self.last_minute,
            columns=len(self.model.columns()),
            viewport_width=self.viewport().width(),
            viewport_height=self.viewport().height(),
            scroll_x=self.horizontalScrollBar().value(),
            scroll_y=self.verticalScrollBar().value(),
        )

    @property
    def pixels_per_minute(self) -> float:
        return self.geo().pixels_per_minute

    def set_grid(self, minutes: int) -> None:
        self.grid_minutes = minutes
        self._relayout()

    def column_width(self) -> float:
        return self.geo().column_width

    def content_height(self) -> float:
        return self.geo().content_height

    def y_of(self, minute: float) -> float:
        """Viewport y of a minute of the day."""
        return self.geo().y_of(minute)

    def x_of(self, column: int) -> float:
        return self.geo().x_of(column)

    def minute_at(self, y: float) -> int:
        return self.geo().minute_at(y)

    def snap(self, minute: int) -> int:
        return self.geo().snap(minute)

    def column_at(self, x: float) -> int | None:
        return self.geo().column_at(x)

    def point_for(self, column: int, minute: int) -> QPoint:
        """Viewport point inside `column` at `minute` (tests and keyboard use it)."""
        x = self.x_of(column) + self.column_width() / 3
        return QPoint(round(x), round(self.y_of(minute) + 1))

    def scroll_to_minute(self, minute: int) -> None:
        self.verticalScrollBar().setValue(self.geo().scroll_y_for(minute))

    def _update_span(self) -> None:
        """Show at least 07:00-20:00, widened to fit working hours and appointments."""
        spans: list[tuple[int, int]] = []
        for column in self.model.columns():
            provider_day = self.model.availability(column.day, column.provider.id)
            if provider_day:
                spans.extend((i.start_minute - 60, i.end_minute + 60) for i in provider_day.working)
            for row in self.model.appointments_in(column.day, column.provider.id):
                end_day = self.model.local(row.end).date()
                end = 24 * 60 if end_day > column.day else self.model.minute_of_day(row.end)
                spans.append((self.model.minute_of_day(row.start), end))
        self.first_minute, self.last_minute = span_for(spans)

    def rows_out_of_view_next(self) -> None:
        """The model's next change adds rows to columns out of view only (a wide day view's
        second read): lay them out, but repaint only if the visible hours change with them."""
        self._out_of_view_next = True

    def _relayout(self) -> None:
        span_before = (self.first_minute, self.last_minute)
        out_of_view, self._out_of_view_next = self._out_of_view_next, False
        self._update_span()
        columns = self.model.columns()
        width = self.column_width()
        ppm = self.pixels_per_minute
        placed: list[Placed] = []
        for index, column in enumerate(columns):
            rows = self.model.appointments_in(column.day, column.provider.id)
            layout = lanes([r for r in rows if r.status != "cancelled"])
            for row in rows:
                lane, count = layout.get(row.id, (0, 1))
                start = max(self.first_minute, self.model.minute_of_day(row.start))
                end_local = self.model.local(row.end)
                end = (
                    self.last_minute
                    if end_local.date() > column.day
                    else self.model.minute_of_day(row.end)
                )
                lane_width = (width - 10) / count
                rect = QRectF(
                    index * width + 3 + lane * lane_width,
                    (start - self.first_minute) * ppm + 1,
                    lane_width - 2,
                    max(ppm * 10, (end - start) * ppm - 2),
                )
                placed.append(Placed(row, index, rect))
        self._placed = placed
        if self.selected_id and self.model.appointment(self.selected_id) is None:
            self.selected_id = ""
            self.selection_changed.emit("")
        self.cursor_column = min(self.cursor_column, max(0, len(columns) - 1))
        self._update_scrollbars()
        if not out_of_view or (self.first_minute, self.last_minute) != span_before:
            self.viewport().update()

    def _update_scrollbars(self) -> None:
        geo = self.geo()
        visible_h = self.viewport().height() - HEADER_HEIGHT
        self.verticalScrollBar().setRange(0, geo.vertical_range())
        self.verticalScrollBar().setPageStep(max(1, visible_h))
        self.verticalScrollBar().setSingleStep(round(self.grid_minutes * geo.pixels_per_minute))
        self.horizontalScrollBar().setRange(0, geo.horizontal_range())
        self.horizontalScrollBar().setPageStep(max(1, self.viewport().width() - AXIS_WIDTH))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def sizeHint(self) -> QSize:
        return QSize(900, 600)

    # --- lookup ------------------------------------------------------------------------
    def placed_rect(self, appointment_id: str) -> QRect | None:
        """Where an appointment is drawn, in viewport coordinates."""
        for item in self._placed:
            if item.row.id == appointment_id:
                return self._to_viewport(item.rect).toRect()
        return None

    def _to_viewport(self, rect: QRectF) -> QRectF:
        return rect.translated(
            AXIS_WIDTH - self.horizontalScrollBar().value(),
            HEADER_HEIGHT - self.verticalScrollBar().value(),
        )

    def appointment_at(self, pos: QPoint) -> Placed | None:
        if pos.y() < HEADER_HEIGHT or pos.x() < AXIS_WIDTH:
            return None
        for item in reversed(self._placed):
            if item.row.status == "cancelled":
                continue
            if self._to_viewport(item.rect).contains(pos.toPointF()):
                return item
        return None

    def select(self, appointment_id: str) -> None:
        if appointment_id != self.selected_id:
            self.selected_id = appointment_id
            row = self.model.appointment(appointment_id) if appointment_id else None
            self.setAccessibleDescription(describe(row, self.model) if row else "")
            self.selection_changed.emit(appointment_id)
            self.viewport().update()

    def cursor_provider_and_start(self) -> tuple[str, datetime] | None:
        columns = self.model.columns()
        if not columns:
            return None
        column = columns[self.cursor_column]
        return column.provider.id, self.model.instant(column.day, self.cursor_minute)
