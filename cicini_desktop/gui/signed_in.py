"""Who is at the keyboard: what the window needs of the identity service's session."""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.services.context import Actor
from cicini_desktop.services.sessions import StaffSession


@dataclass(frozen=True)
class SignedIn:
    staff_id: str
    display_name: str
    actor: Actor
    session: StaffSession | None = None  # for lock, sign-out and permission refresh

    @classmethod
    def of(cls, session: StaffSession) -> SignedIn:
        return cls(session.staff_id, session.display_name, session.actor, session)
