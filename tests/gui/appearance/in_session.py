"""Inside `dbus-run-session`: start the fake portal, then the application, and print what
the application reports (its JSON line).

    in_session.py SCHEME CONTRAST [SWITCH_AFTER]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def main() -> int:
    scheme, contrast, *switch = sys.argv[1:]
    portal = subprocess.Popen(
        [sys.executable, str(HERE / "fake_portal.py"), scheme, contrast, *switch],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert portal.stdout is not None
        if portal.stdout.readline().strip() != "ready":
            return 3
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_QPA_PLATFORMTHEME": "xdgdesktopportal",
            "QT_STYLE_OVERRIDE": "Fusion",
            "PYTHONPATH": str(ROOT),
        }
        child = subprocess.run(
            [
                sys.executable,
                str(HERE / "app_appearance.py"),
                *(["--wait-for-high-contrast"] if switch else []),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        sys.stdout.write(child.stdout)
        sys.stderr.write(child.stderr[-2000:])
        return child.returncode
    finally:
        portal.kill()
        portal.wait()


if __name__ == "__main__":
    raise SystemExit(main())
