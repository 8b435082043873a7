"""Usage counters and the sync state. Counters: one integer per (UTC day, counter name).

The sync tables remember what the server acknowledged, so nothing is lost or sent needlessly:
`usage_day_sent` holds, per day, the totals last accepted and when; `sync_state` (one row)
holds the last exchange shown on the "Data shared with Cicini" page and the last plan.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import Base, UtcInstant


class UsageCounter(Base):
    __tablename__ = "usage_counter"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    counter: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class UsageDaySent(Base):
    """A day the server accepted: the totals it holds (canonical JSON) and when."""

    __tablename__ = "usage_day_sent"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    totals: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UtcInstant())


class SyncState(Base):
    """The single row (id 1) of sync bookkeeping. No token here: it lives in the keystore."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    enrolled_endpoint: Mapped[str | None] = mapped_column(String(500), default=None)
    # The last document that went over the wire, byte for byte, and what came back.
    last_document: Mapped[str | None] = mapped_column(Text, default=None)
    last_sent_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    last_status: Mapped[int | None] = mapped_column(Integer, default=None)
    last_answer: Mapped[str | None] = mapped_column(Text, default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    last_outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    last_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    # Set by a 400 ("rejected") or 401/403 ("needs_enrolment"): background runs stop.
    halted: Mapped[str | None] = mapped_column(String(32), default=None)
    retry_not_before: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    plan_name: Mapped[str | None] = mapped_column(String(60), default=None)
    plan_active_providers: Mapped[int | None] = mapped_column(Integer, default=None)
    plan_staff_accounts: Mapped[int | None] = mapped_column(Integer, default=None)
    plan_valid_until: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    plan_received_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
