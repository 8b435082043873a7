"""An in-process keyring backend for tests that are not about the OS keystore itself."""

from __future__ import annotations

import keyring.backend
import keyring.errors


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
