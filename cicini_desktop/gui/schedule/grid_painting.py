"""Painting of the calendar grid: column backgrounds, lines, appointment blocks, header, axis.

A mixin of `CalendarGrid`: it reads the grid's model, geometry and selection and paints
only the visible columns and minutes; it changes no state.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_short, minutes_text, time_of
from cicini_desktop.gui.palette_colours import focus_colour
from cicini_desktop.gui.schedule.geometry import AXIS_WIDTH, HEADER_HEIGHT
from cicini_desktop.gui.schedule.model import Column
from cicini_desktop.gui.schedule.rows import AppointmentRow
from cicini_desktop.gui.schedule.text_stamps import TextStamps

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
    "booked": QT_TRANSLATE_NOOP("schedule.grid_painting", "Booked"),
    "confirmed": QT_TRANSLATE_NOOP("schedule.grid_painting", "Conf."),
    "arrived": QT_TRANSLATE_NOOP("schedule.grid_painting", "Arrived"),
    "in_progress": QT_TRANSLATE_NOOP("schedule.grid_painting", "Started"),
    "completed": QT_TRANSLATE_NOOP("schedule.grid_painting", "Done"),
    "cancelled": QT_TRANSLATE_NOOP("schedule.grid_painting", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("schedule.grid_painting", "No-show"),
}


# Combined once: an enum flag `|` per block was a tenth of a millisecond a paint.
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend(colour: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `colour` over `base`: a soft fill that keeps text readable."""
    return QColor(
        round(colour.red() * amount + base.red() * (1 - amount)),
        round(colour.green() * amount + base.green() * (1 - amount)),
        round(colour.blue() * amount + base.blue() * (1 - amount)),
    )


class _BlockFonts:
    """The fonts and metrics of appointment blocks for one widget font: made once, not per
    block per paint (a day of 20 providers paints some fifty blocks on every repaint)."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.metrics = QFontMetrics(self.font)
        self.line = self.metrics.height()
        self.badge = QFont(font)
        self.badge.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.badge.setBold(True)
        self.badge_metrics = QFontMetrics(self.badge)
        self.name = QFont(font)
        self.name.setBold(True)
        self.name_metrics = QFontMetrics(self.name)
        self.struck = QFont(self.name)
        self.struck.setStrikeOut(True)
        self.struck_metrics = QFontMetrics(self.struck)
        self.font_key, self.badge_key = self.font.key(), self.badge.key()


class _PaintCache:
    """What every block of one paint shares: colours parsed and blended once per type
    colour, status words translated and measured once per status (a busy day paints a
    hundred blocks; building these per block was a fifth of the paint)."""

    def __init__(self, base: QColor, dark: bool, fonts: _BlockFonts, stamps: TextStamps) -> None:
        self.base, self.dark, self.fonts, self.stamps = base, dark, fonts, stamps
        self._type: dict[str, tuple[QColor, QColor, QPen]] = {}
        self._words: dict[tuple[str, str], tuple[str, int]] = {}
        self.faded_fill = blend(QColor("#9e9e9e"), base, 0.2)
        self.faded_strip = QColor("#9e9e9e")
        self.status = {key: QColor(value) for key, value in STATUS_COLOURS.items()}
        self.other_status = QColor("#5f6b7a")

    def type_colours(self, colour: str) -> tuple[QColor, QColor, QPen]:
        """(strip, fill, border pen) of an appointment type's colour."""
        found = self._type.get(colour)
        if found is None:
            strip = QColor(colour)
            found = self._type[colour] = (
                strip,
                blend(strip, self.base, 0.35 if self.dark else 0.22),
                QPen(blend(strip, self.base, 0.7), 1),
            )
        return found

    def badge_word(self, row: AppointmentRow, short: bool) -> tuple[str, int]:
        """The status word on the badge (or its short form) and the badge's width."""
        key = (row.status, "short" if short else "long")
        found = self._words.get(key)
        if found is None:
            label = row.status_label
            if short and row.status in SHORT_STATUS:
                label = translate("schedule.grid_painting", SHORT_STATUS[row.status])
            found = self._words[key] = (
                label,
                self.fonts.badge_metrics.horizontalAdvance(label) + 10,
            )
        return found


class GridPainting:
    """Paint methods of the calendar grid (mixed into `CalendarGrid`)."""

    _block_fonts: _BlockFonts | None = None
    _text_stamps: TextStamps | None = None  # the widget's own, kept between paints

    def _fonts(self) -> _BlockFonts:
        font = self.font()  # type: ignore[attr-defined]
        cached = self._block_fonts
        if cached is None or cached.font != font:
            cached = self._block_fonts = _BlockFonts(font)
        return cached

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        # Backgrounds and lines are axis-aligned: painted without antialiasing (its coverage
        # arithmetic made the fills a third of a repaint); the rounded blocks turn it on.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._text_stamps is None:
            self._text_stamps = TextStamps()
        shared = _PaintCache(base, dark, self._fonts(), self._text_stamps)
        for item in self._placed:
            if first_visible <= item.column <= last_visible:
                rect = self._to_viewport(item.rect)
                if rect.bottom() >= HEADER_HEIGHT and rect.top() <= view_h:
                    self._paint_appointment(painter, item.row, rect, text, shared)
                    if item.row.id == self.selected_id and self.hasFocus():
                        self._paint_focus_ring(painter, rect)
        self._paint_now_line(painter, columns, first_visible, last_visible)
        self._paint_preview(painter, text)
        self._paint_cursor(painter, text)
        painter.restore()
        self._paint_header(painter, columns, first_visible, last_visible, palette)
        self._paint_axis(painter, top_minute, bottom_minute, palette)
        painter.end()
        self.painted.emit()  # type: ignore[attr-defined]

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
        text: QColor,
        shared: _PaintCache,
    ) -> None:
        type_colour, fill, border = shared.type_colours(row.colour)
        faded = row.status in ("cancelled", "no_show")
        if faded:
            fill = shared.faded_fill
        selected = row.id == self.selected_id
        painter.setPen(
            QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5) if selected else border
        )
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        strip = QRectF(rect.left(), rect.top(), 5, rect.height()).toAlignedRect()
        painter.fillRect(strip, type_colour if not faded else shared.faded_strip)

        inner = rect.adjusted(9, 1, -4, -1)
        fonts = shared.fonts
        font, metrics, line = fonts.font, fonts.metrics, fonts.line
        compact = inner.height() < 2 * line  # one line only: name and a short status word
        # The status is a coloured badge with a word (never colour alone). One-line blocks put
        # a short word right of the name; taller blocks give the name the whole first line
        # and start the second line with the badge.
        badge_font, badge_metrics = fonts.badge, fonts.badge_metrics
        label, badge_w = shared.badge_word(row, short=False)
        room_for = inner.width() - (60 if compact else 30)
        if badge_w > room_for:
            label, badge_w = shared.badge_word(row, short=True)
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
            fill = shared.status.get(row.status, shared.other_status)
            shared.stamps.draw_badge(painter, badge, label, badge_font, fonts.badge_key, fill)
        start = self.model.local(row.start)
        end = self.model.local(row.end)
        struck = row.status == "cancelled"
        name_font = fonts.struck if struck else fonts.name
        name_metrics = fonts.struck_metrics if struck else fonts.name_metrics
        painter.setPen(text)
        painter.setFont(name_font)
        # The time axis already says when: the first line is all the patient's name.
        name_rect = QRectF(inner.left(), inner.top(), name_right - inner.left(), line)
        painter.drawText(
            name_rect,
            _LEFT_MIDDLE,
            name_metrics.elidedText(row.patient_name, _ELIDE_RIGHT, round(name_rect.width())),
        )
        rest = [row.type_name]
        if row.room_name:
            rest.append(row.room_name)
        second = " · ".join(rest)
        if not show_badge:
            second = f"{row.status_label} · {second}"
        y = inner.top() + line
        if y + line <= inner.bottom() + 2:
            width = inner.right() - second_left
            second_rect = QRectF(second_left, y, width, line)
            shared.stamps.draw_line(
                painter, second_rect, second, font, fonts.font_key, metrics, text
            )
            y += line
        if y + line <= inner.bottom() + 2:
            times = f"{time_of(start)}–{time_of(end)}"
            times_rect = QRectF(inner.left(), y, inner.width(), line)
            shared.stamps.draw_line(painter, times_rect, times, font, fonts.font_key, metrics, text)

    def _paint_focus_ring(self, painter: QPainter, rect: QRectF) -> None:
        """Keyboard focus on the selected appointment: a solid ring in the text colour just
        outside the block (the selection's highlight border alone is colour only, and shows
        without focus too)."""
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(focus_colour(self.palette()), 2))
        painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), 6, 6)
        painter.restore()

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
            bottom_line = translate("schedule.grid_painting", "%n appointment(s)", None, count)
            if several_days:
                top_line, bottom_line = (
                    day_short(column.day)
                    + (
                        translate("schedule.grid_painting", "  (today)")
                        if column.day == today
                        else ""
                    ),
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
                minutes_text(minute),
            )
            minute += label_every
        now = self.model.local(self._now())
        if now.date() in self.model.days:
            y = self.y_of(now.hour * 60 + now.minute)
            painter.setPen(QPen(QColor("#d32f2f"), 2))
            painter.drawLine(AXIS_WIDTH - 10, round(y), AXIS_WIDTH, round(y))
        painter.restore()
