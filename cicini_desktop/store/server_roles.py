"""The clinic server's schema and roles: the owner migrates, the application only works.

* The owner role (IT's, used by `cicini server init` / `migrate`) owns the schema and runs the
  Alembic history, the same history as on SQLite.
* The application role (every desk) may read and write the clinic's rows, but on the audit
  trail only INSERT and SELECT: UPDATE, DELETE and TRUNCATE are revoked, and the triggers of
  migration 0002 refuse them even for the owner unless a retention purge is under way.
"""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Engine

from cicini_desktop.store.database import Database

APPEND_ONLY = ("audit_record",)


def grant_statements(database_name: str, app_role: str) -> list[sql.Composed]:
    role = sql.Identifier(app_role)
    return [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database_name), role),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            role
        ),
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
        *(
            sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
                sql.Identifier(table), role
            )
            for table in APPEND_ONLY
        ),
        sql.SQL("REVOKE DELETE, TRUNCATE ON audit_control FROM {}").format(role),
        sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {}").format(role),
    ]


def grant_application_role(engine: Engine, app_role: str) -> None:
    """Give `app_role` what a desk needs on the migrated schema, and no more."""
    with engine.begin() as connection:
        database_name = connection.exec_driver_sql("SELECT current_database()").scalar_one()
        raw = connection.connection.dbapi_connection
        assert raw is not None
        for statement in grant_statements(str(database_name), app_role):
            raw.execute(statement)


def migrate_as_owner(database: Database) -> None:
    """Bring the server's schema to this version's head (the owner's connection)."""
    from cicini_desktop.store.migrations import upgrade_to_head

    upgrade_to_head(database, b"")
