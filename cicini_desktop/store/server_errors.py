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
