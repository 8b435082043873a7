"""Migration 0010 on a clinic that has appointments: SQLite's foreign keys stay on during
migrations, so a migration that rebuilds the appointment table (Alembic's batch "move and
copy") fails on every clinic whose appointments have history rows. This one must not."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from cicini_desktop.store.migrations import alembic_config
from tests.services.scheduling.test_appointments import book


def _columns(connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(text(f"pragma table_info({table})"))]


@pytest.mark.parametrize("back_to", ["0009", "0008"])
def test_down_and_up_with_booked_appointments_keeps_them(clinic, store_kind, back_to):
    if store_kind != "sqlite":
        pytest.skip("the server's migrations alter columns in place")
    booked = book(clinic, datetime(2026, 3, 17, 9, 0)).appointment_id
    with clinic.context.database.engine.begin() as connection:
        history = connection.execute(
            text("SELECT count(*) FROM appointment_history WHERE appointment_id = :id"),
            {"id": booked},
        ).scalar_one()
        assert history >= 1  # the row that makes a table rebuild fail
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, back_to)
        assert "conflict_override" not in _columns(connection, "appointment")
        assert "workstation" not in _columns(connection, "audit_record")
        command.upgrade(config, "head")
        assert "conflict_override" in _columns(connection, "appointment")
        assert "workstation" in _columns(connection, "audit_record")
        row = connection.execute(
            text("SELECT conflict_override FROM appointment WHERE id = :id"), {"id": booked}
        ).one()
        assert row.conflict_override == 0
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
