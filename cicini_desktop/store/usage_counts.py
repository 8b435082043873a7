"""Usage counters per UTC day: increment inside the caller's transaction."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from cicini_desktop.core.counters import Counter

log = logging.getLogger(__name__)

_UPSERT = text(
    "INSERT INTO usage_counter (day, counter, count) VALUES (:day, :counter, :amount) "
    "ON CONFLICT (day, counter) DO UPDATE SET count = usage_counter.count + excluded.count"
)


def bump(session: Session, counter: Counter, day: date, amount: int = 1) -> None:
    if not isinstance(counter, Counter):
        raise TypeError("only counters of the closed vocabulary are counted")
    session.execute(_UPSERT, {"day": day.isoformat(), "counter": counter.value, "amount": amount})


# The server's form of "count, but never let a counting failure break the operation": the
# upserts in a PL/pgSQL block whose exception handler is a subtransaction, as the savepoint
# is on SQLite; one statement instead of SAVEPOINT, upsert and RELEASE (three network round
# trips). The values are ours, never user text: ISO dates, counters of the closed vocabulary
# and integers, quoted as literals all the same.
_SERVER_BLOCK = (
    "DO $cicini$ BEGIN {upserts} EXCEPTION WHEN OTHERS THEN "
    # (No `%` format here: the driver would read it as a placeholder.)
    "RAISE WARNING USING MESSAGE = 'cicini: usage counter not recorded (' || SQLSTATE || ')'; "
    "END $cicini$"
)
_SERVER_UPSERT = (
    "INSERT INTO usage_counter (day, counter, count) VALUES ({day}, {counter}, {amount}) "
    "ON CONFLICT (day, counter) DO UPDATE SET count = usage_counter.count + excluded.count;"
)


def bump_all(session: Session, counts: Mapping[Counter, int], day: date) -> None:
    """Count each of `counts` on `day`; a failure is logged and leaves the transaction as it
    was (the caller's change still commits)."""
    if not counts:
        return
    for counter, amount in counts.items():
        if not isinstance(counter, Counter) or not isinstance(amount, int):
            raise TypeError("only counters of the closed vocabulary are counted")
    if session.get_bind().dialect.name == "postgresql":
        from psycopg import sql

        upserts = " ".join(
            _SERVER_UPSERT.format(
                day=sql.quote(day.isoformat()), counter=sql.quote(counter.value), amount=amount
            )
            for counter, amount in counts.items()
        )
        session.connection().exec_driver_sql(_SERVER_BLOCK.format(upserts=upserts))
        return
    try:
        # A savepoint: a counting failure must never break the operation it counts.
        with session.begin_nested():
            for counter, amount in counts.items():
                bump(session, counter, day, amount)
    except Exception as error:
        log.warning("usage counter not recorded: %s", type(error).__name__)
