"""The strip above the calendar that says why there is nothing to book.

Two kinds of content share it: the page's own closed-day notice (with "go to the next open
day"), and an empty-state widget supplied from outside (`SchedulePage.show_empty_state`,
e.g. a set-up checklist when no provider, type or hours exist yet). One place, so the
calendar never shows an unexplained empty grey grid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import day_long, day_short


class DayNotice(QFrame):
    def __init__(self, go_to: Callable[[date], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("schedule.day_notice", "Schedule notice"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._go_to = go_to
        self._next: date | None = None
        self.text = QLabel("")
        self.text.setAccessibleName(translate("schedule.day_notice", "Why nothing can be booked"))
        self.text.setWordWrap(True)
        self.next_button = QPushButton("")
        self.next_button.setAccessibleName(
            translate("schedule.day_notice", "Go to the next open day")
        )
        self.next_button.clicked.connect(self._go_next)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.next_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addLayout(row)
        self.empty_state: QWidget | None = None
        self.setVisible(False)

    def show_closed(self, day: date, next_open: date | None) -> None:
        self._next = next_open
        sentence = translate(
            "schedule.day_notice", "Closed on {day}: no provider works that day."
        ).format(day=day_long(day))
        if next_open is None:
            sentence += translate(
                "schedule.day_notice",
                " No open day in the next 90 days; check the opening hours and rotas.",
            )
        self.text.setText(sentence)
        self.text.setVisible(True)
        self.next_button.setVisible(next_open is not None)
        if next_open is not None:
            self.next_button.setText(
                translate("schedule.day_notice", "Go to the next open day: {day}").format(
                    day=day_short(next_open)
                )
            )
        self._refresh_visibility()

    def clear_closed(self) -> None:
        self._next = None
        self.text.setText("")
        self.text.setVisible(False)
        self.next_button.setVisible(False)
        self._refresh_visibility()

    @property
    def closed_shown(self) -> bool:
        return bool(self.text.text())

    def set_empty_state(self, widget: QWidget | None) -> None:
        if self.empty_state is not None:
            self._layout.removeWidget(self.empty_state)
            self.empty_state.setParent(None)
        self.empty_state = widget
        if widget is not None:
            self._layout.addWidget(widget)
        self._refresh_visibility()

    def _refresh_visibility(self) -> None:
        self.setVisible(self.closed_shown or self.empty_state is not None)

    def _go_next(self) -> None:
        if self._next is not None:
            self._go_to(self._next)
