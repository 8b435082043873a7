"""The application flow: the demo opens signed in, with its banner, and reopens."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from cicini_desktop import app
from cicini_desktop.gui import application

SCRIPT = """
import functools, sys
from cicini_desktop import app
from cicini_desktop.config import load_config
from cicini_desktop.gui import application
from cicini_desktop.services import demo

demo.build_demo = functools.partial(demo.build_demo, patients=20, days_before=0, days_after=0)
shown = []
original = application.FrontDesk.open

def spy(self, signed_in):
    window = original(self, signed_in)
    shown.append((window.banner.isVisibleTo(window), window.user_label.text()))
    return window

application.FrontDesk.open = spy
config = load_config(data_dir_flag=sys.argv[1])
first = app.run(config, demo=True, quit_after_first_window=True)
second = app.run(config, demo=True, quit_after_first_window=True)
print(first, second, shown)
"""


def test_demo_opens_signed_in_with_a_banner_and_reopens(tmp_path):
    # A process of its own: app.run owns the application's event loop from start to end.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second, shown = done.stdout.strip().split(" ", 2)
    assert (first, second) == ("0", "0")  # created, then reopened from the demo folder
    assert shown == str([(True, "Signed in: Demo Manager")] * 2)
    assert "Traceback" not in done.stderr


def test_without_a_clinic_the_smoke_run_says_what_to_do(qapp, config, capsys):
    code = app.run(config, quit_after_first_window=True)
    assert code != 0
    assert "cicini init" in capsys.readouterr().err


def test_ctrl_l_locks_the_window_with_the_identity_lock_screen(qtbot, clinic, hub):
    from cicini_desktop.gui.signed_in import SignedIn
    from cicini_desktop.services.clinic import ClinicFacts
    from cicini_desktop.services.sessions import sign_in
    from tests.gui.frontdesk.conftest import BERLIN, DESK_PASSWORD, on_worker, settle

    facts = ClinicFacts("Test Clinic", BERLIN)
    desk = application.FrontDesk(clinic.context, hub, facts, demo=False)
    session = on_worker(clinic, lambda: sign_in(clinic.context, "desk", DESK_PASSWORD))
    gc.unfreeze()
    window = desk.open(SignedIn.of(session))
    qtbot.addWidget(window)
    settle(qtbot, hub)
    # Once shown, the start-up heap leaves the full collections (gui/heap.py).
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    gc.unfreeze()  # the test process's heap is the other tests' business
    assert window.lock_action.isEnabled()
    window.lock_action.trigger()
    assert desk.idle.is_locked
    assert window.sync_label.text() == "Sync: not set up"
    desk.shutdown()
