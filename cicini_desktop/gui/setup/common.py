"""Shared parts of the set-up pages: a week of typed time spans, the inline error line, and
the list of appointments a change would strand (confirm to save anyway; also the worklist).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import AffectedAppointmentsError, CiciniError
from cicini_desktop.core.scheduling import setup_rules
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import time_of, weekday_and_numeric
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, WriteOp

Interval = tuple[int, int, int]


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(translate("setup.common", "Error message"))
    label.setStyleSheet("color: #B00020;")
    return label


def status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(translate("setup.common", "Status"))
    return label


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setDisplayFormat("ddd dd.MM.yyyy")
    edit.setCalendarPopup(True)
    return edit


def minute_of(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


class WeekEditor(QWidget):
    """Seven lines, Monday to Sunday; each takes spans such as "08:00-12:00, 13:00-18:00"."""

    def __init__(self, title: str, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.field = field
        self.days: list[QLineEdit] = []
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        locale = QLocale()
        for day_index, _english in enumerate(setup_rules.WEEKDAYS):
            name = locale.dayName(day_index + 1, QLocale.FormatType.LongFormat)  # 1 = Monday
            edit = QLineEdit()
            edit.setAccessibleName(f"{title}, {name}")
            edit.setPlaceholderText(
                translate("setup.common", "closed")
                if field == "clinic_hours"
                else translate("setup.common", "none")
            )
            label = QLabel(locale.dayName(day_index + 1, QLocale.FormatType.ShortFormat))
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.days.append(edit)

    def intervals(self) -> list[Interval]:
        """The typed spans (raises ValidationError with a sentence naming the day)."""
        rows: list[Interval] = []
        for weekday, edit in enumerate(self.days):
            rows += setup_rules.parse_day(edit.text(), weekday, self.title, self.field)
        return rows

    def set_intervals(self, rows: Sequence[Interval]) -> None:
        for weekday, edit in enumerate(self.days):
            edit.setText(setup_rules.format_day(rows, weekday))


class AffectedDialog(QDialog):
    """Appointments a change would leave outside hours (or, as the worklist, that are now).

    With `confirm` the dialog offers "Save anyway"; nothing is moved or cancelled either way.
    """

    def __init__(
        self,
        rows: Sequence[object],
        parent: QWidget | None,
        *,
        confirm: bool,
        sentence: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("setup.common", "Appointments to rebook")
            if not confirm
            else translate("setup.common", "Before saving")
        )
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            sentence
            or (
                translate(
                    "setup.common",
                    "These future appointments are outside working hours, in time off or in a "
                    "closure. Rebook them from the schedule; nothing was moved or cancelled.",
                )
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("setup.common", "Affected appointments"))
        for row in rows:
            start = getattr(row, "start", None)
            when = f"{weekday_and_numeric(start)} {time_of(start)}" if start is not None else ""
            self.list.addItem(
                f"{when} · {getattr(row, 'provider_name', '')} · "
                f"{getattr(row, 'patient_name', '')} — {localized(getattr(row, 'reason', ''))}"
            )
        buttons = QDialogButtonBox()
        if confirm:
            self.save_button = buttons.addButton(
                translate("setup.common", "&Save anyway"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.save_button.setAccessibleName(translate("setup.common", "Save anyway"))
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(620, 360)


class SetupWriter:
    """Runs a set-up write through the worker; a refusal for stranded appointments opens
    the list with "Save anyway", which runs the write again with ``allow_affected=True``;
    any other refusal is shown in the page's error line."""

    def __init__(self, page: QWidget, hub: OperationHub, error: QLabel, status: QLabel) -> None:
        self.page = page
        self.hub = hub
        self.error = error
        self.status = status
        self.dialog: AffectedDialog | None = None

    def run(
        self,
        write: Callable[[bool], object],
        done_sentence: str,
        after: Callable[[object], None] | None = None,
    ) -> None:
        self.error.clear()

        def succeeded(result: object) -> None:
            self.status.setText(done_sentence)
            if after is not None:
                after(result)

        def failed(error: CiciniError) -> None:
            if isinstance(error, AffectedAppointmentsError):
                self.dialog = AffectedDialog(
                    error.appointments, self.page, confirm=True, sentence=sentence(error)
                )
                self.dialog.accepted.connect(lambda: self._again(write, succeeded))
                self.dialog.open()
                return
            self.error.setText(sentence(error))

        WriteOp(self.page, lambda: write(False)).success(succeeded).failure(failed).run(self.hub)

    def _again(self, write: Callable[[bool], object], succeeded: Callable[[object], None]) -> None:
        WriteOp(self.page, lambda: write(True)).success(succeeded).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)


def heading(text: str) -> QLabel:
    label = QLabel(f"<h3>{text}</h3>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
