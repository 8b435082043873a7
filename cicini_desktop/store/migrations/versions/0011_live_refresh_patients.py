"""Live refresh on the clinic server for patients and the waitlist, and no echo to the desk
that made the change (PostgreSQL only; nothing changes on SQLite).

* `patient` and `waitlist_entry` rows notify like appointments (`patient:<id>`,
  `waitlist_entry:<id>`): internal ids only, sent at COMMIT, never for a rollback.
* The payload ends with the writing desk's connection tag (`:<tag>`, a random token each
  desk's process sets as `cicini.desk` when it connects, store/server.py): a desk skips its
  own notifications, since its views already refreshed when its own write finished. The tag
  names no person and no machine.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CHANNEL = "cicini_changes"
NOTIFY_WITH_DESK = (
    "CREATE OR REPLACE FUNCTION cicini_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || "
    "(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END) || ':' || "
    "coalesce(current_setting('cicini.desk', true), '')); RETURN NULL; END $fn$"
)
NOTIFY_WITHOUT_DESK = (  # migration 0010's function
    "CREATE OR REPLACE FUNCTION cicini_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || "
    "(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)); RETURN NULL; END $fn$"
)
TABLES = ("patient", "waitlist_entry")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOTIFY_WITH_DESK)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION cicini_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_notify ON {table}")
    op.execute(NOTIFY_WITHOUT_DESK)
