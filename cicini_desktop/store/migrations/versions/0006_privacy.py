"""Privacy: make deletions from the patient search index physical.

FTS5 normally records a deletion as a marker and keeps the old tokens in its segments until
a merge; with `secure-delete` on, an erased patient's name, phone and birth date leave the
index at once (SQLite 3.44+; SQLCipher 4.19 bundles 3.53). Clinic settings for privacy
(the minimum retention of appointment records) live in the existing `setting` table.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # FTS5 only: the server has no such index
    op.execute("INSERT INTO patient_fts(patient_fts, rank) VALUES('secure-delete', 1)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("INSERT INTO patient_fts(patient_fts, rank) VALUES('secure-delete', 0)")
