"""The role editor (`role.manage`): a matrix with roles as columns and permissions as rows.

Use:

    page = RolesPage(context, session.actor, hub)   # a QWidget for the main window
    page.set_actor(other_session.actor)             # after a user switch

Rows are grouped (Schedule, Patients, Staff and roles, ...) under bold group rows; each
permission row shows its plain-language description (the code is the tooltip). Ticking
boxes only edits the screen: Save writes the whole matrix in one transaction (each grant and
revoke audited on its own, refused if a role changed meanwhile: the versions read are sent
along); Cancel puts the boxes back. New, Copy, Rename and Delete act on the role of the
current column. An edit that would leave nobody able to manage roles is refused with the
service's sentence.

Every service call runs on the database worker (gui/operations.py: QueryOp to read, WriteOp
to change; the hub broadcasts the `Changes`). The page reloads after its own writes and on
other views' role changes, unless that would throw away unsaved ticks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import DESCRIPTIONS, PERMISSION_GROUPS, Permission
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.roles import (
    ROLE_CHANGES,
    RoleInfo,
    copy_role,
    create_role,
    delete_role,
    list_roles,
    rename_role,
    save_matrix,
)


class RolesPage(QWidget):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.hub = hub
        self.dirty = False
        self.saving = False
        self._stale = False
        hub.operation_did_execute.connect(self._on_changes)
        self.roles: list[RoleInfo] = []
        # Table row -> permission (group header rows map to None).
        self.row_permissions: list[Permission | None] = []
        self._loading = False
        self.table = QTableWidget()
        self.table.setAccessibleName(translate("roles_page", "Role permissions"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.itemChanged.connect(self._on_item_changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("roles_page", "Roles status"))
        self.save_button = QPushButton(translate("roles_page", "&Save"))
        self.cancel_button = QPushButton(translate("roles_page", "&Cancel changes"))
        self.new_button = QPushButton(translate("roles_page", "&New role…"))
        self.copy_button = QPushButton(translate("roles_page", "C&opy role…"))
        self.rename_button = QPushButton(translate("roles_page", "&Rename…"))
        self.delete_button = QPushButton(translate("roles_page", "&Delete role"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(lambda: self.reload())
        self.new_button.clicked.connect(self.new_role)
        self.copy_button.clicked.connect(self.copy_current)
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._fill()
        self._set_dirty(False)
        self.reload()

    # --- state ----------------------------------------------------------------------------

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        # Another view changed roles: reload when visible, else when next shown; never over
        # unsaved ticks (their save is then refused as stale, with a sentence).
        if initiator is self or not changes.roles:
            return
        if self.isVisible():
            self.reload(keep_edits=True)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload(keep_edits=True)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.reload()

    def reload(self, *, keep_edits: bool = False) -> None:
        """Show what is stored (also what Cancel does). With `keep_edits`, an answer that
        arrives while the matrix has unsaved ticks is dropped instead of shown."""
        context, actor = self.context, self.actor

        def show(roles: list[RoleInfo]) -> None:
            if keep_edits and self.dirty:
                return
            self.roles = roles
            self._fill()
            self._set_dirty(False)

        def refused(error: CiciniError) -> None:
            self.roles = []
            self._fill()
            self._set_dirty(False)
            self.status.setText(sentence(error))

        QueryOp(self, lambda: list_roles(context, actor)).success(show).failure(refused).run(
            self.hub
        )

    def _fill(self) -> None:
        self._loading = True
        editable = self.actor.may(Permission.ROLE_MANAGE)
        self.table.clear()
        self.row_permissions = []
        rows = sum(len(perms) + 1 for perms in PERMISSION_GROUPS.values())
        self.table.setRowCount(rows)
        self.table.setColumnCount(len(self.roles) + 1)
        self.table.setHorizontalHeaderLabels(
            [translate("roles_page", "Permission"), *(r.name for r in self.roles)]
        )
        bold = QFont()
        bold.setBold(True)
        row = 0
        for group, permissions in PERMISSION_GROUPS.items():
            header = QTableWidgetItem(group)
            header.setFont(bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, header)
            if self.roles:  # (before the roles arrive the table has one column)
                self.table.setSpan(row, 0, 1, len(self.roles) + 1)
            self.row_permissions.append(None)
            row += 1
            for permission in permissions:
                label = QTableWidgetItem(localized(DESCRIPTIONS[permission]))
                label.setToolTip(permission.value)
                label.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, 0, label)
                for column, role in enumerate(self.roles, start=1):
                    cell = QTableWidgetItem()
                    flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                    if editable:
                        flags |= Qt.ItemFlag.ItemIsEnabled
                    cell.setFlags(flags)
                    cell.setCheckState(
                        Qt.CheckState.Checked
                        if permission in role.permissions
                        else Qt.CheckState.Unchecked
                    )
                    cell.setToolTip(f"{role.name}: {localized(DESCRIPTIONS[permission])}")
                    self.table.setItem(row, column, cell)
                self.row_permissions.append(permission)
                row += 1
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.roles) + 1):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for button in (self.new_button, self.copy_button, self.rename_button, self.delete_button):
            button.setEnabled(editable)
        self._loading = False

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(
            dirty and not self.saving and self.actor.may(Permission.ROLE_MANAGE)
        )
        self.cancel_button.setEnabled(dirty)
        if dirty:
            self.status.setText(
                translate("roles_page", "Unsaved changes: Save to apply them, Cancel to undo.")
            )

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self._set_dirty(self.edited_matrix() != self.stored_matrix())

    # --- reading the grid -----------------------------------------------------------------

    def cell(self, permission: Permission, role_id: str) -> QTableWidgetItem:
        row = self.row_permissions.index(permission)
        column = 1 + [r.id for r in self.roles].index(role_id)
        item = self.table.item(row, column)
        assert item is not None
        return item

    def stored_matrix(self) -> dict[str, frozenset[Permission]]:
        return {role.id: role.permissions for role in self.roles}

    def edited_matrix(self) -> dict[str, frozenset[Permission]]:
        matrix: dict[str, set[Permission]] = {role.id: set() for role in self.roles}
        for row, permission in enumerate(self.row_permissions):
            if permission is None:
                continue
            for column, role in enumerate(self.roles, start=1):
                item = self.table.item(row, column)
                if item is not None and item.checkState() == Qt.CheckState.Checked:
                    matrix[role.id].add(permission)
        return {role_id: frozenset(perms) for role_id, perms in matrix.items()}

    def current_role(self) -> RoleInfo | None:
        column = self.table.currentColumn()
        return self.roles[column - 1] if 1 <= column <= len(self.roles) else None

    # --- actions --------------------------------------------------------------------------

    def save(self) -> None:
        """Write the changed columns, each with the version it was read at."""
        if self.saving:
            return
        stored = self.stored_matrix()
        edited = self.edited_matrix()
        changed = {role_id: perms for role_id, perms in edited.items() if perms != stored[role_id]}
        if not changed:
            return
        versions = {role.id: role.version for role in self.roles if role.id in changed}
        context, actor = self.context, self.actor
        self.saving = True
        self.save_button.setEnabled(False)
        self.status.setText(translate("roles_page", "Saving…"))

        def saved(_changes: Changes) -> None:
            self.saving = False
            self._set_dirty(False)
            self.status.setText(translate("roles_page", "Saved."))
            self.reload()

        def refused(error: CiciniError) -> None:
            self.saving = False
            self._set_dirty(True)  # the ticks stay on screen: fix them or Cancel
            self.status.setText(sentence(error))
            show_error(
                self, translate("roles_page", "The roles were not saved"), sentence(error)
            )

        WriteOp(
            self, lambda: save_matrix(context, actor, changed, expected_versions=versions)
        ).success(saved).failure(refused).run(self.hub)

    def _ask_name(self, title: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(
            self, title, translate("roles_page", "Role name:"), text=text
        )
        return name if ok and name.strip() else None

    def _guard_unsaved(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            translate("roles_page", "Unsaved changes"),
            translate("roles_page", "Discard the unsaved ticks in the matrix?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def new_role(self) -> None:
        if not self._guard_unsaved():
            return
        name = self._ask_name(translate("roles_page", "New role"))
        if name:
            context, actor = self.context, self.actor
            self._try(lambda: _changed(create_role(context, actor, name)))

    def copy_current(self) -> None:
        role = self.current_role()
        if role is None or not self._guard_unsaved():
            return
        name = self._ask_name(
            translate("roles_page", "Copy role"),
            translate("roles_page", "{name} (copy)").format(name=role.name),
        )
        if name:
            context, actor, role_id = self.context, self.actor, role.id
            self._try(lambda: _changed(copy_role(context, actor, role_id, name)))

    def rename_current(self) -> None:
        role = self.current_role()
        if role is None or not self._guard_unsaved():
            return
        name = self._ask_name(translate("roles_page", "Rename role"), role.name)
        if name:
            context, actor, role_id, version = self.context, self.actor, role.id, role.version
            self._try(lambda: rename_role(context, actor, role_id, name, expected_version=version))

    def delete_current(self) -> None:
        role = self.current_role()
        if role is None or not self._guard_unsaved():
            return
        context, actor, role_id = self.context, self.actor, role.id
        self._try(lambda: delete_role(context, actor, role_id))

    def _try(self, action: Callable[[], Changes]) -> None:
        """One role change on the worker; the matrix is read again after it."""
        WriteOp(self, action).success(lambda _changes: self.reload()).failure(
            lambda error: show_error(
                self, translate("roles_page", "The role was not changed"), sentence(error)
            )
        ).run(self.hub)


def _changed(_role_id: str) -> Changes:
    """A new role's id is not a `Changes`: say what a creation changed, for the broadcast."""
    return ROLE_CHANGES
