"""The audit viewer page under pytest-qt: paging on demand, filters, names, export.

The database belongs to the worker with the thread check on: the model's `data()`,
`fetchMore()` and the page's filters and export can only reach the services through it.
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui import audit_viewer as viewer_module
from cicini_desktop.gui.audit_viewer import AuditViewerPage
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.context import ENV_CHECK_DATABASE_THREAD, Actor
from cicini_desktop.services.roles import list_roles, save_matrix
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import create_first_manager
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.services.worker import DatabaseWorker
from tests.services.identity.conftest import audit_rows

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def manager(context):
    staff_id = create_first_manager(
        context, username="pm", display_name="Petra Manager", password=PASSWORD
    )
    return Actor(staff_id, context.organization_id, frozenset(Permission))


@pytest.fixture
def trail(context, manager, clock):
    for _hour in range(10):
        with unit_of_work(context, manager) as tx:
            for index in range(30):
                failed = index % 3 == 0
                tx.audit(
                    AuditAction.SIGN_IN_FAILED if failed else AuditAction.SIGN_IN_SUCCEEDED,
                    AuditOutcome.FAILURE if failed else AuditOutcome.SUCCESS,
                    target_type="staff",
                    target_id=manager.staff_id,
                )
        clock.advance(hours=1)
    return context


@pytest.fixture
def keep() -> Iterator[list[object]]:
    """The test's widgets, held until the worker has stopped (`hub` depends on this, so it
    is torn down after it). An operation may hold the last reference to its widget; were it
    dropped when the worker releases the finished work item, the widget would be freed on
    the worker thread, which crashes Qt. Freed here, on the GUI thread, cycles included."""
    held: list[object] = []
    yield held
    held.clear()
    gc.collect()


@pytest.fixture
def hub(trail, keep: list[object], monkeypatch) -> Iterator[OperationHub]:
    """The trail's database now belongs to a worker; the GUI reaches it through the hub."""
    monkeypatch.setenv(ENV_CHECK_DATABASE_THREAD, "1")
    worker = DatabaseWorker()
    trail.attach_worker(worker)
    hub = OperationHub(worker)
    yield hub
    hub.shutdown()
    worker.shutdown()
    trail.detach_worker()


def settle(qtbot, hub: OperationHub) -> None:
    """Wait until every operation started so far (and those their callbacks started) ended."""
    qtbot.waitUntil(lambda: not hub.busy, timeout=10_000)


@pytest.fixture
def page(qtbot, keep, trail, manager, hub):
    widget = AuditViewerPage(trail, manager, hub)
    keep.append(widget)
    widget.model.page_size = 50
    qtbot.addWidget(widget)
    settle(qtbot, hub)  # the zone and the staff choices, then the first page (of 200)
    widget.refresh()  # start over with pages of 50
    settle(qtbot, hub)
    return widget


def fetch_all(qtbot, page) -> None:
    while page.model.canFetchMore():
        page.model.fetchMore()
        settle(qtbot, page.hub)


def column(qtbot, page, number: int) -> list[str]:
    """What the view would show in one column, once every row has arrived."""
    model = page.model

    def cells() -> list[str | None]:
        return [model.data(model.index(row, number)) for row in range(model.rowCount())]

    qtbot.waitUntil(lambda: None not in cells(), timeout=10_000)
    return cells()  # type: ignore[return-value]


def test_rows_arrive_page_by_page_newest_first(qtbot, page):
    model = page.model
    assert model.rowCount() == 50
    assert model.canFetchMore()
    assert page.status.text() == "50+ records, newest first"
    model.fetchMore()
    assert model.rowCount() == 50  # asked; inserted when the page arrives
    qtbot.waitUntil(lambda: model.rowCount() == 100)
    fetch_all(qtbot, page)
    assert model.rowCount() > 300  # 300 sign-ins, the clinic's creation, the manager's records
    assert not page.status.text().startswith(f"{model.rowCount()}+")
    seqs = [model.seq_at(row) for row in range(model.rowCount())]
    times = column(qtbot, page, 0)
    assert times == sorted(times, reverse=True)
    assert len(set(seqs)) == len(seqs)


def test_rows_are_announced_when_they_arrive(qtbot, page):
    model = page.model
    assert model.data(model.index(0, 1)) is None  # not there yet: asked, never waited for
    with qtbot.waitSignal(model.dataChanged) as signal:
        pass
    top_left, bottom_right = signal.args[:2]
    assert top_left.row() == 0
    assert bottom_right.row() >= 0
    assert model.data(model.index(0, 1)) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == model.seq_at(0)


def test_names_are_resolved_and_only_ids_are_stored(qtbot, page, manager):
    assert "Petra Manager" in column(qtbot, page, 3)
    assert "staff: Petra Manager" in column(qtbot, page, 4)
    rows = page.hub.worker.call(lambda: audit_rows(page.context))
    assert rows
    assert not any("Petra" in str(value) for row in rows for value in row.values())


def test_outcome_and_action_filters(qtbot, page):
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData(AuditOutcome.FAILURE))
    settle(qtbot, page.hub)
    fetch_all(qtbot, page)
    assert set(column(qtbot, page, 2)) == {"Failure"}
    assert page.model.rowCount() == 100

    page.outcome_filter.setCurrentIndex(0)
    page.action_filter.setCurrentIndex(page.action_filter.findData(AuditAction.SIGN_IN_SUCCEEDED))
    settle(qtbot, page.hub)
    fetch_all(qtbot, page)
    assert page.model.rowCount() == 200
    assert set(column(qtbot, page, 1)) == {"Sign in: succeeded"}


def test_a_new_filter_drops_the_answers_to_the_old_one(qtbot, page):
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData(AuditOutcome.FAILURE))
    page.action_filter.setCurrentIndex(page.action_filter.findData(AuditAction.SIGN_IN_SUCCEEDED))
    page.outcome_filter.setCurrentIndex(0)  # three requests queued; only the last one counts
    settle(qtbot, page.hub)
    fetch_all(qtbot, page)
    assert page.model.rowCount() == 200
    assert set(column(qtbot, page, 2)) == {"Success"}


def test_date_and_actor_filters(qtbot, page, manager):
    page.since_enabled.setChecked(True)
    page.since.setDate(QDate(2026, 3, 17))  # after every record (clock starts 2026-03-16)
    settle(qtbot, page.hub)
    assert page.model.rowCount() == 0
    page.since.setDate(QDate(2026, 3, 16))
    settle(qtbot, page.hub)
    assert page.model.rowCount() > 0
    page.actor_filter.setCurrentIndex(page.actor_filter.findData(manager.staff_id))
    settle(qtbot, page.hub)
    fetch_all(qtbot, page)
    assert set(column(qtbot, page, 3)) == {"Petra Manager"}


def test_the_filters_have_labels(page):
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel)}
    assert buddies.get(page.action_filter) == "&Action:"
    assert buddies.get(page.outcome_filter) == "&Outcome:"
    assert buddies.get(page.actor_filter) == "&Staff:"


def test_export_writes_the_filtered_view_and_is_audited(page, tmp_path, qtbot):
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData(AuditOutcome.FAILURE))
    settle(qtbot, page.hub)
    with qtbot.waitSignal(page.hub.operation_did_execute, timeout=20_000) as signal:
        page.export_to(tmp_path / "failures.csv")  # returns at once: it runs on the worker
        assert page.status.text() == "Exporting…"
        assert not page.export_button.isEnabled()
    changes, initiator = signal.args
    assert changes.audit
    assert initiator is page
    settle(qtbot, page.hub)
    assert page.status.text().startswith("100 records exported to failures.csv.")
    assert page.export_button.isEnabled()
    with (tmp_path / "failures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 100
    assert {row["outcome"] for row in rows} == {"failure"}
    page.outcome_filter.setCurrentIndex(0)
    page.action_filter.setCurrentIndex(page.action_filter.findData(AuditAction.DATA_EXPORTED))
    settle(qtbot, page.hub)
    assert page.model.rowCount() == 1


def test_a_refused_export_says_why(qtbot, keep, trail, hub, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(viewer_module, "show_error", lambda parent, title, text: shown.append(text))
    signed_in = hub.worker.call(lambda: sign_in(trail, "pm", PASSWORD)).actor
    widget = AuditViewerPage(trail, signed_in, hub)
    keep.append(widget)
    qtbot.addWidget(widget)
    settle(qtbot, hub)
    assert widget.export_button.isVisibleTo(widget)

    def revoke_export() -> None:  # a manager elsewhere changes the role after the page opened
        role = next(r for r in list_roles(trail, signed_in) if r.name == "Practice Manager")
        save_matrix(trail, signed_in, {role.id: role.permissions - {Permission.AUDIT_EXPORT}})

    hub.worker.call(revoke_export)
    widget.export_to(tmp_path / "refused.csv")  # the service re-reads the role: refused
    qtbot.waitUntil(lambda: bool(shown))
    assert "does not allow" in shown[0]
    assert widget.export_button.isEnabled()
    assert not (tmp_path / "refused.csv").exists()


def test_a_role_without_audit_view_sees_nothing(qtbot, keep, trail, hub):
    reader = Actor(new_id(), trail.organization_id, frozenset({Permission.SCHEDULE_VIEW}))
    widget = AuditViewerPage(trail, reader, hub)
    keep.append(widget)
    qtbot.addWidget(widget)
    settle(qtbot, hub)
    assert widget.model.rowCount() == 0
    assert not widget.model.canFetchMore()
    assert "does not allow" in widget.status.text()
    assert not widget.export_button.isVisibleTo(widget)
    assert widget.actor_filter.count() == 1  # "Everyone": no staff list without the right


def test_the_table_view_fetches_more_on_scrolling(page, qtbot):
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    top = page.table.rowAt(0)  # the rows the view paints arrive too, through the worker
    assert top > 0
    qtbot.waitUntil(lambda: page.model.row_at(top) is not None)


def test_other_views_audited_writes_refresh_the_visible_page(qtbot, page, manager):
    page.show()
    qtbot.waitExposed(page)
    fetch_all(qtbot, page)
    before = page.model.rowCount()

    def write() -> None:
        with unit_of_work(page.context, manager) as tx:
            tx.audit(AuditAction.SETTINGS_CHANGED, AuditOutcome.SUCCESS)

    page.hub.worker.call(write)
    page.hub.broadcast(viewer_module.AUDIT_CHANGED, initiator=object())
    settle(qtbot, page.hub)
    fetch_all(qtbot, page)
    assert page.model.rowCount() == before + 1


def test_check_integrity_walks_the_trail_on_the_worker_and_says_it_is_intact(page, qtbot):
    page.verify()
    assert not page.verify_button.isEnabled()  # it runs on the worker; the page stays live
    settle(qtbot, page.hub)
    assert page.verify_button.isEnabled()
    assert page.status.text().startswith("Audit trail OK: ")
    assert "chain intact" in page.status.text()


def test_check_integrity_reports_a_broken_trail_with_what_to_do(
    page, qtbot, trail, monkeypatch
):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        viewer_module, "show_error", lambda parent, title, text: shown.append((title, text))
    )

    def tamper() -> None:  # behind the app's back, on the worker that owns the database
        with trail.database.session() as session, session.begin():
            connection = session.connection()
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_record_append_only_update")
            connection.exec_driver_sql("UPDATE audit_record SET outcome = 'denied' WHERE seq = 5")

    page.hub.worker.call(tamper)
    page.verify()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    title, text = shown[0]
    assert title == "The audit trail is broken"
    assert "record #5" in text
    assert "for IT to investigate" in text
    assert page.verify_button.isEnabled()


def test_a_cancelled_export_leaves_no_file(page, qtbot, tmp_path):
    import threading

    hold = threading.Event()
    page.hub.worker.submit(lambda: hold.wait(10))  # the worker is busy: the job waits
    exports = tmp_path / "exports"
    exports.mkdir()
    job = page.export_to(exports / "cancelled.csv")
    assert job.dialog is not None
    job.dialog.findChild(QPushButton).click()  # Cancel, before the first batch ran
    hold.set()
    settle(qtbot, page.hub)
    assert page.status.text() == "Export cancelled; no file was written."
    assert page.export_button.isEnabled()
    assert list(exports.iterdir()) == []


def test_the_columns_a_manager_reads_are_wide_enough_at_1440_pixels(qtbot, page):
    """Time, action, outcome, staff and target show whole, not as '2026-11-30 ...'."""
    page.resize(1440 - 130, 800)  # the page beside the navigation list of a 1440 px window
    page.show()
    metrics = page.table.fontMetrics()
    header = page.table.horizontalHeader()
    for number in (0, 1, 2, 3, 4):
        widest = max(metrics.horizontalAdvance(text) for text in column(qtbot, page, number))
        assert header.sectionSize(number) > widest, (number, header.sectionSize(number), widest)
    # ...and the details get a readable share, not the last few pixels.
    assert header.sectionSize(5) >= metrics.horizontalAdvance("x" * 30)
