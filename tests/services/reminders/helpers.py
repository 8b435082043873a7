"""Small readers for the reminder tests: outbox rows, audit records, counters."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.models import AuditRecord, ReminderOutbox, UsageCounter

BERLIN_OFFSET_HOURS = 1  # March 2026 before the DST change (29 March)


def outbox_rows(context: ServiceContext) -> list[ReminderOutbox]:
    with context.database.session() as session:
        return list(session.scalars(select(ReminderOutbox).order_by(ReminderOutbox.created_at)))


def audit_records(context: ServiceContext, action: str) -> list[AuditRecord]:
    with context.database.session() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def counter(context: ServiceContext, name: str) -> int:
    with context.database.session() as session:
        return sum(session.scalars(select(UsageCounter.count).where(UsageCounter.counter == name)))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
