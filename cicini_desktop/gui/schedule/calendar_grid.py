"""The calendar grid: columns of (day, provider) over a time axis, painted, not widgets.

One widget serves the day view (one day, a column per provider) and the week view (each
day, then a column per chosen provider), so moving an appointment across providers and
across days is the same drag. Only the visible columns and minutes are painted; the layout
of appointments (side by side when they overlap) is cached until the model or size changes.

Mouse: drag over free time to book, drag an appointment to move it, drag its bottom edge
to change its length, double-click to open, right-click for the menu.
Keyboard: arrows move the cursor (Shift+Up/Down stretches it), Enter books at the cursor
or opens the appointment under it; the page adds the status shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from cicini_desktop.gui.schedule.model import Column, ScheduleModel, lanes
from cicini_desktop.gui.schedule.rows import AppointmentRow

HEADER_HEIGHT = 46
AXIS_WIDTH = 62
MIN_COLUMN_WIDTH = 150
RESIZE_HANDLE = 6
DRAG_THRESHOLD = 4
DEFAULT_FIRST_MINUTE = 7 * 60
DEFAULT_LAST_MINUTE = 20 * 60

STATUS_COLOURS: dict[str, str] = {
    "booked": "#5f6b7a",
    "confirmed": "#1f65c8",
    "arrived": "#b85c00",
    "in_progress": "#7b3fb5",
    "completed": "#2e7d32",
    "cancelled": "#b3261e",
    "no_show": "#8c1d18",
}


# One-line blocks use these shorter words so the patient's name keeps the room.
SHORT_STATUS: dict[str, str] = {
    "booked": "Booked",
    "confirmed": "Conf.",
    "arrived": "Arrived",
    "in_progress": "Started",
    "completed": "Done",
    "cancelled": "Cancelled",
    "no_show": "No-show",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend(colour: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `colour` over `base`: a soft fill that keeps text readable."""
    return QColor(
        round(colour.red() * amount + base.red() * (1 - amount)),
        round(colour.green() * amount + base.green() * (1 - amount)),
        round(colour.blue() * amount + base.blue() * (1 - amount)),
    )


@dataclass(frozen=True, slots=True)
class Placed:
    """An appointment's rectangle in content coordinates (before scrolling)."""

    row: AppointmentRow
    column: int
    rect: QRectF


@dataclass
class _Press:
    kind: str  # "select" | "move" | "resize"
    origin: QPoint
    column: int
    minute: int
    row: AppointmentRow | None = None
    grab_minutes: int = 0
    started: bool = False


class CalendarGrid(QAbstractScrollArea):
    book_requested = Signal(str, object, int)  # provider id, start (aware), minutes
    move_requested = Signal(str, str, object)  # appointment id, provider id, new start
    resize_requested = Signal(str, object)  # appointment id, new end
    open_requested = Signal(str)  # appointment id
    selection_changed = Signal(str)  # appointment id or ""
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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setAccessibleName("Schedule")
        self.setAccessibleDescription(
            "Calendar grid. Arrow keys move the cursor, Enter books or opens, "
            "drag to book, move or resize."
        )
        model.changed.connect(self._relayout)
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)  # the current-time line moves once a minute
        self._ticker.timeout.connect(self.viewport().update)
        self._ticker.start()

    # --- geometry ------------------------------------------------------------------------
    @property
    def pixels_per_minute(self) -> float:
        return max(2.0, 30.0 / self.grid_minutes)

    def set_grid(self, minutes: int) -> None:
        self.grid_minutes = minutes
        self._relayout()

    def column_width(self) -> float:
        count = max(1, len(self.model.columns()))
        available = self.viewport().width() - AXIS_WIDTH
        return max(float(MIN_COLUMN_WIDTH), available / count)

    def content_height(self) -> float:
        return (self.last_minute - self.first_minute) * self.pixels_per_minute

    def y_of(self, minute: float) -> float:
        """Viewport y of a minute of the day."""
        return (
            HEADER_HEIGHT
            + (minute - self.first_minute) * self.pixels_per_minute
            - self.verticalScrollBar().value()
        )

    def x_of(self, column: int) -> float:
        return AXIS_WIDTH + column * self.column_width() - self.horizontalScrollBar().value()

    def minute_at(self, y: float) -> int:
        raw = (
            y - HEADER_HEIGHT + self.verticalScrollBar().value()
        ) / self.pixels_per_minute + self.first_minute
        return max(self.first_minute, min(self.last_minute, int(raw)))

    def snap(self, minute: int) -> int:
        return (minute // self.grid_minutes) * self.grid_minutes

    def column_at(self, x: float) -> int | None:
        if x < AXIS_WIDTH:
            return None
        index = int((x - AXIS_WIDTH + self.horizontalScrollBar().value()) // self.column_width())
        return index if 0 <= index < len(self.model.columns()) else None

    def point_for(self, column: int, minute: int) -> QPoint:
        """Viewport point inside `column` at `minute` (tests and keyboard use it)."""
        x = self.x_of(column) + self.column_width() / 3
        return QPoint(round(x), round(self.y_of(minute) + 1))

    def scroll_to_minute(self, minute: int) -> None:
        content_y = (minute - self.first_minute) * self.pixels_per_minute
        self.verticalScrollBar().setValue(round(content_y))

    def _update_span(self) -> None:
        """Show at least 07:00-20:00, widened to fit working hours and appointments."""
        first, last = DEFAULT_FIRST_MINUTE, DEFAULT_LAST_MINUTE
        for column in self.model.columns():
            provider_day = self.model.availability(column.day, column.provider.id)
            if provider_day:
                for interval in provider_day.working:
                    first = min(first, interval.start_minute - 60)
                    last = max(last, interval.end_minute + 60)
            for row in self.model.appointments_in(column.day, column.provider.id):
                first = min(first, self.model.minute_of_day(row.start))
                end_day = self.model.local(row.end).date()
                end = 24 * 60 if end_day > column.day else self.model.minute_of_day(row.end)
                last = max(last, end)
        self.first_minute = max(0, (first // 60) * 60)
        self.last_minute = min(24 * 60, -(-last // 60) * 60)

    def _relayout(self) -> None:
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
        self.viewport().update()

    def _update_scrollbars(self) -> None:
        visible_h = self.viewport().height() - HEADER_HEIGHT
        self.verticalScrollBar().setRange(0, max(0, round(self.content_height() - visible_h)))
        self.verticalScrollBar().setPageStep(max(1, visible_h))
        self.verticalScrollBar().setSingleStep(round(self.grid_minutes * self.pixels_per_minute))
        total_w = len(self.model.columns()) * self.column_width()
        visible_w = self.viewport().width() - AXIS_WIDTH
        self.horizontalScrollBar().setRange(0, max(0, round(total_w - visible_w)))
        self.horizontalScrollBar().setPageStep(max(1, visible_w))

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

    # --- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        closed = blend(QColor("#7a7a7a"), base, 0.22 if dark else 0.13)
        painter.fillRect(self.viewport().rect(), closed)
        columns = self.model.columns()
        width = self.column_width()
        view_w = self.viewport().width()
        view_h = self.viewport().height()
        first_visible = max(0, int(self.horizontalScrollBar().value() // width))
        last_visible = min(
            len(columns) - 1, int((self.horizontalScrollBar().value() + view_w) // width)
        )
        top_minute = self.minute_at(HEADER_HEIGHT)
        bottom_minute = self.minute_at(view_h) + 1

        painter.save()
        painter.setClipRect(QRect(AXIS_WIDTH, HEADER_HEIGHT, view_w - AXIS_WIDTH, view_h))
        for index in range(first_visible, last_visible + 1):
            self._paint_column_background(painter, index, columns[index], base, dark)
        self._paint_grid_lines(painter, top_minute, bottom_minute, text, dark)
        for index in range(first_visible, last_visible + 1):
            if index > 0:
                separator_day = columns[index].day != columns[index - 1].day
                pen = QPen(
                    text if separator_day else blend(text, base, 0.25), 2 if separator_day else 1
                )
                painter.setPen(pen)
                x = self.x_of(index)
                painter.drawLine(round(x), HEADER_HEIGHT, round(x), view_h)
        for item in self._placed:
            if first_visible <= item.column <= last_visible:
                rect = self._to_viewport(item.rect)
                if rect.bottom() >= HEADER_HEIGHT and rect.top() <= view_h:
                    self._paint_appointment(painter, item.row, rect, base, text, dark)
        self._paint_now_line(painter, columns, first_visible, last_visible)
        self._paint_preview(painter, text)
        self._paint_cursor(painter, text)
        painter.restore()
        self._paint_header(painter, columns, first_visible, last_visible, palette)
        self._paint_axis(painter, top_minute, bottom_minute, palette)
        painter.end()

    def _paint_column_background(
        self, painter: QPainter, index: int, column: Column, base: QColor, dark: bool
    ) -> None:
        x = self.x_of(index)
        width = self.column_width()
        provider_day = self.model.availability(column.day, column.provider.id)
        if provider_day is None:
            return
        for interval in provider_day.working:
            top = self.y_of(interval.start_minute)
            bottom = self.y_of(interval.end_minute)
            painter.fillRect(QRectF(x, top, width, bottom - top), base)
        blocked_fill = QColor("#8a8a8a") if dark else QColor("#c9c9c9")
        hatch = QBrush(QColor(0, 0, 0, 40) if not dark else QColor(255, 255, 255, 30))
        hatch.setStyle(Qt.BrushStyle.BDiagPattern)
        for interval in provider_day.blocked:
            top = self.y_of(interval.start_minute)
            bottom = self.y_of(interval.end_minute)
            area = QRectF(x, top, width, bottom - top)
            painter.fillRect(area, blend(blocked_fill, base, 0.45))
            painter.fillRect(area, hatch)
            if interval.label and bottom - top > 16:
                painter.setPen(self.palette().color(QPalette.ColorRole.Text))
                painter.drawText(
                    area.adjusted(6, 2, -6, -2),
                    Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                    interval.label,
                )

    def _paint_grid_lines(
        self, painter: QPainter, top: int, bottom: int, text: QColor, dark: bool
    ) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        minor = QPen(blend(text, base, 0.08 if not dark else 0.15), 1)
        major = QPen(blend(text, base, 0.28), 1)
        view_w = self.viewport().width()
        minute = (top // self.grid_minutes) * self.grid_minutes
        while minute <= bottom:
            y = round(self.y_of(minute))
            painter.setPen(major if minute % 60 == 0 else minor)
            painter.drawLine(AXIS_WIDTH, y, view_w, y)
            minute += self.grid_minutes

    def _paint_appointment(
        self,
        painter: QPainter,
        row: AppointmentRow,
        rect: QRectF,
        base: QColor,
        text: QColor,
        dark: bool,
    ) -> None:
        type_colour = QColor(row.colour)
        faded = row.status in ("cancelled", "no_show")
        fill = blend(type_colour, base, 0.35 if dark else 0.22)
        if faded:
            fill = blend(QColor("#9e9e9e"), base, 0.2)
        selected = row.id == self.selected_id
        painter.setPen(
            QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5)
            if selected
            else QPen(blend(type_colour, base, 0.7), 1)
        )
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        strip = QRectF(rect.left(), rect.top(), 5, rect.height())
        painter.fillRect(strip, type_colour if not faded else QColor("#9e9e9e"))

        inner = rect.adjusted(9, 1, -4, -1)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        line = metrics.height()
        compact = inner.height() < 2 * line  # one line only: name and a short status word
        # The status is a coloured badge with a word (never colour alone). One-line blocks put
        # a short word right of the name; taller blocks give the name the whole first line
        # and start the second line with the badge.
        badge_font = QFont(font)
        badge_font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        badge_font.setBold(True)
        badge_metrics = QFontMetrics(badge_font)
        label = row.status_label
        badge_w = badge_metrics.horizontalAdvance(label) + 10
        room_for = inner.width() - (60 if compact else 30)
        if badge_w > room_for:
            label = SHORT_STATUS.get(row.status, row.status_label)
            badge_w = badge_metrics.horizontalAdvance(label) + 10
        show_badge = badge_w <= room_for
        badge_h = min(badge_metrics.height() + 2, inner.height())
        name_right = inner.right()
        second_left = inner.left()
        if show_badge:
            if compact:
                badge = QRectF(inner.right() - badge_w, inner.top() + 1, badge_w, badge_h)
                name_right = badge.left() - 4
            else:
                top = inner.top() + line + (line - badge_h) / 2
                badge = QRectF(inner.left(), top, badge_w, badge_h)
                second_left = badge.right() + 5
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(STATUS_COLOURS.get(row.status, "#5f6b7a")))
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor("white"))
            painter.setFont(badge_font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        start = self.model.local(row.start)
        end = self.model.local(row.end)
        name_font = QFont(font)
        name_font.setBold(True)
        name_font.setStrikeOut(row.status == "cancelled")
        painter.setPen(text)
        painter.setFont(name_font)
        # The time axis already says when: the first line is all the patient's name.
        name_rect = QRectF(inner.left(), inner.top(), name_right - inner.left(), line)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(name_font).elidedText(
                row.patient_name, Qt.TextElideMode.ElideRight, round(name_rect.width())
            ),
        )
        painter.setFont(font)
        rest = [row.type_name]
        if row.room_name:
            rest.append(row.room_name)
        second = " · ".join(rest)
        if not show_badge:
            second = f"{row.status_label} · {second}"
        y = inner.top() + line
        if y + line <= inner.bottom() + 2:
            width = inner.right() - second_left
            painter.drawText(
                QRectF(second_left, y, width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(second, Qt.TextElideMode.ElideRight, round(width)),
            )
            y += line
        if y + line <= inner.bottom() + 2:
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{start:%H:%M}–{end:%H:%M}",
            )

    def _paint_now_line(
        self, painter: QPainter, columns: list[Column], first: int, last: int
    ) -> None:
        now = self.model.local(self._now())
        minute = now.hour * 60 + now.minute
        if not self.first_minute <= minute <= self.last_minute:
            return
        y = self.y_of(minute)
        pen = QPen(QColor("#d32f2f"), 2)
        painter.setPen(pen)
        for index in range(first, last + 1):
            if columns[index].day == now.date():
                x = self.x_of(index)
                painter.drawLine(round(x), round(y), round(x + self.column_width()), round(y))
                painter.setBrush(QColor("#d32f2f"))
                painter.drawEllipse(QRectF(x - 4, y - 4, 8, 8))

    def _paint_preview(self, painter: QPainter, text: QColor) -> None:
        if self._preview is None:
            return
        column, start, end = self._preview
        rect = QRectF(
            self.x_of(column) + 2,
            self.y_of(start),
            self.column_width() - 6,
            self.y_of(end) - self.y_of(start),
        )
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlpha(70)
        painter.setBrush(fill)
        painter.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(text)
        painter.drawText(
            rect.adjusted(8, 2, -4, -2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}",
        )

    def _paint_cursor(self, painter: QPainter, text: QColor) -> None:
        if not self.hasFocus() or not self.model.columns() or self._preview is not None:
            return
        end = self.cursor_minute + self.grid_minutes * (1 + self.cursor_length)
        rect = QRectF(
            self.x_of(self.cursor_column) + 1,
            self.y_of(self.cursor_minute),
            self.column_width() - 3,
            self.y_of(end) - self.y_of(self.cursor_minute),
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(
            QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
        )
        painter.drawRect(rect)

    def _paint_header(
        self, painter: QPainter, columns: list[Column], first: int, last: int, palette: QPalette
    ) -> None:
        view_w = self.viewport().width()
        window = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(QRect(0, 0, view_w, HEADER_HEIGHT), window)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, HEADER_HEIGHT - 1, view_w, HEADER_HEIGHT - 1)
        painter.save()
        painter.setClipRect(QRect(AXIS_WIDTH, 0, view_w - AXIS_WIDTH, HEADER_HEIGHT))
        several_days = len(self.model.days) > 1
        bold = QFont(self.font())
        bold.setBold(True)
        today = self.model.local(self._now()).date()
        width = self.column_width()
        for index in range(first, last + 1):
            column = columns[index]
            x = self.x_of(index)
            area = QRectF(x + 6, 3, width - 12, HEADER_HEIGHT - 6)
            painter.fillRect(QRectF(x, HEADER_HEIGHT - 5, width, 4), QColor(column.provider.colour))
            count = sum(
                1
                for row in self.model.appointments_in(column.day, column.provider.id)
                if row.is_active
            )
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.setFont(bold)
            top_line = column.provider.name
            bottom_line = f"{count} appointment{'s' if count != 1 else ''}"
            if several_days:
                top_line, bottom_line = (
                    f"{column.day:%a %d %b}" + ("  (today)" if column.day == today else ""),
                    column.provider.name,
                )
            metrics = QFontMetrics(bold)
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(top_line, Qt.TextElideMode.ElideRight, round(area.width())),
            )
            painter.setFont(self.font())
            painter.drawText(
                area.adjusted(0, 0, 0, -4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                QFontMetrics(self.font()).elidedText(
                    bottom_line, Qt.TextElideMode.ElideRight, round(area.width())
                ),
            )
        painter.restore()

    def _paint_axis(self, painter: QPainter, top: int, bottom: int, palette: QPalette) -> None:
        view_h = self.viewport().height()
        painter.fillRect(QRect(0, 0, AXIS_WIDTH, view_h), palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(AXIS_WIDTH - 1, 0, AXIS_WIDTH - 1, view_h)
        painter.save()
        painter.setClipRect(QRect(0, HEADER_HEIGHT, AXIS_WIDTH, view_h))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        label_every = 30 if self.pixels_per_minute * 30 >= 30 else 60
        minute = (top // label_every) * label_every
        while minute <= bottom:
            y = self.y_of(minute)
            painter.setFont(self.font() if minute % 60 == 0 else small)
            painter.drawText(
                QRectF(0, y - 2, AXIS_WIDTH - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"{minute // 60:02d}:{minute % 60:02d}",
            )
            minute += label_every
        now = self.model.local(self._now())
        if now.date() in self.model.days:
            y = self.y_of(now.hour * 60 + now.minute)
            painter.setPen(QPen(QColor("#d32f2f"), 2))
            painter.drawLine(AXIS_WIDTH - 10, round(y), AXIS_WIDTH, round(y))
        painter.restore()

    # --- mouse ---------------------------------------------------------------------------
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


def describe(row: AppointmentRow | None, model: ScheduleModel) -> str:
    """The sentence a tooltip or a screen reader gives for an appointment."""
    if row is None:
        return ""
    start, end = model.local(row.start), model.local(row.end)
    provider = model.provider(row.provider_id)
    parts = [
        f"{row.patient_name}, {row.type_name}",
        f"{start:%a %d %b, %H:%M}–{end:%H:%M}" + (f" with {provider.name}" if provider else ""),
        f"Status: {row.status_label}",
    ]
    if row.room_name:
        parts.append(f"Room: {row.room_name}")
    if row.note:
        parts.append(f"Note: {row.note}")
    elif row.has_note:
        parts.append("Has a front-desk note (printed on the day sheet).")
    return "\n".join(parts)


def day_range(first: date, count: int) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range(count))
