"""The Qt application's life: open the clinic (or set it up), sign in, show the window, run.

    no database      -> onboarding wizard (gui/onboarding.py) -> main window
    database         -> sign-in (gui/sign_in.py) -> main window; idle lock (gui/lock_screen.py)
    --demo           -> a fresh demo clinic, the demo manager signed in, a "Demo data" banner

Store failures (missing key, wrong key, tampered file) become dialogs with one sentence;
the foundation's recovery dialog (gui/recovery.py) handles a lost key when it is present.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from cicini_desktop.config import Config
from cicini_desktop.core.errors import CiciniError, DatabaseNotFoundError, KeyMissingError
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.main_window import MainWindow
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.workspace import SignedIn, build_main_window
from cicini_desktop.services.clinic import clinic_name, database_exists, open_clinic
from cicini_desktop.services.context import ServiceContext

log = logging.getLogger(__name__)


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Cicini Desktop")
    app.setOrganizationName("Cicini")
    app.setApplicationDisplayName("Cicini Desktop")
    return app


def clinic_timezone(context: ServiceContext) -> ZoneInfo:
    from cicini_desktop.services.scheduling.common import clinic_zone

    with context.database.session() as session:
        return clinic_zone(session, context)


def _open_demo(config: Config, show_progress: bool) -> tuple[ServiceContext, SignedIn]:
    """A fresh demo clinic in the (temporary) data folder, the demo manager signed in."""
    from cicini_desktop.services.clinic import make_vault
    from cicini_desktop.services.demo import DEMO_MANAGER, DEMO_PASSWORD, build_demo
    from cicini_desktop.services.sessions import sign_in

    # Demo data is invented, so a key file in the demo folder is fine, and the demo
    # then works on machines without a desktop keystore.
    config = config.with_values(key_file=str(config.data_dir / "demo.key"))
    if database_exists(config):
        context = open_clinic(config, make_vault(config))
        session = sign_in(context, DEMO_MANAGER, DEMO_PASSWORD)
    else:
        progress = None
        if show_progress:
            progress = QProgressDialog("Creating the demo clinic…", "", 0, 100)
            progress.setCancelButton(None)  # type: ignore[arg-type]
            progress.setWindowTitle("Cicini Desktop demo")
            progress.setMinimumDuration(0)
            progress.setAccessibleName("Creating the demo clinic")
        steps = build_demo(config)
        try:
            while True:
                label, fraction = next(steps)
                if progress is not None:
                    progress.setLabelText(f"Creating the demo clinic: {label}…")
                    progress.setValue(int(fraction * 100))
                    QApplication.processEvents()
        except StopIteration as done:
            demo = done.value
        if progress is not None:
            progress.close()
        context, session = demo.context, demo.manager
    return context, SignedIn.of(session)


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _onboard(config: Config) -> tuple[ServiceContext, SignedIn] | None:
    """First run: the identity area's wizard creates the clinic and its first manager."""
    onboarding = _optional("cicini_desktop.gui.onboarding")
    if onboarding is None:
        raise DatabaseNotFoundError(
            f"No clinic is set up in {config.data_dir} yet. Run 'cicini init' or start with --demo."
        )
    wizard = onboarding.OnboardingWizard(config)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    context = getattr(wizard, "context", None)
    session = getattr(wizard, "session", None)
    if context is None:
        return None
    if session is None:
        return _sign_in(context)
    return context, SignedIn.of(session)


def _sign_in(context: ServiceContext) -> tuple[ServiceContext, SignedIn] | None:
    from cicini_desktop.gui.sign_in import SignInDialog

    dialog = SignInDialog(context)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return None
    session = dialog.session
    return context, SignedIn.of(session)


def _show_sign_in_and_quit(app: QApplication, context: ServiceContext) -> int:
    """Smoke tests and the cold-start benchmark: the first window is the sign-in."""
    from cicini_desktop.gui.sign_in import SignInDialog

    dialog = SignInDialog(context)
    dialog.show()
    QTimer.singleShot(0, app.quit)
    code = app.exec()
    dialog.close()
    context.database.close()
    return code


def _open_existing(config: Config, interactive: bool = True) -> ServiceContext:
    try:
        return open_clinic(config)
    except KeyMissingError as error:
        # The keystore lost the key: offer the recovery key, then open as usual.
        from cicini_desktop.gui.recovery import offer_recovery

        if not interactive or not offer_recovery(config, error.user_message):
            raise
        return open_clinic(config)


class FrontDesk:
    """One signed-in window at a time: lock, switch user, sign out, sign back in."""

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        demo: bool,
        run_sync: Callable[..., Any] | None = None,
    ) -> None:
        self.context = context
        self.hub = hub
        self.demo = demo
        self.window: MainWindow | None = None
        self.idle: Any = None
        self.sync_runner: Any = None
        self.sync_text = "demo, nothing is sent" if demo else "not set up"
        # The demo never sends usage: its counts are of invented work.
        if run_sync is not None and not demo:
            self._start_sync(run_sync)
        self.name = clinic_name(context)
        self.zone = clinic_timezone(context)
        self._start_retention_purge()

    def _start_retention_purge(self) -> None:
        """The retention policy at start and then daily, on the database worker.

        `purge_if_due` acts only when the last purge is a day old, so an hourly check is
        cheap and also covers a workstation that runs for weeks without a restart.
        """
        from cicini_desktop.services.retention import purge_if_due

        def check() -> None:
            self.hub.worker.submit(lambda: purge_if_due(self.context))

        self.purge_timer = QTimer()
        self.purge_timer.setInterval(60 * 60 * 1000)
        self.purge_timer.timeout.connect(check)
        self.purge_timer.start()
        QTimer.singleShot(5_000, check)  # after the first window is up, never before it

    def open(self, signed_in: SignedIn) -> MainWindow:
        previous = self.window
        window = build_main_window(
            self.context,
            signed_in,
            self.hub,
            clinic_name=self.name,
            timezone=self.zone,
            demo=self.demo,
        )
        self.window = window
        window.set_sync_state(self.sync_text)
        self._install_idle_lock(window, signed_in)
        window.sign_out_requested.connect(lambda: self.sign_out(signed_in))
        if previous is not None:
            window.setGeometry(previous.geometry())
            previous.hide()
            previous.deleteLater()
        window.show()
        return window

    def _start_sync(self, run_sync: Callable[..., Any]) -> None:
        """The sync area's background runner: off the GUI thread, state in the status bar."""
        page = _optional("cicini_desktop.gui.data_shared_page")
        runner_class = getattr(page, "SyncRunner", None) if page else None
        if runner_class is None:
            return
        try:
            runner = runner_class(
                run_sync, int(self.context.config["sync.interval_minutes"]), self.hub
            )
        except Exception as error:  # sync must never stop the front desk from starting
            log.warning("sync runner not started: %s", type(error).__name__)
            return
        self.sync_runner = runner
        runner.busy_changed.connect(lambda busy: self._show_sync("sending…" if busy else None))
        runner.report_ready.connect(self._sync_report)
        runner.start()

    def _sync_report(self, report: Any) -> None:
        outcome = str(getattr(report, "outcome", ""))
        text = {
            "sent": f"sent {report.finished_at.astimezone():%H:%M}",
            "nothing_to_send": f"up to date ({report.finished_at.astimezone():%H:%M})",
            "disabled": "not set up",
            "not_enrolled": "not enrolled",
            "retry_later": "offline, will retry",
            "waiting": "waiting to retry",
        }.get(outcome, "needs attention (see Settings)")
        self._show_sync(text)
        if self.window is not None:
            self.window.sync_label.setToolTip(report.sentence())

    def _show_sync(self, text: str | None) -> None:
        if text is not None:
            self.sync_text = text
        if self.window is not None:
            self.window.set_sync_state(text or self.sync_text)

    def shutdown(self) -> None:
        """Stop the background parts: the sync runner, the app-wide idle watcher, the window."""
        self.purge_timer.stop()
        if self.sync_runner is not None:
            self.sync_runner.shutdown()
        if self.idle is not None:
            self.idle.stop()  # removes its application-wide event filter
            self.idle = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def _install_idle_lock(self, window: MainWindow, signed_in: SignedIn) -> None:
        """The identity area's lock screen: idle lock, Ctrl+L, switch user."""
        lock_screen = _optional("cicini_desktop.gui.lock_screen")
        if lock_screen is None or signed_in.session is None:
            window.lock_action.setEnabled(False)
            return
        try:
            idle = lock_screen.IdleLock(self.context, window, session=signed_in.session)
        except Exception as error:  # the lock must never stop the front desk from starting
            log.warning("idle lock not installed: %s", type(error).__name__)
            window.lock_action.setEnabled(False)
            return
        self.idle = idle
        window.lock_requested.connect(idle.lock_now)
        idle.session_changed.connect(lambda session: self._switched(signed_in, session))

    def _switched(self, before: SignedIn, session: Any) -> None:
        if session.staff_id == before.staff_id and session.actor == before.actor:
            return  # the same member unlocked: keep everything as it is
        if self.idle is not None:
            self.idle.stop()
        self.open(SignedIn.of(session))

    def sign_out(self, signed_in: SignedIn) -> None:
        from cicini_desktop.services.sessions import sign_out

        if signed_in.session is not None:
            try:
                sign_out(self.context, signed_in.session)  # type: ignore[arg-type]
            except CiciniError as error:
                log.warning("sign-out not audited: %s", type(error).__name__)
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        if self.window is not None:
            self.window.hide()
        opened = _sign_in(self.context)
        if opened is None:
            QApplication.quit()
            return
        self.open(opened[1])


def run_gui(
    config: Config,
    *,
    demo: bool = False,
    quit_after_first_window: bool = False,
    make_sync: Callable[[ServiceContext], Callable[..., Any]] | None = None,
) -> int:
    """`make_sync(context)` returns the function that runs one usage sync (the gui layer
    may not import the sync layer, so the composition root hands it in)."""
    app = _application()
    try:
        if demo:
            opened = _open_demo(config, show_progress=not quit_after_first_window)
        elif not database_exists(config):
            if quit_after_first_window:
                raise DatabaseNotFoundError(
                    f"No clinic is set up in {config.data_dir} yet. "
                    "Run 'cicini init' or start with --demo."
                )
            opened = _onboard(config)
        else:
            context = _open_existing(config, interactive=not quit_after_first_window)
            if quit_after_first_window:
                return _show_sign_in_and_quit(app, context)
            opened = _sign_in(context)
            if opened is None:
                context.database.close()
                return 0
    except CiciniError as error:
        log.warning("could not open the clinic: %s", type(error).__name__)
        if not quit_after_first_window:
            show_error(None, "Cicini Desktop cannot open the clinic's data", error.user_message)
        else:
            print(f"cicini-desktop: {error.user_message}", file=sys.stderr)
        return error.exit_code
    if opened is None:
        return 0
    context, signed_in = opened
    hub = OperationHub()
    run_sync = make_sync(context) if make_sync is not None and not quit_after_first_window else None
    desk = FrontDesk(context, hub, demo, run_sync)
    desk.open(signed_in)
    if quit_after_first_window:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    desk.shutdown()
    hub.shutdown()
    context.database.close()
    return code
