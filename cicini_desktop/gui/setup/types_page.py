"""Appointment types (`availability.manage` to change): name, default duration, calendar
colour (a colour picker), buffers before and after, the room kind it needs and which
providers offer it. A type in use is archived, never deleted; an archived type can be
restored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGroupBox,
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

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.setup_rules import GRID_MINUTES
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.setup.common import SetupWriter, error_label, status_label
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import availability as avail

DEFAULT_COLOUR = "#3A7BD5"


class AppointmentTypesPage(QWidget):
    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.context, self.actor, self.hub = context, actor, hub
        self.setAccessibleName(translate("setup.types_page", "Appointment types"))
        manage = actor.may(Permission.AVAILABILITY_MANAGE)
        self.types: list[avail.TypeRow] = []
        self.editing: avail.TypeRow | None = None
        self.colour_value = DEFAULT_COLOUR
        self.colour_dialog: QColorDialog | None = None
        self.error = error_label()
        self.status = status_label()
        self.writer = SetupWriter(self, hub, self.error, self.status)

        self.list = QListWidget()
        self.list.setAccessibleName(translate("setup.types_page", "Appointment types"))
        self.list.currentRowChanged.connect(self._chosen)
        self.new_button = QPushButton(translate("setup.types_page", "Ne&w type"))
        self.new_button.setAccessibleName(translate("setup.types_page", "New appointment type"))
        self.new_button.clicked.connect(self.new_type)
        self.archive_button = QPushButton(translate("setup.types_page", "&Archive"))
        self.archive_button.setAccessibleName(
            translate("setup.types_page", "Archive or restore the selected type")
        )
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button = QPushButton(translate("setup.types_page", "&Delete"))
        self.delete_button.setAccessibleName(
            translate("setup.types_page", "Delete the selected type (archived if in use)")
        )
        self.delete_button.clicked.connect(self.delete_type)

        self.name = QLineEdit()
        self.name.setAccessibleName(translate("setup.types_page", "Type name"))
        self.name.setMaxLength(100)
        self.duration = QSpinBox()
        self.duration.setAccessibleName(
            translate("setup.types_page", "Default duration in minutes")
        )
        self.duration.setRange(GRID_MINUTES, 12 * 60)
        self.duration.setSingleStep(GRID_MINUTES)
        self.duration.setValue(15)
        self.duration.setSuffix(translate("setup.types_page", " min"))
        self.colour_button = QPushButton(translate("setup.types_page", "&Colour…"))
        self.colour_button.setAccessibleName(translate("setup.types_page", "Calendar colour"))
        self.colour_button.clicked.connect(self.pick_colour)
        self.colour_swatch = QLabel()
        self.colour_swatch.setAccessibleName(translate("setup.types_page", "Chosen colour"))
        self.colour_swatch.setMinimumWidth(90)
        self.buffer_before = QSpinBox()
        self.buffer_before.setAccessibleName(
            translate("setup.types_page", "Buffer before in minutes")
        )
        self.buffer_before.setRange(0, 120)
        self.buffer_before.setSingleStep(GRID_MINUTES)
        self.buffer_before.setSuffix(translate("setup.types_page", " min"))
        self.buffer_after = QSpinBox()
        self.buffer_after.setAccessibleName(
            translate("setup.types_page", "Buffer after in minutes")
        )
        self.buffer_after.setRange(0, 120)
        self.buffer_after.setSingleStep(GRID_MINUTES)
        self.buffer_after.setSuffix(translate("setup.types_page", " min"))
        self.room_kind = QComboBox()
        self.room_kind.setAccessibleName(translate("setup.types_page", "Room kind needed"))
        self.room_kind.setEditable(True)
        self.providers = QListWidget()
        self.providers.setAccessibleName(
            translate("setup.types_page", "Providers offering this type")
        )
        self.save_button = QPushButton(translate("setup.types_page", "&Save type"))
        self.save_button.setAccessibleName(translate("setup.types_page", "Save appointment type"))
        self.save_button.clicked.connect(self.save)
        self._set_colour(DEFAULT_COLOUR)

        form = QFormLayout()
        form.addRow(translate("setup.types_page", "&Name"), self.name)
        form.addRow(translate("setup.types_page", "D&uration"), self.duration)
        colour = QHBoxLayout()
        colour.addWidget(self.colour_button)
        colour.addWidget(self.colour_swatch)
        colour.addStretch()
        form.addRow(translate("setup.types_page", "Colour"), colour)
        form.addRow(translate("setup.types_page", "Buffer &before"), self.buffer_before)
        form.addRow(translate("setup.types_page", "Buffer a&fter"), self.buffer_after)
        form.addRow(translate("setup.types_page", "&Room kind"), self.room_kind)
        form.addRow(translate("setup.types_page", "&Offered by"), self.providers)
        editor = QGroupBox(translate("setup.types_page", "Type"))
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.save_button)
        left = QVBoxLayout()
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.archive_button, self.delete_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        for widget in (self.new_button, self.archive_button, self.delete_button, self.save_button):
            widget.setEnabled(manage)
        hub.operation_did_execute.connect(self._on_changes)
        self.refresh()

    # --- loading ----------
    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if (changes.availability or changes.staff) and initiator is not self:
            self.refresh()

    def refresh(self, select_name: str | None = None) -> None:
        context, actor = self.context, self.actor
        QueryOp(
            self,
            lambda: (
                avail.list_types(context, actor, include_inactive=True),
                avail.providers(context, actor),
                avail.list_rooms(context, actor),
            ),
        ).success(lambda r: self._show(r, select_name)).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)

    def _show(self, result: tuple[list, list, list], select_name: str | None) -> None:
        self.types, providers, rooms = result
        keep = select_name or (self.editing.name if self.editing else None)
        self.list.blockSignals(True)
        self.list.clear()
        for row in self.types:
            item = QListWidgetItem(
                translate("setup.types_page", "{name} · {duration_minutes} min").format(
                    name=row.name, duration_minutes=row.duration_minutes
                )
                + ("" if row.active else translate("setup.types_page", " (archived)"))
            )
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(row.colour))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.providers.clear()
        for row in providers:
            item = QListWidgetItem(row.display_name)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.providers.addItem(item)
        kind = self.room_kind.currentText()
        self.room_kind.clear()
        self.room_kind.addItem("")
        for value in sorted({r.kind for r in rooms}):
            self.room_kind.addItem(value)
        self.room_kind.setCurrentText(kind)
        names = [t.name for t in self.types]
        if keep in names:
            self.list.setCurrentRow(names.index(keep))
            self._chosen(names.index(keep))
        else:
            self.editing = None

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.types):
            return
        chosen = self.types[row]
        self.editing = chosen
        self.name.setText(chosen.name)
        self.duration.setValue(chosen.duration_minutes)
        self._set_colour(chosen.colour)
        self.buffer_before.setValue(chosen.buffer_before_minutes)
        self.buffer_after.setValue(chosen.buffer_after_minutes)
        self.room_kind.setCurrentText(chosen.room_kind or "")
        for i in range(self.providers.count()):
            item = self.providers.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen.provider_ids
                else Qt.CheckState.Unchecked
            )
        self.archive_button.setText(
            translate("setup.types_page", "Res&tore")
            if not chosen.active
            else translate("setup.types_page", "&Archive")
        )

    def _set_colour(self, value: str) -> None:
        self.colour_value = value.upper()
        self.colour_swatch.setText(self.colour_value)
        self.colour_swatch.setStyleSheet(
            f"background: {self.colour_value}; color: white; padding: 2px 6px;"
        )

    # --- actions ----------
    def new_type(self) -> None:
        self.list.clearSelection()
        self.editing = None
        self.name.clear()
        self.duration.setValue(15)
        self._set_colour(DEFAULT_COLOUR)
        self.buffer_before.setValue(0)
        self.buffer_after.setValue(0)
        self.room_kind.setCurrentText("")
        for i in range(self.providers.count()):
            self.providers.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.name.setFocus()

    def pick_colour(self) -> None:
        """The system colour picker, opened window-modal (not exec) so the page stays live."""
        self.colour_dialog = QColorDialog(QColor(self.colour_value), self)
        self.colour_dialog.setWindowTitle(translate("setup.types_page", "Calendar colour"))
        self.colour_dialog.colorSelected.connect(lambda c: self._set_colour(c.name()))
        self.colour_dialog.open()

    def offered_by(self) -> frozenset[str]:
        return frozenset(
            self.providers.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.providers.count())
            if self.providers.item(i).checkState() == Qt.CheckState.Checked
        )

    def save(self) -> None:
        data = avail.TypeInput(
            self.name.text(),
            self.duration.value(),
            self.colour_value,
            self.buffer_before.value(),
            self.buffer_after.value(),
            self.room_kind.currentText().strip() or None,
            self.offered_by(),
        )
        context, actor, editing = self.context, self.actor, self.editing
        name = " ".join(data.name.split())
        if editing is None:
            self.writer.run(
                lambda _allow: avail.create_type(context, actor, data)[1],
                translate("setup.types_page", "Type {name} created.").format(name=name),
                lambda _r: self.refresh(name),
            )
        else:
            self.writer.run(
                lambda _allow: avail.edit_type(
                    context,
                    actor,
                    editing.id,
                    data,
                    expected_version=editing.version,
                    active=editing.active,
                ),
                translate("setup.types_page", "Type {name} saved.").format(name=name),
                lambda _r: self.refresh(name),
            )

    def toggle_archived(self) -> None:
        editing = self.editing
        if editing is None:
            self.error.setText(translate("setup.types_page", "Select a type in the list first."))
            return
        context, actor = self.context, self.actor
        self.writer.run(
            lambda _allow: avail.set_type_archived(context, actor, editing.id, editing.active),
            translate("setup.types_page", "Type archived.")
            if editing.active
            else translate("setup.types_page", "Type restored."),
            lambda _r: self.refresh(editing.name),
        )

    def delete_type(self) -> None:
        editing = self.editing
        if editing is None:
            self.error.setText(translate("setup.types_page", "Select a type in the list first."))
            return
        context, actor = self.context, self.actor
        outcome: dict[str, str] = {}

        def write(_allow: bool) -> Changes:
            outcome["value"], changes = avail.delete_type(context, actor, editing.id)
            return changes

        def done(_result: object) -> None:
            self.status.setText(
                translate("setup.types_page", "Type deleted.")
                if outcome.get("value") == "deleted"
                else translate(
                    "setup.types_page",
                    "Appointments use this type, so it was archived instead of deleted.",
                )
            )
            self.editing = None
            self.refresh()

        self.writer.run(write, "", done)
