"""The audit viewer page under pytest-qt: paging on demand, filters, names, export."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QDate, Qt

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.audit_viewer import AuditViewerPage
from cicini_desktop.services.context import Actor
from cicini_desktop.services.staff import create_first_manager
from cicini_desktop.services.unit_of_work import unit_of_work


@pytest.fixture
def manager(context):
    staff_id = create_first_manager(
        context, username="pm", display_name="Petra Manager", password="a long enough passphrase 42"
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
def page(qtbot, trail, manager):
    widget = AuditViewerPage(trail, manager)
    widget.model.page_size = 50
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def _column(page, column):
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_rows_arrive_page_by_page_newest_first(page):
    model = page.model
    assert model.rowCount() == 50
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() > 300  # 300 sign-ins, the clinic's creation, the manager's records
    seqs = [model.seq_at(row) for row in range(model.rowCount())]
    times = _column(page, 0)
    assert times == sorted(times, reverse=True)
    assert len(set(seqs)) == len(seqs)


def test_names_are_resolved_and_only_ids_are_stored(page, manager):
    assert "Petra Manager" in _column(page, 3)
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.UserRole) is not None


def test_outcome_and_action_filters(page):
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData(AuditOutcome.FAILURE))
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert set(_column(page, 2)) == {"Failure"}
    assert page.model.rowCount() == 100

    page.outcome_filter.setCurrentIndex(0)
    page.action_filter.setCurrentIndex(page.action_filter.findData(AuditAction.SIGN_IN_SUCCEEDED))
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 200
    assert set(_column(page, 1)) == {"Sign in: succeeded"}


def test_date_and_actor_filters(page, manager):
    page.since_enabled.setChecked(True)
    page.since.setDate(QDate(2026, 3, 17))  # after every record (clock starts 2026-03-16)
    assert page.model.rowCount() == 0
    page.since.setDate(QDate(2026, 3, 16))
    assert page.model.rowCount() > 0
    page.actor_filter.setCurrentIndex(page.actor_filter.findData(manager.staff_id))
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert set(_column(page, 3)) == {"Petra Manager"}


def test_export_writes_the_filtered_view_and_is_audited(page, tmp_path, qtbot):
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData(AuditOutcome.FAILURE))
    with qtbot.waitSignal(page.changed):
        count = page.export_to(tmp_path / "failures.csv")
    assert count == 100
    with (tmp_path / "failures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["outcome"] for row in rows} == {"failure"}
    page.outcome_filter.setCurrentIndex(0)
    page.action_filter.setCurrentIndex(page.action_filter.findData(AuditAction.DATA_EXPORTED))
    assert page.model.rowCount() == 1


def test_a_role_without_audit_view_sees_nothing(qtbot, trail, context):
    reader = Actor(new_id(), context.organization_id, frozenset({Permission.SCHEDULE_VIEW}))
    widget = AuditViewerPage(trail, reader)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert "does not allow" in widget.status.text()
    assert not widget.export_button.isVisibleTo(widget)


def test_the_table_view_fetches_more_on_scrolling(page, qtbot):
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)


def test_export_through_the_hub_runs_on_the_worker(qtbot, trail, manager, tmp_path):
    from cicini_desktop.gui.operations import OperationHub

    hub = OperationHub()
    try:
        widget = AuditViewerPage(trail, manager, hub=hub)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.changed, timeout=20000):
            assert widget.export_to(tmp_path / "all.csv") is None  # runs in the background
        assert (tmp_path / "all.csv").exists()
        assert "exported" in widget.status.text()
    finally:
        hub.shutdown()
