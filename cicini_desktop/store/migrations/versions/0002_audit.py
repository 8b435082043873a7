"""Audit: the hash-chained, append-only audit trail.

Revision ID: 0002
Revises: 0001

Triggers make the table append-only: a new record must come after the newest; UPDATE and
DELETE are refused unless the retention purge has set `audit_control.purging` inside its own
transaction, and even then an UPDATE may only clear the keyed network hash.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PURGING = "(SELECT purging FROM audit_control WHERE id = 1) IS NOT 1"
_FROZEN = (
    "seq",
    "occurred_at",
    "action",
    "outcome",
    "actor_id",
    "organization_id",
    "target_type",
    "target_id",
    "masked_network",
    "network_commit",
    "device_category",
    "os_family",
    "os_major",
    "app_version",
    "details",
    "prev_hash",
    "record_hash",
)

# The viewer's filters: each index starts with one filter column, then (occurred_at, seq)
# for newest-first order, and carries the filter columns that may be combined with it (the
# service walks the actor index if an actor is given, else the action index, else outcome,
# else time), so a combined filter is answered from the index alone, without table lookups.
INDEXES = {
    "ix_audit_record_time": ("occurred_at", "seq"),
    "ix_audit_record_action_time": ("action", "occurred_at", "seq", "outcome"),
    "ix_audit_record_actor_time": ("actor_id", "occurred_at", "seq", "action", "outcome"),
    "ix_audit_record_outcome_time": ("outcome", "occurred_at", "seq"),
}

TRIGGERS = {
    "audit_record_append_only_insert": (
        "BEFORE INSERT ON audit_record "
        "WHEN NEW.seq <= (SELECT max(seq) FROM audit_record) "
        "BEGIN SELECT RAISE(ABORT, 'audit records are append-only: insert after the newest'); END"
    ),
    "audit_record_append_only_update": (
        "BEFORE UPDATE ON audit_record WHEN "
        + _PURGING
        + " OR NEW.network_hash IS NOT NULL OR "
        + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FROZEN)
        + " BEGIN SELECT RAISE(ABORT, 'audit records are append-only: update refused'); END"
    ),
    "audit_record_append_only_delete": (
        "BEFORE DELETE ON audit_record WHEN "
        + _PURGING
        + " BEGIN SELECT RAISE(ABORT, 'audit records are append-only: delete refused'); END"
    ),
    "audit_control_keep_row": (
        "BEFORE DELETE ON audit_control "
        "BEGIN SELECT RAISE(ABORT, 'the audit control row cannot be deleted'); END"
    ),
}


# PostgreSQL (the clinic server): the same rules in one PL/pgSQL function; TRUNCATE too.
PG_FROZEN = ", ".join(_FROZEN)
PG_GUARD = f"""
CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq <= (SELECT max(seq) FROM audit_record) THEN
      RAISE EXCEPTION 'audit records are append-only: insert after the newest';
    END IF;
    RETURN NEW;
  END IF;
  IF (SELECT purging FROM audit_control WHERE id = 1) IS DISTINCT FROM 1 THEN
    RAISE EXCEPTION 'audit records are append-only: % refused', lower(TG_OP);
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.network_hash IS NOT NULL
     OR ROW({", ".join("NEW." + c for c in _FROZEN)})
        IS DISTINCT FROM ROW({", ".join("OLD." + c for c in _FROZEN)}) THEN
    RAISE EXCEPTION 'audit records are append-only: update refused';
  END IF;
  RETURN NEW;
END
$fn$
"""
PG_STATEMENTS = (
    PG_GUARD,
    "CREATE TRIGGER audit_record_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_record "
    "FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()",
    "CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
    "RAISE EXCEPTION 'the audit trail cannot be emptied or its control row deleted'; END $fn$",
    "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()",
    "CREATE TRIGGER audit_control_keep_row BEFORE DELETE OR TRUNCATE ON audit_control "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()",
)


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("occurred_at", sa.Integer, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(36), nullable=False),
        sa.Column("organization_id", sa.String(36), nullable=False),
        sa.Column("target_type", sa.String(32)),
        sa.Column("target_id", sa.String(72)),
        sa.Column("masked_network", sa.String(64)),
        sa.Column("network_hash", sa.String(64)),
        sa.Column("network_commit", sa.String(64)),
        sa.Column("device_category", sa.String(32), nullable=False),
        sa.Column("os_family", sa.String(16), nullable=False),
        sa.Column("os_major", sa.String(8), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "audit_record", list(columns))
    # The daily purge finds the keyed network hashes to clear without walking six years.
    op.create_index(
        "ix_audit_record_network_hash",
        "audit_record",
        ["occurred_at"],
        sqlite_where=sa.text("network_hash IS NOT NULL"),
    )
    op.create_table(
        "audit_control",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purging", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("id = 1", name="ck_audit_control_single_row"),
    )
    op.execute("INSERT INTO audit_control (id, purging) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_STATEMENTS:
            op.execute(statement)
        return
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_control")
        op.execute("DROP TABLE audit_record")
        op.execute("DROP FUNCTION audit_record_append_only()")
        op.execute("DROP FUNCTION audit_refuse()")
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("audit_control")
    op.drop_table("audit_record")
