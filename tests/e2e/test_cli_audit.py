"""`cicini audit verify | purge | export` and the doctor's audit check, as IT runs them."""

from __future__ import annotations

import csv

from cicini_desktop.core.errors import AuditChainError, UsageError
from cicini_desktop.store.database import connect_raw
from tests.e2e.conftest import ORG_EMAIL, ORG_PHONE, assert_one_sentence


def test_verify_reports_an_intact_trail(clinic_cli):
    cli, _ = clinic_cli
    result = cli.run("audit", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Audit trail OK:")


def test_export_writes_ids_only_and_refuses_to_overwrite(clinic_cli):
    cli, _ = clinic_cli
    target = cli.root / "trail.csv"
    refused = cli.run("audit", "export", "--to", str(target))
    assert "--user" in assert_one_sentence(refused, UsageError.exit_code)
    assert not target.exists()
    result = cli.signed("audit", "export", "--to", str(target), "--since", "2020-01-01")
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows
    assert all(row["organization_id"] for row in rows)
    for personal in ("Praxis Sonnenhof", "Anna Example", "anna.manager", ORG_EMAIL, ORG_PHONE):
        assert personal not in text
    again = cli.signed("audit", "export", "--to", str(target))
    assert_one_sentence(again, UsageError.exit_code)
    # the export itself is in the trail, and the trail still verifies
    assert cli.run("audit", "verify").returncode == 0


def test_purge_dry_run_and_purge(clinic_cli):
    cli, _ = clinic_cli
    dry = cli.signed("audit", "purge", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would remove 0 record(s)" in dry.stdout
    done = cli.signed("audit", "purge")
    assert done.returncode == 0
    assert "removed 0 record(s)" in done.stdout
    assert cli.run("audit", "verify").returncode == 0


def test_tampering_is_reported_by_verify_and_doctor(clinic_cli):
    cli, _ = clinic_cli
    key = bytes.fromhex(cli.stored_key_hex())
    connection = connect_raw(cli.database, key)
    try:
        connection.execute("DROP TRIGGER audit_record_append_only_update")
        connection.execute("UPDATE audit_record SET outcome = 'denied' WHERE seq = 1")
    finally:
        connection.close()
    result = cli.run("audit", "verify")
    message = assert_one_sentence(result, AuditChainError.exit_code)
    assert "record #1 (changed" in message
    doctor = cli.run("doctor")
    assert doctor.returncode != 0
    assert "audit chain" in doctor.stdout
    assert "record #1" in doctor.stdout
