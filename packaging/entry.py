"""Frozen entry point shared by every executable of the one-folder build.

The spec builds ONE analysis and links it into several executables (`cicini-desktop`
windowed, `cicini` console, `cicini-collector` console). Each executable is the same
bootloader + archive; this script picks the program from the executable's own name, so the
module graph is analysed once (half the build time of two Analysis blocks) and the folder
holds every library exactly once.
"""

from __future__ import annotations

import os
import sys

# cicini-text-check: Qt's German text support inside the build (packaging/text_check.py),
# started through a link of that name; for the smoke test and support, not a menu entry.
PROGRAMS = ("cicini-desktop", "cicini", "cicini-text-check")


def _program_name() -> str:
    # On Linux there is one launcher, `cicini`; `cicini-desktop` is a link to it, so the name
    # it was started as (argv[0], links not resolved) decides. sys.executable is the real
    # path of the bootloader (links resolved): the fallback, and the answer on Windows.
    for candidate in (sys.argv[0] if sys.argv else "", sys.executable):
        name = os.path.basename(candidate).lower().removesuffix(".exe")
        if name in PROGRAMS:
            return name
    return "cicini"


def main() -> int:
    name = _program_name()
    if name == "cicini-desktop":
        from cicini_desktop.app import main as program
    elif name == "cicini-text-check":
        from text_check import main as program
    else:
        from cicini_desktop.cli import main as program
    result = program()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
