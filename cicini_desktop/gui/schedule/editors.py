"""Date and time fields with one Tab stop each.

Qt's date/time editors move between their sections (weekday, day, month, year; hour,
minute) on Tab, so a keyboard user tabbed four times through a date and twice through a
time. Here Tab and Shift+Tab leave the field; Left/Right (and typing, which advances by
itself when a section is full) still move between the sections inside it. The calendar
starts its weeks on the clinic's first day; times follow the clinic's clock.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget

from cicini_desktop.gui.locale_format import first_day_of_week, time_pattern


class DateField(QDateEdit):
    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDate(value)

    def setCalendarPopup(self, enable: bool) -> None:
        super().setCalendarPopup(enable)
        calendar = self.calendarWidget()
        if enable and calendar is not None:
            calendar.setFirstDayOfWeek(first_day_of_week())

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QTimeEdit):
    def __init__(self, value: QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(time_pattern())
        if value is not None:
            self.setTime(value)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
