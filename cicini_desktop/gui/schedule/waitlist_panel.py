"""The waitlist: add, edit, remove, sorted by priority (highest first).

Also used as the full Waitlist page. Edits run as write operations; the list reloads when
a write touches the waitlist and the panel is visible.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.gui.palette_colours import error_style
from cicini_desktop.gui.schedule.patient_picker import PatientPicker
from cicini_desktop.gui.schedule.rows import WaitlistRow
from cicini_desktop.gui.schedule.source import Catalogue, ScheduleBackend

COLUMNS = (
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Priority (5 = most urgent)"),
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Patient"),
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Type"),
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Provider"),
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Prefers"),
    QT_TRANSLATE_NOOP("schedule.waitlist_panel", "Note"),
)


class WaitlistPanel(QWidget):
    book_requested = Signal(object)  # WaitlistRow

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        catalogue_getter: object,
        may_manage: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._hub = hub
        self._catalogue_getter = catalogue_getter
        self._rows: list[WaitlistRow] = []
        self._dirty = True
        self.setAccessibleName(translate("schedule.waitlist_panel", "Waitlist"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(translate("schedule.waitlist_panel", "Waitlist entries"))
        self.table.setHorizontalHeaderLabels(
            [translate("schedule.waitlist_panel", c) for c in COLUMNS]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.empty = QLabel(translate("schedule.waitlist_panel", "Nobody is on the waitlist."))
        self.empty.setAccessibleName(translate("schedule.waitlist_panel", "Waitlist is empty"))
        self.add_button = QPushButton(translate("schedule.waitlist_panel", "&Add…"))
        self.add_button.setAccessibleName(translate("schedule.waitlist_panel", "Add to waitlist"))
        self.edit_button = QPushButton(translate("schedule.waitlist_panel", "&Edit…"))
        self.edit_button.setAccessibleName(
            translate("schedule.waitlist_panel", "Edit waitlist entry")
        )
        self.remove_button = QPushButton(translate("schedule.waitlist_panel", "&Remove"))
        self.remove_button.setAccessibleName(
            translate("schedule.waitlist_panel", "Remove from waitlist")
        )
        self.book_button = QPushButton(translate("schedule.waitlist_panel", "&Book…"))
        self.book_button.setAccessibleName(
            translate("schedule.waitlist_panel", "Book the selected waitlist patient")
        )
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setEnabled(may_manage)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.book_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.book_button.clicked.connect(self._book)
        self.table.doubleClicked.connect(lambda _i: self._book())
        hub.operation_did_execute.connect(self._on_changes)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.waitlist or changes.appointments or changes.patients:
            self._dirty = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        self._dirty = False
        QueryOp(self, self._backend.waitlist).success(self.set_rows).run(self._hub)

    def set_rows(self, rows: list[WaitlistRow]) -> None:
        self._rows = sorted(rows, key=lambda r: (-r.priority, r.patient_name))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            priority = QTableWidgetItem()
            priority.setData(Qt.ItemDataRole.DisplayRole, row.priority)
            priority.setData(Qt.ItemDataRole.UserRole, row.id)
            values = (
                row.patient_name,
                row.type_name,
                row.provider_name or translate("schedule.waitlist_panel", "Any"),
                row.preference,
            )
            self.table.setItem(index, 0, priority)
            for column, value in enumerate((*values, row.note), start=1):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.DescendingOrder)
        self.empty.setVisible(not self._rows)

    def selected(self) -> WaitlistRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        entry_id = self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((r for r in self._rows if r.id == entry_id), None)

    def _add(self) -> None:
        catalogue = self._catalogue_getter()  # type: ignore[operator]
        if not isinstance(catalogue, Catalogue):
            return
        dialog = WaitlistEntryDialog(self._backend, self._hub, catalogue, None, self)
        dialog.exec()

    def _edit(self) -> None:
        row = self.selected()
        catalogue = self._catalogue_getter()  # type: ignore[operator]
        if row is None or not isinstance(catalogue, Catalogue):
            return
        WaitlistEntryDialog(self._backend, self._hub, catalogue, row, self).exec()

    def _remove(self) -> None:
        row = self.selected()
        if row is not None:
            WriteOp(self, lambda: self._backend.remove_waitlist(row.id)).run(self._hub)

    def _book(self) -> None:
        row = self.selected()
        if row is not None:
            self.book_requested.emit(row)


class WaitlistEntryDialog(QDialog):
    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        catalogue: Catalogue,
        row: WaitlistRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend, self._hub, self._row = backend, hub, row
        self.setWindowTitle(
            translate("schedule.waitlist_panel", "Edit waitlist entry")
            if row
            else translate("schedule.waitlist_panel", "Add to the waitlist")
        )
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout(self)
        self.patient = PatientPicker(backend, hub, may_create=row is None)
        self.type = QComboBox()
        self.type.setAccessibleName(translate("schedule.waitlist_panel", "Appointment type"))
        for t in catalogue.types:
            self.type.addItem(t.name, t.id)
        self.provider = QComboBox()
        self.provider.setAccessibleName(translate("schedule.waitlist_panel", "Provider"))
        self.provider.addItem(translate("schedule.waitlist_panel", "Any provider"), "")
        for p in catalogue.providers:
            self.provider.addItem(p.name, p.id)
        self.priority = QSpinBox()
        self.priority.setAccessibleName(translate("schedule.waitlist_panel", "Priority"))
        self.priority.setRange(1, 5)
        self.priority.setValue(row.priority if row else 3)
        self.priority.setToolTip(translate("schedule.waitlist_panel", "5 is the most urgent."))
        self.note = QLineEdit(row.note if row else "")
        self.note.setAccessibleName(translate("schedule.waitlist_panel", "Note"))
        self.note.setMaxLength(200)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(error_style())
        if row is None:
            form.addRow(translate("schedule.waitlist_panel", "&Patient:"), self.patient)
            form.addRow(translate("schedule.waitlist_panel", "&Type:"), self.type)
            form.addRow(translate("schedule.waitlist_panel", "Pro&vider:"), self.provider)
        else:
            form.addRow(
                translate("schedule.waitlist_panel", "Patient:"),
                QLabel(f"{row.patient_name} — {row.type_name}"),
            )
        form.addRow(translate("schedule.waitlist_panel", "P&riority (1–5):"), self.priority)
        form.addRow(translate("schedule.waitlist_panel", "N&ote:"), self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        priority, note = self.priority.value(), self.note.text().strip()
        if self._row is not None:
            entry_id = self._row.id
            op = WriteOp(self, lambda: self._backend.edit_waitlist(entry_id, priority, note))
        else:
            if self.patient.chosen is None:
                self.error.setText(
                    translate(
                        "schedule.waitlist_panel",
                        "Choose the patient first: type their name and pick them.",
                    )
                )
                return
            patient_id = self.patient.chosen.id
            type_id = str(self.type.currentData() or "")
            provider_id = str(self.provider.currentData() or "")
            op = WriteOp(
                self,
                lambda: self._backend.add_waitlist(
                    patient_id, type_id, provider_id, priority, note
                ),
            )
        op.success(lambda _r: self.accept()).failure(
            lambda error: self.error.setText(sentence(error))
        ).run(self._hub)
