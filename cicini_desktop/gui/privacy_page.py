"""The "Privacy" page for practice managers: honour a request in two minutes, set retention.

    page = PrivacyPage(context, actor, hub)

Find the person (patients by search as you type, staff by name), then: export everything held
about them (JSON + a plain-text PDF, written by services/privacy.py), restrict or lift the
restriction (a banner says when a record is restricted), or erase (confirmed twice). Below:
the minimum retention of appointment records, and a preview / run of the retention purge.
Every call goes through the services on the database worker (gui/operations.py): reads as
QueryOp, changes as WriteOp, and the purge itself as a JobOp (batch by batch, behind a
cancellable progress dialog, so the window keeps answering during a long purge).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.retention import Category
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import localized
from cicini_desktop.gui.operations import JobOp, OperationHub, QueryOp, WriteOp
from cicini_desktop.services import privacy, retention, staff
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.privacy import Subject
from cicini_desktop.services.retention import PurgeReport
from cicini_desktop.services.scheduling import patients
from cicini_desktop.services.worker import Progress

RESTRICTED_BANNER = QT_TRANSLATE_NOOP(
    "privacy_page",
    "This record is restricted: it cannot be edited, gets no reminders and is left out of "
    "exports until the restriction is lifted.",
)


class PrivacyPage(QWidget):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._hub = hub
        self._restricted: dict[str, bool] = {}
        self.setAccessibleName(translate("privacy_page", "Privacy requests and retention"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("privacy_page", "<h2>Privacy requests</h2>")))

        kinds = QHBoxLayout()
        self.patient_kind = QRadioButton(translate("privacy_page", "&Patient"))
        self.staff_kind = QRadioButton(translate("privacy_page", "S&taff member"))
        self.patient_kind.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.patient_kind, self.staff_kind):
            group.addButton(button)
            kinds.addWidget(button)
            button.toggled.connect(self._search)
        kinds.addStretch(1)
        layout.addLayout(kinds)

        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("privacy_page", "Name, phone or date of birth"))
        self.search.setAccessibleName(translate("privacy_page", "Find the person"))
        self.search.textChanged.connect(self._search)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setAccessibleName(translate("privacy_page", "People found"))
        self.results.currentItemChanged.connect(self._selected)
        layout.addWidget(self.results, 1)

        self.banner = QLabel(translate("privacy_page", RESTRICTED_BANNER))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px;")
        self.banner.setAccessibleName(translate("privacy_page", "Restriction notice"))
        self.banner.hide()
        layout.addWidget(self.banner)

        actions = QHBoxLayout()
        self.export_button = QPushButton(translate("privacy_page", "&Export…"))
        self.restrict_button = QPushButton(translate("privacy_page", "&Restrict"))
        self.unrestrict_button = QPushButton(translate("privacy_page", "&Lift restriction"))
        self.erase_button = QPushButton(translate("privacy_page", "E&rase…"))
        for button, handler in (
            (self.export_button, self._export),
            (self.restrict_button, lambda: self._restrict(True)),
            (self.unrestrict_button, lambda: self._restrict(False)),
            (self.erase_button, self._erase),
        ):
            button.clicked.connect(handler)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        box = QGroupBox(translate("privacy_page", "Retention"))
        retention_layout = QVBoxLayout(box)
        minimum_row = QHBoxLayout()
        minimum_row.addWidget(
            QLabel(translate("privacy_page", "Keep appointment records at least"))
        )
        self.minimum = QSpinBox()
        self.minimum.setRange(0, privacy.MAX_MIN_RETENTION_YEARS)
        self.minimum.setSuffix(translate("privacy_page", " years"))
        self.minimum.setSpecialValueText(translate("privacy_page", "no minimum"))
        self.minimum.setAccessibleName(
            translate("privacy_page", "Minimum retention of appointment records in years")
        )
        minimum_row.addWidget(self.minimum)
        save = QPushButton(translate("privacy_page", "Save"))
        save.clicked.connect(self._save_minimum)
        minimum_row.addWidget(save)
        minimum_row.addStretch(1)
        retention_layout.addLayout(minimum_row)
        purge_row = QHBoxLayout()
        preview = QPushButton(translate("privacy_page", "&Preview purge"))
        preview.clicked.connect(lambda: self._purge(dry_run=True))
        run = QPushButton(translate("privacy_page", "Purge &now…"))
        run.clicked.connect(lambda: self._purge(dry_run=False))
        purge_row.addWidget(preview)
        purge_row.addWidget(run)
        purge_row.addStretch(1)
        retention_layout.addLayout(purge_row)
        self.purge_result = QLabel("")
        self.purge_result.setWordWrap(True)
        self.purge_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        retention_layout.addWidget(self.purge_result)
        layout.addWidget(box)

        self._update_buttons()
        QueryOp(self, lambda: privacy.minimum_retention_years(context, actor)).success(
            self.minimum.setValue
        ).run(self._hub)

    # --- finding the person ---------------------------------------------------------------

    def subject(self) -> Subject:
        return Subject.PATIENT if self.patient_kind.isChecked() else Subject.STAFF

    def selected_id(self) -> str | None:
        item = self.results.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _search(self) -> None:
        text = self.search.text().strip()
        context, actor, subject = self._context, self._actor, self.subject()

        def find() -> list[tuple[str, str, bool]]:
            if subject is Subject.PATIENT:
                if len(text) < 2:
                    return []
                rows = patients.search_patients(context, actor, text, limit=50)
                return [(r.id, f"{r.display_name}  ·  {r.dob or ''}", r.restricted) for r in rows]
            found = staff.list_staff(context, actor, search=text)
            return [(s.id, f"{s.display_name} ({s.username})", False) for s in found]

        QueryOp(self, find).success(self._show_results).run(self._hub)

    def _show_results(self, rows: list[tuple[str, str, bool]]) -> None:
        self.results.clear()
        self._restricted = {}
        for subject_id, label, restricted in rows:
            item = QListWidgetItem(
                label + (translate("privacy_page", "  [restricted]") if restricted else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, subject_id)
            self.results.addItem(item)
            self._restricted[subject_id] = restricted
        self._update_buttons()

    def _selected(self, *_: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id()
        is_patient = self.subject() is Subject.PATIENT
        restricted = bool(chosen and self._restricted.get(chosen))
        self.banner.setVisible(restricted)
        self.export_button.setEnabled(chosen is not None)
        self.erase_button.setEnabled(chosen is not None)
        self.restrict_button.setEnabled(chosen is not None and is_patient and not restricted)
        self.unrestrict_button.setEnabled(chosen is not None and is_patient and restricted)

    # --- requests ---------------------------------------------------------------------------

    def _export(self) -> None:
        chosen, subject = self.selected_id(), self.subject()
        if chosen is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, translate("privacy_page", "Folder for the access export")
        )
        if not folder:
            return
        context, actor = self._context, self._actor
        WriteOp(
            self,
            lambda: privacy.write_access_export(context, actor, subject, chosen, Path(folder)),
        ).success(
            lambda paths: QMessageBox.information(
                self,
                translate("privacy_page", "Access export written"),
                translate(
                    "privacy_page",
                    "Written to {name} and {name2} in {folder}. They hold personal data: "
                    "hand them over securely and delete your copies.",
                ).format(name=paths[0].name, name2=paths[1].name, folder=folder),
            )
        ).title(translate("privacy_page", "The export could not be written")).run(self._hub)

    def _restrict(self, restricted: bool) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        context, actor = self._context, self._actor

        def done(_: Changes) -> None:
            self._restricted[chosen] = restricted
            self._update_buttons()

        WriteOp(
            self, lambda: privacy.set_restriction(context, actor, chosen, restricted=restricted)
        ).success(done).run(self._hub)

    def _erase(self) -> None:
        chosen, subject = self.selected_id(), self.subject()
        if chosen is None:
            return
        answer = QMessageBox.warning(
            self,
            "Erase personal data",
            f"Erase this {subject.value}'s personal data? This cannot be undone; "
            "appointments stay only as anonymous occupied time.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        context, actor = self._context, self._actor

        def erase() -> Changes:
            if subject is Subject.PATIENT:
                return privacy.erase_patient(context, actor, chosen)
            return privacy.erase_staff(context, actor, chosen)

        WriteOp(self, erase).success(lambda _: self._search()).title(
            translate("privacy_page", "The record was not erased")
        ).run(self._hub)

    # --- retention --------------------------------------------------------------------------

    def _save_minimum(self) -> None:
        years, context, actor = self.minimum.value(), self._context, self._actor
        WriteOp(self, lambda: privacy.set_minimum_retention_years(context, actor, years)).run(
            self._hub
        )

    def _purge(self, *, dry_run: bool) -> None:
        context, actor = self._context, self._actor
        if dry_run:
            QueryOp(self, lambda: retention.purge(context, actor, dry_run=True)).success(
                self._show_report
            ).title(translate("privacy_page", "The purge could not be previewed")).run(self._hub)
            return
        answer = QMessageBox.question(
            self,
            translate("privacy_page", "Purge now"),
            translate(
                "privacy_page", "Remove everything the retention policy no longer allows to keep?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.purge_result.setText(translate("privacy_page", "Purging…"))
        JobOp(
            self,
            lambda: purge_job(context, actor),
            translate("privacy_page", "Applying the retention policy"),
        ).success(lambda done: self._show_report(done.report)).on_cancelled(
            lambda: self.purge_result.setText(
                translate(
                    "privacy_page",
                    "Purge cancelled: what was removed before stays removed; run it again "
                    "to finish.",
                )
            )
        ).run(self._hub)

    def _show_report(self, report: PurgeReport) -> None:
        self.purge_result.setText("\n".join(localized(line) for line in report.lines()))


@dataclass(frozen=True)
class PurgeDone:
    """A finished purge and what it changed, for the hub's broadcast."""

    report: PurgeReport
    changes: Changes


def purge_job(context: ServiceContext, actor: Actor) -> Generator[Progress, None, PurgeDone]:
    """The real purge as a long job on the worker (`retention.purge_steps`), then what it
    changed: open views refresh the appointments, patients and audit trail they show."""
    report = yield from retention.purge_steps(context, actor, dry_run=False)
    counts = report.counts
    return PurgeDone(
        report,
        Changes(
            appointments=bool(counts.get(Category.APPOINTMENTS)),
            patients=bool(counts.get(Category.INACTIVE_PATIENTS)),
            audit=True,  # the purge audits itself, whatever it removed
        ),
    )
