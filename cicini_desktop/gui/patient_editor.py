"""Correcting a patient's record (privacy: right of correction) from the Patients page.

    records = PatientRecords(context, actor)
    dialog = PatientEditDialog(records, hub, patient_id)   # loads, then the user saves
    dialog.open()

The service does the real work (permission, validation, optimistic lock, audit by id); this
dialog shows its sentences next to the form and never clears what the user typed. A
restricted record is shown read-only: the restriction is lifted on the Privacy page.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError, PrivacyRefusedError, StaleEditError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.validation import NOTE_MAX
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.patient_fields import birth_date_of, build_patient_fields, show_birth_date
from cicini_desktop.gui.reminders.consent_widget import ConsentWidget
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import patients
from cicini_desktop.services.scheduling.patients import PatientInput, PatientRow, Reminder

RESTRICTED_SENTENCE = QT_TRANSLATE_NOOP(
    "patient_editor",
    "This record is restricted, so it cannot be edited here. A practice manager can lift "
    "the restriction on the Privacy page; then it can be corrected.",
)
STALE_SENTENCE = QT_TRANSLATE_NOOP(
    "patient_editor",
    "This patient was changed by someone else; reload to see their version, then make your "
    "change again.",
)
BANNER_STYLE = "background: #fff4e5; color: #5f3b00; padding: 6px; border: 1px solid #e0a040;"
REMINDER_LABELS: tuple[tuple[Reminder, str], ...] = (
    (Reminder.NONE, QT_TRANSLATE_NOOP("patient_editor", "No reminders")),
    (Reminder.EMAIL, QT_TRANSLATE_NOOP("patient_editor", "By email")),
    (Reminder.SMS, QT_TRANSLATE_NOOP("patient_editor", "By text message (SMS)")),
)


class PatientRecords:
    """The signed-in member's view of patient records: load one, save a correction."""

    def __init__(self, context: ServiceContext, actor: Actor) -> None:
        self._context = context
        self._actor = actor

    @property
    def context(self) -> ServiceContext:
        return self._context

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def may_edit(self) -> bool:
        # Only decides what the screen offers; the service checks the permission again.
        return Permission.PATIENT_EDIT in self._actor.permissions

    def load(self, patient_id: str) -> PatientRow:
        return patients.get_patient(self._context, self._actor, patient_id)

    def save(self, patient_id: str, data: PatientInput, version: int) -> Changes:
        return patients.edit_patient(
            self._context, self._actor, patient_id, data, expected_version=version
        )


class PatientEditDialog(QDialog):
    """A form prefilled from the record; Save goes through `patients.edit_patient`."""

    saved = Signal(str)  # the patient id, once the correction is stored

    def __init__(
        self,
        records: PatientRecords,
        hub: OperationHub,
        patient_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._records = records
        self._hub = hub
        self._patient_id = patient_id
        self._row: PatientRow | None = None
        self.setWindowTitle(translate("patient_editor", "Correct patient details"))
        self.setAccessibleName(translate("patient_editor", "Correct patient details"))
        self.setModal(True)

        self.banner = QLabel("")
        self.banner.setAccessibleName(translate("patient_editor", "Restricted record"))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        self.status = QLabel(translate("patient_editor", "Loading the record…"))
        self.status.setAccessibleName(translate("patient_editor", "Patient record status"))
        self.status.setWordWrap(True)

        fields = build_patient_fields()
        self.given, self.family, self.dob = fields.given, fields.family, fields.dob
        self.phone, self.email = fields.phone, fields.email
        self.reminder = QComboBox()
        self.reminder.setAccessibleName(translate("patient_editor", "Reminder preference"))
        for value, label in REMINDER_LABELS:
            label = translate("patient_editor", label)
            self.reminder.addItem(label, value.value)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(translate("patient_editor", "Front-desk note"))
        self.note.setPlaceholderText(
            translate("patient_editor", "Practical notes only, e.g. “prefers mornings”.")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.note_counter = QLabel("")
        self.note_counter.setAccessibleName(translate("patient_editor", "Note length"))

        self.error = QLabel("")
        self.error.setAccessibleName(translate("patient_editor", "Problem with these details"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(error_style())
        self.reload_button = QPushButton(translate("patient_editor", "&Reload"))
        self.reload_button.setAccessibleName(translate("patient_editor", "Reload the record"))
        self.reload_button.setVisible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(translate("patient_editor", "Save the corrections"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(translate("patient_editor", "Cancel"))

        self.form = QWidget()
        self.form.setAccessibleName(translate("patient_editor", "Patient details form"))
        form = QFormLayout(self.form)
        form.addRow(translate("patient_editor", "&Given name:"), self.given)
        form.addRow(translate("patient_editor", "&Family name:"), self.family)
        form.addRow(translate("patient_editor", "Date of &birth:"), self.dob)
        form.addRow(translate("patient_editor", "&Phone:"), self.phone)
        form.addRow(translate("patient_editor", "E&mail:"), self.email)
        form.addRow(translate("patient_editor", "Re&minders:"), self.reminder)
        form.addRow(translate("patient_editor", "&Note:"), self.note)
        form.addRow("", self.note_counter)

        problem_row = QHBoxLayout()
        problem_row.addWidget(self.error, 1)
        problem_row.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.status)
        layout.addWidget(self.form)
        # Consent to reminders, per channel, with where it came from: saved at once, audited.
        self.consent = ConsentWidget(records.context, records.actor, hub)
        self.consent.set_patient(patient_id)
        layout.addWidget(self.consent)
        layout.addLayout(problem_row)
        layout.addWidget(self.buttons)

        self.note.textChanged.connect(self._count_note)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reload_button.clicked.connect(self.load)
        self._count_note()
        self._set_editable(False)
        self.load()

    # --- loading -------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the record; what was typed is replaced by what is stored."""
        self.status.setText(translate("patient_editor", "Loading the record…"))
        self._set_editable(False)
        patient_id = self._patient_id

        def failed(error: CiciniError) -> None:
            self.status.setText("")
            self.error.setText(sentence(error))

        (
            QueryOp(self, lambda: self._records.load(patient_id))
            .success(self._fill)
            .failure(failed)
            .run(self._hub)
        )

    def _fill(self, row: PatientRow) -> None:
        self._row = row
        self.given.setText(row.given_name)
        self.family.setText(row.family_name)
        show_birth_date(self.dob, row.dob)
        self.phone.setText(row.phone or "")
        self.email.setText(row.email or "")
        self.reminder.setCurrentIndex(max(0, self.reminder.findData(row.reminder.value)))
        self.note.setPlainText(row.note or "")
        self.error.setText("")
        self.reload_button.setVisible(False)
        self.status.setText(
            translate("patient_editor", "Correcting the record of {display_name}.").format(
                display_name=row.display_name
            )
        )
        self._show_restricted(row.restricted)
        if not row.restricted:
            self.given.setFocus()

    def _show_restricted(self, restricted: bool) -> None:
        self.banner.setText(translate("patient_editor", RESTRICTED_SENTENCE) if restricted else "")
        self.banner.setVisible(restricted)
        self._set_editable(not restricted)

    def _set_editable(self, on: bool) -> None:
        self.form.setEnabled(on)
        self.save_button.setEnabled(on)

    # --- the form --------------------------------------------------------------------------
    def _count_note(self) -> None:
        length = len(self.note.toPlainText())
        self.note_counter.setText(
            translate("patient_editor", "{length} / {NOTE_MAX} characters").format(
                length=length, NOTE_MAX=NOTE_MAX
            )
        )
        # Over the limit is allowed while typing; the service's sentence explains on save.
        self.note_counter.setStyleSheet(error_style() if length > NOTE_MAX else "")

    def typed(self) -> PatientInput:
        dob = birth_date_of(self.dob)
        return PatientInput(
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            dob=dob,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            reminder=Reminder(self.reminder.currentData()),
            note=self.note.toPlainText().strip() or None,
        )

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        row = self._row
        if row is None or row.restricted:
            return
        data = self.typed()
        self.error.setText("")
        self.reload_button.setVisible(False)
        self.save_button.setEnabled(False)

        def done(_changes: Changes) -> None:
            self.saved.emit(row.id)
            self.accept()

        def refused(error: CiciniError) -> None:
            # The form keeps every typed character: only the sentence changes.
            self.save_button.setEnabled(True)
            if isinstance(error, StaleEditError):
                self.error.setText(translate("patient_editor", STALE_SENTENCE))
                self.reload_button.setVisible(True)
            elif isinstance(error, PrivacyRefusedError):
                self._show_restricted(True)
                self.error.setText(sentence(error))
            else:
                self.error.setText(sentence(error))

        (
            WriteOp(self, lambda: self._records.save(row.id, data, row.version))
            .success(done)
            .failure(refused)
            .title(translate("patient_editor", "The patient's details were not saved"))
            .run(self._hub)
        )
