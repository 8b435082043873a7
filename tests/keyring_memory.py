"""An in-process keyring backend for tests that are not about the OS keystore itself."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.errors

from cicini_desktop.store.vault import folder_scope


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.unavailable = False

    def _check(self) -> None:
        if self.unavailable:
            raise keyring.errors.KeyringLocked("the test keyring is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


def moved_entries(
    entries: dict[tuple[str, str], str], old_database: Path, new_database: Path
) -> dict[tuple[str, str], str]:
    """`entries` with the data-folder-scoped ones (the audit head key) named for a copy of
    the clinic in another folder, as if the template had been made there."""
    old, new = f"@{folder_scope(old_database)}:", f"@{folder_scope(new_database)}:"
    return {(service, name.replace(old, new)): value for (service, name), value in entries.items()}
