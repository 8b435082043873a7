"""The Qt application's life: open the clinic (or set it up), show the window, run.

(Skeleton of the Foundation issue; onboarding, sign-in and the demo clinic plug in here.)
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cicini_desktop.config import Config
from cicini_desktop.core.errors import CiciniError, DatabaseNotFoundError
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.main_window import MainWindow
from cicini_desktop.services.clinic import (
    clinic_name,
    create_clinic,
    database_exists,
    open_clinic,
)
from cicini_desktop.services.context import ServiceContext

log = logging.getLogger(__name__)


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Cicini Desktop")
    app.setOrganizationName("Cicini")
    return app


def _open_or_create(config: Config, demo: bool) -> ServiceContext:
    if demo:
        # Demo data is invented, so a key file in the demo folder is fine, and the demo
        # then works on machines without a desktop keystore.
        config = config.with_values(key_file=str(config.data_dir / "demo.key"))
        if not database_exists(config):
            return create_clinic(
                config, organization_name="Demo Clinic", timezone="Europe/Berlin"
            ).context
    if not database_exists(config):
        raise DatabaseNotFoundError(
            f"No clinic is set up in {config.data_dir} yet. Run 'cicini init' or start with --demo."
        )
    return open_clinic(config)


def run_gui(config: Config, *, demo: bool = False, quit_after_first_window: bool = False) -> int:
    app = _application()
    try:
        context = _open_or_create(config, demo)
    except CiciniError as error:
        log.warning("could not open the clinic: %s", type(error).__name__)
        if not quit_after_first_window:
            show_error(None, "Cicini Desktop cannot open the clinic's data", error.user_message)
        else:
            print(f"cicini-desktop: {error.user_message}", file=sys.stderr)
        return error.exit_code
    window = MainWindow(clinic_name(context))
    window.show()
    if quit_after_first_window:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    context.database.close()
    return code
