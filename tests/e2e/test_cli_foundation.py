"""`cicini` init, doctor, backup, restore, rekey, recover: as IT runs them, in subprocesses.

Every failure path: a distinct exit code, one sentence on stderr, no traceback.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import time

import pytest

from cicini_desktop.cli import main
from cicini_desktop.config import SETTINGS_BY_KEY, load_config
from cicini_desktop.core.errors import (
    AuditChainError,
    AuthenticationError,
    BackupError,
    ConfigError,
    DatabaseExistsError,
    DatabaseNotFoundError,
    KeyMissingError,
    KeystoreUnavailableError,
    NotADatabaseError,
    PermissionDeniedError,
    RecoveryKeyFormatError,
    TamperedDatabaseError,
    UsageError,
    ValidationError,
    WrongKeyError,
)
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.store.keys import format_recovery_key, new_key, parse_recovery_key
from cicini_desktop.store.vault import KeyVault, write_key_file
from tests.e2e.conftest import (
    ORG_EMAIL,
    ORG_PHONE,
    RECOVERY_KEY,
    Cli,
    assert_one_sentence,
)
from tests.keyring_file import FileKeyring
from tests.store.conftest import file_digest, flip_bytes

STAFF_MISSING = importlib.util.find_spec("cicini_desktop.services.staff") is None


def _recovery_key(stdout: str) -> str:
    match = RECOVERY_KEY.search(stdout)
    assert match is not None, stdout
    return match.group(0)


# --- init ------------------------------------------------------------------------------------


def test_init_prints_the_recovery_key_once_and_it_opens_the_database(cli: Cli) -> None:
    result = cli.init()
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    recovery_key = _recovery_key(result.stdout)
    assert result.stdout.count(recovery_key) == 1
    assert parse_recovery_key(recovery_key).hex() == cli.stored_key_hex()
    assert cli.database.exists()
    assert (cli.database.stat().st_mode & 0o077) == 0


@pytest.mark.skipif(STAFF_MISSING, reason="services/staff.py (identity feature) not there yet")
def test_init_creates_the_first_practice_manager(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli.init().returncode == 0
    from cicini_desktop.services import staff

    monkeypatch.setenv("CICINI_TEST_KEYRING_FILE", str(cli.keyring_file))
    config = load_config(str(cli.data_dir))
    context = open_clinic(config, KeyVault(backend=FileKeyring()))
    try:
        assert staff.has_staff(context)
    finally:
        context.database.close()


def test_init_refuses_to_run_over_an_existing_database(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    before = file_digest(cli.database)
    entries = cli.keyring_entries()
    message = assert_one_sentence(cli.init(), DatabaseExistsError.exit_code)
    assert "already exists" in message
    assert file_digest(cli.database) == before
    assert cli.keyring_entries() == entries


def test_init_writes_the_recovery_key_file_private(cli: Cli) -> None:
    target = cli.root / "sheets" / "recovery.txt"
    result = cli.init("--recovery-key-file", str(target))
    assert result.returncode == 0, result.stderr
    assert RECOVERY_KEY.search(result.stdout) is None  # not printed when a file is asked for
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert parse_recovery_key(target.read_text()).hex() == cli.stored_key_hex()


def test_init_refuses_an_existing_recovery_key_file(cli: Cli) -> None:
    target = cli.root / "recovery.txt"
    target.write_text("keep me")
    message = assert_one_sentence(
        cli.init("--recovery-key-file", str(target)), ValidationError.exit_code
    )
    assert "already exists" in message
    assert target.read_text() == "keep me"
    assert not cli.database.exists()


@pytest.mark.skipif(STAFF_MISSING, reason="services/staff.py (identity feature) not there yet")
def test_a_refused_password_leaves_nothing_behind(cli: Cli) -> None:
    result = cli.init(password="abc")
    assert result.returncode != 0
    assert_one_sentence(result, result.returncode)
    assert not cli.database.exists()
    assert not list(cli.data_dir.glob("cicini.db*"))
    assert cli.keyring_entries() == {}
    assert cli.init().returncode == 0  # IT simply runs it again


def test_init_needs_the_password_on_stdin(cli: Cli) -> None:
    result = cli.run(
        "init",
        "--org-name",
        "X",
        "--timezone",
        "UTC",
        "--manager-username",
        "a",
        "--manager-display-name",
        "A",
    )
    assert "--password-stdin" in assert_one_sentence(result, UsageError.exit_code)
    empty = cli.init(password="")
    assert "No password" in assert_one_sentence(empty, UsageError.exit_code)
    assert not cli.database.exists()


def test_init_rejects_an_unknown_time_zone(cli: Cli) -> None:
    result = cli.run(
        "init",
        "--org-name",
        "X",
        "--timezone",
        "Mars/Olympus",
        "--manager-username",
        "a",
        "--manager-display-name",
        "A",
        "--password-stdin",
        stdin="x\n",
    )
    assert "time zone" in assert_one_sentence(result, ValidationError.exit_code)
    assert not cli.database.exists()


def test_usage_errors_are_one_sentence(cli: Cli) -> None:
    assert_one_sentence(cli.run("frobnicate"), 2)
    assert_one_sentence(cli.run("backup"), 2)  # --to missing


def test_version_and_help(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    version = cli.run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("cicini ")
    # --help in-process: the parser is the same, a subprocess per command adds nothing.
    for command in ("init", "doctor", "backup", "restore", "rekey", "recover"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0, command
        assert "usage: cicini" in capsys.readouterr().out


# --- doctor ----------------------------------------------------------------------------------


def test_doctor_reports_healthy(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    result = cli.run("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("configuration", "keystore", "encryption integrity", "migrations", "free disk"):
        assert name in result.stdout
    assert "Healthy" in result.stdout
    assert result.stderr == ""


def test_doctor_accepts_data_dir_after_the_command(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.env_extra["CICINI_DATA_DIR"] = str(cli.root / "elsewhere")
    result = cli.run("doctor", "--data-dir", str(cli.data_dir))
    assert result.returncode == 0, result.stdout


def test_doctor_without_a_database(cli: Cli) -> None:
    result = cli.run("doctor")
    assert "cicini init" in result.stdout
    assert_one_sentence(result, DatabaseNotFoundError.exit_code)


def test_doctor_finds_a_flipped_data_page(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    pages = cli.database.stat().st_size // 4096
    flip_bytes(cli.database, page=pages - 2)
    result = cli.run("doctor")
    # Which check trips first depends on the page: one of the schema's (the key check, at
    # open) or a table's (the HMAC check of every page); the sentence is the same.
    assert "altered or damaged" in result.stdout
    assert_one_sentence(result, TamperedDatabaseError.exit_code)


def test_doctor_with_the_keystore_unavailable(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    before = file_digest(cli.database)
    cli.env_extra["CICINI_TEST_KEYRING_UNAVAILABLE"] = "1"
    result = cli.run("doctor")
    assert "keystore cannot be reached" in result.stdout
    assert_one_sentence(result, KeystoreUnavailableError.exit_code)
    message = assert_one_sentence(cli.run("backup", "--to", "b.db"), 7)
    assert "keystore" in message
    assert file_digest(cli.database) == before


def test_entry_deleted_then_recover_restores_access(clinic_cli: tuple[Cli, str]) -> None:
    cli, recovery_key = clinic_cli
    before = file_digest(cli.database)
    cli.keyring_file.write_text("{}")
    result = cli.run("doctor")
    assert "cicini recover" in result.stdout
    assert_one_sentence(result, KeyMissingError.exit_code)
    assert_one_sentence(cli.run("backup", "--to", "b.db"), KeyMissingError.exit_code)
    assert file_digest(cli.database) == before

    typo = recovery_key[:6] + ("A" if recovery_key[6] != "A" else "B") + recovery_key[7:]
    message = assert_one_sentence(cli.run("recover", stdin=typo), RecoveryKeyFormatError.exit_code)
    assert "Group 2" in message
    wrong = format_recovery_key(new_key())
    assert_one_sentence(cli.run("recover", stdin=wrong), WrongKeyError.exit_code)
    assert_one_sentence(cli.run("recover", stdin=""), UsageError.exit_code)
    assert cli.keyring_entries() == {}

    result = cli.run("recover", stdin=recovery_key.lower() + "\n")
    assert result.returncode == 0, result.stderr
    assert "reset-head" in result.stdout
    # The head's key was in the lost keystore: a finding until a manager vouches again.
    doctor = cli.run("doctor")
    assert doctor.returncode == AuditChainError.exit_code
    assert "cannot be vouched for" in doctor.stdout
    assert cli.signed("audit", "reset-head").returncode == 0
    assert cli.run("doctor").returncode == 0


def test_recover_with_the_keystore_unavailable(clinic_cli: tuple[Cli, str]) -> None:
    cli, recovery_key = clinic_cli
    cli.env_extra["CICINI_TEST_KEYRING_UNAVAILABLE"] = "1"
    assert_one_sentence(cli.run("recover", stdin=recovery_key), KeystoreUnavailableError.exit_code)


def test_a_plain_file_in_place_of_the_database(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    for suffix in ("-wal", "-shm"):
        cli.database.with_name(cli.database.name + suffix).unlink(missing_ok=True)
    result = cli.run("doctor")
    assert "not a Cicini database" in result.stdout
    assert_one_sentence(result, NotADatabaseError.exit_code)


def test_a_bad_config_file_is_one_sentence(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.write_config("idle_lock_minutes = 500\n")
    message = assert_one_sentence(cli.run("doctor"), ConfigError.exit_code)
    assert str(cli.config_file) in message
    assert "idle_lock_minutes" in message


# --- backup and restore ----------------------------------------------------------------------


SIGN_IN_DELAY_SECONDS = float(SETTINGS_BY_KEY["sign_in.delay_seconds"].default)


def test_backup_and_restore_round_trip(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.add_it_admin()
    target = cli.root / "backups" / "monday.db"
    result = cli.run("backup", "--to", str(target))
    assert result.returncode == 0, result.stderr
    assert target.exists()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "already exists" in assert_one_sentence(
        cli.run("backup", "--to", str(target)), BackupError.exit_code
    )

    # Restoring needs a signed-in account whose role may restore: not the practice manager's.
    unsigned = cli.run("restore", "--from", str(target))
    assert "--user" in assert_one_sentence(unsigned, UsageError.exit_code)
    refused = cli.signed("restore", "--from", str(target))
    assert_one_sentence(refused, PermissionDeniedError.exit_code)
    bad = cli.signed("restore", "--from", str(target), user="ian.it", password="wrong")
    assert_one_sentence(bad, AuthenticationError.exit_code)
    assert not list(cli.data_dir.glob("cicini.replaced-*.db"))
    # The failed attempt earned the account the escalating delay (1 s by default): a real
    # person waits it out too; on a fast machine the next command would come too soon.
    time.sleep(SIGN_IN_DELAY_SECONDS + 0.2)
    result = cli.it("restore", "--from", str(target))
    assert result.returncode == 0, result.stderr
    aside = list(cli.data_dir.glob("cicini.replaced-*.db"))
    assert len(aside) == 1
    assert cli.run("doctor").returncode == 0


def test_restore_failures(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.add_it_admin()
    before = cli.database.stat().st_ino  # sign-ins are recorded: the file changes, not moves
    missing = cli.it("restore", "--from", str(cli.root / "nope.db"))
    assert "does not exist" in assert_one_sentence(missing, BackupError.exit_code)
    garbage = cli.root / "garbage.db"
    garbage.write_bytes(os.urandom(8192))
    assert_one_sentence(cli.it("restore", "--from", str(garbage)), BackupError.exit_code)
    empty = cli.root / "empty.db"
    empty.write_bytes(b"")
    assert "empty or cut short" in assert_one_sentence(
        cli.it("restore", "--from", str(empty)), BackupError.exit_code
    )
    good = cli.root / "good.db"
    assert cli.run("backup", "--to", str(good)).returncode == 0
    cut = cli.root / "cut.db"
    cut.write_bytes(good.read_bytes()[:4096])
    shutil.copyfile(good.with_name("good.db.manifest.json"), cut.with_name("cut.db.manifest.json"))
    assert_one_sentence(cli.it("restore", "--from", str(cut)), BackupError.exit_code)
    assert cli.database.stat().st_ino == before
    assert not list(cli.data_dir.glob("cicini.replaced-*"))


def test_backup_without_a_database(cli: Cli) -> None:
    result = cli.run("backup", "--to", str(cli.root / "b.db"))
    assert_one_sentence(result, DatabaseNotFoundError.exit_code)


# --- rekey -----------------------------------------------------------------------------------


def test_rekey_issues_a_new_recovery_key_and_old_backups_still_restore(
    clinic_cli: tuple[Cli, str],
) -> None:
    cli, old_recovery_key = clinic_cli
    cli.add_it_admin()
    old_key_hex = cli.stored_key_hex()
    before_rekey = cli.root / "before-rekey.db"
    assert cli.run("backup", "--to", str(before_rekey)).returncode == 0

    result = cli.it("rekey")
    assert result.returncode == 0, result.stderr
    new_recovery_key = _recovery_key(result.stdout)
    assert new_recovery_key != old_recovery_key
    assert cli.stored_key_hex() == parse_recovery_key(new_recovery_key).hex() != old_key_hex
    assert cli.run("doctor").returncode == 0

    cli.keyring_file.write_text("{}")
    assert_one_sentence(cli.run("recover", stdin=old_recovery_key), WrongKeyError.exit_code)
    assert cli.run("recover", stdin=new_recovery_key).returncode == 0

    needs_old = cli.it("restore", "--from", str(before_rekey))
    assert "--recovery-key-stdin" in assert_one_sentence(needs_old, BackupError.exit_code)
    restored = cli.it(
        "restore", "--from", str(before_rekey), "--recovery-key-stdin", stdin=old_recovery_key
    )
    assert restored.returncode == 0, restored.stderr
    # The restored data is re-keyed to the current key: the current sheet still works.
    assert cli.stored_key_hex() == parse_recovery_key(new_recovery_key).hex()
    assert cli.run("doctor").returncode == 0


def test_rekey_to_a_file_and_refusals(clinic_cli: tuple[Cli, str]) -> None:
    cli, _ = clinic_cli
    cli.add_it_admin()
    sheet = cli.root / "new-recovery.txt"
    assert_one_sentence(cli.signed("rekey"), PermissionDeniedError.exit_code)
    result = cli.it("rekey", "--recovery-key-file", str(sheet))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert parse_recovery_key(sheet.read_text()).hex() == cli.stored_key_hex()
    again = cli.it("rekey", "--recovery-key-file", str(sheet))
    assert_one_sentence(again, ValidationError.exit_code)
    cli.keyring_file.write_text("{}")
    assert_one_sentence(cli.it("rekey"), KeyMissingError.exit_code)


# --- kiosk key file --------------------------------------------------------------------------


def test_key_file_set_up_without_any_keyring(cli: Cli) -> None:
    cli.key_file = cli.root / "kiosk" / "db.key"
    cli.write_config()
    cli.env_extra["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    assert cli.init().returncode == 0
    assert stat.S_IMODE(cli.key_file.stat().st_mode) == 0o600
    assert cli.run("doctor").returncode == 0
    cli.key_file.chmod(0o644)
    result = cli.run("doctor")
    assert "chmod 600" in result.stdout
    assert_one_sentence(result, ConfigError.exit_code)


def test_a_key_file_with_another_key_is_the_wrong_key(cli: Cli) -> None:
    cli.key_file = cli.root / "db.key"
    cli.write_config()
    assert cli.init().returncode == 0
    write_key_file(cli.key_file, new_key())
    result = cli.run("doctor")
    assert_one_sentence(result, WrongKeyError.exit_code)


# --- the log ---------------------------------------------------------------------------------


def test_the_log_holds_no_key_recovery_key_or_contact_detail(cli: Cli) -> None:
    sheet = cli.root / "sheet.txt"
    assert cli.init("--recovery-key-file", str(sheet)).returncode == 0
    first_recovery_key = sheet.read_text().strip()
    first_key_hex = cli.stored_key_hex()
    cli.add_it_admin()
    assert cli.run("backup", "--to", str(cli.root / "b.db")).returncode == 0
    rekey = cli.it("rekey")
    assert rekey.returncode == 0
    second_recovery_key = _recovery_key(rekey.stdout)
    cli.keyring_file.write_text("{}")
    assert cli.run("recover", stdin=format_recovery_key(new_key())).returncode != 0
    assert cli.run("recover", stdin=second_recovery_key).returncode == 0
    second_key_hex = cli.stored_key_hex()
    assert cli.signed("audit", "reset-head").returncode == 0
    assert cli.run("doctor").returncode == 0

    log = cli.log_file.read_text()
    assert "cicini_desktop" in log  # the flows did log
    for secret in (first_key_hex, second_key_hex, first_recovery_key, second_recovery_key):
        assert secret.lower() not in log.lower()
        assert secret[:20].lower() not in log.lower()
    for detail in (ORG_EMAIL, ORG_PHONE, "Praxis Sonnenhof", "Anna Example", "anna.manager"):
        assert detail not in log
    assert "correct horse" not in log
