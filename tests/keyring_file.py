"""A file-backed keyring backend for CLI subprocess tests.

Subprocesses cannot see the in-process `MemoryKeyring`; they select this one with
`PYTHON_KEYRING_BACKEND=tests.keyring_file.FileKeyring` (and `PYTHONPATH` at the repo root).
The JSON file is named by `CICINI_TEST_KEYRING_FILE`; `CICINI_TEST_KEYRING_UNAVAILABLE=1`
makes every call fail as a locked keystore does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

ENV_FILE = "CICINI_TEST_KEYRING_FILE"
ENV_UNAVAILABLE = "CICINI_TEST_KEYRING_UNAVAILABLE"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        if os.environ.get(ENV_UNAVAILABLE) == "1":
            raise keyring.errors.KeyringLocked("the test keyring is locked")
        return Path(os.environ[ENV_FILE])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def _save(self, entries: dict[str, str]) -> None:
        # Atomic (write aside, then rename): another process reading the file at the same
        # moment must see the old or the new entries, never half a file.
        path = self._path()
        aside = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        aside.write_text(json.dumps(entries))
        os.replace(aside, path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\x00{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\x00{username}", None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")
        self._save(entries)
