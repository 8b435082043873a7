"""Identifier types. Every row a person could be linked to has an internal UUID (as text).

These are what the audit trail and telemetry see, never names or contact details.
"""

from __future__ import annotations

import uuid
from typing import NewType

OrganizationId = NewType("OrganizationId", str)
InstallationId = NewType("InstallationId", str)
DatabaseId = NewType("DatabaseId", str)
StaffId = NewType("StaffId", str)
RoleId = NewType("RoleId", str)
PatientId = NewType("PatientId", str)
AppointmentId = NewType("AppointmentId", str)
SeriesId = NewType("SeriesId", str)
RoomId = NewType("RoomId", str)
AppointmentTypeId = NewType("AppointmentTypeId", str)
WaitlistEntryId = NewType("WaitlistEntryId", str)


def new_id() -> str:
    """A fresh random UUID4 as text (what every *Id type holds)."""
    return str(uuid.uuid4())


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except (ValueError, AttributeError, TypeError):
        return False
