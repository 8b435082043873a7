"""What a write touched, so each view refreshes only what it must (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    appointments: bool = False
    patients: bool = False
    waitlist: bool = False
    staff: bool = False
    roles: bool = False
    settings: bool = False
    audit: bool = False
    availability: bool = False
    usage: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{name: getattr(self, name) or getattr(other, name) for name in self.__slots__}
        )

    def any(self) -> bool:
        return any(getattr(self, name) for name in self.__slots__)


NO_CHANGES = Changes()
