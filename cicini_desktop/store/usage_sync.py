"""Persistence of the sync bookkeeping: counter totals, accepted days, the one state row.

Helpers take the caller's session and never commit (the service owns the transaction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cicini_desktop.store.models.identity import Staff
from cicini_desktop.store.models.usage import SyncState, UsageCounter, UsageDaySent

STATE_ID = 1


def counter_rows(session: Session, since: date | None = None) -> list[tuple[str, str, int]]:
    """(day, counter, count) rows, oldest day first."""
    query = select(UsageCounter.day, UsageCounter.counter, UsageCounter.count)
    if since is not None:
        query = query.where(UsageCounter.day >= since.isoformat())
    return [(d, c, n) for d, c, n in session.execute(query.order_by(UsageCounter.day))]


def encode_totals(counters: Mapping[str, int]) -> str:
    return json.dumps(dict(counters), sort_keys=True, separators=(",", ":"))


def sent_days(session: Session) -> dict[date, tuple[str, datetime]]:
    """Per accepted day: the canonical totals the server holds, and when they were sent."""
    rows = session.execute(select(UsageDaySent.day, UsageDaySent.totals, UsageDaySent.sent_at))
    return {date.fromisoformat(d): (t, at) for d, t, at in rows}


def mark_sent(
    session: Session, days: Iterable[tuple[date, Mapping[str, int]]], sent_at: datetime
) -> None:
    for day, counters in days:
        row = session.get(UsageDaySent, day.isoformat())
        if row is None:
            session.add(
                UsageDaySent(day=day.isoformat(), totals=encode_totals(counters), sent_at=sent_at)
            )
        else:
            row.totals = encode_totals(counters)
            row.sent_at = sent_at


def state(session: Session) -> SyncState:
    """The state row, created on first use (inside the caller's transaction)."""
    row = session.get(SyncState, STATE_ID)
    if row is None:
        row = SyncState(id=STATE_ID)
        session.add(row)
        session.flush()
    return row


def read_state(session: Session) -> SyncState | None:
    return session.get(SyncState, STATE_ID)


def count_active_staff(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Staff).where(Staff.active)) or 0)


def count_active_providers(session: Session) -> int:
    query = select(func.count()).select_from(Staff).where(Staff.active, Staff.is_provider)
    return int(session.scalar(query) or 0)


def delete_final_days(session: Session, days: Iterable[date]) -> None:
    """Retention: forget days the server holds final (counters and their sent mark)."""
    keys = [d.isoformat() for d in days]
    if keys:
        session.execute(delete(UsageCounter).where(UsageCounter.day.in_(keys)))
        session.execute(delete(UsageDaySent).where(UsageDaySent.day.in_(keys)))
