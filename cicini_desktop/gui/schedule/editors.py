"""Date and time fields with one Tab stop each.

Qt's date/time editors move between their sections (weekday, day, month, year; hour,
minute) on Tab, so a keyboard user tabbed four times through a date and twice through a
time. Here Tab and Shift+Tab leave the field; Left/Right (and typing, which advances by
itself when a section is full) still move between the sections inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget


class DateField(QDateEdit):
    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDate(value)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QTimeEdit):
    def __init__(self, value: QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setTime(value)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
