"""The viewer's queries (filters, newest first, paging, names) and the audited CSV export."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.services import audit
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.services.context import Actor
from cicini_desktop.services.staff import create_first_manager
from tests.services.audit.conftest import varied_trail

START = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def _all_ids(context, actor, audit_filter, limit=7):
    ids, cursor = audit.page_ids(context, actor, audit_filter, limit=limit)
    while cursor is not None:
        more, cursor = audit.page_ids(context, actor, audit_filter, cursor, limit=limit)
        ids += more
    return ids


def test_pages_are_newest_first_and_complete(context, manager, clock):
    varied_trail(context, clock, [manager])
    ids = _all_ids(context, manager, audit.AuditFilter())
    assert len(ids) == 1 + 24 * 3
    rows = audit.rows_by_id(context, manager, ids)
    stamps = [(rows[i].occurred_at, i) for i in ids]
    assert stamps == sorted(stamps, reverse=True)


def test_filters_by_time_action_outcome_and_actor(context, manager, receptionist, clock):
    other = Actor(receptionist.staff_id, receptionist.organization_id, manager.permissions)
    varied_trail(context, clock, [manager, other])
    window = audit.AuditFilter(since=START + timedelta(hours=2), until=START + timedelta(hours=5))
    rows = audit.rows_by_id(context, manager, _all_ids(context, manager, window))
    assert len(rows) == 3 * 2 * 3
    assert all(window.since <= r.occurred_at < window.until for r in rows.values())

    failures = audit.AuditFilter(outcome=AuditOutcome.FAILURE, actor_id=other.staff_id)
    rows = audit.rows_by_id(context, manager, _all_ids(context, manager, failures))
    assert len(rows) == 24
    assert {(r.outcome, r.actor_id) for r in rows.values()} == {("failure", other.staff_id)}

    sign_ins = audit.AuditFilter(action=AuditAction.SIGN_IN_SUCCEEDED)
    assert len(_all_ids(context, manager, sign_ins)) == 24 * 2 * 2

    system = audit.AuditFilter(actor_id=SYSTEM_ACTOR)
    (created,) = audit.rows_by_id(context, manager, _all_ids(context, manager, system)).values()
    assert created.action == AuditAction.ORGANIZATION_CREATED.value


def test_reading_needs_audit_view_and_a_refusal_is_audited(context, receptionist, manager):
    with pytest.raises(PermissionDeniedError):
        audit.page_ids(context, receptionist, audit.AuditFilter())
    denied = audit.AuditFilter(action=AuditAction.ACCESS_DENIED)
    (row,) = audit.rows_by_id(
        context, manager, audit.page_ids(context, manager, denied)[0]
    ).values()
    assert row.actor_id == receptionist.staff_id
    assert row.details == {"permission": "audit.view"}


def test_display_names_are_resolved_at_view_time(context):
    staff_id = create_first_manager(
        context, username="pm", display_name="Petra Manager", password="a long enough passphrase 42"
    )
    assert audit.staff_names(context, [staff_id, SYSTEM_ACTOR, "unknown-id"]) == {
        staff_id: "Petra Manager"
    }


def test_names_tolerate_a_database_without_staff(context, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def no_table(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("no such table: staff"))

    monkeypatch.setattr("sqlalchemy.engine.Connection.exec_driver_sql", no_table)
    assert audit.staff_names(context, ["0f7e4d1e-3b1a-4c55-8a5e-7f5a1d2c3b4a"]) == {}


def test_export_writes_ids_only_and_is_audited_and_counted(context, manager, clock, tmp_path):
    varied_trail(context, clock, [manager], per_hour=1)
    target = tmp_path / "audit.csv"
    window = audit.AuditFilter(since=START, until=START + timedelta(hours=10))
    count = audit.export_csv(context, manager, target, window)
    assert count == 1 + 10
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert rows[0]["seq"] == "1"
    assert set(rows[0]) == set(audit.CSV_HEADER)
    assert "Test Clinic" not in target.read_text(encoding="utf-8")

    exported = audit.AuditFilter(action=AuditAction.DATA_EXPORTED)
    (row,) = audit.rows_by_id(
        context, manager, audit.page_ids(context, manager, exported)[0]
    ).values()
    assert row.details["records"] == count
    assert row.details["since"] == "2026-03-16"
    with context.database.session() as session:
        counted = (
            session.connection()
            .exec_driver_sql(
                "SELECT sum(count) FROM usage_counter WHERE counter = ?",
                (Counter.AUDIT_EXPORTED.value,),
            )
            .scalar()
        )
    assert counted == 1
    assert verify_trail(context).ok


def test_export_needs_audit_export(context, manager, tmp_path):
    reader = Actor(manager.staff_id, manager.organization_id, frozenset({"audit.view"}))  # type: ignore[arg-type]
    with pytest.raises(PermissionDeniedError):
        audit.export_csv(context, reader, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_a_failed_export_audit_leaves_no_file(context, manager, tmp_path, monkeypatch):
    from cicini_desktop.services import unit_of_work

    def broken(self, *args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(unit_of_work.Transaction, "audit", broken)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        audit.export_csv(context, manager, folder / "x.csv")
    assert list(folder.iterdir()) == []
