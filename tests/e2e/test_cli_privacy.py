"""`cicini privacy ...` and `cicini purge` as IT runs them: real subprocess, real files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from cicini_desktop.core.ids import new_id
from cicini_desktop.store.database import open_database
from cicini_desktop.store.models import Patient, Staff
from tests.e2e.conftest import Cli, assert_one_sentence

NAME = "Quintessa"


def add_patient(cli: Cli) -> str:
    """Write a patient straight into the clinic's database (no patient command exists)."""
    database = open_database(cli.database, bytes.fromhex(cli.stored_key_hex()))
    patient_id = new_id()
    moment = datetime(2026, 1, 5, tzinfo=UTC)
    try:
        with database.session_factory.begin() as session:
            session.add(
                Patient(
                    id=patient_id,
                    given_name=NAME,
                    family_name="Vandermolen",
                    dob=date(1977, 7, 7),
                    email="quintessa@example.org",
                    reminder="email",
                    restricted=False,
                    created_at=moment,
                    updated_at=moment,
                )
            )
    finally:
        database.close()
    return patient_id


def manager_id(cli: Cli) -> str:
    database = open_database(cli.database, bytes.fromhex(cli.stored_key_hex()))
    try:
        with database.session() as session:
            return str(session.query(Staff.id).one()[0])
    finally:
        database.close()


def test_export_restrict_erase_a_patient(clinic_cli: tuple[Cli, str], tmp_path: Path) -> None:
    cli, _ = clinic_cli
    patient_id = add_patient(cli)
    out = tmp_path / "export"
    out.mkdir()

    result = cli.signed("privacy", "export", "--patient", patient_id, "--to", str(out))
    assert result.returncode == 0, result.stderr
    [json_file] = out.glob("*.json")
    assert json.loads(json_file.read_text())["patient"]["given_name"] == NAME
    assert next(out.glob("*.pdf")).read_bytes().startswith(b"%PDF")
    assert NAME not in result.stdout  # ids and paths only

    assert cli.signed("privacy", "restrict", "--patient", patient_id).returncode == 0
    again = cli.signed("privacy", "restrict", "--patient", patient_id)
    assert "already" in again.stdout
    assert cli.signed("privacy", "unrestrict", "--patient", patient_id).returncode == 0

    refused = cli.signed("privacy", "erase", "--patient", patient_id)
    assert "--yes" in assert_one_sentence(refused, 2)
    erased = cli.signed("privacy", "erase", "--patient", patient_id, "--yes")
    assert erased.returncode == 0, erased.stderr
    # No appointments needed the row, so it is gone altogether.
    assert_one_sentence(cli.signed("privacy", "erase", "--patient", patient_id, "--yes"), 12)
    assert NAME not in cli.log_file.read_text()
    assert cli.run("audit", "verify").returncode == 0


def test_one_sentence_errors(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    missing = cli.signed("privacy", "export", "--patient", new_id(), "--to", str(cli.root))
    assert "check the id" in assert_one_sentence(missing, 12)
    assert_one_sentence(cli.signed("privacy", "erase", "--patient", "not-a-uuid", "--yes"), 2)
    assert_one_sentence(cli.signed("privacy", "restrict", "--staff", manager_id(cli)), 25)
    assert_one_sentence(cli.signed("privacy", "export", "--patient", new_id(), "--to", "/nope"), 2)


def test_staff_export_and_minimum_retention(clinic_cli: tuple[Cli, str], tmp_path: Path) -> None:
    cli, _ = clinic_cli
    staff_id = manager_id(cli)
    result = cli.signed("privacy", "export", "--staff", staff_id, "--to", str(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert data["staff"]["username"] == "anna.manager"
    assert data["roles"]
    assert data["audit_records"]
    shown = cli.signed("privacy", "minimum-retention", "--years", "10")
    assert "10 year" in shown.stdout


def test_purge_dry_run_lists_counts(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    dry = cli.signed("purge", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would remove 0 appointment record(s)" in dry.stdout
    assert "nothing was changed" in dry.stdout
    done = cli.signed("purge")
    assert done.returncode == 0, done.stderr
    assert "Removed 0 inactive patient record(s)." in done.stdout
