"""The audit trail's tables: the append-only record chain and its one-row control table.

`audit_record` is append-only (triggers in migration 0002): UPDATE and DELETE are refused
unless `audit_control.purging` is 1, which only the retention purge sets, inside its own
transaction (other connections never see it set), and sets back before it commits. Even then
an UPDATE may only clear `network_hash`; nothing the chain commits to can change.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import UUID_LENGTH, Base


class AuditRecord(Base):
    __tablename__ = "audit_record"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[int] = mapped_column(Integer)  # Unix seconds UTC, as hashed
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    organization_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(UUID_LENGTH * 2))
    masked_network: Mapped[str | None] = mapped_column(String(64))
    network_hash: Mapped[str | None] = mapped_column(String(64))
    network_commit: Mapped[str | None] = mapped_column(String(64))
    device_category: Mapped[str] = mapped_column(String(32))
    os_family: Mapped[str] = mapped_column(String(16))
    os_major: Mapped[str] = mapped_column(String(8))
    app_version: Mapped[str] = mapped_column(String(32))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    record_hash: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str | None] = mapped_column(String(36), default=None)  # the desk's id

    # The viewer lists newest first, filtered by time and optionally action/actor/outcome:
    # each filter has an index (filter column, occurred_at, seq) that also carries the filter
    # columns combined with it, so a combined filter is answered from the index alone.
    __table_args__ = (
        Index("ix_audit_record_time", "occurred_at", "seq"),
        Index("ix_audit_record_action_time", "action", "occurred_at", "seq", "outcome"),
        Index("ix_audit_record_actor_time", "actor_id", "occurred_at", "seq", "action", "outcome"),
        Index("ix_audit_record_outcome_time", "outcome", "occurred_at", "seq"),
        Index(
            "ix_audit_record_network_hash",
            "occurred_at",
            sqlite_where=text("network_hash IS NOT NULL"),
        ),
    )


class AuditControl(Base):
    """One row: whether the retention purge is running in the current transaction."""

    __tablename__ = "audit_control"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purging: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
