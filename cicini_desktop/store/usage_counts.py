"""Usage counters per UTC day: increment inside the caller's transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from cicini_desktop.core.counters import Counter

_UPSERT = text(
    "INSERT INTO usage_counter (day, counter, count) VALUES (:day, :counter, :amount) "
    "ON CONFLICT (day, counter) DO UPDATE SET count = usage_counter.count + excluded.count"
)


def bump(session: Session, counter: Counter, day: date, amount: int = 1) -> None:
    if not isinstance(counter, Counter):
        raise TypeError("only counters of the closed vocabulary are counted")
    session.execute(_UPSERT, {"day": day.isoformat(), "counter": counter.value, "amount": amount})
