"""Long commands show a progress line on a terminal, and only there: `cicini audit verify`,
`backup` and `audit export` as IT runs them at a prompt, and as a monitoring agent reads
them through a pipe."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest

from cicini_desktop.cli.progress import ProgressLine, run_with_progress
from cicini_desktop.services.worker import Progress
from tests.e2e.conftest import MANAGER, PASSWORD


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _job():
    yield Progress("1 of 2 records checked", 0.5)
    yield Progress("2 of 2 records checked", 1.0)
    return "done"


def test_on_a_terminal_the_line_rewrites_itself_and_ends_with_a_newline():
    stream = _Terminal()
    assert run_with_progress(_job(), "Checking the audit trail", stream=stream) == "done"
    text = stream.getvalue()
    assert text.startswith("\rChecking the audit trail:  50%  (1 of 2 records checked)")
    assert "\rChecking the audit trail: 100%  (2 of 2 records checked)" in text
    assert text.endswith("\n")


def test_through_a_pipe_or_with_quiet_nothing_is_drawn():
    piped = io.StringIO()
    assert run_with_progress(_job(), "Checking", stream=piped) == "done"
    assert piped.getvalue() == ""
    terminal = _Terminal()
    run_with_progress(_job(), "Checking", stream=terminal, quiet=True)
    assert terminal.getvalue() == ""


def test_a_shorter_label_wipes_what_the_longer_one_left():
    stream = _Terminal()
    line = ProgressLine("Backing up", stream)
    line.show(Progress("copying the encrypted database", 1.0))
    line.show(Progress("done", 1.0))
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("Backing up: 100%  (done)")
    assert len(last) == len("Backing up: 100%  (copying the encrypted database)")


def test_an_interrupted_job_is_closed_so_its_clean_up_runs():
    cleaned: list[str] = []

    def job():
        try:
            yield Progress("half", 0.5)
            yield Progress("all", 1.0)
        finally:
            cleaned.append("partial file removed")

    class Interrupting(_Terminal):
        def write(self, text: str) -> int:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_with_progress(job(), "Exporting", stream=Interrupting())
    assert cleaned == ["partial file removed"]


def _run_on_a_terminal(cli, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """Run `cicini ARGS` with its standard error on a pseudo-terminal (as at a prompt)."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "cicini_desktop.cli", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=cli.env(),
            cwd=cli.root,
        )
        os.close(secondary)
        stdout, _ = process.communicate(stdin.encode(), timeout=120)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    return process.returncode, stdout.decode(), b"".join(chunks).decode(errors="replace")


def test_verify_and_backup_draw_a_progress_line_at_a_prompt_and_none_in_a_pipe(clinic_cli):
    cli, _ = clinic_cli
    code, stdout, terminal = _run_on_a_terminal(cli, "audit", "verify")
    assert code == 0, terminal
    assert stdout.startswith("Audit trail OK:")
    assert "Checking the audit trail: 100%" in terminal
    assert "records checked" in terminal

    piped = cli.run("audit", "verify")
    assert piped.returncode == 0
    assert "\r" not in piped.stderr
    assert "%" not in piped.stderr

    target = cli.root / "backup.db"
    code, stdout, terminal = _run_on_a_terminal(cli, "backup", "--to", str(target))
    assert code == 0, terminal
    assert target.exists()
    assert "Backing up the database: 100%  (done)" in terminal
    assert f"Backup written to {target}" in stdout


def test_export_draws_its_line_at_a_prompt(clinic_cli):
    cli, _ = clinic_cli
    target = cli.root / "trail.csv"
    code, stdout, terminal = _run_on_a_terminal(
        cli,
        "audit",
        "export",
        "--to",
        str(target),
        "--user",
        MANAGER,
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )
    assert code == 0, terminal
    assert "Exporting the audit trail:" in terminal
    assert "records written" in terminal
    assert target.exists()
    assert "exported to" in stdout
