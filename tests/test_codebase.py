"""The codebase's own rules, checked with the suite: ruff clean and the layer contract kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; install the [dev] extra")
    return str(found)


def test_ruff_reports_nothing() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts_are_kept() -> None:
    """gui/cli/sync -> services -> store -> core; core has no Qt/SQLAlchemy; gui has no store."""
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# What opening a database session looks like in code: the gui layer must do none of it.
SESSION_OPENERS = (".database.session(", "session_factory", "on_worker(", ".worker.call(")


def test_gui_never_opens_a_database_session() -> None:
    """The GUI hands closures to the database worker (QueryOp/WriteOp); it never opens a
    session itself, nor waits on the worker from the GUI thread (import-linter also keeps
    SQLAlchemy out of gui)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "cicini_desktop" / "gui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(opener in line for opener in SESSION_OPENERS) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_background_thread_bodies_post_closures_and_emit_nothing() -> None:
    """Worker results reach the GUI as closures (gui/operations.py MainThreadQueue). A
    signal emitted from a background thread with a Python object is the pattern that
    aborted PySide6 6.12.0 on CPython 3.11; the bodies of gui's own threads post instead."""
    thread_bodies = ("def _work(", "def _transmit(", "def _exit_sync(")
    offenders = []
    for path in sorted((ROOT / "cicini_desktop" / "gui").rglob("*.py")):
        in_thread_body = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith("def "):
                in_thread_body = stripped.startswith(thread_bodies)
            elif in_thread_body and ".emit(" in stripped:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == []
