"""The manager's audit trail page: a table over record ids, rows fetched on demand.

The model holds only the ids of the pages fetched so far (`canFetchMore`/`fetchMore` ask the
service for the next page, newest first) and fetches rows for the window the view paints.
Staff display names are resolved at view time; the trail itself holds ids only. Filters:
time range, action, outcome, staff member. Export writes the filtered view to CSV
(the service audits and counts it).

    page = AuditViewerPage(context, actor)          # the main window places it
    page.set_actor(other)                           # after a user switch
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.operations import OperationHub, WriteOp
from cicini_desktop.services import audit
from cicini_desktop.services.context import Actor, ServiceContext

log = logging.getLogger(__name__)

COLUMNS = ("Time", "Action", "Outcome", "Staff", "Target", "Details", "Network", "Workstation")
AUDIT_CHANGED = Changes(audit=True)
ROW_WINDOW = 100  # rows fetched together when the view paints one that is not cached
AnyIndex = QModelIndex | QPersistentModelIndex


def action_label(value: str) -> str:
    """'sign_in.failed' -> 'Sign in: failed' (the vocabulary is closed, so this is enough)."""
    head, _, tail = value.partition(".")
    text = head.replace("_", " ")
    if tail:
        text += ": " + tail.replace("_", " ")
    return text[:1].upper() + text[1:]


class AuditTableModel(QAbstractTableModel):
    """Ids of the filtered trail, newest first; rows and names fetched on demand."""

    def __init__(
        self, context: ServiceContext, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.audit_filter = audit.AuditFilter()
        self.page_size = audit.PAGE_SIZE
        self._ids: list[int] = []
        self._cursor: audit.Cursor | None = None
        self._exhausted = True
        self._rows: dict[int, audit.AuditRow] = {}
        self._names: dict[str, str] = {}
        self._zone = ZoneInfo(audit.clinic_timezone(context))

    # --- loading ----------------------------------------------------------------------------

    def reload(self, audit_filter: audit.AuditFilter | None = None) -> None:
        """Start over with `audit_filter` (or the current one): first page only."""
        if audit_filter is not None:
            self.audit_filter = audit_filter
        self.beginResetModel()
        self._ids, self._rows = [], {}
        self._cursor, self._exhausted = None, False
        try:
            self._fetch_page()
        finally:
            self.endResetModel()

    def _fetch_page(self) -> list[int]:
        ids, cursor = audit.page_ids(
            self.context, self.actor, self.audit_filter, self._cursor, self.page_size
        )
        self._cursor = cursor
        self._exhausted = cursor is None
        self._ids.extend(ids)
        return ids

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        before = len(self._ids)
        ids, cursor = audit.page_ids(
            self.context, self.actor, self.audit_filter, self._cursor, self.page_size
        )
        if not ids:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), before, before + len(ids) - 1)
        self._ids.extend(ids)
        self._cursor, self._exhausted = cursor, cursor is None
        self.endInsertRows()

    def _row(self, position: int) -> audit.AuditRow | None:
        seq = self._ids[position]
        row = self._rows.get(seq)
        if row is None:
            window = [i for i in self._ids[position : position + ROW_WINDOW] if i not in self._rows]
            fetched = audit.rows_by_id(self.context, self.actor, window)
            self._rows.update(fetched)
            unknown = {r.actor_id for r in fetched.values()} - self._names.keys()
            if unknown:
                names = audit.staff_names(self.context, unknown)
                self._names.update({staff: names.get(staff, "") for staff in unknown})
            row = self._rows.get(seq)
        return row

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return self.cell(row, index.column())

    def staff_label(self, staff_id: str) -> str:
        if staff_id == SYSTEM_ACTOR:
            return "System"
        return self._names.get(staff_id) or f"Staff {staff_id[:8]}"

    def cell(self, row: audit.AuditRow, column: int) -> str:
        if column == 0:
            return row.occurred_at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return action_label(row.action)
        if column == 2:
            return row.outcome.capitalize()
        if column == 3:
            return self.staff_label(row.actor_id)
        if column == 4:
            if row.target_type is None:
                return ""
            if row.target_type == "staff" and row.target_id:
                return f"staff: {self.staff_label(row.target_id)}"
            return f"{row.target_type}: {(row.target_id or '')[:8]}"
        if column == 5:
            return ", ".join(f"{key}={value}" for key, value in sorted(row.details.items()))
        if column == 6:
            return row.masked_network or ""
        return f"{row.device_category}, {row.os_family} {row.os_major}, app {row.app_version}"

    def seq_at(self, position: int) -> int:
        return self._ids[position]


class AuditViewerPage(QWidget):
    """Filters, the table, and export. Needs `audit.view`; export needs `audit.export`."""

    changed = Signal(object)  # Changes (the export adds an audit record)

    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        hub: OperationHub | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        # With the main window's hub, export runs on the database worker (a big trail takes
        # a while); without one (tests, standalone use) it runs inline.
        self.hub = hub
        self.model = AuditTableModel(context, actor, self)

        self.since_enabled = QCheckBox("&From")
        self.since = QDateEdit()
        self.until_enabled = QCheckBox("&To")
        self.until = QDateEdit()
        today = QDate.currentDate()
        for label, box, edit, day in (
            ("Filter from date", self.since_enabled, self.since, today.addDays(-30)),
            ("Filter to date", self.until_enabled, self.until, today),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
            edit.setAccessibleName(label)
            box.setAccessibleName(f"Use {label.lower()}")
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.apply_filters)
            edit.dateChanged.connect(self.apply_filters)

        self.action_filter = QComboBox()
        self.action_filter.setAccessibleName("Filter by action")
        self.action_filter.addItem("All actions", None)
        for action in sorted(AuditAction, key=lambda a: action_label(a.value)):
            self.action_filter.addItem(action_label(action.value), action)
        self.outcome_filter = QComboBox()
        self.outcome_filter.setAccessibleName("Filter by outcome")
        self.outcome_filter.addItem("All outcomes", None)
        for outcome in AuditOutcome:
            self.outcome_filter.addItem(outcome.value.capitalize(), outcome)
        self.actor_filter = QComboBox()
        self.actor_filter.setAccessibleName("Filter by staff member")
        for combo in (self.action_filter, self.outcome_filter, self.actor_filter):
            combo.currentIndexChanged.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit trail")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.status = QLabel()
        self.status.setAccessibleName("Audit trail status")
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setAccessibleName("Export the filtered audit trail to a CSV file")
        self.export_button.clicked.connect(self.choose_export_file)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.clicked.connect(self.refresh)

        filters = QHBoxLayout()
        for widget in (
            self.since_enabled,
            self.since,
            self.until_enabled,
            self.until,
            self.action_filter,
            self.outcome_filter,
            self.actor_filter,
        ):
            filters.addWidget(widget)
        filters.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self._loading = False
        self._load_actor_choices()
        self.set_actor(actor)

    # --- state --------------------------------------------------------------------------------

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.model.actor = actor
        self.export_button.setVisible(actor.may(Permission.AUDIT_EXPORT))
        self.refresh()

    def _load_actor_choices(self) -> None:
        self._loading = True
        try:
            self.actor_filter.clear()
            self.actor_filter.addItem("Everyone", None)
            if self.actor.may(Permission.AUDIT_VIEW):
                for staff_id, name in audit.actor_choices(self.context, self.actor):
                    self.actor_filter.addItem(name, staff_id)
        except CiciniError:
            pass
        finally:
            self._loading = False

    def current_filter(self) -> audit.AuditFilter:
        zone = self.model._zone

        def instant(day: QDate) -> datetime:
            return datetime.combine(day.toPython(), time(), zone)

        return audit.AuditFilter(
            since=instant(self.since.date()) if self.since_enabled.isChecked() else None,
            until=instant(self.until.date().addDays(1)) if self.until_enabled.isChecked() else None,
            action=self.action_filter.currentData(),
            outcome=self.outcome_filter.currentData(),
            actor_id=self.actor_filter.currentData(),
        )

    def apply_filters(self) -> None:
        if not self._loading:
            self.refresh()

    def refresh(self) -> None:
        if not self.actor.may(Permission.AUDIT_VIEW):
            self.model.beginResetModel()
            self.model._ids, self.model._exhausted = [], True
            self.model.endResetModel()
            self.status.setText("Your role does not allow reading the audit trail.")
            return
        try:
            self.model.reload(self.current_filter())
        except CiciniError as error:
            self.status.setText(error.user_message)
            return
        more = "+" if self.model.canFetchMore() else ""
        self.status.setText(f"{self.model.rowCount()}{more} record(s), newest first")

    def on_changes(self, changes: Changes) -> None:
        """Hook for the main window's `operation_did_execute` broadcast."""
        if changes.audit and self.isVisible():
            self.refresh()

    # --- export ---------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit trail", "audit-trail.csv", "CSV files (*.csv)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> int | None:
        """Export the filtered view; returns the count when run inline (no hub)."""
        audit_filter, actor = self.current_filter(), self.actor
        if self.hub is not None:
            self.status.setText("Exporting…")
            WriteOp(
                self,
                lambda: ExportDone(audit.export_csv(self.context, actor, target, audit_filter)),
            ).title("The audit trail was not exported").success(
                lambda done: self._exported(done.count, target)
            ).run(self.hub)
            return None
        try:
            count = audit.export_csv(self.context, actor, target, audit_filter)
        except CiciniError as error:
            show_error(self, "The audit trail was not exported", error.user_message)
            return None
        self._exported(count, target)
        return count

    def _exported(self, count: int, target: Path) -> None:
        self.refresh()  # the export's own record is now in the trail
        self.status.setText(f"{count} record(s) exported to {target.name}.")
        self.changed.emit(AUDIT_CHANGED)


@dataclass(frozen=True)
class ExportDone:
    count: int
    changes: Changes = AUDIT_CHANGED
