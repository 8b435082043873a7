"""The staff screen (`staff.view` to see, `staff.manage` to change).

Use:

    page = StaffPage(context, session.actor, hub)   # a QWidget for the main window
    page.set_actor(other_session.actor)             # after a user switch

A model/view list (display name, username, roles, provider, active, locked) with a search
box (filters as you type), a role filter and an active filter; New, Edit, Deactivate /
Reactivate, Reset password and Unlock act on the selected member. Buttons the actor may not
use are disabled; the services refuse (and audit) anyway. Members are never deleted.

Every service call runs on the database worker through gui/operations.py (QueryOp for
reads, WriteOp for changes); nothing here touches the database on the GUI thread. The
page refreshes itself after its own writes and on other views' staff/role changes (from the
hub's `operation_did_execute`), at once when visible, else when next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
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
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.roles import RoleInfo, list_roles
from cicini_desktop.services.scheduling.availability import list_types
from cicini_desktop.services.staff import (
    STAFF_CHANGES,
    NewStaff,
    ProviderInfo,
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

Index = QModelIndex | QPersistentModelIndex
_COLUMNS = (
    QT_TRANSLATE_NOOP("staff_page", "Name"),
    QT_TRANSLATE_NOOP("staff_page", "Username"),
    QT_TRANSLATE_NOOP("staff_page", "Roles"),
    QT_TRANSLATE_NOOP("staff_page", "Provider"),
    QT_TRANSLATE_NOOP("staff_page", "Status"),
)


@dataclass(frozen=True)
class EditorChoices:
    """What the editor offers, read on the worker before it opens."""

    providers: list[ProviderInfo]
    appointment_types: list[tuple[str, str]]  # (type id, name)
    details: StaffDetails | None = None  # None: a new member


@dataclass(frozen=True)
class StaffSaved:
    """A saved member (a WriteOp result: the hub broadcasts `changes`)."""

    staff_id: str
    changes: Changes = field(default=STAFF_CHANGES)


def editor_choices(
    context: ServiceContext, actor: Actor, staff_id: str | None = None
) -> EditorChoices:
    """The member (if editing), the providers and the appointment types. Runs on the worker.

    Providers and types only decorate the form: a refusal there leaves those lists empty
    (the save is checked by the service anyway); a refusal to read the member is an error.
    """
    details = get_staff(context, actor, staff_id) if staff_id is not None else None
    try:
        providers = list_providers(context, actor, include_inactive=True)
    except CiciniError:
        providers = []
    try:
        types = [(t.id, t.name) for t in list_types(context, actor)]
    except CiciniError:
        types = []
    return EditorChoices(providers, types, details)


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
            return translate("staff_page", _COLUMNS[section])
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
                return translate("staff_page", "Yes") if row.is_provider else ""
            status = (
                translate("staff_page", "Active")
                if row.active
                else translate("staff_page", "Deactivated")
            )
            return (
                translate("staff_page", "{status}, locked").format(status=status)
                if row.locked
                else status
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def _checkable(widget: QListWidget, items: list[tuple[str, str]], checked: set[str]) -> None:
    for item_id, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


class StaffEditor(QDialog):
    """Create (`choices.details` None) or edit one member.

    Save runs on the worker: the button is disabled meanwhile; a refusal shows the service's
    sentence in the dialog (which stays open); success accepts it (`result_id` set).
    """

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        roles: list[RoleInfo],
        choices: EditorChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.hub = hub
        self.owner = parent  # the page that opened it (its writes are the page's own)
        details = choices.details
        self.details = details
        self.result_id: str | None = None
        self.setWindowTitle(
            translate("staff_page", "New staff member")
            if details is None
            else translate("staff_page", "Edit staff member")
        )
        self.display_name = QLineEdit(details.display_name if details else "")
        self.display_name.setAccessibleName(translate("staff_page", "Display name"))
        self.username = QLineEdit(details.username if details else "")
        self.username.setAccessibleName(translate("staff_page", "Username"))
        self.password = QLineEdit()
        self.password.setAccessibleName(translate("staff_page", "Temporary password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles = QListWidget()
        self.roles.setAccessibleName(translate("staff_page", "Roles"))
        held = {a.role_id for a in details.assignments} if details else set()
        _checkable(self.roles, [(role.id, role.name) for role in roles], held)
        # One scope for all the member's roles (the service allows one per assignment).
        self.scope = QListWidget()
        self.scope.setAccessibleName(translate("staff_page", "Limit to providers"))
        scoped: set[str] = set()
        if details:
            for assignment in details.assignments:
                scoped |= set(assignment.provider_scope or ())
        _checkable(self.scope, [(p.id, p.display_name) for p in choices.providers], scoped)
        self.is_provider = QCheckBox(
            translate("staff_page", "Sees patients (appears as a column in the calendar)")
        )
        self.is_provider.setChecked(bool(details and details.is_provider))
        self.colour = QLineEdit(details.colour or "" if details else "")
        self.colour.setAccessibleName(translate("staff_page", "Calendar colour"))
        self.colour.setPlaceholderText("#3A7BD5")
        # The colour picker fills the field; the hex can still be typed (the service checks it).
        self.colour_button = QPushButton(translate("staff_page", "C&hoose…"))
        self.colour_button.setAccessibleName(translate("staff_page", "Choose the calendar colour"))
        self.colour_button.clicked.connect(self.pick_colour)
        self.colour_dialog: QColorDialog | None = None
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour, 1)
        colour_row.addWidget(self.colour_button)
        self.services = QListWidget()
        self.services.setAccessibleName(translate("staff_page", "Services offered"))
        offered = set(details.service_ids) if details else set()
        _checkable(self.services, choices.appointment_types, offered)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020;")
        self.error.setAccessibleName(translate("staff_page", "Error message"))
        form = QFormLayout()
        form.addRow(translate("staff_page", "Display &name"), self.display_name)
        form.addRow(translate("staff_page", "&Username"), self.username)
        if details is None:
            form.addRow(translate("staff_page", "Temporary &password"), self.password)
        form.addRow(translate("staff_page", "&Roles"), self.roles)
        form.addRow(translate("staff_page", "Only for providers (none = all)"), self.scope)
        form.addRow(self.is_provider)
        form.addRow(translate("staff_page", "Calendar &colour"), colour_row)
        form.labelForField(colour_row).setBuddy(self.colour)  # type: ignore[union-attr]
        form.addRow(translate("staff_page", "Services offered"), self.services)
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

    def pick_colour(self) -> None:
        """The system colour picker, window-modal (not exec), starting from the field."""
        start = QColor(self.colour.text().strip() or "#3A7BD5")
        self.colour_dialog = QColorDialog(start if start.isValid() else QColor("#3A7BD5"), self)
        self.colour_dialog.setWindowTitle(translate("staff_page", "Calendar colour"))
        self.colour_dialog.colorSelected.connect(
            lambda colour: self.colour.setText(colour.name().upper())
        )
        self.colour_dialog.open()

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

    def _write(self) -> Callable[[], StaffSaved]:
        """The save as a closure over plain values read from the form now (GUI thread)."""
        context, actor, details = self.context, self.actor, self.details
        if details is None:
            new = NewStaff(
                username=self.username.text(),
                display_name=self.display_name.text(),
                password=self.password.text(),
                assignments=self.assignments(),
                is_provider=self.is_provider.isChecked(),
                colour=self.colour.text().strip() or None,
                service_ids=frozenset(self._checked(self.services)),
            )
            return lambda: StaffSaved(create_staff(context, actor, new))
        display_name, username = self.display_name.text(), self.username.text()
        is_provider, colour = self.is_provider.isChecked(), self.colour.text().strip()
        services = self._checked(self.services) if self.services.count() else None
        assignments = self.assignments()

        def update() -> StaffSaved:
            update_staff(
                context,
                actor,
                details.id,
                expected_version=details.version,
                display_name=display_name,
                username=username,
                is_provider=is_provider,
                colour=colour,
                service_ids=services,
                assignments=assignments,
            )
            return StaffSaved(details.id)

        return update

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is already running
        self.save_button.setEnabled(False)
        self.error.setText("")
        WriteOp(self, self._write()).success(self._saved).failure(self._refused).run(self.hub)

    def _saved(self, saved: StaffSaved) -> None:
        self.result_id = saved.staff_id
        self.accept()

    def _refused(self, error: CiciniError) -> None:
        self.error.setText(sentence(error))
        self.save_button.setEnabled(True)


class StaffPage(QWidget):
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
        self.roles: list[RoleInfo] = []
        self.editor_dialog: StaffEditor | None = None  # the open editor, if any
        self._generation = 0  # the newest list request; older answers are dropped
        self._select_after: str | None = None
        self._stale = False
        hub.operation_did_execute.connect(self._on_changes)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("staff_page", "Search by name or username"))
        self.search.setAccessibleName(translate("staff_page", "Search staff"))
        self.search.textChanged.connect(self.refresh)
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName(translate("staff_page", "Filter by role"))
        self.role_filter.addItem(translate("staff_page", "All roles"), None)
        self.role_filter.currentIndexChanged.connect(self.refresh)
        self.active_filter = QComboBox()
        self.active_filter.setAccessibleName(translate("staff_page", "Filter by status"))
        for label, value in (
            (translate("staff_page", "Active"), True),
            (translate("staff_page", "Deactivated"), False),
            (translate("staff_page", "Everyone"), None),
        ):
            self.active_filter.addItem(label, value)
        self.active_filter.currentIndexChanged.connect(self.refresh)
        # Labels tied to the combos: a screen reader announces "Role, All roles", not the value.
        role_label = QLabel(translate("staff_page", "R&ole:"))
        role_label.setBuddy(self.role_filter)
        status_label = QLabel(translate("staff_page", "Sta&tus:"))
        status_label.setBuddy(self.active_filter)
        self.model = StaffTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("staff_page", "Staff list"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("staff_page", "Staff list status"))
        self.new_button = QPushButton(translate("staff_page", "&New…"))
        self.edit_button = QPushButton(translate("staff_page", "&Edit…"))
        self.toggle_button = QPushButton(translate("staff_page", "&Deactivate"))
        self.reset_button = QPushButton(translate("staff_page", "&Reset password…"))
        self.unlock_button = QPushButton(translate("staff_page", "&Unlock"))
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(role_label)
        filters.addWidget(self.role_filter, 1)
        filters.addWidget(status_label)
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
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_buttons()
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        # Own writes refresh in their success callbacks: the page's, and its editor's while
        # that is still open (an editor closed before its save finished has no callback).
        if initiator is self or (
            isinstance(initiator, StaffEditor)
            and shiboken6.isValid(initiator)
            and initiator.owner is self
        ):
            return
        if not (changes.staff or changes.roles):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        """The roles (for the filter and the Roles column), then the list."""
        context, actor = self.context, self.actor
        QueryOp(self, lambda: list_roles(context, actor)).success(self._show_roles).failure(
            lambda _error: self._show_roles([])  # the list below says why, if it is refused too
        ).run(self.hub)

    def _show_roles(self, roles: list[RoleInfo]) -> None:
        self.roles = roles
        current = self.role_filter.currentData()
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem(translate("staff_page", "All roles"), None)
        for role in roles:
            self.role_filter.addItem(role.name, role.id)
        self.role_filter.setCurrentIndex(max(0, self.role_filter.findData(current)))
        self.role_filter.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the list for the current search and filters (answers arrive in order; only
        the newest request's answer is shown)."""
        self._generation += 1
        generation = self._generation
        context, actor = self.context, self.actor
        search = self.search.text()
        role_id = self.role_filter.currentData()
        active = self.active_filter.currentData()

        def show(rows: list[StaffSummary]) -> None:
            if generation == self._generation:
                self._show_rows(rows)

        def refused(error: CiciniError) -> None:
            if generation == self._generation:
                self._show_rows([])
                self.status.setText(sentence(error))

        QueryOp(
            self,
            lambda: list_staff(context, actor, search=search, role_id=role_id, active=active),
        ).success(show).failure(refused).run(self.hub)

    def _show_rows(self, rows: list[StaffSummary]) -> None:
        self.model.set_rows(rows, {r.id: r.name for r in self.roles})
        self.status.setText("")
        if self._select_after is not None:
            self.select_id(self._select_after)
            self._select_after = None
        self._update_buttons()

    # --- selection ------------------------------------------------------------------------

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
            translate("staff_page", "&Reactivate")
            if member is not None and not member.active
            else translate("staff_page", "&Deactivate")
        )

    # --- actions --------------------------------------------------------------------------

    def _run(self, action: Callable[[], Changes]) -> None:
        """A change to the selected member on the worker; the list follows on success."""
        WriteOp(self, action).success(lambda _changes: self.refresh()).failure(
            lambda error: show_error(
                self, translate("staff_page", "The change was not made"), sentence(error)
            )
        ).run(self.hub)

    def open_editor(self, choices: EditorChoices) -> StaffEditor:
        """Open the editor (non-blocking); on save the list refreshes and selects the member."""
        if self.editor_dialog is not None:
            self.editor_dialog.close()
        editor = StaffEditor(self.context, self.actor, self.hub, self.roles, choices, self)
        self.editor_dialog = editor
        editor.accepted.connect(lambda: self._editor_saved(editor))
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        editor.open()
        return editor

    def _editor_saved(self, editor: StaffEditor) -> None:
        self._select_after = editor.result_id
        self.refresh()

    def _editor_closed(self, editor: StaffEditor) -> None:
        if self.editor_dialog is editor:
            self.editor_dialog = None
        editor.deleteLater()

    def new_member(self) -> None:
        if not self.actor.may(Permission.STAFF_MANAGE):
            return
        context, actor = self.context, self.actor
        QueryOp(self, lambda: editor_choices(context, actor)).success(self.open_editor).title(
            translate("staff_page", "Cannot open the form")
        ).run(self.hub)

    def edit_selected(self) -> None:
        member = self.selected()
        if member is None or not self.actor.may(Permission.STAFF_MANAGE):
            return
        context, actor, staff_id = self.context, self.actor, member.id
        QueryOp(self, lambda: editor_choices(context, actor, staff_id)).success(
            self.open_editor
        ).title(translate("staff_page", "Cannot open this member")).run(self.hub)

    def toggle_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        context, actor, staff_id = self.context, self.actor, member.id
        if member.active:
            answer = QMessageBox.question(
                self,
                translate("staff_page", "Deactivate"),
                translate(
                    "staff_page",
                    "Deactivate {display_name}? They can no longer sign in; their "
                    "appointments and history stay. You can reactivate them later.",
                ).format(display_name=member.display_name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._run(lambda: deactivate_staff(context, actor, staff_id))
        else:
            self._run(lambda: reactivate_staff(context, actor, staff_id))

    def reset_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        password, ok = QInputDialog.getText(
            self,
            translate("staff_page", "Reset password"),
            translate(
                "staff_page",
                "A temporary password for {display_name} (they choose their own at next sign-in):",
            ).format(display_name=member.display_name),
            QLineEdit.EchoMode.Password,
        )
        if ok and password:
            context, actor, staff_id = self.context, self.actor, member.id
            self._run(lambda: reset_password(context, actor, staff_id, password))

    def unlock_selected(self) -> None:
        member = self.selected()
        if member is not None:
            context, actor, staff_id = self.context, self.actor, member.id
            self._run(lambda: unlock_account(context, actor, staff_id))
