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


def _program_name() -> str:
    # sys.executable is the real path of the bootloader (symlinks resolved), so
    # /usr/bin/cicini -> /opt/cicini/cicini still reads "cicini".
    name = os.path.basename(sys.executable).lower()
    return name.removesuffix(".exe")


def main() -> int:
    name = _program_name()
    if name == "cicini-desktop":
        from cicini_desktop.app import main as program
    elif name == "cicini-collector":
        from cicini_desktop.sync.collector import main as program
    else:
        from cicini_desktop.cli import main as program
    result = program()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
