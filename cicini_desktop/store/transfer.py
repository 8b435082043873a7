"""Copying a clinic's rows between the two stores (SQLite file <-> clinic server).

Every table of the models, parents before children, in primary-key order (the audit trail
in `seq` order, so its append-only triggers accept it and the chain continues unchanged:
the same records, the same hashes). Search indexes are not copied: SQLite's FTS5 triggers
fill its index as patients arrive, the server's trigram indexes are over the columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Integer, func, select, text

from cicini_desktop.store.models import Base

BATCH = 2000
SKIPPED = frozenset({"audit_control"})  # one row, made by the migration on both stores


@dataclass(frozen=True)
class Copied:
    table: str
    rows: int


def copy_rows(source: Engine, target: Engine) -> Iterator[Copied]:
    """Copy every model table from `source` into the empty schema of `target` (one
    transaction on the target: all of it or nothing)."""
    with source.connect() as reading, target.begin() as writing:
        # What opening a new database writes by itself gives way to the source's rows: the
        # database id (so keystore entries named by it stay valid) and the audit control row.
        writing.execute(text("DELETE FROM setting WHERE key = 'store.database_id'"))
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            result = reading.execution_options(stream_results=True).execute(
                select(table).order_by(*order)
            )
            count = 0
            while batch := result.fetchmany(BATCH):
                writing.execute(table.insert(), [dict(row._mapping) for row in batch])
                count += len(batch)
            _advance_sequences(writing, table)
            yield Copied(table.name, count)


def _advance_sequences(connection: Connection, table: object) -> None:
    """PostgreSQL: integer keys were copied as they were; their sequences must follow."""
    if connection.dialect.name != "postgresql":
        return
    for column in table.primary_key.columns:  # type: ignore[attr-defined]
        if isinstance(column.type, Integer) and column.autoincrement is not False:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},  # type: ignore[attr-defined]
            ).scalar()
            if sequence is not None:
                connection.execute(
                    text("SELECT setval(:s, (SELECT coalesce(max(" + column.name + "), 0) + 1 "
                         "FROM " + table.name + "), false)"),  # type: ignore[attr-defined]
                    {"s": sequence},
                )


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: int(
                connection.execute(select(func.count()).select_from(table)).scalar_one()
            )
            for table in Base.metadata.sorted_tables
            if table.name not in SKIPPED
        }
