"""The manifest: a small plaintext file beside the database naming its UUID.

The keyring entry is looked up by that UUID before the database can be decrypted, and the
key check value tells a wrong key from a damaged file. It holds no secret and no content.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from cicini_desktop.core.errors import DatabaseNotFoundError, NotADatabaseError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.permissions import file_mode

FORMAT = 1


def manifest_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".manifest.json")


@dataclass(frozen=True)
class Manifest:
    database_id: str
    key_check: str
    format: int = FORMAT

    def write(self, database_path: Path) -> None:
        target = manifest_path(database_path)
        temporary = target.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        # Not secret, but nobody else's business either: readable by the owner only.
        mode = file_mode(target.parent)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(self), indent=2) + "\n")
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)  # the umask may have taken bits away
        os.replace(temporary, target)

    @classmethod
    def read_optional(cls, database_path: Path) -> Manifest | None:
        try:
            return cls.read(database_path)
        except (DatabaseNotFoundError, NotADatabaseError):
            return None

    @classmethod
    def read(cls, database_path: Path) -> Manifest:
        if not database_path.exists():
            raise DatabaseNotFoundError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "No Cicini database at {database_path}; run 'cicini init' (or start the "
                    "app to set up the clinic), or check the data folder setting.",
                ).format(database_path=str(database_path))
            )
        path = manifest_path(database_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            manifest = cls(str(data["database_id"]), str(data["key_check"]), int(data["format"]))
        except FileNotFoundError:
            raise NotADatabaseError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "{database_path} has no manifest ({name}) beside it, so it is not a "
                    "Cicini database or was copied without it; copy both files together, or "
                    "rebuild it with 'cicini recover' and the clinic's recovery key.",
                ).format(database_path=str(database_path), name=str(path.name))
            ) from None
        except (OSError, ValueError, KeyError, TypeError):
            raise NotADatabaseError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "{path} is damaged; rebuild it with 'cicini recover' and the clinic's "
                    "recovery key (the database itself is not touched).",
                ).format(path=str(path))
            ) from None
        if manifest.format != FORMAT:
            raise NotADatabaseError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "{database_path} was made by a newer Cicini Desktop; update the app first.",
                ).format(database_path=str(database_path))
            )
        return manifest
