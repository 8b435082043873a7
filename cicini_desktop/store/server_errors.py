"""The clinic server's integrity errors, told apart without importing the driver.

Exclusion violations (SQLSTATE 23P01) of migration 0010's constraints mean another desk
booked the same provider or room an instant earlier; the services turn them into the
conflict sentence (services/unit_of_work.py).
"""

from __future__ import annotations

EXCLUSION_VIOLATION = "23P01"
CONSTRAINTS = {
    "ex_appointment_provider_overlap": "provider",
    "ex_appointment_room_overlap": "room",
}


DEADLOCK = "40P01"


def overlap_constraint(error: BaseException) -> str | None:
    """"provider" or "room" for an overlap refused by the server, else None.

    Two transactions inserting overlapping rows at once each wait for the other while
    checking the exclusion constraint; PostgreSQL then aborts one of them as a deadlock.
    That loser lost the same race, so it is reported the same way.
    """
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None)
    diagnostic = getattr(original, "diag", None)
    if state == DEADLOCK:
        context = str(getattr(diagnostic, "context", "") or "")
        return "provider" if "exclusion constraint" in context else None
    if state != EXCLUSION_VIOLATION:
        return None
    name = getattr(diagnostic, "constraint_name", None)
    return CONSTRAINTS.get(str(name), "provider")


# Connection lost, told by SQLSTATE: class 08 (connection exception) and the server shutting
# a session down (57P01 admin shutdown: pg_terminate_backend or a fast stop; 57P02 crash;
# 57P03 not accepting connections yet). Lock timeouts, deadlocks, serialization failures and
# cancelled statements are OperationalErrors too, but the connection is fine: not these.
_LOST_STATES = frozenset({"57P01", "57P02", "57P03"})


def connection_lost(original: BaseException | None, is_disconnect: bool) -> bool:
    """True when a statement failed because the server connection is gone.

    `is_disconnect` is SQLAlchemy's own verdict (a closed or broken connection). A psycopg
    OperationalError without any SQLSTATE comes from the client library itself: the socket
    died before the server could say anything.
    """
    if is_disconnect:
        return True
    state = getattr(original, "sqlstate", None)
    if state:
        return str(state).startswith("08") or state in _LOST_STATES
    return (
        original is not None
        and type(original).__name__ == "OperationalError"
        and type(original).__module__.startswith("psycopg")
    )
