"""Find a patient as you type, or add one inline (booking dialog, waitlist, patients page).

Each keystroke restarts a short timer; the search runs on the database worker and only the
answer to the latest text is shown (older answers arriving late are dropped).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.patient_fields import birth_date_of, build_patient_fields
from cicini_desktop.gui.schedule.rows import PatientHit
from cicini_desktop.gui.schedule.source import NewPatient, ScheduleBackend

SEARCH_DELAY_MS = 150


class PatientPicker(QWidget):
    """A search box, a ranked result list, and a collapsible "new patient" form."""

    patient_chosen = Signal(object)  # PatientHit or None

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        may_create: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._hub = hub
        self.chosen: PatientHit | None = None
        self._generation = 0

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("schedule.patient_picker", "Type a name, phone number or date of birth…")
        )
        self.search.setAccessibleName(translate("schedule.patient_picker", "Patient search"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName(translate("schedule.patient_picker", "Matching patients"))
        self.results.setMaximumHeight(130)
        self.results.setMinimumHeight(100)
        self.status = QLabel("")
        self.status.setAccessibleName(translate("schedule.patient_picker", "Patient search status"))
        self.status.setWordWrap(True)
        self.chosen_label = QLabel(translate("schedule.patient_picker", "No patient chosen yet."))
        self.chosen_label.setAccessibleName(translate("schedule.patient_picker", "Chosen patient"))
        self.chosen_label.setWordWrap(True)

        self.new_toggle = QCheckBox(
            translate("schedule.patient_picker", "New patient (not in the list)")
        )
        self.new_toggle.setAccessibleName(translate("schedule.patient_picker", "New patient"))
        self.new_toggle.setVisible(may_create)
        self.new_form = QGroupBox(translate("schedule.patient_picker", "New patient"))
        self.new_form.setAccessibleName(translate("schedule.patient_picker", "New patient details"))
        form = QFormLayout(self.new_form)
        fields = build_patient_fields()
        self.given, self.family, self.dob = fields.given, fields.family, fields.dob
        self.phone, self.email = fields.phone, fields.email
        self.create_button = QPushButton(translate("schedule.patient_picker", "&Add this patient"))
        self.create_button.setAccessibleName(
            translate("schedule.patient_picker", "Add this patient")
        )
        self.form_error = QLabel("")
        self.form_error.setWordWrap(True)
        self.form_error.setAccessibleName(
            translate("schedule.patient_picker", "New patient problem")
        )
        self.form_error.setStyleSheet(error_style())
        form.addRow(translate("schedule.patient_picker", "&Given name:"), self.given)
        form.addRow(translate("schedule.patient_picker", "&Family name:"), self.family)
        form.addRow(translate("schedule.patient_picker", "Date of &birth:"), self.dob)
        form.addRow(translate("schedule.patient_picker", "&Phone:"), self.phone)
        form.addRow(translate("schedule.patient_picker", "&Email:"), self.email)
        form.addRow(self.create_button)
        form.addRow(self.form_error)
        self.new_form.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.new_toggle)
        layout.addWidget(self.new_form)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._choose_first)
        self.results.itemActivated.connect(self._choose_item)
        self.results.currentItemChanged.connect(
            lambda item, _prev: self._choose_item(item) if item else None
        )
        self.new_toggle.toggled.connect(self._toggle_new)
        self.create_button.clicked.connect(self._create)

    # --- searching ---------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if len(text) < 2:
            self.results.clear()
            self.status.setText(
                translate("schedule.patient_picker", "Type at least two letters or digits.")
                if text
                else ""
            )
            return

        def show(hits: list[PatientHit]) -> None:
            if generation != self._generation:
                return  # an older answer: the text has changed since
            self.results.clear()
            for hit in hits:
                label = hit.display_name + (f"  —  {hit.detail}" if hit.detail else "")
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, hit)
                self.results.addItem(item)
            found = len(hits)  # (lupdate skips a call among translate's arguments)
            self.status.setText(
                translate(
                    "schedule.patient_picker",
                    "%n match(es). Press Enter to take the first, or pick one.",
                    None,
                    found,
                )
                if hits
                else translate(
                    "schedule.patient_picker", "No patient matches. Tick “New patient” to add them."
                )
            )

        QueryOp(self, lambda: self._backend.search_patients(text)).success(show).run(self._hub)

    def _choose_first(self) -> None:
        if self.results.count():
            self._choose_item(self.results.item(0))

    def _choose_item(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, PatientHit):
            self.set_patient(hit)

    def set_patient(self, hit: PatientHit | None) -> None:
        self.chosen = hit
        self.chosen_label.setText(
            translate("schedule.patient_picker", "Patient: <b>{escape}</b>").format(
                escape=_escape(hit.display_name)
            )
            if hit
            else translate("schedule.patient_picker", "No patient chosen yet.")
        )
        self.patient_chosen.emit(hit)

    # --- creating ------------------------------------------------------------------------
    def _toggle_new(self, on: bool) -> None:
        self.new_form.setVisible(on)
        if on:
            words = self.search.text().split()
            if words and not any(ch.isdigit() for ch in self.search.text()):
                self.given.setText(words[0])
                self.family.setText(" ".join(words[1:]))
            self.given.setFocus()

    def new_patient(self) -> NewPatient:
        dob = birth_date_of(self.dob)
        return NewPatient(
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            birth_date=dob,
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
        )

    def _create(self) -> None:
        patient = self.new_patient()
        self.form_error.setText("")

        def created(hit: PatientHit) -> None:
            self.new_toggle.setChecked(False)
            self.search.setText(hit.display_name)
            self.set_patient(hit)

        def refused(error: CiciniError) -> None:
            self.form_error.setText(sentence(error))

        (
            WriteOp(self, lambda: self._backend.create_patient(patient))
            .success(created)
            .failure(refused)
            .run(self._hub)
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
