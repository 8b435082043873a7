"""The Patients page: find a patient as you type, add one, see their upcoming visits.

Deliberately small: patients carry no medical information. Editing details belongs to
the scheduling services' edit call; this page finds and creates.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.schedule.patient_picker import PatientPicker
from cicini_desktop.gui.schedule.rows import PatientHit
from cicini_desktop.gui.schedule.source import ScheduleBackend


class PatientsPage(QWidget):
    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        may_create: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Patients page")
        heading = QLabel("<h2>Patients</h2>")
        heading.setAccessibleName("Patients")
        intro = QLabel(
            "Find a patient by name, phone number or date of birth. "
            "To book, go to the Schedule and drag over free time."
        )
        intro.setWordWrap(True)
        self.picker = PatientPicker(backend, hub, may_create)
        self.picker.results.setMaximumHeight(16777215)
        self.details = QLabel("")
        self.details.setAccessibleName("Patient details")
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.details)
        self.picker.patient_chosen.connect(self._show)

    def _show(self, hit: PatientHit | None) -> None:
        if hit is None:
            self.details.setText("")
            return
        self.details.setText(f"{hit.display_name}" + (f" — {hit.detail}" if hit.detail else ""))

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self.picker.search.setFocus()
