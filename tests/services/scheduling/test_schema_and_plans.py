"""The migration matches the models, and the hot queries use the indexes designed for them
(EXPLAIN QUERY PLAN on the real encrypted database)."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, inspect, text

from cicini_desktop.services.scheduling import slots, views
from cicini_desktop.store.models import Base

MINE = [
    "room",
    "appointment_type",
    "clinic_hours",
    "clinic_closure",
    "provider_rota",
    "provider_exception",
    "patient",
    "appointment_series",
    "appointment",
    "appointment_history",
    "waitlist_entry",
]


def test_migration_creates_what_the_models_describe(clinic):
    with clinic.context.database.session() as session:
        inspector = inspect(session.get_bind())
        for table in MINE:
            migrated = {c["name"] for c in inspector.get_columns(table)}
            assert migrated == set(Base.metadata.tables[table].columns.keys()), table
            model_indexes = {i.name for i in Base.metadata.tables[table].indexes}
            assert model_indexes <= {i["name"] for i in inspector.get_indexes(table)}, table


def _plan(clinic, sql, params, expanding=()):
    statement = text("EXPLAIN QUERY PLAN " + sql)
    if expanding:
        statement = statement.bindparams(*(bindparam(n, expanding=True) for n in expanding))
    with clinic.context.database.session() as session:
        return " | ".join(row[-1] for row in session.execute(statement, params))


@pytest.mark.sqlite_only  # SQLite's EXPLAIN QUERY PLAN and INDEXED BY
def test_hot_queries_use_their_indexes(clinic):
    providers = {"providers": clinic.providers}
    day = _plan(
        clinic, views._ROWS.text, {**providers, "reach": 0, "lo": 0, "hi": 1}, ["providers"]
    )
    assert "USING COVERING INDEX ix_appointment_provider_time (provider_id=? AND start_at>?" in day
    assert "SEARCH p USING COVERING INDEX ix_patient_id_names (id=?)" in day
    busy = _plan(
        clinic, slots._BUSY.text, {**providers, "lo": 0, "hi": 1, "from_": 0}, ["providers"]
    )
    assert "USING COVERING INDEX ix_appointment_provider_time" in busy
    month = _plan(clinic, views._STARTS.text, {**providers, "lo": 0, "hi": 1}, ["providers"])
    assert "USING COVERING INDEX ix_appointment_provider_time" in month
    search = _plan(
        clinic,
        "SELECT p.id FROM patient_fts f JOIN patient p ON p.rowid = f.rowid "
        "WHERE patient_fts MATCH :q ORDER BY f.rank LIMIT 20",
        {"q": 'name: "mul"*'},
    )
    assert "VIRTUAL TABLE INDEX" in search
    assert "USING INTEGER PRIMARY KEY (rowid=?)" in search
