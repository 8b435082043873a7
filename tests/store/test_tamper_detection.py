"""A flipped byte in a data page: found by `doctor` and on read, with the tamper message."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from cicini_desktop.config import Config
from cicini_desktop.core.errors import TamperedDatabaseError
from cicini_desktop.services.clinic import NewClinic, open_clinic
from cicini_desktop.services.doctor import Status, healthy, run_checks
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.vault import KeyVault
from tests.store.conftest import MARKER, flip_bytes

ROWS = 400


def _fill_and_close(clinic: NewClinic, vault: KeyVault) -> int:
    """Write rows into a table of their own, checkpoint, close; return the page count."""
    database = clinic.context.database
    with database.session_factory.begin() as session:
        session.execute(text("CREATE TABLE probe (note TEXT)"))
        for i in range(ROWS):
            session.execute(text("INSERT INTO probe VALUES (:n)"), {"n": f"{MARKER} {i:05d}" * 8})
    database.close()
    key = vault.load_key(database.database_id)
    connection = connect_raw(database.path, key)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    return int(pages)


def test_doctor_is_healthy_before_the_damage(new_clinic: NewClinic, config: Config, vault):
    _fill_and_close(new_clinic, vault)
    results = run_checks(config, vault)
    assert healthy(results), results


def test_a_flipped_data_page_is_found_by_doctor(new_clinic: NewClinic, config: Config, vault):
    pages = _fill_and_close(new_clinic, vault)
    flip_bytes(config.database_path, page=pages - 1)
    results = {result.name: result for result in run_checks(config, vault)}
    cipher = results["encryption integrity"]
    assert cipher.status is Status.FAILED
    assert "altered or damaged" in cipher.detail
    assert cipher.exit_code == TamperedDatabaseError.exit_code
    assert results["key"].status is Status.OK  # page 1 is intact: the key still opens it


def test_a_flipped_data_page_is_reported_on_read(new_clinic: NewClinic, config: Config, vault):
    pages = _fill_and_close(new_clinic, vault)
    flip_bytes(config.database_path, page=pages - 1)
    context = open_clinic(config, vault)
    try:
        with (
            pytest.raises(TamperedDatabaseError, match="altered or damaged") as caught,
            context.database.session() as session,
        ):
            session.execute(text("SELECT note FROM probe")).all()
        assert MARKER not in caught.value.user_message
    finally:
        context.database.close()


def test_a_flipped_first_page_is_reported_at_open(new_clinic: NewClinic, config: Config, vault):
    _fill_and_close(new_clinic, vault)
    flip_bytes(config.database_path, page=1)
    with pytest.raises(TamperedDatabaseError, match="altered or damaged"):
        open_clinic(config, vault)
    results = {result.name: result for result in run_checks(config, vault)}
    assert results["key"].status is Status.FAILED
    assert results["key"].exit_code == TamperedDatabaseError.exit_code
    assert results["encryption integrity"].status is Status.SKIPPED
