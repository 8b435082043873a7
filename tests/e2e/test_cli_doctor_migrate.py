"""`cicini doctor` (quick by default, --full, --json with the sync state, a progress line on
a terminal) and `cicini migrate` after an upgrade, as IT and monitoring agents run them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from cicini_desktop.core.errors import MigrationError, TamperedDatabaseError
from cicini_desktop.store.database import connect_raw
from tests.e2e.conftest import REPO, Cli, assert_one_sentence
from tests.store.conftest import file_digest, flip_bytes


def _key(cli: Cli) -> bytes:
    return bytes.fromhex(cli.stored_key_hex())


def _downgrade_one_revision(cli: Cli) -> str:
    """Stand for a database an older build wrote: the newest migration not applied yet."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from cicini_desktop.store.database import make_engine
    from cicini_desktop.store.migrations import alembic_config

    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    previous = ScriptDirectory.from_config(config).get_revision(head).down_revision
    engine = make_engine(cli.database, _key(cli))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, str(previous))
    finally:
        engine.dispose()
    return str(previous)


def test_doctor_json_lists_every_check_and_the_sync_state(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    result = cli.run("doctor", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["healthy"] is True
    assert document["exit_code"] == 0
    assert document["full"] is False
    names = [check["name"] for check in document["checks"]]
    for name in ("keystore", "encryption integrity", "database integrity", "migrations", "sync"):
        assert name in names
    assert {check["status"] for check in document["checks"]} == {"ok"}
    assert document["sync"]["state"] == "off"
    assert document["sync"]["pending_days"] >= 0
    assert "quick_check" in _detail(document, "database integrity")
    assert document["integrity_pass_seconds"] >= 0


def _detail(document: dict, name: str) -> str:
    return next(c["detail"] for c in document["checks"] if c["name"] == name)


def test_doctor_full_runs_the_exhaustive_checks(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    document = json.loads(cli.run("doctor", "--full", "--json").stdout)
    assert document["healthy"] is True
    assert document["full"] is True
    assert _detail(document, "database integrity") == "integrity_check ok"
    assert "every page of the file" in _detail(document, "encryption integrity")


def test_quick_and_full_both_find_a_tampered_page(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    connection = connect_raw(cli.database, _key(cli))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    pages = cli.database.stat().st_size // 4096
    flip_bytes(cli.database, page=pages - 2)
    for extra in ((), ("--full",)):
        result = cli.run("doctor", *extra)
        assert "altered or damaged" in result.stdout
        assert_one_sentence(result, TamperedDatabaseError.exit_code)
        document = json.loads(cli.run("doctor", "--json", *extra).stdout)
        assert document["healthy"] is False
        assert document["exit_code"] == TamperedDatabaseError.exit_code


def test_doctor_names_migrate_and_migrate_makes_a_backup_first(
    clinic_cli: tuple[Cli, str],
) -> None:
    cli, _ = clinic_cli
    previous = _downgrade_one_revision(cli)
    before = file_digest(cli.database)
    result = cli.run("doctor")
    assert "'cicini migrate'" in result.stdout
    assert_one_sentence(result, MigrationError.exit_code)
    assert file_digest(cli.database) == before  # doctor changes nothing

    migrated = cli.run("migrate")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert f"from revision {previous}" in migrated.stdout
    backups = list((cli.data_dir / "backups").glob("pre-migration-*.db"))
    assert len(backups) == 1
    assert str(backups[0]) in migrated.stdout
    assert cli.run("doctor").returncode == 0

    again = cli.run("migrate")
    assert again.returncode == 0
    assert "nothing was changed" in again.stdout
    assert len(list((cli.data_dir / "backups").glob("pre-migration-*.db"))) == 1


def test_doctor_shows_progress_on_a_terminal_only(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    piped = cli.run("doctor")
    assert "checking" not in piped.stderr  # a log file or a pipe gets no progress line
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "cicini_desktop.cli", "doctor"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            env=cli.env(),
            cwd=REPO,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if terminal >= 0:
            os.close(terminal)
        os.close(controller)
    assert process.returncode == 0
    text = shown.decode()
    assert "cicini doctor: checking database integrity" in text
    assert text.endswith("\r")  # the line is cleared before the report


def test_debug_log_says_what_was_opened_and_migrated_in_ids(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.write_config('log_level = "debug"\n')
    previous = _downgrade_one_revision(cli)
    assert cli.run("migrate").returncode == 0
    assert cli.run("doctor").returncode == 0
    text = cli.log_file.read_text()
    manifest = json.loads((cli.data_dir / "cicini.db.manifest.json").read_text())
    assert f"opened database {manifest['database_id']}" in text
    assert f"migrate: {previous} -> " in text
    assert "doctor: quick integrity pass" in text
    assert "Praxis Sonnenhof" not in text  # the clinic's name never reaches the log
