"""The audit tables as migration 0002 makes them match the ORM models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cicini_desktop.store.models import Base

AUDIT_TABLES = {"audit_record", "audit_control"}


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:] if isinstance(item, tuple) else ():
        table = getattr(part, "table", None)
        name = getattr(table, "name", None) or getattr(part, "name", None)
        if isinstance(name, str):
            return name
    return None


def test_migration_and_models_agree_on_the_audit_tables(context):
    with context.database.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diffs if _table_of(d) in AUDIT_TABLES]
    assert ours == []


def test_the_triggers_exist(context):
    with context.database.session() as session:
        names = {
            row[0]
            for row in session.connection().exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit_%'"
            )
        }
    assert names == {
        "audit_record_append_only_insert",
        "audit_record_append_only_update",
        "audit_record_append_only_delete",
        "audit_control_keep_row",
    }
