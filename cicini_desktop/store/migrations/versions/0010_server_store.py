"""The clinic server (PostgreSQL) as a store: integrity in the database itself.

* appointment.conflict_override (both dialects): the row was booked or moved over a conflict
  with an audited override; such rows are exempt from the exclusion constraints below.
* PostgreSQL only:
  - instants (UTC seconds) become BIGINT, so no column overflows in 2038;
  - `btree_gist` exclusion constraints: no two live (blocking) appointments of one provider,
    nor of one room, overlap in their own time, unless the row carries an audited override.
    The services check the same rule first and explain it; the constraint is what stops two
    desks that checked at the same instant (the second one's insert waits for the first's
    transaction, then fails, and the service says "already booked");
  - `pg_trgm` and `unaccent`: the patient search index (services/scheduling/patients);
* audit_record.workstation (both dialects): the desk a record came from on the server.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BLOCKING = ("booked", "confirmed", "arrived", "in_progress", "completed")
_LIVE = "status IN ({}) AND NOT conflict_override".format(", ".join(f"'{s}'" for s in BLOCKING))

PG_INSTANT_COLUMNS = """
SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND data_type = 'integer'
  AND (column_name LIKE '%\\_at' ESCAPE '\\' OR column_name IN
       ('at', 'start_at', 'end_at', 'block_start', 'block_end', 'old_start', 'old_end'))
ORDER BY table_name, column_name
"""

PG_FOLD = (
    # unaccent() is STABLE (it reads a dictionary); an index needs an IMMUTABLE wrapper
    # naming the dictionary explicitly (the documented way).
    "CREATE FUNCTION cicini_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $fn$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, "
    "value)) $fn$"
)

CHANNEL = "cicini_changes"
PG_NOTIFY = (
    "CREATE FUNCTION cicini_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
    f"PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || "
    "(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)); RETURN NULL; END $fn$"
)


def upgrade() -> None:
    bind = op.get_bind()
    # Plain ALTER TABLE ... ADD COLUMN, never a batch "move and copy": SQLite runs migrations
    # with its foreign keys on, and dropping the old appointment table fails on any clinic
    # whose appointments have history rows (test_migration_server_store.py).
    op.add_column(
        "appointment",
        sa.Column("conflict_override", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    # The desk each record came from (the server; committed to by the chain when present).
    op.add_column("audit_record", sa.Column("workstation", sa.String(36), nullable=True))
    if bind.dialect.name != "postgresql":
        return
    for extension in ("btree_gist", "pg_trgm", "unaccent"):
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {extension} WITH SCHEMA public")
    for table, column in bind.execute(sa.text(PG_INSTANT_COLUMNS)).all():
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE BIGINT')
    op.execute(
        "ALTER TABLE appointment ADD CONSTRAINT ex_appointment_provider_overlap "
        "EXCLUDE USING gist (provider_id WITH =, int8range(start_at, end_at) WITH &&) "
        f"WHERE ({_LIVE})"
    )
    op.execute(
        "ALTER TABLE appointment ADD CONSTRAINT ex_appointment_room_overlap "
        "EXCLUDE USING gist (room_id WITH =, int8range(start_at, end_at) WITH &&) "
        f"WHERE (room_id IS NOT NULL AND {_LIVE})"
    )
    # Live refresh: every change to an appointment tells the listening desks its internal
    # id, nothing else (services/live_refresh.py); sent at COMMIT, never for a rollback.
    op.execute(PG_NOTIFY)
    op.execute(
        "CREATE TRIGGER appointment_notify AFTER INSERT OR UPDATE OR DELETE ON appointment "
        "FOR EACH ROW EXECUTE FUNCTION cicini_notify_change()"
    )
    op.execute(PG_FOLD)
    op.execute(
        "CREATE INDEX ix_patient_search_name ON patient USING gin "
        "(cicini_fold(given_name || ' ' || family_name) gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_patient_search_phone ON patient USING gin "
        "(replace(coalesce(phone, ''), '+', '') gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_patient_search_phone")
        op.execute("DROP INDEX ix_patient_search_name")
        op.execute("DROP FUNCTION cicini_fold(text)")
        op.execute("DROP TRIGGER appointment_notify ON appointment")
        op.execute("DROP FUNCTION cicini_notify_change()")
        op.execute("ALTER TABLE appointment DROP CONSTRAINT ex_appointment_room_overlap")
        op.execute("ALTER TABLE appointment DROP CONSTRAINT ex_appointment_provider_overlap")
    # SQLite 3.35+ drops a column in place (no table rebuild, see upgrade()).
    op.execute("ALTER TABLE audit_record DROP COLUMN workstation")
    op.execute("ALTER TABLE appointment DROP COLUMN conflict_override")
