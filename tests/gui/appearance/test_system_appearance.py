"""The window follows the system's dark and high-contrast settings, through Qt's own path.

A private D-Bus session holds a stand-in for the desktop portal (fake_portal.py), which is
where GNOME, KDE and the other Linux desktops publish "prefer dark" and "high contrast";
the application runs with Qt's `xdgdesktopportal` platform theme and the Fusion style and
reports its palette (app_appearance.py). So the dark palette is the one Qt builds for a dark
scheme, and the high-contrast preference reaches the app as QAccessibilityHints says it,
at start and when the user flips the switch while the window is open.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cicini_desktop.gui import palette_colours as colours

HERE = Path(__file__).resolve().parent
DARK, LIGHT = 1, 2
AA, AAA = 4.5, 7.0

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None or importlib.util.find_spec("jeepney") is None,
    reason="needs dbus-run-session (package dbus) and jeepney",
)


def appearance(scheme: int, contrast: int, switch_after: float | None = None) -> dict:
    extra = [str(switch_after)] if switch_after is not None else []
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            str(HERE / "in_session.py"),
            str(scheme),
            str(contrast),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


def test_a_dark_system_gets_qts_dark_palette_with_readable_text():
    start = appearance(DARK, 0)["start"]
    assert start["scheme"] == "Dark"
    assert start["dark"] is True
    assert start["style"] == "fusion"
    assert start["high_contrast"] is False
    assert min(start["ratios"].values()) >= AA, start["ratios"]
    assert start["error"] == colours.ERROR_ON_DARK
    assert min(start["error_on_window"], start["error_on_base"]) >= AA


def test_high_contrast_at_start_drops_the_apps_own_colours_and_reaches_aaa_selection():
    start = appearance(DARK, 1)["start"]
    assert start["contrast"] == "HighContrast"
    assert start["high_contrast"] is True
    assert start["error"] == start["text"]  # the system's text colour, no red of ours
    assert start["ratios"]["HighlightedText/Highlight"] >= AAA
    assert min(start["ratios"].values()) >= AA, start["ratios"]


def test_turning_high_contrast_on_while_the_window_is_open_is_followed():
    report = appearance(LIGHT, 0, switch_after=1.0)
    start, after = report["start"], report["after"]
    assert (start["scheme"], start["high_contrast"]) == ("Light", False)
    assert start["error"] == colours.ERROR_ON_LIGHT
    assert AA <= start["ratios"]["HighlightedText/Highlight"] < AAA
    assert after["high_contrast"] is True
    assert after["error"] == after["text"]
    assert after["ratios"]["HighlightedText/Highlight"] >= AAA  # the palette was re-applied
    assert min(after["ratios"].values()) >= AA, after["ratios"]
