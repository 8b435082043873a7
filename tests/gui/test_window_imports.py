"""The main window of a workstation clinic does not load what only some desks use: requests
(SMS reminders, sync) and psycopg (the clinic server) each cost about 10 MB of memory and a
tenth of a second at start, and the window's memory budget is 200 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys

NOT_AT_START = ("requests", "psycopg")


def test_building_the_main_window_does_not_import_optional_clients() -> None:
    code = (
        "import json, sys\n"
        "import cicini_desktop.gui.workspace\n"
        f"print(json.dumps([m for m in {NOT_AT_START!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
