"""The first window of a start, painted before the clinic's data is opened.

Opening the clinic imports SQLAlchemy, the models and keyring and reads the key (about half a
second before any pixel on a workstation), so a start with a clinic shows the sign-in dialog
first: the receptionist can type the username while the data opens behind it, and signing
in is enabled once `SignInDialog.attach` gives it the open clinic. This module imports Qt
and the dialog only (the dialog loads its services when it first uses them).
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication

from cicini_desktop.config import remembered_locale_path
from cicini_desktop.gui.i18n import (
    LANGUAGE_ENV,
    LocaleChoice,
    choose_language,
    install_language,
    remembered_clinic_choice,
)
from cicini_desktop.gui.palette_colours import follow_system_appearance
from cicini_desktop.gui.sign_in import SignInDialog

# Printed (with --quit-after-first-window) when the first window has painted: the cold-start
# benchmark reads it. Epoch nanoseconds, so the benchmark can subtract its own start time.
FIRST_PAINT_MARK = "cicini-first-paint"
PAINT_WAIT_S = 2.0


def qt_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Cicini Desktop")
        app.setOrganizationName("Cicini")
        app.setApplicationDisplayName("Cicini Desktop")
        # Selected text at 4.5:1 or more; light, dark and high contrast as the system
        # says, now and when it switches.
        follow_system_appearance(app)
    # Until the clinic is open: the last opened clinic's language (remembered on this
    # workstation), so the sign-in dialog speaks it; CICINI_LANGUAGE still wins.
    last = remembered_clinic_choice(remembered_locale_path())
    install_language(
        LocaleChoice(
            choose_language(os.environ.get(LANGUAGE_ENV, ""), last.language),
            last.first_day_of_week,
            last.clock_24h,
        )
    )
    return app


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def show_sign_in_first(*, announce: bool = False) -> SignInDialog:
    """The sign-in dialog, shown and painted, waiting for the clinic (`attach`)."""
    app = qt_application()
    dialog = SignInDialog(None, None)
    watch = _FirstPaint()
    dialog.installEventFilter(watch)
    dialog.show()
    deadline = time.monotonic() + PAINT_WAIT_S
    while not watch.painted and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    dialog.removeEventFilter(watch)
    if announce:
        print(f"{FIRST_PAINT_MARK} {time.time_ns()}", flush=True)
    return dialog
