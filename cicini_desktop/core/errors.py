"""Domain errors: each carries one user-facing sentence and a distinct CLI exit code.

The GUI shows `user_message` in a dialog; the CLI prints it to stderr and exits with
`exit_code`. Messages never contain a key, token, password, name or contact detail:
they describe what went wrong and what to do next.
"""

from __future__ import annotations


class CiciniError(Exception):
    """Base of every error a user may see. `str(error)` is the user-facing sentence."""

    exit_code: int = 1

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


# --- configuration (exit 2: bad invocation or configuration) -------------------------


class ConfigError(CiciniError):
    exit_code = 2


class UsageError(CiciniError):
    """A command-line argument is wrong."""

    exit_code = 2


# --- the encrypted store (exit 3..9) ------------------------------------------------


class StoreError(CiciniError):
    exit_code = 3


class DatabaseNotFoundError(StoreError):
    exit_code = 3


class DatabaseExistsError(StoreError):
    exit_code = 3


class WrongKeyError(StoreError):
    exit_code = 4


class NotADatabaseError(StoreError):
    exit_code = 5


class TamperedDatabaseError(StoreError):
    exit_code = 6


class KeystoreUnavailableError(StoreError):
    exit_code = 7


class KeyMissingError(StoreError):
    """The keystore answers, but holds no key for an existing database."""

    exit_code = 8


class MigrationError(StoreError):
    exit_code = 9


class StoreUnavailableError(StoreError):
    """The clinic server could not be reached in the middle of work (server stopped, network
    gone, connection cut). The transaction was rolled back: nothing of it was saved, and
    nothing is kept to be saved later. Only the server store raises it (store/server.py);
    the GUI shows the lost-connection banner and lets the user try again.

    `outcome_unknown`: the connection broke while the COMMIT itself was on its way, so the
    server may have kept the change; the user looks before doing it again."""

    exit_code = 3

    def __init__(self, user_message: str, *, outcome_unknown: bool = False) -> None:
        super().__init__(user_message)
        self.outcome_unknown = outcome_unknown


class FileAccessError(CiciniError):
    """A folder or file the command needs cannot be read or written (permissions, a file
    where a folder should be, a full disk)."""

    exit_code = 23


class DatabaseInUseError(StoreError):
    """An exclusive operation (rekey, restore) found the database open elsewhere."""

    exit_code = 24


class RecoveryKeyFormatError(CiciniError):
    """A typed recovery key is malformed; the message names the faulty group."""

    exit_code = 2


class BackupError(CiciniError):
    exit_code = 10


# --- use cases (exit 11..19) -----------------------------------------------------------


class ValidationError(CiciniError):
    """Bad input to a use case: the message says which field and what is expected."""

    exit_code = 11

    def __init__(self, user_message: str, field: str | None = None) -> None:
        super().__init__(user_message)
        self.field = field


class NotFoundError(CiciniError):
    exit_code = 12


class PermissionDeniedError(CiciniError):
    exit_code = 13


class AccessChangedError(PermissionDeniedError):
    """The signed-in account was deactivated (or removed) since it signed in."""


class ConflictError(CiciniError):
    """A scheduling conflict; `conflicts` holds the typed conflicts behind the sentence."""

    exit_code = 14

    def __init__(self, user_message: str, conflicts: tuple[object, ...] = ()) -> None:
        super().__init__(user_message)
        self.conflicts = conflicts


class StaleEditError(CiciniError):
    exit_code = 15


class AuthenticationError(CiciniError):
    """Sign-in refused. `retry_at` (aware UTC) says when the next attempt is allowed, if later."""

    exit_code = 16

    def __init__(self, user_message: str, retry_at: object | None = None) -> None:
        super().__init__(user_message)
        self.retry_at = retry_at


class SignInThrottledError(AuthenticationError):
    """Too soon after a failed attempt: wait until `retry_at`."""


class AccountLockedError(AuthenticationError):
    """Too many failures in a row: locked until `retry_at` or a manager unlocks it."""


class AllowanceExceededError(CiciniError):
    exit_code = 17


class InvariantError(CiciniError):
    """An edit would break a rule the product keeps (e.g. the last role manager)."""

    exit_code = 18


class PiiRejectedError(CiciniError):
    """A value bound for the audit trail, a log or the network looks like personal data."""

    exit_code = 19


# --- sync (exit 20..) -------------------------------------------------------------------


class SyncError(CiciniError):
    exit_code = 20


class AuditChainError(CiciniError):
    exit_code = 21


class ExportError(CiciniError):
    """An export file could not be written (the message names the file and what to do)."""

    exit_code = 22


class PrivacyRefusedError(CiciniError):
    """A privacy request or edit that the rules forbid: a restricted record, a minimum
    retention that requires keeping the data, or erasing oneself."""

    exit_code = 25


class AffectedAppointmentsError(CiciniError):
    """A set-up change (hours, rota, time off, closure) would leave future appointments
    outside working hours, in time off or in a closure. `appointments` lists them (the
    scheduling service's rows); nothing was saved. Saving anyway needs a confirmation."""

    exit_code = 26

    def __init__(self, user_message: str, appointments: tuple[object, ...] = ()) -> None:
        super().__init__(user_message)
        self.appointments = appointments
