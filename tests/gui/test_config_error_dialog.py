"""A refused machine-wide setting is visible: a dialog with the sentence, and the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cicini_desktop import app
from cicini_desktop.core.errors import ConfigError


def test_a_bad_machine_setting_shows_a_dialog_and_is_logged(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "etc" / "config.toml"
    machine.parent.mkdir()
    machine.write_text("idle_lock_minutes = 0\n", encoding="utf-8")
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(machine))
    monkeypatch.setenv("CICINI_CONFIG", str(tmp_path / "no-user-file.toml"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    shown: list[str] = []

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        if not boxes or not boxes[0].isVisible():
            QTimer.singleShot(20, answer)
            return
        shown.append(boxes[0].text())
        boxes[0].accept()

    QTimer.singleShot(20, answer)
    code = app.main([])
    assert code == ConfigError.exit_code
    assert len(shown) == 1
    assert str(machine) in shown[0]
    assert "'idle_lock_minutes'" in shown[0]
    assert "must be" in shown[0]
    logs = list((tmp_path / "state").rglob("*.log")) + list((tmp_path / "home").rglob("*.log"))
    assert logs, "nothing was logged"
    assert any("'idle_lock_minutes'" in log.read_text() for log in logs)


def test_without_a_window_the_sentence_goes_to_stderr_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    machine = tmp_path / "config.toml"
    machine.write_text("no_such_key = 1\n", encoding="utf-8")
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(machine))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    code = app.main(["--quit-after-first-window"])
    assert code == ConfigError.exit_code
    err = capsys.readouterr().err
    assert "unknown key 'no_such_key'" in err
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
