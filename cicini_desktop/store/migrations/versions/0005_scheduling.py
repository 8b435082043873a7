"""Scheduling: rooms, appointment types, availability, patients (+ FTS5 search),
appointments, their history, recurring series, waitlist.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(36)
APPOINTMENT_TIME_COLUMNS = [
    "provider_id",
    "start_at",
    "end_at",
    "block_start",
    "block_end",
    "status",
    "patient_id",
    "type_id",
    "room_id",
    "series_id",
    "version",
    "id",
    "note",
]


def _id() -> sa.Column:
    return sa.Column("id", ID, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "room",
        _id(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_room_kind", "room", ["kind"])
    op.create_table(
        "appointment_type",
        _id(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("colour", sa.String(7), nullable=False),
        sa.Column("buffer_before_minutes", sa.Integer, nullable=False),
        sa.Column("buffer_after_minutes", sa.Integer, nullable=False),
        sa.Column("room_kind", sa.String(60)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "clinic_hours",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("start_minute", sa.Integer, nullable=False),
        sa.Column("end_minute", sa.Integer, nullable=False),
    )
    op.create_table(
        "clinic_closure",
        _id(),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=False),
        sa.Column("label", sa.String(100)),
    )
    op.create_index("ix_clinic_closure_start_date", "clinic_closure", ["start_date"])
    op.create_table(
        "provider_rota",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("provider_id", ID, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("start_minute", sa.Integer, nullable=False),
        sa.Column("end_minute", sa.Integer, nullable=False),
        sa.Column("effective_from", sa.String(10), nullable=False),
    )
    op.create_index("ix_provider_rota_provider", "provider_rota", ["provider_id", "effective_from"])
    op.create_table(
        "provider_exception",
        _id(),
        sa.Column("provider_id", ID, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=False),
        sa.Column("start_minute", sa.Integer),
        sa.Column("end_minute", sa.Integer),
    )
    op.create_index(
        "ix_provider_exception_provider", "provider_exception", ["provider_id", "start_date"]
    )
    op.create_table(
        "patient",
        _id(),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("family_name", sa.String(100), nullable=False),
        sa.Column("dob", sa.String(10)),
        sa.Column("phone", sa.String(20)),
        sa.Column("email", sa.String(254)),
        sa.Column("reminder", sa.String(8), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_patient_phone", "patient", ["phone"])
    op.create_index("ix_patient_dob", "patient", ["dob"])
    # The calendar shows each appointment's patient name: one covering lookup by id.
    op.create_index("ix_patient_id_names", "patient", ["id", "family_name", "given_name"])
    # Search as you type: name, phone digits (E.164 without '+'), birth date (tokens
    # 1980 / 04 / 12). Accent- and case-insensitive; prefix indexes make 2- and 3-letter
    # prefix queries cheap. A plain (not external-content) FTS table keyed by patient.rowid,
    # kept in step by triggers so every writer (privacy erasure too) keeps it right.
    if op.get_bind().dialect.name == "sqlite":
        _create_patient_fts()
    _create_appointments()


def _create_patient_fts() -> None:
    """SQLite's search index (FTS5). The server searches with pg_trgm instead (0010)."""
    op.execute(
        "CREATE VIRTUAL TABLE patient_fts USING fts5("
        "name, phone, dob, tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    values = (
        "new.given_name || ' ' || new.family_name, "
        "replace(coalesce(new.phone, ''), '+', ''), coalesce(new.dob, '')"
    )
    op.execute(
        "CREATE TRIGGER patient_fts_insert AFTER INSERT ON patient BEGIN "
        f"INSERT INTO patient_fts(rowid, name, phone, dob) VALUES (new.rowid, {values}); END"
    )
    op.execute(
        "CREATE TRIGGER patient_fts_update AFTER UPDATE OF given_name, family_name, phone, dob "
        "ON patient BEGIN DELETE FROM patient_fts WHERE rowid = old.rowid; "
        f"INSERT INTO patient_fts(rowid, name, phone, dob) VALUES (new.rowid, {values}); END"
    )
    op.execute(
        "CREATE TRIGGER patient_fts_delete AFTER DELETE ON patient BEGIN "
        "DELETE FROM patient_fts WHERE rowid = old.rowid; END"
    )


def _create_appointments() -> None:
    op.create_table(
        "appointment_series",
        _id(),
        sa.Column("rule", sa.String(400), nullable=False),
        sa.Column("first_local", sa.String(19), nullable=False),
        sa.Column("fold", sa.Integer),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("patient_id", ID, sa.ForeignKey("patient.id"), nullable=False),
        sa.Column("provider_id", ID, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("type_id", ID, sa.ForeignKey("appointment_type.id"), nullable=False),
        sa.Column("room_id", ID, sa.ForeignKey("room.id")),
        sa.Column("split_from_id", ID),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("created_by", ID, nullable=False),
    )
    op.create_table(
        "appointment",
        _id(),
        sa.Column("patient_id", ID, sa.ForeignKey("patient.id"), nullable=False),
        sa.Column("provider_id", ID, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("type_id", ID, sa.ForeignKey("appointment_type.id"), nullable=False),
        sa.Column("room_id", ID, sa.ForeignKey("room.id")),
        sa.Column("start_at", sa.Integer, nullable=False),
        sa.Column("end_at", sa.Integer, nullable=False),
        sa.Column("block_start", sa.Integer, nullable=False),
        sa.Column("block_end", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("cancel_reason", sa.String(24)),
        sa.Column("note", sa.String(200)),
        sa.Column("series_id", ID, sa.ForeignKey("appointment_series.id")),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("created_by", ID, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
        sa.Column("updated_by", ID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    # Covering index of the hot paths (day/week view, conflict check, slot finder, month
    # counts): provider equality, then a start range; every column those queries read is in
    # the index, so the appointment table itself is never visited (on an encrypted database
    # each page visited costs a decryption: this halves the pages a week view touches).
    op.create_index(
        "ix_appointment_provider_time",
        "appointment",
        APPOINTMENT_TIME_COLUMNS,
    )
    op.create_index("ix_appointment_patient", "appointment", ["patient_id", "start_at"])
    op.create_index(
        "ix_appointment_room",
        "appointment",
        ["room_id", "start_at"],
        sqlite_where=sa.text("room_id IS NOT NULL"),
    )
    op.create_index(
        "ix_appointment_series",
        "appointment",
        ["series_id", "start_at"],
        sqlite_where=sa.text("series_id IS NOT NULL"),
    )
    op.create_table(
        "appointment_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("appointment_id", ID, sa.ForeignKey("appointment.id"), nullable=False),
        sa.Column("at", sa.Integer, nullable=False),
        sa.Column("by", ID, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("from_status", sa.String(12)),
        sa.Column("to_status", sa.String(12)),
        sa.Column("reason", sa.String(24)),
        sa.Column("old_start", sa.Integer),
        sa.Column("old_end", sa.Integer),
        sa.Column("old_provider_id", ID),
        sa.Column("override_reason", sa.String(200)),
    )
    op.create_index(
        "ix_appointment_history_appointment_id", "appointment_history", ["appointment_id"]
    )
    op.create_table(
        "waitlist_entry",
        _id(),
        sa.Column("patient_id", ID, sa.ForeignKey("patient.id"), nullable=False),
        sa.Column("type_id", ID, sa.ForeignKey("appointment_type.id"), nullable=False),
        sa.Column("provider_id", ID, sa.ForeignKey("staff.id")),
        sa.Column("weekdays", sa.Integer, nullable=False),
        sa.Column("earliest_minute", sa.Integer, nullable=False),
        sa.Column("latest_minute", sa.Integer, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("expires_on", sa.String(10)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("created_by", ID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_waitlist_active", "waitlist_entry", ["active", "type_id"])
    op.create_index("ix_waitlist_entry_patient_id", "waitlist_entry", ["patient_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_waitlist_entry_patient_id", "waitlist_entry"),
        ("ix_waitlist_active", "waitlist_entry"),
    ):
        op.drop_index(index, table)
    op.drop_table("waitlist_entry")
    op.drop_table("appointment_history")
    op.drop_table("appointment")
    op.drop_table("appointment_series")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("patient_fts_insert", "patient_fts_update", "patient_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS patient_fts")
    op.drop_table("patient")
    op.drop_table("provider_exception")
    op.drop_table("provider_rota")
    op.drop_table("clinic_closure")
    op.drop_table("clinic_hours")
    op.drop_table("appointment_type")
    op.drop_table("room")
