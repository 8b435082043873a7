"""The application log: a rotating file in the user log folder.

It never holds names, contact details, notes, keys, tokens or full IP addresses. Code logs
identifiers and error types only; the `RedactingFilter` is a second line of defence that
masks anything shaped like an email, a phone number, a full IP or a long hex secret.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import TextIO

from cicini_desktop.core.redaction import redact

LOG_FILENAME = "cicini.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


# Internal ids are what the log is for; the phone pattern would eat a UUID's leading digits.
_UUID = re.compile(r"\b[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\b")
_STASHED = re.compile("\x00(\\d+)\x00")


def redact_keeping_ids(text: str) -> str:
    """`redact`, but internal UUIDs pass through whole."""
    ids: list[str] = []

    def stash(match: re.Match[str]) -> str:
        ids.append(match.group(0))
        return f"\x00{len(ids) - 1}\x00"

    masked = redact(_UUID.sub(stash, text))
    return _STASHED.sub(lambda match: ids[int(match.group(1))], masked)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact_keeping_ids(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Keep the traceback's shape, but exception texts can carry values: redact them.
            record.exc_text = redact_keeping_ids(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file (rotated ones too) is created readable by its owner only (0600)."""

    def _open(self) -> TextIO:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)  # a file made before this version
        return os.fdopen(descriptor, self.mode, encoding=self.encoding, errors=self.errors)


def configure_logging(log_dir: Path, level: str = "info") -> Path:
    """Log to `log_dir/cicini.log` (1 MB x 5), folder 0700 and files 0600 (the log holds
    ids and error types only, but whose ids, and when, is nobody else's business)."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(log_dir, 0o700)
    path = log_dir / LOG_FILENAME
    handler = PrivateRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_cicini", False):
            root.removeHandler(existing)
            existing.close()
    handler._cicini = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Libraries that log request URLs or SQL at debug level stay at warning.
    for noisy in ("urllib3", "sqlalchemy", "alembic", "keyring"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
