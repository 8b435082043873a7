"""`cicini provision`: unattended first run from a TOML file, through the real CLI entry."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from cicini_desktop._version import __version__
from cicini_desktop.cli import main as cli_main
from cicini_desktop.config import load_config
from cicini_desktop.services import sessions
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.store.keys import parse_recovery_key
from cicini_desktop.store.models.audit import AuditRecord
from cicini_desktop.store.vault import read_key_file
from tests.keyring_memory import MemoryKeyring

PASSWORD = "Quiet-Lantern-Orchard-58"
ORG_TABLE = '[organization]\nname = "Praxis am Markt"\ntimezone = "Europe/Berlin"'


@pytest.fixture
def machine_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "cicini" / "config.toml"
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(path))
    return path


def provision_text(
    tmp_path: Path, *, key_file: bool = True, extra: str = "", sync: str = ""
) -> str:
    settings = [f'data_dir = "{tmp_path / "data"}"', "idle_lock_minutes = 7"]
    if key_file:
        settings.append(f'key_file = "{tmp_path / "keys" / "cicini.key"}"')
    return "\n".join(
        [
            f'recovery_key_file = "{tmp_path / "secure" / "recovery-key.txt"}"',
            extra,
            "[organization]",
            'name = "Praxis am Markt"',
            'timezone = "Europe/Berlin"',
            "[manager]",
            'username = "pm.weber"',
            'display_name = "Practice Manager"',
            f'one_time_password = "{PASSWORD}"',
            sync,
            "[settings]",
            *settings,
            "",
        ]
    )


def run_provision(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    file = tmp_path / "provision.toml"
    file.write_text(text, encoding="utf-8")
    code = cli_main(["provision", "--config", str(file)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_first_run_sets_up_everything_and_second_run_changes_nothing(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_provision(tmp_path, provision_text(tmp_path), capsys)
    assert code == 0, err
    assert "Provisioning finished." in out
    assert PASSWORD not in out + err

    # Machine-wide settings, readable by the normal config loader.
    config = load_config()
    assert config.data_dir == tmp_path / "data"
    assert config.idle_lock_minutes == 7
    assert config.key_file == tmp_path / "keys" / "cicini.key"
    assert config.database_path.exists()

    # The recovery key file: owner-only, and it is the database key.
    recovery = tmp_path / "secure" / "recovery-key.txt"
    assert stat.S_IMODE(recovery.stat().st_mode) == 0o600
    typed = recovery.read_text().strip().splitlines()[-1]
    assert parse_recovery_key(typed) == read_key_file(config.key_file)

    # The first manager signs in with the one-time password and must change it; every
    # audit record of the run carries the one version number.
    context = open_clinic(config)
    try:
        session = sessions.sign_in(context, "pm.weber", PASSWORD)
        assert session.must_change_password
        with context.database.session() as db:
            versions = set(db.scalars(select(AuditRecord.app_version)))
        assert versions == {__version__}
    finally:
        context.database.close()

    before = {p: p.read_bytes() for p in (machine_config, recovery, config.key_file)}
    code, out, err = run_provision(tmp_path, provision_text(tmp_path), capsys)
    assert code == 0, err
    assert "Already provisioned: nothing was changed." in out
    assert {p: p.read_bytes() for p in before} == before


def test_missing_recovery_key_file_is_written_again(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_provision(tmp_path, provision_text(tmp_path), capsys)[0] == 0
    recovery = tmp_path / "secure" / "recovery-key.txt"
    first = recovery.read_text()
    recovery.unlink()
    code, out, _ = run_provision(tmp_path, provision_text(tmp_path), capsys)
    assert code == 0
    assert "recovery key: written" in out
    assert recovery.read_text() == first


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace("[organization]", "colour = 1\n[organization]"),
            "unknown key 'colour'",
        ),
        (lambda t: t.replace('name = "Praxis am Markt"\n', ""), "'organization.name' is required"),
        (lambda t: t.replace("Europe/Berlin", "Mars/Olympus"), "IANA time zone"),
        (lambda t: t.replace(PASSWORD, "password123"), "one_time_password' is refused"),
        (lambda t: t.replace('"pm.weber"', '"pm weber"'), "'manager.username'"),
        (lambda t: t.replace("idle_lock_minutes = 7", "idle_lock_minutes = 0"), "idle_lock"),
        (lambda t: t.replace("idle_lock_minutes = 7", 'idle_lock = "7"'), "unknown key"),
        (  # the table is named once ('settings.x'), not twice
            lambda t: t.replace("idle_lock_minutes = 7", "idle_lock_minute = 7"),
            "unknown key 'settings.idle_lock_minute';",
        ),
        (lambda t: t + 'log_dir = "logs"\n', "absolute path"),
        (lambda t: t + "[sync]\nenrolment_code = 'ABC'\n", "needs 'sync.endpoint'"),
        (lambda t: t + "[sync]\nendpoint = 'http://usage.example.org'\n", "https://"),
        (lambda t: t.replace(ORG_TABLE, 'organization = "Praxis"'), "must be a table"),
        (lambda t: t + "this is = not toml", "not valid TOML"),
    ],
)
def test_bad_files_stop_with_one_sentence_and_change_nothing(
    tmp_path: Path,
    machine_config: Path,
    capsys: pytest.CaptureFixture[str],
    change: object,
    expected: str,
) -> None:
    text = change(provision_text(tmp_path))  # type: ignore[operator]
    code, _out, err = run_provision(tmp_path, text, capsys)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1
    assert err.startswith("cicini: ")
    assert "Traceback" not in err
    assert not machine_config.exists()
    assert not (tmp_path / "data").exists()


def test_a_different_clinic_in_the_data_folder_is_left_alone(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_provision(tmp_path, provision_text(tmp_path), capsys)[0] == 0
    before = machine_config.read_bytes()
    other = provision_text(tmp_path).replace("Praxis am Markt", "Other Clinic")
    other = other.replace("idle_lock_minutes = 7", "idle_lock_minutes = 9")
    code, _, err = run_provision(tmp_path, other, capsys)
    assert code == 3
    assert "different clinic" in err
    assert machine_config.read_bytes() == before  # refused before the first write


def test_a_stray_recovery_key_file_is_never_overwritten(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "secure" / "recovery-key.txt"
    stray.parent.mkdir(parents=True)
    stray.write_text("an older clinic's key")
    code, _, err = run_provision(tmp_path, provision_text(tmp_path), capsys)
    assert code == 3
    assert "move it aside" in err
    assert stray.read_text() == "an older clinic's key"
    assert not (tmp_path / "data" / "cicini.db").exists()


def test_headless_without_keystore_asks_for_a_key_file(
    tmp_path: Path,
    machine_config: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    memory_keyring.unavailable = True
    code, _, err = run_provision(tmp_path, provision_text(tmp_path, key_file=False), capsys)
    assert code == 7
    assert "key_file" in err
    assert not (tmp_path / "data" / "cicini.db").exists()


def test_keyring_install_enrols_once(
    tmp_path: Path,
    machine_config: Path,
    memory_keyring: MemoryKeyring,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    httpserver.expect_request("/v1/enroll", method="POST").respond_with_json(
        {"token": "tok-0123456789abcdef"}
    )
    endpoint = httpserver.url_for("/").rstrip("/")
    sync = f'[sync]\nendpoint = "{endpoint}"\nenrolment_code = "ENROL-1234"'
    text = provision_text(tmp_path, key_file=False, sync=sync)
    code, out, err = run_provision(tmp_path, text, capsys)
    assert code == 0, err
    assert f"sync: enrolled with {endpoint}" in out
    assert "ENROL-1234" not in out + err
    sent = json.loads(httpserver.log[0][0].get_data())
    assert sent["enrollment_code"] == "ENROL-1234"
    assert tomllib.loads(machine_config.read_text())["sync"]["endpoint"] == endpoint

    code, out, _ = run_provision(tmp_path, text, capsys)
    assert code == 0
    assert "sync: already enrolled" in out
    assert "nothing was changed" in out
    assert len(httpserver.log) == 1


def test_failed_enrolment_is_completed_by_the_next_run(
    tmp_path: Path,
    machine_config: Path,
    memory_keyring: MemoryKeyring,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    httpserver.expect_oneshot_request("/v1/enroll").respond_with_data("busy", status=503)
    endpoint = httpserver.url_for("/").rstrip("/")
    sync = f'[sync]\nendpoint = "{endpoint}"\nenrolment_code = "ENROL-1234"'
    text = provision_text(tmp_path, key_file=False, sync=sync)
    code, out, err = run_provision(tmp_path, text, capsys)
    assert code == 20
    assert "incomplete" in out
    assert "clinic: created" in out

    httpserver.expect_request("/v1/enroll").respond_with_json({"token": "tok-0123456789abcdef"})
    code, out, err = run_provision(tmp_path, text, capsys)
    assert code == 0, err
    assert "clinic: already set up" in out
    assert "sync: enrolled" in out


def test_a_user_file_overriding_the_machine_settings_is_reported(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_file = Path(os.environ["XDG_CONFIG_HOME"]) / "Cicini" / "config.toml"
    user_file.parent.mkdir(parents=True)
    user_file.write_text("idle_lock_minutes = 3\n")
    code, _, err = run_provision(tmp_path, provision_text(tmp_path), capsys)
    assert code == 0
    assert "'idle_lock_minutes' is overridden for this account" in err


def test_data_dir_flag_and_file_must_agree(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "provision.toml"
    file.write_text(provision_text(tmp_path), encoding="utf-8")
    code = cli_main(["--data-dir", str(tmp_path / "elsewhere"), "provision", "--config", str(file)])
    assert code == 2
    assert "name different folders" in capsys.readouterr().err
    assert not machine_config.exists()


def test_check_only_validates(
    tmp_path: Path, machine_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "provision.toml"
    file.write_text(provision_text(tmp_path), encoding="utf-8")
    assert cli_main(["provision", "--config", str(file), "--check"]) == 0
    assert "is valid" in capsys.readouterr().out
    assert not machine_config.exists()
    assert not (tmp_path / "data").exists()
