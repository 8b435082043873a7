"""Migration 0009 (clinic set-up columns): an existing rota survives, as every-week work rows;
the migration goes down and up again."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import availability
from cicini_desktop.store.migrations import alembic_config
from tests.services.scheduling.conftest import add_staff


def _columns(connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(text(f"pragma table_info({table})"))]


def test_down_and_up_keeps_rota_rows(context):
    manager = Actor(
        add_staff(context, "Mira Manager", provider=False),
        context.organization_id,
        frozenset(Permission),
    )
    provider = add_staff(context, "Dr Rota", provider=True)
    availability.set_rota(
        context, manager, provider, [(0, 540, 720)], effective_from=date(2026, 1, 5)
    )
    with context.database.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
        assert "valid_until" not in _columns(connection, "provider_rota")
        assert "start_minute" not in _columns(connection, "clinic_closure")
        command.upgrade(config, "0009")
        assert {"valid_until", "parity", "kind", "room_id"} <= set(
            _columns(connection, "provider_rota")
        )
        assert {"start_minute", "end_minute"} <= set(_columns(connection, "clinic_closure"))
        assert "reason" in _columns(connection, "provider_exception")
    assert availability.rota(context, manager, provider) == [
        availability.RotaRow(0, 540, 720, date(2026, 1, 5), None, None, "work", None)
    ]
