"""The Python / PySide6 pair: the installed one is supported, the known-bad one is refused."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import PySide6
from packaging.requirements import Requirement

from cicini_desktop.gui import qt_support

ROOT = Path(__file__).resolve().parents[3]


def test_the_installed_pair_is_not_a_known_bad_one():
    assert qt_support.running_pair() not in qt_support.KNOWN_BAD
    assert qt_support.unsupported_pair_sentence() is None


def test_pyproject_keeps_every_known_bad_pair_out():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = [Requirement(d) for d in dependencies if d.lower().startswith("pyside6")]
    assert pyside, "PySide6 is a dependency"
    for (major, minor), version in qt_support.KNOWN_BAD:
        environment = {"python_version": f"{major}.{minor}"}
        applicable = [r for r in pyside if r.marker is None or r.marker.evaluate(environment)]
        assert applicable, f"some PySide6 requirement applies on Python {major}.{minor}"
        assert not any(r.specifier.contains(version) for r in applicable), (
            f"PySide6 {version} must be excluded on Python {major}.{minor}"
        )


def test_the_refusal_names_what_to_install():
    original = qt_support.running_pair
    try:
        qt_support.running_pair = lambda: ((3, 11), "6.12.0")  # type: ignore[assignment]
        sentence = qt_support.unsupported_pair_sentence()
    finally:
        qt_support.running_pair = original  # type: ignore[assignment]
    assert sentence is not None
    assert "6.11.3" in sentence
    assert "Python 3.12" in sentence


CANARY = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication(sys.argv[:1])
class Source(QObject):
    ping = Signal()
source = Source()
hits = []
source.ping.connect(lambda: hits.append(1))
for _ in range(20_000):
    source.ping.emit()
print(len(hits))
"""


def test_twenty_thousand_emits_leave_the_interpreter_alive():
    """The defect of the bad pair (a reference to True dropped per emit) aborts here."""
    done = subprocess.run(
        [sys.executable, "-c", CANARY], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "20000"
    assert PySide6.__version__
