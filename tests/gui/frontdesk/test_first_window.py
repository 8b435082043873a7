"""A start with a clinic paints the sign-in dialog before the clinic's data is opened: before
SQLAlchemy, the models and keyring are imported; signing in waits for the open clinic."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from cicini_desktop.gui.sign_in import SignInDialog

SCRIPT = """
import sys
from cicini_desktop.gui.first_window import show_sign_in_first
dialog = show_sign_in_first(announce=True)
print(dialog.isVisible(), dialog.sign_in_button.isEnabled(),
      'sqlalchemy' in sys.modules, 'keyring' in sys.modules, 'cicini_desktop.store' in sys.modules)
"""


def test_the_first_window_is_painted_before_sqlalchemy_and_keyring_are_imported():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    mark, state = done.stdout.strip().splitlines()
    assert mark.startswith("cicini-first-paint ")
    assert state == "True False False False False"


def test_a_dialog_shown_before_the_clinic_opens_signs_in_once_attached(qtbot, clinic, clinic_hub):
    dialog = SignInDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.username.setText("nobody")
    dialog.password.setText("wrong password here")
    dialog.submit()  # nothing to ask yet: no operation is started
    assert not dialog.sign_in_button.isEnabled()
    assert "Opening" in dialog.progress.text()
    dialog.attach(clinic.context, clinic_hub)
    assert dialog.sign_in_button.isEnabled()
    assert dialog.progress.text() == ""
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.session is None


def test_enter_pressed_before_the_clinic_opens_signs_in_once_it_is_open(qtbot, clinic, clinic_hub):
    """A receptionist types and presses Enter while the data is still opening: the sign-in
    starts by itself once the clinic is open (no second Enter, nothing lost)."""
    dialog = SignInDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "nobody")
    qtbot.keyClicks(dialog.password, "wrong password here")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "once it is open" in dialog.progress.text()
    assert dialog.error.text() == ""
    dialog.attach(clinic.context, clinic_hub)  # the clinic has opened
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)  # it was asked
    assert dialog.session is None
