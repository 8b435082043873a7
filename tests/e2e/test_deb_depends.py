"""The .deb's Depends name packages that exist on both supported distributions.

packaging/deb-depends.txt holds one row per dependency, Debian 12's name and Ubuntu 24.04's;
packaging/build.py turns it into the Depends field ("debian | ubuntu" where they differ).

- Debian 12: every name exists (apt-cache, on a Debian 12 machine with package lists: CI);
- Ubuntu 24.04: no Ubuntu archive is reachable here, so its names are checked by rule only:
  each is the Debian name, or the Debian name plus "t64" (the 64-bit time_t transition), and
  none is a library known to have been renamed in that transition.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "packaging" / "deb-depends.txt"
# Renamed with a "t64" suffix in Ubuntu 24.04 (and Debian 13): depending on the old name
# there makes apt refuse the package. Only names known for certain are listed.
RENAMED_IN_T64 = {
    "libssl3", "libglib2.0-0", "libpng16-16", "libcups2", "libreadline8", "libasound2",
    "libcurl4", "libgnutls30", "libgtk-3-0", "libatk1.0-0",
}  # fmt: skip


def rows() -> list[tuple[str, str]]:
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            assert len(words) == 2, line
            found.append((words[0], words[1]))
    return found


def build_module() -> object:
    spec = importlib.util.spec_from_file_location("cicini_build", REPO / "packaging" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_depends_field_is_the_table() -> None:
    depends = build_module().DEB_DEPENDS  # type: ignore[attr-defined]
    groups = [[name.strip() for name in group.split("|")] for group in depends.split(",")]
    expected = [[debian] if debian == ubuntu else [debian, ubuntu] for debian, ubuntu in rows()]
    assert groups == expected
    assert len(groups) >= 40


def test_ubuntu_names_follow_the_t64_transition() -> None:
    for debian, ubuntu in rows():
        assert ubuntu in (debian, debian + "t64"), (debian, ubuntu)
        if debian in RENAMED_IN_T64:
            assert ubuntu == debian + "t64", f"{debian} is {debian}t64 on Ubuntu 24.04"
    renamed = {debian for debian, ubuntu in rows() if ubuntu != debian}
    assert renamed == {
        "libssl3", "libreadline8", "libglib2.0-0", "libpng16-16", "libcups2"
    }  # fmt: skip


def _debian_12_with_lists() -> bool:
    release = Path("/etc/os-release")
    if not release.exists() or 'VERSION_ID="12"' not in release.read_text():
        return False
    if shutil.which("apt-cache") is None:
        return False
    probe = subprocess.run(
        ["apt-cache", "show", "--no-all-versions", "libc6"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return probe.returncode == 0 and "Package: libc6" in probe.stdout


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _debian_12_with_lists(),
    reason="needs Debian 12 with apt package lists (CI)",
)
def test_every_debian_name_exists_in_debian_12() -> None:
    names = [debian for debian, _ in rows()]
    # One call: each apt-cache start reads the whole cache.
    shown = subprocess.run(
        ["apt-cache", "show", "--no-all-versions", *names],
        capture_output=True, text=True, timeout=120, check=False,
    ).stdout  # fmt: skip
    found = {line[len("Package: ") :] for line in shown.splitlines() if line.startswith("Package:")}
    missing = [name for name in names if name not in found]
    assert not missing, f"not a Debian 12 package: {missing}"
