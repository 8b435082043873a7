"""Patient numbers: a short number the front desk can say on the phone and search by.

Existing patients are numbered in the order they were created; new ones get the next number
(services/scheduling/patients.create_patient). Unique, so a number names one patient.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("patient", sa.Column("number", sa.Integer(), nullable=True))
    # Only the new column changes: the search index's triggers fire on names, phone, dob.
    op.execute(
        "UPDATE patient SET number = (SELECT r.n FROM (SELECT id, ROW_NUMBER() OVER "
        "(ORDER BY created_at, id) AS n FROM patient) AS r WHERE r.id = patient.id)"
    )
    op.create_index("ix_patient_number", "patient", ["number"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_patient_number", "patient")
    op.drop_column("patient", "number")
