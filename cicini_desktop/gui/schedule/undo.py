"""What undo puts back: an appointment's provider, times and room before a move or resize."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class UndoEntry:
    appointment_id: str
    provider_id: str
    start: datetime
    end: datetime
    label: str
    room_id: str | None = None  # None: it had no room
