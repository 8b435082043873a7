"""The booking dialog: who, when, what, where, and the conflicts before saving.

Prefilled from the drag (or key) that opened it. Conflicts are checked live on the database
worker as fields change and shown as sentences; a recurring booking lists each occurrence
with its conflicts, and conflicting occurrences can be skipped. Saving despite a conflict
needs the override permission and a reason.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError, ConflictError
from cicini_desktop.core.ids import AppointmentTypeId, StaffId
from cicini_desktop.core.scheduling.validation import NOTE_MAX
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_short, time_of
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.schedule.editors import DateField, TimeField
from cicini_desktop.gui.schedule.patient_picker import PatientPicker
from cicini_desktop.gui.schedule.rows import PatientHit
from cicini_desktop.gui.schedule.source import (
    BookingDraft,
    Catalogue,
    OccurrenceCheck,
    ScheduleBackend,
)

CHECK_DELAY_MS = 200
REPEAT_CHOICES = (
    ("", QT_TRANSLATE_NOOP("schedule.booking_dialog", "Does not repeat")),
    ("daily", QT_TRANSLATE_NOOP("schedule.booking_dialog", "Every day")),
    ("weekly", QT_TRANSLATE_NOOP("schedule.booking_dialog", "Every week")),
    ("every_2_weeks", QT_TRANSLATE_NOOP("schedule.booking_dialog", "Every 2 weeks")),
    ("monthly", QT_TRANSLATE_NOOP("schedule.booking_dialog", "Every month (same date)")),
)


def booked_sentence(count: int) -> str:
    """'Appointment booked.' or '6 appointments booked.' (a series says how many)."""
    return translate("schedule.booking_dialog", "%n appointment(s) booked.", None, count)


class BookingDialog(QDialog):
    booked = Signal(int)  # how many appointments were booked (a series: each occurrence)
    patient_file_requested = Signal(str)  # patient id

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        catalogue: Catalogue,
        timezone: ZoneInfo,
        *,
        provider_id: StaffId,
        start: datetime,
        minutes: int,
        may_override: bool = False,
        may_create_patient: bool = True,
        patient: PatientHit | None = None,
        type_id: AppointmentTypeId = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("schedule.booking_dialog", "Book an appointment"))
        self.setAccessibleName(translate("schedule.booking_dialog", "Book an appointment"))
        self._backend = backend
        self._hub = hub
        self._catalogue = catalogue
        self._zone = timezone
        self._may_override = may_override
        self._checks: list[OccurrenceCheck] = []
        self._generation = 0

        local = start.astimezone(timezone)
        self.provider = QComboBox()
        self.provider.setAccessibleName(translate("schedule.booking_dialog", "Provider"))
        for row in catalogue.providers:
            self.provider.addItem(row.name, row.id)
        self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))
        self.day = DateField(QDate(local.year, local.month, local.day))
        self.day.setAccessibleName(translate("schedule.booking_dialog", "Date"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd dd.MM.yyyy")
        self.time = TimeField(QTime(local.hour, local.minute))
        self.time.setAccessibleName(translate("schedule.booking_dialog", "Start time"))
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setAccessibleName(translate("schedule.booking_dialog", "Duration in minutes"))
        self.duration.setRange(5, 600)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(translate("schedule.booking_dialog", " min"))
        self.duration.setValue(minutes)
        self.type = QComboBox()
        self.type.setAccessibleName(translate("schedule.booking_dialog", "Appointment type"))
        self.type.addItem(translate("schedule.booking_dialog", "Choose a type…"), "")
        for row in catalogue.types:
            self.type.addItem(
                translate("schedule.booking_dialog", "{name} ({duration_minutes} min)").format(
                    name=row.name, duration_minutes=row.duration_minutes
                ),
                row.id,
            )
        if type_id:
            self.type.setCurrentIndex(max(0, self.type.findData(type_id)))
        self.room = QComboBox()
        self.room.setAccessibleName(translate("schedule.booking_dialog", "Room"))
        self.room.addItem(translate("schedule.booking_dialog", "No room needed"), "")
        for row in catalogue.rooms:
            self.room.addItem(row.name, row.id)
        # No maximum length on the field: a pasted long note would be cut without a word.
        # The counter shows the length; over the limit, booking waits for a shorter note.
        self.note = QLineEdit()
        self.note.setAccessibleName(translate("schedule.booking_dialog", "Note"))
        self.note.setPlaceholderText(
            translate(
                "schedule.booking_dialog",
                "Short front-desk note (optional, up to {NOTE_MAX} characters)",
            ).format(NOTE_MAX=NOTE_MAX)
        )
        self.note_counter = QLabel(f"0 / {NOTE_MAX}")
        self.note_counter.setAccessibleName(translate("schedule.booking_dialog", "Note length"))
        self.attendance = QLabel("")
        self.attendance.setAccessibleName(
            translate("schedule.booking_dialog", "Attendance of the patient")
        )
        self.open_file = QPushButton(translate("schedule.booking_dialog", "Patient &file…"))
        self.open_file.setAccessibleName(
            translate("schedule.booking_dialog", "Open the patient file")
        )
        self.open_file.setEnabled(False)
        self.notice = QLabel("")
        self.notice.setAccessibleName(translate("schedule.booking_dialog", "Notice"))
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.waitlist_entry_id = ""
        self.repeat = QComboBox()
        self.repeat.setAccessibleName(translate("schedule.booking_dialog", "Repeat"))
        for value, label in REPEAT_CHOICES:
            label = translate("schedule.booking_dialog", label)
            self.repeat.addItem(label, value)
        self.count = QSpinBox()
        self.count.setAccessibleName(
            translate("schedule.booking_dialog", "Number of appointments in the series")
        )
        self.count.setRange(2, 52)
        self.count.setValue(6)
        self.count.setSuffix(translate("schedule.booking_dialog", " times"))
        self.count.setEnabled(False)
        self.patient = PatientPicker(backend, hub, may_create_patient)
        if patient is not None:
            self.patient.search.setText(patient.display_name)
            self.patient.set_patient(patient)

        self.conflicts = QLabel("")
        self.conflicts.setAccessibleName(translate("schedule.booking_dialog", "Conflicts"))
        self.conflicts.setWordWrap(True)
        self.occurrences = QListWidget()
        self.occurrences.setAccessibleName(
            translate("schedule.booking_dialog", "Occurrences of the series")
        )
        self.occurrences.setVisible(False)
        self.occurrences.setMaximumHeight(140)
        self.override = QCheckBox(translate("schedule.booking_dialog", "Book despite the conflict"))
        self.override.setAccessibleName(
            translate("schedule.booking_dialog", "Book despite the conflict")
        )
        self.override_reason = QLineEdit()
        self.override_reason.setAccessibleName(
            translate("schedule.booking_dialog", "Reason for booking despite the conflict")
        )
        self.override_reason.setPlaceholderText(
            translate("schedule.booking_dialog", "Why it is fine (required)")
        )
        self.override.setVisible(False)
        self.override_reason.setVisible(False)
        self.error = QLabel("")
        self.error.setAccessibleName(translate("schedule.booking_dialog", "Problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(error_style())

        # Rows of several fields sit in a widget, so the label's mnemonic has a buddy.
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.day)
        when_row.addWidget(self.time)
        when_row.addWidget(self.duration)
        when.setFocusProxy(self.day)
        repeat = QWidget()
        repeat_row = QHBoxLayout(repeat)
        repeat_row.setContentsMargins(0, 0, 0, 0)
        repeat_row.addWidget(self.repeat, 1)
        repeat_row.addWidget(self.count)
        repeat.setFocusProxy(self.repeat)
        form = QFormLayout()
        form.addRow(translate("schedule.booking_dialog", "&Patient:"), self.patient)
        file_row = QHBoxLayout()
        file_row.addWidget(self.attendance, 1)
        file_row.addWidget(self.open_file)
        form.addRow("", file_row)
        form.addRow(translate("schedule.booking_dialog", "&Type:"), self.type)
        form.addRow(translate("schedule.booking_dialog", "Pro&vider:"), self.provider)
        # A label's buddy is the field itself (not the row's container), so a screen
        # reader names the date field and the repeat combo, and Alt+letter lands in them.
        when_label = QLabel(translate("schedule.booking_dialog", "&When:"))
        when_label.setBuddy(self.day)
        form.addRow(when_label, when)
        form.addRow(translate("schedule.booking_dialog", "&Room:"), self.room)
        note_box = QWidget()
        note_row = QHBoxLayout(note_box)
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_counter)
        note_label = QLabel(translate("schedule.booking_dialog", "N&ote:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, note_box)
        repeat_label = QLabel(translate("schedule.booking_dialog", "Re&peat:"))
        repeat_label.setBuddy(self.repeat)
        form.addRow(repeat_label, repeat)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("schedule.booking_dialog", "&Book"))
        self.save_button.setAccessibleName(translate("schedule.booking_dialog", "Book"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            translate("schedule.booking_dialog", "Cancel")
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        self.heading = QLabel(
            translate(
                "schedule.booking_dialog",
                "<b>New appointment</b> — find the patient, choose the type, check the "
                "time, then Book.",
            )
        )
        self.heading.setAccessibleName(translate("schedule.booking_dialog", "New appointment"))
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.occurrences)
        layout.addWidget(self.override)
        layout.addWidget(self.override_reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(580, 0)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self._check)
        for signal in (
            self.provider.currentIndexChanged,
            self.day.dateChanged,
            self.time.timeChanged,
            self.duration.valueChanged,
            self.room.currentIndexChanged,
            self.repeat.currentIndexChanged,
            self.count.valueChanged,
            self.patient.patient_chosen,
        ):
            signal.connect(lambda *_: self._timer.start())
        self.type.currentIndexChanged.connect(self._type_changed)
        self.repeat.currentIndexChanged.connect(
            lambda _i: self.count.setEnabled(bool(self.repeat.currentData()))
        )
        self.override.toggled.connect(self.override_reason.setVisible)
        self.override.toggled.connect(lambda _on: self._update_save())
        self.override_reason.textChanged.connect(lambda _t: self._update_save())
        self.note.textChanged.connect(lambda _t: self._note_changed())
        self.patient.patient_chosen.connect(lambda *_: self._patient_changed())
        self.open_file.clicked.connect(
            lambda: self.patient.chosen and self.patient_file_requested.emit(self.patient.chosen.id)
        )
        if patient is not None:
            self._patient_changed()
        self._update_save()
        self._timer.start()
        self.patient.search.setFocus()

    # --- the draft -----------------------------------------------------------------------
    def start(self) -> datetime:
        day = self.day.date().toPython()
        moment = self.time.time().toPython()
        assert isinstance(moment, time)
        return datetime.combine(day, moment, self._zone)  # type: ignore[arg-type]

    def draft(self) -> BookingDraft:
        return BookingDraft(
            provider_id=str(self.provider.currentData() or ""),
            start=self.start(),
            minutes=self.duration.value(),
            patient_id=self.patient.chosen.id if self.patient.chosen else "",
            type_id=str(self.type.currentData() or ""),
            room_id=str(self.room.currentData() or ""),
            note=self.note.text().strip(),
            repeat=str(self.repeat.currentData() or ""),
            count=self.count.value() if self.repeat.currentData() else 1,
            waitlist_entry_id=self.waitlist_entry_id,
        )

    def show_notice(self, text: str) -> None:
        """A sentence above the form (e.g. why the proposed time differs from the freed one)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _note_changed(self) -> None:
        length = len(self.note.text().strip())
        if length > NOTE_MAX:
            self.note_counter.setText(
                translate(
                    "schedule.booking_dialog", "{length} / {NOTE_MAX}: {over} too many"
                ).format(length=length, NOTE_MAX=NOTE_MAX, over=length - NOTE_MAX)
            )
            self.note_counter.setStyleSheet(error_style())
        else:
            self.note_counter.setText(f"{length} / {NOTE_MAX}")
            self.note_counter.setStyleSheet("")
        self._update_save()

    def _patient_changed(self) -> None:
        chosen = self.patient.chosen
        self.open_file.setEnabled(chosen is not None)
        self.attendance.setText("")
        if chosen is None:
            return
        patient_id = chosen.id

        def show(sentence: str) -> None:
            if self.patient.chosen is not None and self.patient.chosen.id == patient_id:
                self.attendance.setText(
                    translate("schedule.booking_dialog", "Attendance: {sentence}.").format(
                        sentence=sentence
                    )
                )

        QueryOp(self, lambda: self._backend.attendance(patient_id)).success(show).failure(
            lambda _e: None
        ).run(self._hub)

    def _type_changed(self, _index: int) -> None:
        type_id = self.type.currentData()
        row = next((t for t in self._catalogue.types if t.id == type_id), None)
        if row is not None:
            self.duration.setValue(row.duration_minutes)
        self._timer.start()
        self._update_save()

    def missing(self) -> str:
        """What still has to be filled in, as a sentence (empty when complete)."""
        if self.patient.chosen is None:
            return translate(
                "schedule.booking_dialog",
                "Choose the patient: type their name and pick them from the list.",
            )
        if not self.type.currentData():
            return translate("schedule.booking_dialog", "Choose the appointment type.")
        length = len(self.note.text().strip())
        if length > NOTE_MAX:
            return translate(
                "schedule.booking_dialog",
                "The note is {length} characters long; shorten it to {NOTE_MAX} or "
                "fewer (nothing is cut for you).",
            ).format(length=length, NOTE_MAX=NOTE_MAX)
        return ""

    # --- live conflict check ---------------------------------------------------------------
    def _check(self) -> None:
        draft = self.draft()
        if not draft.provider_id:
            return
        self._generation += 1
        generation = self._generation

        def show(checks: list[OccurrenceCheck]) -> None:
            if generation == self._generation:
                self.show_checks(checks)

        def failed(error: CiciniError) -> None:
            if generation == self._generation:
                self.conflicts.setText(sentence(error))

        (
            QueryOp(self, lambda: self._backend.check(draft))
            .success(show)
            .failure(failed)
            .run(self._hub)
        )

    def show_checks(self, checks: list[OccurrenceCheck]) -> None:
        self._checks = checks
        bad = [check for check in checks if check.sentences]
        series = len(checks) > 1
        self.occurrences.setVisible(series)
        self.occurrences.clear()
        if series:
            for check in checks:
                local = check.start.astimezone(self._zone)
                text = f"{day_short(local)} {local.year}, {time_of(local)}: " + (
                    " ".join(map(localized, check.sentences))
                    if check.sentences
                    else translate("schedule.booking_dialog", "free")
                )
                item = QListWidgetItem(
                    (
                        translate("schedule.booking_dialog", "⚠ Will be skipped — ")
                        if check.sentences
                        else "✓ "
                    )
                    + text
                )
                self.occurrences.addItem(item)
        if not bad:
            self.conflicts.setStyleSheet("color: palette(text);")
            self.conflicts.setText(
                translate("schedule.booking_dialog", "✓ No conflicts: this time is free.")
                if checks
                else ""
            )
        elif series:
            self.conflicts.setStyleSheet(error_style())
            self.conflicts.setText(
                translate(
                    "schedule.booking_dialog",
                    "{conflicting} of {total} occurrences conflict; they will be skipped "
                    "unless you book despite the conflict.",
                ).format(conflicting=len(bad), total=len(checks))
            )
        else:
            self.conflicts.setStyleSheet(error_style())
            self.conflicts.setText("⚠ " + " ".join(map(localized, bad[0].sentences)))
        self.override.setVisible(bool(bad) and self._may_override)
        if not bad:
            self.override.setChecked(False)
        self._update_save()

    def has_blocking_conflict(self) -> bool:
        bad = [check for check in self._checks if check.sentences]
        if not bad:
            return False
        if len(self._checks) > 1 and len(bad) < len(self._checks):
            return False  # conflicting occurrences are skipped
        return not (self.override.isChecked() and self.override_reason.text().strip())

    def _update_save(self) -> None:
        missing = self.missing()
        self.save_button.setEnabled(not missing and not self.has_blocking_conflict())
        self.save_button.setToolTip(missing)

    # --- saving ----------------------------------------------------------------------------
    def _save(self) -> None:
        missing = self.missing()
        if missing:
            self.error.setText(missing)
            return
        draft = self.draft()
        reason = self.override_reason.text().strip() if self.override.isChecked() else ""
        skip: tuple[datetime, ...] = ()
        if len(self._checks) > 1 and not reason:
            skip = tuple(check.start for check in self._checks if check.sentences)
        self.save_button.setEnabled(False)
        self.error.setText("")

        count = max(1, len(self._checks) - len(skip)) if draft.repeat else 1

        def done(_result: object) -> None:
            self.booked.emit(count)
            self.accept()

        def refused(error: CiciniError) -> None:
            self.error.setText(sentence(error))
            if isinstance(error, ConflictError):
                self.override.setVisible(self._may_override)
            self._update_save()

        (
            WriteOp(self, lambda: self._backend.book(draft, reason, skip))
            .success(done)
            .failure(refused)
            .run(self._hub)
        )


def default_end(start: datetime, minutes: int) -> datetime:
    return start + timedelta(minutes=minutes)
