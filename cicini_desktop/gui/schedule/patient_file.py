"""The patient file: contact details, upcoming and past appointments with their status,
attendance (no-shows, late cancellations) and waitlist entries; the next appointment is one
click (or Enter) away in the calendar.

Opened from the Patients page, the calendar (Ctrl+I on an appointment) and the booking
dialog. Everything is read through one `QueryOp`; nothing here writes.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.ids import PatientId
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_long, day_numeric, time_of
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.schedule.source import PatientFileView, ScheduleBackend, VisitRow

REMINDERS = {
    "none": QT_TRANSLATE_NOOP("schedule.patient_file", "No reminders"),
    "email": QT_TRANSLATE_NOOP("schedule.patient_file", "By email"),
    "sms": QT_TRANSLATE_NOOP("schedule.patient_file", "By text message"),
}


class PatientFile(QDialog):
    show_appointment = Signal(str, object)  # appointment id, its local date

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        patient_id: PatientId,
        zone: ZoneInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone = zone
        self.data: PatientFileView | None = None
        self.setWindowTitle(translate("schedule.patient_file", "Patient file"))
        self.setAccessibleName(translate("schedule.patient_file", "Patient file"))
        self.resize(720, 560)
        self.heading = QLabel(translate("schedule.patient_file", "Loading the patient file…"))
        self.heading.setAccessibleName(translate("schedule.patient_file", "Patient"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.contact = QFormLayout()
        self.birth = QLabel("")
        self.phone = QLabel("")
        self.email = QLabel("")
        self.reminder = QLabel("")
        self.attendance = QLabel("")
        for label, widget, name in (
            (
                translate("schedule.patient_file", "Date of birth:"),
                self.birth,
                translate("schedule.patient_file", "Date of birth"),
            ),
            (
                translate("schedule.patient_file", "Phone:"),
                self.phone,
                translate("schedule.patient_file", "Phone"),
            ),
            (
                translate("schedule.patient_file", "Email:"),
                self.email,
                translate("schedule.patient_file", "Email"),
            ),
            (
                translate("schedule.patient_file", "Reminders:"),
                self.reminder,
                translate("schedule.patient_file", "Reminders"),
            ),
            (
                translate("schedule.patient_file", "Attendance:"),
                self.attendance,
                translate("schedule.patient_file", "Attendance"),
            ),
        ):
            widget.setAccessibleName(name)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.contact.addRow(label, widget)
        self.next_label = QLabel("")
        self.next_label.setAccessibleName(translate("schedule.patient_file", "Next appointment"))
        self.next_label.setWordWrap(True)
        self.next_button = QPushButton(
            translate("schedule.patient_file", "Show the &next appointment in the calendar")
        )
        self.next_button.setAccessibleName(
            translate("schedule.patient_file", "Show the next appointment in the calendar")
        )
        self.next_button.setEnabled(False)
        self.next_button.clicked.connect(self.go_to_next)
        self.upcoming = self._visits_tree(
            translate("schedule.patient_file", "Upcoming appointments")
        )
        self.past = self._visits_tree(translate("schedule.patient_file", "Past appointments"))
        self.waitlist = QLabel("")
        self.waitlist.setAccessibleName(translate("schedule.patient_file", "Waitlist entries"))
        self.waitlist.setWordWrap(True)
        self.upcoming_box = QGroupBox(translate("schedule.patient_file", "&Upcoming"))
        box = QVBoxLayout(self.upcoming_box)
        box.addWidget(self.upcoming)
        self.past_box = QGroupBox(translate("schedule.patient_file", "&Past"))
        box = QVBoxLayout(self.past_box)
        box.addWidget(self.past)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.contact)
        layout.addWidget(self.next_label)
        layout.addWidget(self.next_button)
        layout.addWidget(self.upcoming_box, 1)
        layout.addWidget(self.past_box, 1)
        layout.addWidget(QLabel(translate("schedule.patient_file", "<b>Waitlist</b>")))
        layout.addWidget(self.waitlist)
        layout.addWidget(close)
        QueryOp(self, lambda: backend.patient_file(patient_id)).title(
            translate("schedule.patient_file", "The patient file could not be opened")
        ).success(self.show_data).run(hub)

    def _visits_tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName(name)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(
            [
                translate("schedule.patient_file", "When"),
                translate("schedule.patient_file", "With"),
                translate("schedule.patient_file", "Type"),
                translate("schedule.patient_file", "Status"),
            ]
        )
        tree.setColumnWidth(0, 190)
        tree.setColumnWidth(1, 170)
        tree.setColumnWidth(2, 150)
        tree.itemActivated.connect(lambda item, _c: self._activate(item))
        return tree

    def _fill(self, tree: QTreeWidget, visits: tuple[VisitRow, ...]) -> None:
        tree.clear()
        for visit in visits:
            local = visit.start.astimezone(self._zone) if self._zone else visit.start
            status = visit.status_label + (
                translate("schedule.patient_file", " (late)") if visit.late_cancel else ""
            )
            item = QTreeWidgetItem(
                [
                    f"{day_numeric(local)} {time_of(local)}",
                    visit.provider_name,
                    visit.type_name,
                    status,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, visit.appointment_id)
            item.setData(1, Qt.ItemDataRole.UserRole, local.date())
            tree.addTopLevelItem(item)

    def show_data(self, data: PatientFileView) -> None:
        self.data = data
        title = data.name + (
            translate("schedule.patient_file", "  ·  No. {number}").format(number=data.number)
            if data.number
            else ""
        )
        self.heading.setText(title)
        self.setWindowTitle(
            translate("schedule.patient_file", "Patient file: {name}").format(name=data.name)
        )
        self.birth.setText(
            day_numeric(data.birth_date)
            if data.birth_date
            else translate("schedule.patient_file", "not given")
        )
        self.phone.setText(data.phone or translate("schedule.patient_file", "not given"))
        self.email.setText(data.email or translate("schedule.patient_file", "not given"))
        self.reminder.setText(
            translate("schedule.patient_file", REMINDERS.get(data.reminder, data.reminder))
        )
        self.attendance.setText(data.attendance)
        self._fill(self.upcoming, data.upcoming)
        self._fill(self.past, data.past)
        upcoming, past = len(data.upcoming), len(data.past)  # (lupdate skips calls as arguments)
        self.upcoming_box.setTitle(
            translate("schedule.patient_file", "&Upcoming (%n appointment(s))", None, upcoming)
        )
        self.past_box.setTitle(
            translate("schedule.patient_file", "&Past (%n appointment(s))", None, past)
        )
        if data.upcoming:
            first = data.upcoming[0]
            local = first.start.astimezone(self._zone) if self._zone else first.start
            self.next_label.setText(
                translate(
                    "schedule.patient_file",
                    "Next appointment: {day} at {time}, {type_name} with {provider_name}.",
                ).format(
                    day=day_long(local),
                    time=time_of(local),
                    type_name=first.type_name,
                    provider_name=first.provider_name,
                )
            )
            self.next_button.setEnabled(True)
            self.next_button.setDefault(True)
            self.next_button.setFocus()
        else:
            self.next_label.setText(translate("schedule.patient_file", "No upcoming appointment."))
            self.next_button.setEnabled(False)
        if data.waitlist:
            self.waitlist.setText(
                "\n".join(
                    f"{w.type_name}, priority {w.priority}" + (f": {w.note}" if w.note else "")
                    for w in data.waitlist
                )
            )
        else:
            self.waitlist.setText(translate("schedule.patient_file", "Not on the waitlist."))

    def go_to_next(self) -> None:
        if self.data is None or not self.data.upcoming:
            return
        first = self.data.upcoming[0]
        self.accept()
        local = first.start.astimezone(self._zone) if self._zone else first.start
        self.show_appointment.emit(first.appointment_id, local.date())

    def _activate(self, item: QTreeWidgetItem) -> None:
        appointment_id = item.data(0, Qt.ItemDataRole.UserRole)
        day = item.data(1, Qt.ItemDataRole.UserRole)
        if isinstance(appointment_id, str) and isinstance(day, date):
            self.accept()
            self.show_appointment.emit(appointment_id, day)
