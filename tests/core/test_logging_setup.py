"""The log file: ids pass, secrets and personal data are masked even when code slips."""

from __future__ import annotations

import logging
from pathlib import Path

from cicini_desktop.logging_setup import configure_logging, redact_keeping_ids
from cicini_desktop.store.keys import format_recovery_key, new_key


def test_uuids_pass_through_whole() -> None:
    text = "database 40947568-cf18-47c1-8cf7-83b1e3b8a6dd opened"
    assert redact_keeping_ids(text) == text


def test_secrets_and_contact_details_are_masked_in_the_file(tmp_path: Path) -> None:
    key = new_key()
    path = configure_logging(tmp_path / "logs")
    try:
        log = logging.getLogger("cicini_desktop.test")
        recovery_key = format_recovery_key(key)
        log.warning(
            "slip: %s %s %s %s", key.hex(), recovery_key, "a.b@example.org", "+49 30 1234567"
        )
        try:
            raise ValueError(f"bad key {key.hex()}")
        except ValueError:
            log.exception("failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text()
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_cicini", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "slip:" in text
    assert "ValueError" in text
    for secret in (key.hex(), recovery_key, "a.b@example.org", "1234567"):
        assert secret not in text


def test_the_log_folder_and_files_are_private(tmp_path: Path) -> None:
    import os
    import stat

    folder = tmp_path / "logs"
    path = configure_logging(folder)
    try:
        logging.getLogger("cicini_desktop.test").warning("hello")
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_cicini", False))
        handler.doRollover()  # type: ignore[attr-defined]
        logging.getLogger("cicini_desktop.test").warning("again")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_cicini", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    files = list(folder.iterdir())
    assert len(files) == 2
    assert path in files
    for file in files:
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600, file
