"""Rooms and resources (`availability.manage` to change): name, kind, active or not.
Rooms are never deleted (appointments keep theirs); an inactive room is not offered."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.setup.common import SetupWriter, error_label, status_label
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import availability as avail


class RoomsPage(QWidget):
    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.context, self.actor, self.hub = context, actor, hub
        self.setAccessibleName(translate("setup.rooms_page", "Rooms and resources"))
        manage = actor.may(Permission.AVAILABILITY_MANAGE)
        self.rooms: list[avail.RoomRow] = []
        self.editing: avail.RoomRow | None = None
        self.error = error_label()
        self.status = status_label()
        self.writer = SetupWriter(self, hub, self.error, self.status)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("setup.rooms_page", "Rooms"))
        self.list.currentRowChanged.connect(self._chosen)
        self.new_button = QPushButton(translate("setup.rooms_page", "Ne&w room"))
        self.new_button.setAccessibleName(translate("setup.rooms_page", "New room"))
        self.new_button.clicked.connect(self.new_room)
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("setup.rooms_page", "Room name"))
        self.name.setMaxLength(100)
        self.kind = QComboBox()
        self.kind.setAccessibleName(translate("setup.rooms_page", "Room kind"))
        self.kind.setEditable(True)
        self.active = QCheckBox(translate("setup.rooms_page", "&Active (offered for booking)"))
        self.active.setAccessibleName(translate("setup.rooms_page", "Room is active"))
        self.active.setChecked(True)
        self.save_button = QPushButton(translate("setup.rooms_page", "&Save room"))
        self.save_button.setAccessibleName(translate("setup.rooms_page", "Save room"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(translate("setup.rooms_page", "&Name"), self.name)
        form.addRow(translate("setup.rooms_page", "&Kind"), self.kind)
        form.addRow(self.active)
        editor = QGroupBox(translate("setup.rooms_page", "Room"))
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.save_button)
        editor_layout.addStretch()
        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addWidget(self.new_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        self.new_button.setEnabled(manage)
        self.save_button.setEnabled(manage)
        hub.operation_did_execute.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.availability and initiator is not self:
            self.refresh()

    def refresh(self, select_name: str | None = None) -> None:
        context, actor = self.context, self.actor
        QueryOp(self, lambda: avail.list_rooms(context, actor)).success(
            lambda rows: self._show(rows, select_name)
        ).failure(lambda e: self.error.setText(sentence(e))).run(self.hub)

    def _show(self, rows: list[avail.RoomRow], select_name: str | None) -> None:
        self.rooms = rows
        keep = select_name or (self.editing.name if self.editing else None)
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            self.list.addItem(
                f"{row.name} · {row.kind}"
                + ("" if row.active else translate("setup.rooms_page", " (inactive)"))
            )
        self.list.blockSignals(False)
        kind = self.kind.currentText()
        self.kind.clear()
        for value in sorted({r.kind for r in rows} | {"treatment", "consultation"}):
            self.kind.addItem(value)
        self.kind.setCurrentText(kind)
        names = [r.name for r in rows]
        if keep in names:
            self.list.setCurrentRow(names.index(keep))
            self._chosen(names.index(keep))

    def _chosen(self, index: int) -> None:
        if not 0 <= index < len(self.rooms):
            return
        self.editing = self.rooms[index]
        self.name.setText(self.editing.name)
        self.kind.setCurrentText(self.editing.kind)
        self.active.setChecked(self.editing.active)

    def new_room(self) -> None:
        self.list.clearSelection()
        self.editing = None
        self.name.clear()
        self.kind.setCurrentText("")
        self.active.setChecked(True)
        self.name.setFocus()

    def save(self) -> None:
        context, actor, editing = self.context, self.actor, self.editing
        name, kind, active = self.name.text(), self.kind.currentText(), self.active.isChecked()
        clean = " ".join(name.split())
        if editing is None:
            self.writer.run(
                lambda _allow: avail.create_room(context, actor, name, kind, active=active)[1],
                translate("setup.rooms_page", "Room {clean} created.").format(clean=clean),
                lambda _r: self.refresh(clean),
            )
        else:
            self.writer.run(
                lambda _allow: avail.edit_room(context, actor, editing.id, name, kind, active),
                translate("setup.rooms_page", "Room {clean} saved.").format(clean=clean),
                lambda _r: self.refresh(clean),
            )
