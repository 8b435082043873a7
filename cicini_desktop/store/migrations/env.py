"""Alembic environment: always runs on the connection the app hands over (never a URL)."""

from __future__ import annotations

from alembic import context

from cicini_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Cicini migrations run only through cicini_desktop.store.migrations")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
)
with context.begin_transaction():
    context.run_migrations()
