"""Fast checks of the packaging sources: the IT guide's config table, the build helpers."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from cicini_desktop._version import __version__
from cicini_desktop.config import SETTINGS, example_config_text

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_guide_lists_every_config_key_as_generated() -> None:
    docs = load("gen_config_docs")
    assert docs.main(["--check"]) == 0, "run: python packaging/gen_config_docs.py --write"
    readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.key}` |" in readme


def test_example_config_is_valid_toml_once_uncommented() -> None:
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and " = " in line else line
        for line in example_config_text().splitlines()
    )
    assert tomllib.loads(uncommented)


def test_deb_metadata() -> None:
    build = load("build")
    control = build._control(__version__, "amd64", 1234)
    assert f"Version: {__version__}" in control
    assert "Installed-Size: 1234" in control
    assert "Depends: libc6 (>= 2." in control
    entry = build._desktop_entry()
    assert "Exec=/usr/bin/cicini-desktop" in entry
    assert "Icon=cicini-desktop" in entry


@pytest.mark.parametrize(
    ("executable", "module"),
    [
        ("/opt/cicini/cicini-desktop", "cicini_desktop.app"),
        ("/opt/cicini/cicini", "cicini_desktop.cli"),
        (r"C:\Program Files\Cicini\cicini.exe", "cicini_desktop.cli"),
    ],
)
def test_frozen_entry_picks_the_program_by_its_name(
    monkeypatch: pytest.MonkeyPatch, executable: str, module: str
) -> None:
    entry = load("entry")
    monkeypatch.setattr(sys, "executable", executable.replace("\\", "/"))
    name = entry._program_name()
    assert name in {"cicini-desktop", "cicini"}
    assert (name == "cicini-desktop") == (module == "cicini_desktop.app")
