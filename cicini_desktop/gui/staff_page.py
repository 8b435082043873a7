"""The staff screen (`staff.view` to see, `staff.manage` to change).

Use:

    page = StaffPage(context, session.actor, hub=hub)   # a QWidget for the main window
    page.set_actor(other_session.actor)                 # after a user switch

With `hub` (gui.operations.OperationHub) the page broadcasts its writes' `Changes` and
refreshes on other views' staff/roles changes; without it, connect `page.changed` yourself.

A model/view list (display name, username, roles, provider, active, locked) with a search
box (filters as you type), a role filter and an active filter; New, Edit, Deactivate /
Reactivate, Reset password and Unlock act on the selected member. Buttons the actor may not
use are disabled; the services refuse (and audit) anyway. Members are never deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.roles import RoleInfo, list_roles
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    StaffDetails,
    StaffSummary,
    create_staff,
    deactivate_staff,
    get_staff,
    list_providers,
    list_staff,
    reactivate_staff,
    reset_password,
    unlock_account,
    update_staff,
)

if TYPE_CHECKING:
    from cicini_desktop.gui.operations import OperationHub

Index = QModelIndex | QPersistentModelIndex
_COLUMNS = ("Name", "Username", "Roles", "Provider", "Status")


class StaffTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StaffSummary] = []
        self.role_names: dict[str, str] = {}

    def set_rows(self, rows: list[StaffSummary], role_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.role_names = role_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.display_name
            if column == 1:
                return row.username
            if column == 2:
                return ", ".join(self.role_names.get(r, "?") for r in row.role_ids)
            if column == 3:
                return "Yes" if row.is_provider else ""
            status = "Active" if row.active else "Deactivated"
            return f"{status}, locked" if row.locked else status
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class StaffEditor(QDialog):
    """Create (details None) or edit one member."""

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        roles: list[RoleInfo],
        details: StaffDetails | None = None,
        parent: QWidget | None = None,
        *,
        appointment_types: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.details = details
        self.result_id: str | None = None
        self.setWindowTitle("New staff member" if details is None else "Edit staff member")
        self.display_name = QLineEdit(details.display_name if details else "")
        self.display_name.setAccessibleName("Display name")
        self.username = QLineEdit(details.username if details else "")
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setAccessibleName("Temporary password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles = QListWidget()
        self.roles.setAccessibleName("Roles")
        held = {a.role_id for a in details.assignments} if details else set()
        for role in roles:
            item = QListWidgetItem(role.name)
            item.setData(Qt.ItemDataRole.UserRole, role.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if role.id in held else Qt.CheckState.Unchecked
            )
            self.roles.addItem(item)
        # One scope for all the member's roles (the service allows one per assignment).
        self.scope = QListWidget()
        self.scope.setAccessibleName("Limit to providers")
        scoped = set()
        if details:
            for assignment in details.assignments:
                scoped |= set(assignment.provider_scope or ())
        try:
            providers = list_providers(context, actor, include_inactive=True)
        except CiciniError:
            providers = []
        for provider in providers:
            item = QListWidgetItem(provider.display_name)
            item.setData(Qt.ItemDataRole.UserRole, provider.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if provider.id in scoped else Qt.CheckState.Unchecked
            )
            self.scope.addItem(item)
        self.is_provider = QCheckBox("Sees patients (appears as a column in the calendar)")
        self.is_provider.setChecked(bool(details and details.is_provider))
        self.colour = QLineEdit(details.colour or "" if details else "")
        self.colour.setAccessibleName("Calendar colour")
        self.colour.setPlaceholderText("#3A7BD5")
        self.services = QListWidget()
        self.services.setAccessibleName("Services offered")
        offered = details.service_ids if details else frozenset()
        for type_id, name in appointment_types or []:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, type_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if type_id in offered else Qt.CheckState.Unchecked
            )
            self.services.addItem(item)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020;")
        self.error.setAccessibleName("Error message")
        form = QFormLayout()
        form.addRow("Display &name", self.display_name)
        form.addRow("&Username", self.username)
        if details is None:
            form.addRow("Temporary &password", self.password)
        form.addRow("&Roles", self.roles)
        form.addRow("Only for providers (none = all)", self.scope)
        form.addRow(self.is_provider)
        form.addRow("Calendar &colour", self.colour)
        form.addRow("Services offered", self.services)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def assignments(self) -> tuple[RoleAssignment, ...]:
        scope = frozenset(self._checked(self.scope)) or None
        return tuple(RoleAssignment(role_id, scope) for role_id in self._checked(self.roles))

    def save(self) -> None:
        try:
            if self.details is None:
                self.result_id = create_staff(
                    self.context,
                    self.actor,
                    NewStaff(
                        username=self.username.text(),
                        display_name=self.display_name.text(),
                        password=self.password.text(),
                        assignments=self.assignments(),
                        is_provider=self.is_provider.isChecked(),
                        colour=self.colour.text().strip() or None,
                        service_ids=frozenset(self._checked(self.services)),
                    ),
                )
            else:
                update_staff(
                    self.context,
                    self.actor,
                    self.details.id,
                    expected_version=self.details.version,
                    display_name=self.display_name.text(),
                    username=self.username.text(),
                    is_provider=self.is_provider.isChecked(),
                    colour=self.colour.text().strip(),
                    service_ids=self._checked(self.services) if self.services.count() else None,
                    assignments=self.assignments(),
                )
                self.result_id = self.details.id
        except CiciniError as error:
            self.error.setText(error.user_message)
            return
        self.accept()


class StaffPage(QWidget):
    changed = Signal(object)  # Changes

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        appointment_types: Callable[[], list[tuple[str, str]]] | None = None,
        hub: OperationHub | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        if hub is not None:
            self.changed.connect(lambda changes: hub.broadcast(changes, self))
            hub.operation_did_execute.connect(self._on_changes)
        self._appointment_types = appointment_types or self._default_types
        self.roles: list[RoleInfo] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or username")
        self.search.setAccessibleName("Search staff")
        self.search.textChanged.connect(self.refresh)
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName("Filter by role")
        self.role_filter.currentIndexChanged.connect(self.refresh)
        self.active_filter = QComboBox()
        self.active_filter.setAccessibleName("Filter by status")
        for label, value in (("Active", True), ("Deactivated", False), ("Everyone", None)):
            self.active_filter.addItem(label, value)
        self.active_filter.currentIndexChanged.connect(self.refresh)
        self.model = StaffTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Staff list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)
        self.new_button = QPushButton("&New…")
        self.edit_button = QPushButton("&Edit…")
        self.toggle_button = QPushButton("&Deactivate")
        self.reset_button = QPushButton("&Reset password…")
        self.unlock_button = QPushButton("&Unlock")
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.role_filter, 1)
        filters.addWidget(self.active_filter, 1)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.toggle_button,
            self.reset_button,
            self.unlock_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._load_roles()
        self.refresh()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and (changes.staff or changes.roles):
            self._load_roles()
            self.refresh()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self._load_roles()
        self.refresh()

    def _default_types(self) -> list[tuple[str, str]]:
        try:
            from cicini_desktop.services.scheduling.availability import list_types

            return [(t.id, t.name) for t in list_types(self.context, self.actor)]
        except (ImportError, CiciniError):
            return []

    def _load_roles(self) -> None:
        try:
            self.roles = list_roles(self.context, self.actor)
        except CiciniError:
            self.roles = []
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem("All roles", None)
        for role in self.roles:
            self.role_filter.addItem(role.name, role.id)
        self.role_filter.blockSignals(False)

    def refresh(self) -> None:
        try:
            rows = list_staff(
                self.context,
                self.actor,
                search=self.search.text(),
                role_id=self.role_filter.currentData(),
                active=self.active_filter.currentData(),
            )
        except CiciniError:
            rows = []
        self.model.set_rows(rows, {r.id: r.name for r in self.roles})
        self._update_buttons()

    def selected(self) -> StaffSummary | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.rows[indexes[0].row()] if indexes else None

    def select_id(self, staff_id: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.id == staff_id:
                self.table.selectRow(number)
                return

    def _update_buttons(self) -> None:
        manage = self.actor.may(Permission.STAFF_MANAGE)
        member = self.selected()
        self.new_button.setEnabled(manage)
        for button in (self.edit_button, self.toggle_button, self.reset_button):
            button.setEnabled(manage and member is not None)
        self.unlock_button.setEnabled(manage and member is not None and member.locked)
        self.toggle_button.setText(
            "&Reactivate" if member is not None and not member.active else "&Deactivate"
        )

    def _done(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    def _run(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except CiciniError as error:
            show_error(self, "The change was not made", error.user_message)
            return
        self._done(changes)

    def editor(self, details: StaffDetails | None = None) -> StaffEditor:
        return StaffEditor(
            self.context,
            self.actor,
            self.roles,
            details,
            self,
            appointment_types=self._appointment_types(),
        )

    def new_member(self) -> None:
        editor = self.editor()
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._done(Changes(staff=True))
            if editor.result_id:
                self.select_id(editor.result_id)

    def edit_selected(self) -> None:
        member = self.selected()
        if member is None or not self.actor.may(Permission.STAFF_MANAGE):
            return
        try:
            details = get_staff(self.context, self.actor, member.id)
        except CiciniError as error:
            show_error(self, "Cannot open this member", error.user_message)
            return
        if self.editor(details).exec() == QDialog.DialogCode.Accepted:
            self._done(Changes(staff=True))

    def toggle_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        if member.active:
            answer = QMessageBox.question(
                self,
                "Deactivate",
                f"Deactivate {member.display_name}? They can no longer sign in; their "
                "appointments and history stay. You can reactivate them later.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._run(lambda: deactivate_staff(self.context, self.actor, member.id))
        else:
            self._run(lambda: reactivate_staff(self.context, self.actor, member.id))

    def reset_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        password, ok = QInputDialog.getText(
            self,
            "Reset password",
            f"A temporary password for {member.display_name} (they choose their own at next "
            "sign-in):",
            QLineEdit.EchoMode.Password,
        )
        if ok and password:
            self._run(lambda: reset_password(self.context, self.actor, member.id, password))

    def unlock_selected(self) -> None:
        member = self.selected()
        if member is not None:
            self._run(lambda: unlock_account(self.context, self.actor, member.id))
