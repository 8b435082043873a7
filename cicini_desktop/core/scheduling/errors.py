"""Validation errors of scheduling, each a `ValidationError` with one sentence."""

from __future__ import annotations

from cicini_desktop.core.errors import CiciniError, ValidationError


class NonexistentTimeError(ValidationError):
    """A wall time that the clock skips (spring DST gap)."""


class AmbiguousTimeError(ValidationError):
    """A wall time that happens twice (autumn DST overlap); the caller must pick a fold."""


class UnknownZoneError(ValidationError):
    pass


class StatusTransitionError(ValidationError):
    pass


class DuplicatePatientError(CiciniError):
    """A patient with the same name and birth date, or the same phone, already exists.

    `existing_ids` lets the GUI offer to open that record instead; creating anyway is an
    explicit second call with ``allow_duplicate=True``.
    """

    exit_code = 11

    def __init__(self, user_message: str, existing_ids: tuple[str, ...]) -> None:
        super().__init__(user_message)
        self.existing_ids = existing_ids
