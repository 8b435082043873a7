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


def overlap_constraint(error: BaseException) -> str | None:
    """"provider" or "room" for an overlap refused by the server, else None."""
    original = getattr(error, "orig", None)
    if getattr(original, "sqlstate", None) != EXCLUSION_VIOLATION:
        return None
    diagnostic = getattr(original, "diag", None)
    name = getattr(diagnostic, "constraint_name", None)
    return CONSTRAINTS.get(str(name), "provider")
