"""Bad input to the CLI and the config file: one sentence, an exit code of its own, never a
traceback or the "unexpected error" exit 70; a failed `init` leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cicini_desktop.core.errors import ConfigError, FileAccessError, UsageError, ValidationError
from tests.e2e.conftest import PASSWORD, Cli, assert_one_sentence

EXIT_UNEXPECTED = 70


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode != EXIT_UNEXPECTED, result.stderr


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("log_dir = [" * 10_000 + "]" * 10_000 + "\n", "not valid TOML"),
        ('log_dir = "/tmp/a\\u0000b"\n', "NUL"),
        ("[sign_in]\ndelay_seconds = inf\n", "delay_seconds"),
        ("[sign_in]\ndelay_seconds = nan\n", "delay_seconds"),
        ("[sign_in]\ndelay_seconds = -5\n", "delay_seconds"),
        ('[sync]\nregion = "Germany"\n', "region"),
        ("[a]\n[a.b]\n[a.b.c]\n[a.b.c.d]\n[a.b.c.d.e]\nx = 1\n", "nested"),
    ],
)
def test_a_bad_config_file_is_one_sentence(cli: Cli, toml: str, needle: str) -> None:
    cli.config_file.write_text(toml)
    result = cli.run("doctor")
    _no_traceback(result)
    assert needle in assert_one_sentence(result, ConfigError.exit_code)


def test_a_config_fifo_does_not_hang(cli: Cli) -> None:
    fifo = cli.root / "config.fifo"
    os.mkfifo(fifo)
    cli.env_extra["CICINI_CONFIG"] = str(fifo)
    result = cli.run("doctor")
    _no_traceback(result)
    assert "not a regular file" in assert_one_sentence(result, ConfigError.exit_code)


@pytest.mark.parametrize("where", ["file", "under a file"])
def test_a_data_dir_that_is_a_file(cli: Cli, where: str) -> None:
    blocker = cli.root / "blocker"
    blocker.write_text("x")
    data_dir = blocker if where == "file" else blocker / "data"
    result = cli.run("doctor", "--data-dir", str(data_dir))
    _no_traceback(result)
    assert "is a file or lies under one" in assert_one_sentence(result, ConfigError.exit_code)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode")
def test_a_data_folder_that_cannot_be_read(cli: Cli) -> None:  # pragma: no cover - non-root
    locked = cli.root / "locked"
    locked.mkdir(mode=0)
    try:
        result = cli.run("doctor", "--data-dir", str(locked / "data"))
        _no_traceback(result)
        assert result.returncode in (FileAccessError.exit_code, 3)
    finally:
        locked.chmod(0o700)


def test_a_log_folder_that_cannot_be_written_does_not_stop_a_command(cli: Cli) -> None:
    blocker = cli.root / "logs-file"
    blocker.write_text("x")
    cli.config_file.write_text(f'log_dir = "{blocker / "logs"}"\n')
    result = cli.run("doctor")
    _no_traceback(result)
    assert result.returncode == 3  # no database yet: its own sentence, not a crash


def _run_bytes(cli: Cli, *args: bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"cicini_desktop.cli", *args],
        input=stdin,
        capture_output=True,
        env=cli.env(),
        cwd=cli.root,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(errors="replace"),
        done.stderr.decode(errors="replace"),
    )


def _init_bytes(cli: Cli, org: bytes, password: bytes) -> subprocess.CompletedProcess[str]:
    return _run_bytes(
        cli,
        b"init", b"--org-name", org, b"--timezone", b"Europe/Berlin",
        b"--manager-username", b"anna.manager", b"--manager-display-name", b"Anna",
        b"--password-stdin",
        stdin=password + b"\n",
    )


def _nothing_left(cli: Cli) -> None:
    assert not cli.database.exists()
    assert not list(cli.data_dir.glob("cicini.db*")) if cli.data_dir.exists() else True
    assert cli.keyring_entries() == {}


def test_a_non_utf8_organisation_name_or_password(cli: Cli) -> None:
    result = _init_bytes(cli, b"Praxis \xff", PASSWORD.encode())
    _no_traceback(result)
    assert "UTF-8" in assert_one_sentence(result, UsageError.exit_code)
    result = _init_bytes(cli, b"Praxis", b"correct horse \xff battery 42")
    _no_traceback(result)
    assert "UTF-8" in assert_one_sentence(result, UsageError.exit_code)
    _nothing_left(cli)


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (("--org-name", "\u200b\u200b\u200b"), "organisation name"),
        (("--contact-email", "not-an-email"), "email"),
    ],
)
def test_refused_init_leaves_nothing_and_can_be_run_again(
    cli: Cli, extra: tuple[str, ...], needle: str
) -> None:
    args = dict(zip(extra[::2], extra[1::2], strict=True))
    result = cli.run(
        "init",
        "--org-name", args.get("--org-name", "Praxis Sonnenhof"),
        "--timezone", "Europe/Berlin",
        "--manager-username", "anna.manager",
        "--manager-display-name", "Anna",
        "--password-stdin",
        *(["--contact-email", args["--contact-email"]] if "--contact-email" in args else []),
        stdin=PASSWORD + "\n",
    )
    _no_traceback(result)
    assert needle in assert_one_sentence(result, ValidationError.exit_code).lower()
    _nothing_left(cli)
    assert cli.init().returncode == 0


def test_a_refused_password_at_init_leaves_nothing(cli: Cli) -> None:
    result = cli.init(password="password")
    _no_traceback(result)
    assert result.returncode != 0
    _nothing_left(cli)
    assert cli.init().returncode == 0
