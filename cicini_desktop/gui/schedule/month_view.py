"""The month overview: a 6-week grid with the number of appointments on each day.

Painted, not widgets. Click a day (or move with the arrows and press Enter) to open it.
Weeks start on the clinic's first day of the week (Front desk settings), else the locale's
(gui/locale_format.first_day_of_week), as the date fields' calendars do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import first_day_of_week, month_year, week_start
from cicini_desktop.gui.palette_colours import focus_colour

# Monday first (ISO order); the header is rotated to the clinic's first day.
WEEKDAYS = (
    QT_TRANSLATE_NOOP("schedule.month_view", "Mon"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Tue"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Wed"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Thu"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Fri"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Sat"),
    QT_TRANSLATE_NOOP("schedule.month_view", "Sun"),
)
HEADER = 28


def month_grid_start(any_day: date, week_starts: int | None = None) -> date:
    """The first day of the 6-week grid that shows `any_day`'s month: the last `week_starts`
    (ISO 1 = Monday ... 7 = Sunday; default the clinic's or the locale's) on or before the 1st."""
    return week_start(any_day.replace(day=1), week_starts)


def weekday_headers(week_starts: int | None = None) -> list[str]:
    """The column headers, translated, from the week's first day."""
    start = (week_starts or first_day_of_week().value) - 1
    names = [translate("schedule.month_view", name) for name in WEEKDAYS]
    return names[start:] + names[:start]


class MonthView(QWidget):
    day_activated = Signal(object)  # date

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.current = today()
        self.counts: dict[date, int] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("schedule.month_view", "Month overview"))
        self.setMinimumSize(500, 360)

    def set_month(self, any_day: date, counts: dict[date, int]) -> None:
        self.current = any_day
        self.counts = counts
        total = sum(v for d, v in counts.items() if d.month == any_day.month)
        self.setAccessibleDescription(
            translate("schedule.month_view", "{month}: {total} appointments").format(
                month=month_year(any_day), total=total
            )
        )
        self.update()

    def first_day(self) -> date:
        return month_grid_start(self.current)

    def _cell(self, index: int) -> QRectF:
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        return QRectF((index % 7) * width, HEADER + (index // 7) * height, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(self.rect(), base)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        width = self.width() / 7
        for column, name in enumerate(weekday_headers()):
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(column * width, 0, width, HEADER), Qt.AlignmentFlag.AlignCenter, name
            )
        start = self.first_day()
        busiest = max(self.counts.values(), default=0) or 1
        today = self._today()
        for index in range(42):
            day = start + timedelta(days=index)
            cell = self._cell(index)
            count = self.counts.get(day, 0)
            in_month = day.month == self.current.month
            shade = QColor(palette.color(QPalette.ColorRole.Highlight))
            shade.setAlpha(int(20 + 110 * count / busiest) if count else 0)
            painter.fillRect(cell.adjusted(1, 1, -1, -1), shade)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(cell)
            if day == self.current:
                painter.setPen(palette.color(QPalette.ColorRole.Highlight))
                painter.drawRect(cell.adjusted(2, 2, -2, -2))
                if self.hasFocus():  # keyboard focus: a ring that meets contrast
                    painter.setPen(QPen(focus_colour(palette), 2))
                    painter.drawRect(cell.adjusted(4, 4, -4, -4))
            colour = QColor(text)
            if not in_month:
                colour.setAlpha(110)
            painter.setPen(colour)
            painter.setFont(bold if day == today else self.font())
            label = f"{day.day}" + (
                translate("schedule.month_view", "  today") if day == today else ""
            )
            painter.drawText(
                cell.adjusted(6, 4, -6, -4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                label,
            )
            if count:
                painter.setFont(bold)
                painter.drawText(
                    cell.adjusted(6, 4, -6, -6),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                    translate("schedule.month_view", "%n appt(s)", None, count),
                )
        painter.end()

    def day_at(self, x: float, y: float) -> date | None:
        if y < HEADER:
            return None
        column = int(x // (self.width() / 7))
        row = int((y - HEADER) // ((self.height() - HEADER) / 6))
        if 0 <= column < 7 and 0 <= row < 6:
            return self.first_day() + timedelta(days=row * 7 + column)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None:
            self.current = day
            self.update()
            self.day_activated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if event.key() in steps:
            self.current += timedelta(days=steps[Qt.Key(event.key())])
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.day_activated.emit(self.current)
        else:
            super().keyPressEvent(event)
