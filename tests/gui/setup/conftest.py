"""A clinic made by `cicini init` (no demo) and the helpers the set-up page tests share."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QLineEdit

from cicini_desktop.cli import main as cli_main
from cicini_desktop.config import Config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.store.vault import KeyVault

MANAGER = "mia"
MANAGER_PASSWORD = "manager walks the corridor"


@dataclass
class FreshClinic:
    context: ServiceContext
    manager: Actor
    clock: FixedClock


@pytest.fixture
def fresh_clinic(
    config: Config,
    vault: KeyVault,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[FreshClinic]:
    """`cicini init` into the test's data folder, through the CLI's own entry point."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(MANAGER_PASSWORD + "\n"))
    code = cli_main(
        [
            "--data-dir",
            str(config.data_dir),
            "init",
            "--org-name",
            "Praxis Neu",
            "--timezone",
            "Europe/Berlin",
            "--manager-username",
            MANAGER,
            "--manager-display-name",
            "Mia Manager",
            "--password-stdin",
        ]
    )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()  # the recovery key is not needed here
    context = open_clinic(config, vault, clock)
    try:
        yield FreshClinic(context, sign_in(context, MANAGER, MANAGER_PASSWORD).actor, clock)
    finally:
        context.database.close()


@pytest.fixture
def attach_hub(fresh_clinic: FreshClinic, qapp: object) -> Iterator[Callable[[], OperationHub]]:
    """Attach the database worker to the fresh clinic, when the test is ready (from then on
    the test reads the database through `fresh_clinic.context.on_worker`)."""
    made: list[tuple[DatabaseWorker, OperationHub]] = []

    def attach() -> OperationHub:
        worker = DatabaseWorker()
        fresh_clinic.context.attach_worker(worker)
        hub = OperationHub(worker)
        made.append((worker, hub))
        return hub

    yield attach
    for worker, hub in made:
        hub.shutdown()
        fresh_clinic.context.detach_worker()
        worker.shutdown()


def settle(qtbot: object, hub: OperationHub) -> None:
    qtbot.waitUntil(lambda: not hub.busy, timeout=15_000)  # type: ignore[attr-defined]


def type_into(qtbot: object, widget: QLineEdit, text: str) -> None:
    """Replace a line's text by typing, as a person does (select all, then type)."""
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]


def type_number(qtbot: object, spin: QAbstractSpinBox, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))  # type: ignore[attr-defined]
    QTest.keyClick(spin, Qt.Key.Key_Tab)


def set_date(widget: object, day: date) -> None:
    widget.setDate(QDate(day.year, day.month, day.day))  # type: ignore[attr-defined]


def click(qtbot: object, button: object) -> None:
    """A button is clicked with the mouse; a check box toggled with the space bar (a click
    in the middle of a stretched check box can miss its text)."""
    if isinstance(button, QCheckBox):
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Space)
        return
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
