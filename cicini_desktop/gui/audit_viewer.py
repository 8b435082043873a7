"""The manager's audit trail page: a table over record ids, rows fetched on demand.

    page = AuditViewerPage(context, actor, hub)     # the main window places it
    page.set_actor(other)                           # after a user switch

The model follows Anki's browser table model: it holds the ids of the pages fetched so far
(`canFetchMore`/`fetchMore` ask the service for the next page, newest first) and fetches the
rows of the window the view paints. Every read runs on the database worker through
`QueryOp` and arrives later on the GUI thread; the model then inserts the ids
(`rowsInserted`) or announces the fetched rows (`dataChanged`). Until a row has arrived its
cells are empty: `data()` never waits, and it never calls a service itself. It only notes
which rows are wanted; one request per window of rows goes to the worker on the next turn
of the event loop (so painting a screenful asks once, not once per cell).

Staff display names are resolved at view time; the trail itself holds ids only. Filters:
time range (days in the clinic's time zone, read through the worker too), action, outcome,
staff member. Export writes the filtered view to CSV on the worker (the service audits and
counts it).
"""

from __future__ import annotations

import logging
from collections.abc import Generator
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.audit_chain import VerifyReport
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.audit_labels import ACTION_LABELS, OUTCOME_LABELS
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import JobOp, OperationHub, QueryOp
from cicini_desktop.gui.schedule.editors import DateField
from cicini_desktop.services import audit, audit_integrity
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.worker import Progress

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("audit_viewer", "Time"),
    QT_TRANSLATE_NOOP("audit_viewer", "Action"),
    QT_TRANSLATE_NOOP("audit_viewer", "Outcome"),
    QT_TRANSLATE_NOOP("audit_viewer", "Staff"),
    QT_TRANSLATE_NOOP("audit_viewer", "Target"),
    QT_TRANSLATE_NOOP("audit_viewer", "Details"),
    QT_TRANSLATE_NOOP("audit_viewer", "Network"),
    QT_TRANSLATE_NOOP("audit_viewer", "Workstation"),
)
AUDIT_CHANGED = Changes(audit=True)
ROW_WINDOW = 100  # rows fetched together when the view paints one that is not cached
AnyIndex = QModelIndex | QPersistentModelIndex


# Widths from the texts a column holds, measured in the table's font (not from the rows:
# sizing to contents would page through up to a thousand records of a million). Details
# and targets are long by nature: they get a readable share, and their tooltips the rest;
# the workstation, least read, takes what is left.
_WIDEST_SAMPLES = {
    0: ("2026-12-31 23:59:59",),
    3: ("Dr. Maximilian Berger",),
    4: ("appointment_type: 0123abcd",),
    6: ("2001:db8:1234::/48",),
}
_DETAILS_CHARACTERS = 34
_ACTION_MAX_PX = 260


def size_columns(table: QTableView) -> None:
    metrics = table.fontMetrics()
    padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
    samples = {
        **_WIDEST_SAMPLES,
        1: tuple(action_label(value) for value in ACTION_LABELS),
        2: tuple(outcome_label(value) for value in OUTCOME_LABELS),
        5: ("x" * _DETAILS_CHARACTERS,),
    }
    header = table.horizontalHeader()
    for column, texts in samples.items():
        title = translate("audit_viewer", COLUMNS[column])
        widest = max(metrics.horizontalAdvance(text) for text in (*texts, title))
        if column == 1:
            widest = min(widest, _ACTION_MAX_PX)
        header.resizeSection(column, widest + padding)


def action_label(value: str) -> str:
    """'sign_in.failed' -> 'Sign in: failed' ('Anmeldung: fehlgeschlagen' in German)."""
    if value in ACTION_LABELS:
        return translate("audit_labels", ACTION_LABELS[value])
    head, _, tail = value.partition(".")
    text = head.replace("_", " ")
    if tail:
        text += ": " + tail.replace("_", " ")
    return text[:1].upper() + text[1:]


def outcome_label(value: str) -> str:
    if value in OUTCOME_LABELS:
        return translate("audit_labels", OUTCOME_LABELS[value])
    return value.capitalize()


@dataclass(frozen=True)
class RowsFetched:
    rows: dict[int, audit.AuditRow]
    names: dict[str, str]  # staff id -> display name ("" when unknown)


def fetch_rows(
    context: ServiceContext, actor: Actor, ids: list[int], known_names: frozenset[str]
) -> RowsFetched:
    """Rows for `ids` and the names of the staff they mention not yet known. On the worker."""
    rows = audit.rows_by_id(context, actor, ids)
    mentioned = {row.actor_id for row in rows.values()} | {
        row.target_id for row in rows.values() if row.target_type == "staff" and row.target_id
    }
    unknown = mentioned - known_names - {SYSTEM_ACTOR}
    names = audit.staff_names(context, unknown) if unknown else {}
    return RowsFetched(rows, {staff_id: names.get(staff_id, "") for staff_id in unknown})


class AuditTableModel(QAbstractTableModel):
    """Ids of the filtered trail, newest first; rows and names fetched on demand.

    Answers from the worker carry the generation they were asked in: after a `reload`
    (new filter), answers to the old filter's requests are dropped.
    """

    # Emitted on the GUI thread only (never across threads).
    page_loaded = Signal()  # a page of ids arrived
    load_failed = Signal(str)  # the service refused: its sentence

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
        self._owner = parent  # the widget the operations report to (dialogs, lifetime)
        self.audit_filter = audit.AuditFilter()
        self.page_size = audit.PAGE_SIZE
        # The clinic's zone: set by the page once read through the worker.
        self.zone = ZoneInfo("UTC")
        self._generation = 0
        self._ids: list[int] = []
        self._cursor: audit.Cursor | None = None
        self._exhausted = True
        self._fetching = False
        self._failed = False
        self._rows: dict[int, audit.AuditRow] = {}
        self._requested: set[int] = set()  # asked for (or not found): never asked again
        self._wanted: set[int] = set()  # positions painted without a row, not yet asked
        self._names: dict[str, str] = {}

    # --- loading ----------------------------------------------------------------------------

    def reload(self, audit_filter: audit.AuditFilter | None = None) -> None:
        """Start over with `audit_filter` (or the current one): first page requested."""
        if audit_filter is not None:
            self.audit_filter = audit_filter
        self._start_over(exhausted=False)
        self.fetchMore()

    def clear(self) -> None:
        """Show nothing and fetch nothing (the actor may not read the trail)."""
        self._start_over(exhausted=True)

    def _start_over(self, *, exhausted: bool) -> None:
        self._generation += 1
        self.beginResetModel()
        self._ids, self._rows = [], {}
        self._requested.clear()
        self._wanted.clear()
        self._cursor, self._exhausted = None, exhausted
        self._fetching = self._failed = False
        self.endResetModel()

    @property
    def fetching(self) -> bool:
        """A page of ids is on its way."""
        return self._fetching

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._failed

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Ask the worker for the next page of ids; they are inserted when they arrive."""
        if parent.isValid() or self._exhausted or self._failed or self._fetching:
            return
        self._fetching = True
        generation = self._generation
        context, actor, audit_filter = self.context, self.actor, self.audit_filter
        cursor, size = self._cursor, self.page_size

        def arrived(page: tuple[list[int], audit.Cursor | None]) -> None:
            if generation != self._generation:
                return
            ids, next_cursor = page
            self._fetching = False
            self._cursor, self._exhausted = next_cursor, next_cursor is None
            if ids:
                first = len(self._ids)
                self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
                self._ids.extend(ids)
                self.endInsertRows()
            self.page_loaded.emit()

        QueryOp(
            self._owner, lambda: audit.page_ids(context, actor, audit_filter, cursor, size)
        ).success(arrived).failure(lambda error: self._refused(generation, error)).run(self.hub)

    def _refused(self, generation: int, error: CiciniError) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._failed = True  # no retry on every paint: the next reload tries again
        self.load_failed.emit(sentence(error))

    def _want(self, position: int) -> None:
        """Note a painted row without data; ask for it (and its neighbours) next turn."""
        if not self._wanted:
            QTimer.singleShot(0, self, self._request_wanted)
        self._wanted.add(position)

    def _request_wanted(self) -> None:
        positions, self._wanted = sorted(self._wanted), set()
        for position in positions:
            self._request_window(position)

    def _request_window(self, position: int) -> None:
        if self._failed or position >= len(self._ids):
            return
        window = [
            seq
            for seq in self._ids[position : position + ROW_WINDOW]
            if seq not in self._rows and seq not in self._requested
        ]
        if not window:
            return
        self._requested.update(window)
        generation = self._generation
        context, actor, known = self.context, self.actor, frozenset(self._names)
        last = min(position + ROW_WINDOW, len(self._ids)) - 1

        def arrived(fetched: RowsFetched) -> None:
            if generation != self._generation:
                return
            self._rows.update(fetched.rows)
            # Ids not found (purged meanwhile) stay "requested": they are not asked again.
            self._requested.difference_update(fetched.rows)
            new_names = any(fetched.names.get(s) for s in fetched.names.keys() - self._names)
            self._names.update(fetched.names)
            # A newly known name may also label rows shown before (as a target).
            first, end = (0, len(self._ids) - 1) if new_names else (position, last)
            self.dataChanged.emit(self.index(first, 0), self.index(end, len(COLUMNS) - 1))

        QueryOp(self._owner, lambda: fetch_rows(context, actor, window, known)).success(
            arrived
        ).failure(lambda error: self._refused(generation, error)).run(self.hub)

    def row_at(self, position: int) -> audit.AuditRow | None:
        """The row at `position` if it has arrived (never fetches)."""
        return self._rows.get(self._ids[position])

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("audit_viewer", COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            self._want(index.row())
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return self.cell(row, index.column())

    def staff_label(self, staff_id: str) -> str:
        if staff_id == SYSTEM_ACTOR:
            return translate("audit_viewer", "System")
        return self._names.get(staff_id) or translate("audit_viewer", "Staff {staff_id}").format(
            staff_id=staff_id[:8]
        )

    def cell(self, row: audit.AuditRow, column: int) -> str:
        if column == 0:
            return row.occurred_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return action_label(row.action)
        if column == 2:
            return outcome_label(row.outcome)
        if column == 3:
            return self.staff_label(row.actor_id)
        if column == 4:
            if row.target_type is None:
                return ""
            if row.target_type == "staff" and row.target_id:
                return translate("audit_viewer", "staff: {staff_label}").format(
                    staff_label=self.staff_label(row.target_id)
                )
            return f"{row.target_type}: {(row.target_id or '')[:8]}"
        if column == 5:
            return ", ".join(f"{key}={value}" for key, value in sorted(row.details.items()))
        if column == 6:
            return row.masked_network or ""
        return translate(
            "audit_viewer", "{device_category}, {os_family} {os_major}, app {app_version}"
        ).format(
            device_category=row.device_category,
            os_family=row.os_family,
            os_major=row.os_major,
            app_version=row.app_version,
        )

    def seq_at(self, position: int) -> int:
        return self._ids[position]


@dataclass(frozen=True)
class ViewerSetup:
    """What the page reads once before its first page of ids."""

    zone: str  # the clinic's IANA zone
    actor_choices: list[tuple[str, str]]  # (staff id, name) for the staff filter


def viewer_setup(context: ServiceContext, actor: Actor) -> ViewerSetup:
    """On the worker: the clinic's zone and, for readers of the trail, the staff choices."""
    choices: list[tuple[str, str]] = []
    if actor.may(Permission.AUDIT_VIEW):
        try:
            choices = audit.actor_choices(context, actor)
        except CiciniError:
            choices = []  # the filter then offers "Everyone" only
    return ViewerSetup(audit.clinic_timezone(context), choices)


@dataclass(frozen=True)
class ExportDone:
    count: int
    changes: Changes = AUDIT_CHANGED


def export_job(
    context: ServiceContext, actor: Actor, target: Path, audit_filter: audit.AuditFilter
) -> Generator[Progress, None, ExportDone]:
    """The export as a long job whose result says what changed (its own audit record)."""
    count = yield from audit.export_csv_steps(context, actor, target, audit_filter)
    return ExportDone(count)


class AuditViewerPage(QWidget):
    """Filters, the table, and export. Needs `audit.view`; export needs `audit.export`."""

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
        self.model = AuditTableModel(context, actor, hub, self)
        self._ready = False  # the zone and the staff choices have arrived
        self._stale = False
        self._note = ""  # the last export's sentence, kept beside the count

        self.since_enabled = QCheckBox(translate("audit_viewer", "&From"))
        self.since = DateField()  # one Tab stop, not one per date section
        self.until_enabled = QCheckBox(translate("audit_viewer", "&To"))
        self.until = DateField()
        today = QDate.currentDate()
        for label, box, edit, day in (
            (
                translate("audit_viewer", "Filter from date"),
                self.since_enabled,
                self.since,
                today.addDays(-30),
            ),
            (translate("audit_viewer", "Filter to date"), self.until_enabled, self.until, today),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
            edit.setAccessibleName(label)
            box.setAccessibleName(
                translate("audit_viewer", "Use {lower}").format(lower=label.lower())
            )
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.apply_filters)
            edit.dateChanged.connect(self.apply_filters)

        self.action_filter = QComboBox()
        self.action_filter.setAccessibleName(translate("audit_viewer", "Filter by action"))
        self.action_filter.addItem(translate("audit_viewer", "All actions"), None)
        for action in sorted(AuditAction, key=lambda a: action_label(a.value)):
            self.action_filter.addItem(action_label(action.value), action)
        self.outcome_filter = QComboBox()
        self.outcome_filter.setAccessibleName(translate("audit_viewer", "Filter by outcome"))
        self.outcome_filter.addItem(translate("audit_viewer", "All outcomes"), None)
        for outcome in AuditOutcome:
            self.outcome_filter.addItem(outcome_label(outcome.value), outcome)
        self.actor_filter = QComboBox()
        self.actor_filter.setAccessibleName(translate("audit_viewer", "Filter by staff member"))
        self.actor_filter.addItem(translate("audit_viewer", "Everyone"), None)
        # Each combo has its label as buddy: assistive technology announces name and value.
        self.filter_labels: list[QLabel] = []
        for text, combo in (
            (translate("audit_viewer", "&Action:"), self.action_filter),
            (translate("audit_viewer", "&Outcome:"), self.outcome_filter),
            (translate("audit_viewer", "&Staff:"), self.actor_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            self.filter_labels.append(label)
            combo.currentIndexChanged.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("audit_viewer", "Audit trail"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        size_columns(self.table)

        self.status = QLabel()
        self.status.setAccessibleName(translate("audit_viewer", "Audit trail status"))
        self.export_button = QPushButton(translate("audit_viewer", "&Export CSV…"))
        self.export_button.setAccessibleName(
            translate("audit_viewer", "Export the filtered audit trail to a CSV file")
        )
        self.export_button.clicked.connect(self.choose_export_file)
        self.refresh_button = QPushButton(translate("audit_viewer", "&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(translate("audit_viewer", "&Check integrity"))
        self.verify_button.setAccessibleName(
            translate("audit_viewer", "Check that the audit trail is intact")
        )
        self.verify_button.setToolTip(
            translate(
                "audit_viewer",
                "Walk the whole trail and check every record against its hash and the chain head",
            )
        )
        self.verify_button.clicked.connect(self.verify)
        self.model.page_loaded.connect(self._show_count)
        self.model.load_failed.connect(self.status.setText)
        hub.operation_did_execute.connect(self._on_changes)

        filters = QHBoxLayout()
        for widget in (self.since_enabled, self.since, self.until_enabled, self.until):
            filters.addWidget(widget)
        for label, combo in zip(
            self.filter_labels,
            (self.action_filter, self.outcome_filter, self.actor_filter),
            strict=True,
        ):
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self._loading = False
        self.set_actor(actor)

    # --- state --------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """The clinic's zone and the staff choices have arrived (filters can be built)."""
        return self._ready

    def set_actor(self, actor: Actor) -> None:
        """Read the zone and the staff choices for `actor` on the worker, then the trail."""
        self.actor = actor
        self.model.actor = actor
        self.export_button.setVisible(actor.may(Permission.AUDIT_EXPORT))
        self._ready = False
        self.status.setText(translate("audit_viewer", "Loading…"))
        context = self.context
        QueryOp(self, lambda: viewer_setup(context, actor)).success(self._set_up).failure(
            lambda error: self.status.setText(sentence(error))
        ).run(self.hub)

    def _set_up(self, setup: ViewerSetup) -> None:
        self.model.zone = ZoneInfo(setup.zone)
        self._loading = True
        try:
            chosen = self.actor_filter.currentData()
            self.actor_filter.clear()
            self.actor_filter.addItem(translate("audit_viewer", "Everyone"), None)
            for staff_id, name in setup.actor_choices:
                self.actor_filter.addItem(name, staff_id)
            self.actor_filter.setCurrentIndex(max(0, self.actor_filter.findData(chosen)))
        finally:
            self._loading = False
        self._ready = True
        self.refresh()

    def current_filter(self) -> audit.AuditFilter:
        zone = self.model.zone

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
        """Start the trail over with the current filters (its pages arrive from the worker)."""
        self._note = ""
        if not self.actor.may(Permission.AUDIT_VIEW):
            self.model.clear()
            self.status.setText(
                translate("audit_viewer", "Your role does not allow reading the audit trail.")
            )
            return
        if not self._ready:
            return  # `_set_up` refreshes once the zone is known
        self.status.setText(translate("audit_viewer", "Loading…"))
        self.model.reload(self.current_filter())

    def _show_count(self) -> None:
        more = "+" if self.model.canFetchMore() else ""
        rows = self.model.rowCount()  # (lupdate skips a call among translate's arguments)
        text = translate("audit_viewer", "%n record(s){more}, newest first", None, rows).format(
            more=more
        )
        self.status.setText(f"{self._note} {text}" if self._note else text)

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        # Another view's write added records: show them when visible, else when next shown.
        if initiator is self or not changes.audit:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # --- export ---------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("audit_viewer", "Export audit trail"),
            "audit-trail.csv",
            translate("audit_viewer", "CSV files (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> JobOp[ExportDone]:
        """Export the filtered view as a long job on the worker (a progress dialog that can
        cancel it); the count appears in the status line."""
        audit_filter, context, actor = self.current_filter(), self.context, self.actor
        self.status.setText(translate("audit_viewer", "Exporting…"))
        self.export_button.setEnabled(False)
        job: JobOp[ExportDone] = (
            JobOp(
                self,
                lambda: export_job(context, actor, target, audit_filter),
                translate("audit_viewer", "Exporting the audit trail"),
            )
            .success(lambda done: self._exported(done.count, target))
            .failure(self._export_refused)
            .on_cancelled(self._export_cancelled)
        )
        job.run(self.hub)
        return job

    def _export_cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(translate("audit_viewer", "Export cancelled; no file was written."))

    # --- integrity ------------------------------------------------------------------------

    def verify(self) -> JobOp[VerifyReport]:
        """Walk the whole trail on the worker, behind a progress dialog."""
        context, actor = self.context, self.actor
        self.verify_button.setEnabled(False)
        self.status.setText(translate("audit_viewer", "Checking the audit trail…"))
        job: JobOp[VerifyReport] = (
            JobOp(
                self,
                lambda: audit_integrity.verify_steps(context, actor),
                translate("audit_viewer", "Checking the audit trail"),
                writes=False,
            )
            .success(self._verified)
            .failure(self._verify_failed)
            .on_cancelled(self._verify_cancelled)
        )
        job.run(self.hub)
        return job

    def _verified(self, report: VerifyReport) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            notes = "".join(
                translate("audit_viewer", " Note: {warning}.").format(warning=warning)
                for warning in report.warnings
            )
            self.status.setText(localized(report.sentence()) + notes)
            return
        self.status.setText(
            translate("audit_viewer", "The audit trail is broken; see the message.")
        )
        show_error(
            self,
            translate("audit_viewer", "The audit trail is broken"),
            localized(report.problem()),
        )

    def _verify_failed(self, error: CiciniError) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText("")
        show_error(
            self, translate("audit_viewer", "The audit trail was not checked"), sentence(error)
        )

    def _verify_cancelled(self) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText(translate("audit_viewer", "Check cancelled."))

    def _exported(self, count: int, target: Path) -> None:
        self.export_button.setEnabled(True)
        self.refresh()  # the export's own record is now in the trail
        self._note = translate(
            "audit_viewer", "%n record(s) exported to {name}.", None, count
        ).format(name=target.name)
        self.status.setText(self._note)

    def _export_refused(self, error: CiciniError) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("")
        show_error(
            self, translate("audit_viewer", "The audit trail was not exported"), sentence(error)
        )
