"""Clinic set-up: rota validity, alternating weeks, breaks and room; part-day closures;
the reason of time off.

* provider_rota.valid_until: a rota group may end (a temporary rota), NULL = open-ended.
* provider_rota.parity: NULL = every week, 0 = week A, 1 = week B (alternating weeks).
* provider_rota.kind: "work" or "break" (breaks are taken out of the working rows).
* provider_rota.room_id: the room the provider works in under this rota (optional).
* clinic_closure.start_minute / end_minute: a part-day closure; NULL = whole days.
* provider_exception.reason: vacation | sick | training | other (time off only).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("provider_rota") as batch:
        batch.add_column(sa.Column("valid_until", sa.String(10), nullable=True))
        batch.add_column(sa.Column("parity", sa.Integer, nullable=True))
        batch.add_column(sa.Column("kind", sa.String(8), nullable=False, server_default="work"))
        batch.add_column(sa.Column("room_id", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_provider_rota_room", "room", ["room_id"], ["id"])
    op.add_column("clinic_closure", sa.Column("start_minute", sa.Integer, nullable=True))
    op.add_column("clinic_closure", sa.Column("end_minute", sa.Integer, nullable=True))
    op.add_column("provider_exception", sa.Column("reason", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("provider_exception", "reason")
    op.drop_column("clinic_closure", "end_minute")
    op.drop_column("clinic_closure", "start_minute")
    with op.batch_alter_table("provider_rota") as batch:
        batch.drop_constraint("fk_provider_rota_room", type_="foreignkey")
        batch.drop_column("room_id")
        batch.drop_column("kind")
        batch.drop_column("parity")
        batch.drop_column("valid_until")
