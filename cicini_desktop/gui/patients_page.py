"""The Patients page: find a patient as you type, add one, correct their details.

Deliberately small: patients carry no medical information. Correcting a record (privacy:
right of correction) opens `PatientEditDialog`; the service audits it by id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.patient_editor import PatientEditDialog, PatientRecords
from cicini_desktop.gui.schedule.patient_file import PatientFile
from cicini_desktop.gui.schedule.patient_picker import PatientPicker
from cicini_desktop.gui.schedule.rows import PatientHit
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from cicini_desktop.gui.schedule.source import ScheduleBackend
from cicini_desktop.gui.shortcuts import set_shortcut

EDIT_SHORTCUT = "Ctrl+E"
FILE_SHORTCUT = "Ctrl+I"
NO_EDIT_PERMISSION = QT_TRANSLATE_NOOP(
    "patients_page", "Correcting patient records needs the “patient.edit” permission."
)


class PatientsPage(QWidget):
    # The patient file's "show in the calendar": appointment id, its local date. The window
    # connects it to the schedule page (show_page("schedule") + show_appointment_on).
    show_appointment_requested = Signal(str, object)

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        may_create: bool,
        parent: QWidget | None = None,
        *,
        records: PatientRecords | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._backend = backend
        self.patient_file: PatientFile | None = None
        # The window passes the services backend; its signed-in actor is whose edits these are.
        if records is None and isinstance(backend, ServicesBackend):
            records = PatientRecords(backend.context, backend.actor)
        self._records = records
        self.may_edit = records is not None and records.may_edit
        self.editor: PatientEditDialog | None = None
        self.setAccessibleName(translate("patients_page", "Patients page"))
        heading = QLabel(translate("patients_page", "<h2>Patients</h2>"))
        heading.setAccessibleName(translate("patients_page", "Patients"))
        intro = QLabel(
            translate(
                "patients_page",
                "Find a patient by name, phone number (any format), date of birth or "
                "patient number (e.g. P 123). {FILE_SHORTCUT} opens the patient file: "
                "appointments, attendance, waitlist. To book, go to the Schedule and "
                "drag over free time. To correct a patient's details, pick them and "
                "press {EDIT_SHORTCUT} (or double-click them).",
            ).format(FILE_SHORTCUT=FILE_SHORTCUT, EDIT_SHORTCUT=EDIT_SHORTCUT)
        )
        intro.setAccessibleName(translate("patients_page", "About this page"))
        intro.setWordWrap(True)
        self.picker = PatientPicker(backend, hub, may_create)
        self.picker.results.setMaximumHeight(16777215)
        self.details = QLabel("")
        self.details.setAccessibleName(translate("patients_page", "Patient details"))
        self.details.setWordWrap(True)
        self.edit_button = QPushButton(translate("patients_page", "Ed&it details…"))
        self.edit_button.setAccessibleName(
            translate("patients_page", "Correct the chosen patient's details")
        )
        self.edit_button.setToolTip(
            translate(
                "patients_page", "Correct the chosen patient's details ({EDIT_SHORTCUT})"
            ).format(EDIT_SHORTCUT=EDIT_SHORTCUT)
            if self.may_edit
            else translate("patients_page", NO_EDIT_PERMISSION)
        )
        self.edit_button.setEnabled(False)
        self.file_button = QPushButton(translate("patients_page", "Patient &file…"))
        self.file_button.setAccessibleName(
            translate("patients_page", "Open the chosen patient's file")
        )
        self.file_button.setToolTip(
            translate(
                "patients_page", "Appointments, attendance and waitlist ({FILE_SHORTCUT})"
            ).format(FILE_SHORTCUT=FILE_SHORTCUT)
        )
        self.file_button.setEnabled(False)
        self.file_button.clicked.connect(self.open_file)
        self._file_shortcut = QShortcut(self)
        set_shortcut(self._file_shortcut, FILE_SHORTCUT)
        self._file_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._file_shortcut.activated.connect(self.open_file)
        self._shortcut = QShortcut(self)
        set_shortcut(self._shortcut, EDIT_SHORTCUT)
        self._shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._shortcut.activated.connect(self.edit_chosen)

        row = QHBoxLayout()
        row.addWidget(self.details, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addLayout(row)
        self.picker.patient_chosen.connect(self._show)
        # Double-click or Enter on a result: choose it (the picker does) and open the editor.
        self.picker.results.itemActivated.connect(self._edit_item)
        self.edit_button.clicked.connect(self.edit_chosen)
        hub.operation_did_execute.connect(self._on_changes)

    def open_file(self) -> PatientFile | None:
        """The chosen patient's file (contact, appointments, attendance, waitlist)."""
        hit = self.picker.chosen
        if hit is None:
            return None
        dialog = PatientFile(self._backend, self._hub, hit.id, None, self)
        dialog.show_appointment.connect(self.show_appointment_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.patient_file = dialog
        dialog.open()
        return dialog

    def _show(self, hit: PatientHit | None) -> None:
        self.file_button.setEnabled(hit is not None)
        self.edit_button.setEnabled(self.may_edit and hit is not None)
        if hit is None:
            self.details.setText("")
            return
        self.details.setText(f"{hit.display_name}" + (f" — {hit.detail}" if hit.detail else ""))

    def _edit_item(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, PatientHit):
            self.picker.set_patient(hit)
            self.edit_chosen()

    def edit_chosen(self) -> PatientEditDialog | None:
        """Open the correction form for the chosen patient (None if not allowed or none)."""
        hit = self.picker.chosen
        if hit is None or not self.may_edit or self._records is None:
            return None
        dialog = PatientEditDialog(self._records, self._hub, hit.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog
        dialog.finished.connect(lambda _result: setattr(self, "editor", None))
        dialog.saved.connect(
            lambda _id: self.details.setText(
                translate("patients_page", "The corrections were saved.")
            )
        )
        dialog.open()
        return dialog

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # A correction may have changed a name shown in the results: search again.
        if changes.patients and self.isVisible() and self.picker.search.text().strip():
            self.picker._run_search()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self.picker.search.setFocus()
