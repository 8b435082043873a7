"""The Qt side of the application's life: the steps `app.py` composes, one function each.

    no database      -> onboarding wizard (gui/onboarding.py) -> main window
    database         -> sign-in (gui/sign_in.py) -> main window; idle lock (gui/lock_screen.py)
    --demo           -> a fresh demo clinic, the demo manager signed in, a "Demo data" banner

Every database touch of these steps runs on the database worker (services/worker.py): the
clinic is opened (and migrated) there, the demo is built there batch by batch, passwords are
checked there. Store failures (missing key, wrong key, tampered file) become dialogs with
one sentence; a lost key offers the recovery dialog (gui/recovery.py).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from cicini_desktop.config import Config, remembered_locale_path
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import AccessChangedError, CiciniError, KeyMissingError
from cicini_desktop.gui.data_shared_page import SyncRunner
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.first_window import qt_application
from cicini_desktop.gui.heap import SETTLE_MS, collect_on_gui_thread, freeze_start_up_heap
from cicini_desktop.gui.i18n import (
    LANGUAGE_ENV,
    LocaleChoice,
    choose_language,
    install_language,
    remember_clinic_choice,
    translate,
)
from cicini_desktop.gui.locale_format import time_of
from cicini_desktop.gui.lock_screen import IdleLock
from cicini_desktop.gui.main_window import MainWindow
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import JobOp, OperationHub, QueryOp, wait_for, wait_for_job
from cicini_desktop.gui.reminder_runner import ReminderRunner
from cicini_desktop.gui.sign_in import SignInDialog
from cicini_desktop.gui.signed_in import SignedIn
from cicini_desktop.services import clinic as clinic_service
from cicini_desktop.services import retention
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.sessions import StaffSession, refresh_session, sign_out

log = logging.getLogger(__name__)

# How often a signed-in window re-reads its member's access when nothing else prompted it
# (a manager on another desk, or `cicini`, may have changed it).
ACCESS_CHECK_MS = 60_000


def apply_clinic_locale(facts: ClinicFacts) -> None:
    """The clinic's language, first day of the week and clock, before its first window
    (sign-in); CICINI_LANGUAGE on a workstation still wins over the clinic's language."""
    chosen = facts.locale
    first_day, clock = chosen.first_day_of_week or None, {24: True, 12: False}.get(chosen.clock)
    language = choose_language(os.environ.get(LANGUAGE_ENV, ""), chosen.language)
    install_language(LocaleChoice(language, first_day, clock))
    # The next start paints its sign-in dialog in this clinic's language.
    remember_clinic_choice(
        LocaleChoice(chosen.language, first_day, clock), remembered_locale_path()
    )


@dataclass(frozen=True)
class Opened:
    context: ServiceContext
    signed_in: SignedIn | None  # None: the sign-in dialog comes next
    open_after: str | None = None  # a set-up step the manager chose at the end of onboarding


def open_existing(config: Config, hub: OperationHub, *, interactive: bool = True) -> Opened:
    """Open (and migrate) the clinic's database on the worker; a lost key offers recovery."""
    from cicini_desktop.gui.recovery import offer_recovery

    try:
        context = wait_for(hub, lambda: clinic_service.open_clinic(config))
    except KeyMissingError as error:
        if not interactive or not offer_recovery(config, hub, sentence(error)):
            raise
        context = wait_for(hub, lambda: clinic_service.open_clinic(config))
    return Opened(context, None)


def onboard(config: Config, hub: OperationHub) -> Opened | None:
    """First run: the wizard creates the clinic and its first manager (on the worker)."""
    from cicini_desktop.gui.onboarding import OnboardingWizard

    wizard = OnboardingWizard(config, hub)
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.context is None:
        return None
    return Opened(wizard.context, None, wizard.open_after)


def open_demo(config: Config, hub: OperationHub, *, show_progress: bool) -> Opened:
    """A fresh demo clinic in the (temporary) data folder, the demo manager signed in."""
    from cicini_desktop.services.demo import DEMO_MANAGER, DEMO_PASSWORD, build_demo
    from cicini_desktop.services.sessions import sign_in

    # Demo data is invented, so a key file in the demo folder is fine, and the demo
    # then works on machines without a desktop keystore.
    config = config.with_values(key_file=str(config.data_dir / "demo.key"))
    if clinic_service.database_exists(config):

        def reopen() -> tuple[ServiceContext, StaffSession]:
            context = clinic_service.open_clinic(config, clinic_service.make_vault(config))
            return context, sign_in(context, DEMO_MANAGER, DEMO_PASSWORD)

        context, session = wait_for(hub, reopen)
        return Opened(context, SignedIn.of(session))

    demo = wait_for_job(
        hub,
        build_demo(config),
        translate("application", "Creating the demo clinic"),
        show_dialog=show_progress,
    )
    return Opened(demo.context, SignedIn.of(demo.manager))


def _sign_in_dialog(
    context: ServiceContext, hub: OperationHub, shown: SignInDialog | None
) -> SignInDialog:
    """The dialog painted before the clinic opened (gui/first_window.py), or a new one."""
    if shown is None:
        return SignInDialog(context, hub)
    shown.attach(context, hub)
    return shown


def ask_sign_in(
    context: ServiceContext, hub: OperationHub, shown: SignInDialog | None = None
) -> SignedIn | None:
    dialog = _sign_in_dialog(context, hub, shown)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return None
    return SignedIn.of(dialog.session)


def show_sign_in_and_quit(
    app: QApplication,
    context: ServiceContext,
    hub: OperationHub,
    shown: SignInDialog | None = None,
) -> int:
    """Smoke tests and the cold-start benchmark: the first window is the sign-in."""
    dialog = _sign_in_dialog(context, hub, shown)
    dialog.show()
    QTimer.singleShot(0, app.quit)
    code = app.exec()
    dialog.close()
    return code


def show_config_error(sentence: str) -> None:
    """The configuration was refused before anything else could start (app.py)."""
    qt_application()
    show_error(
        None,
        translate("application", "Cicini Desktop cannot start: a setting is wrong"),
        localized(sentence)
        + "\n\n"
        + translate(
            "application", "Ask IT to correct the setting; this message is also in the log file."
        ),
    )


def report_open_failure(error: CiciniError, *, interactive: bool) -> int:
    log.warning("could not open the clinic: %s", type(error).__name__)
    if interactive:
        show_error(
            None,
            translate("application", "Cicini Desktop cannot open the clinic's data"),
            sentence(error),
        )
    else:
        print(f"cicini-desktop: {sentence(error)}", file=sys.stderr)
    return error.exit_code


class FrontDesk:
    """One signed-in window at a time: lock, switch user, sign out, sign back in; the
    member's access followed while they work; the background sync and retention purge."""

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        facts: ClinicFacts,
        *,
        demo: bool,
        run_sync: Callable[..., Any] | None = None,
    ) -> None:
        self.context = context
        self.hub = hub
        self.demo = demo
        self.name = facts.name
        self.zone = facts.zone
        self.window: MainWindow | None = None
        self.signed_in: SignedIn | None = None
        self.sign_in_dialog: SignInDialog | None = None  # after a sign-out, until accepted
        self.idle: IdleLock | None = None
        self.sync_runner: SyncRunner | None = None
        self.sync_text = (
            translate("application", "demo, nothing is sent")
            if demo
            else translate("application", "not set up")
        )
        # The demo never sends usage: its counts are of invented work.
        if run_sync is not None and not demo:
            self._start_sync(run_sync)
        self._start_retention_purge()
        # Reminders go out while the window is open (the demo's patients are invented).
        self.reminders = ReminderRunner(context, hub)
        if not demo:
            self.reminders.start()
        self.access_timer = QTimer()
        self.access_timer.setInterval(ACCESS_CHECK_MS)
        self.access_timer.timeout.connect(self.check_access)
        self.access_timer.start()
        hub.operation_did_execute.connect(self._after_change)
        hub.access_refused.connect(self.check_access)

    # --- background work ------------------------------------------------------------------
    def _start_retention_purge(self) -> None:
        """The retention policy at start and then hourly, on the worker in batches.

        `purge_steps_if_due` acts only when the last purge is a day old, so an hourly check
        is cheap and also covers a workstation that runs for weeks without a restart.
        """

        def check() -> None:
            if self._purge_running:
                return
            self._purge_running = True
            context = self.context
            JobOp(
                None,
                lambda: retention.purge_steps_if_due(context),
                translate("application", "Retention policy"),
            ).success(lambda _result: self._purge_done()).on_cancelled(self._purge_done).run(
                self.hub, show_dialog=False
            )

        self._purge_running = False
        self.purge_timer = QTimer()
        self.purge_timer.setInterval(60 * 60 * 1000)
        self.purge_timer.timeout.connect(check)
        self.purge_timer.start()
        QTimer.singleShot(5_000, check)  # after the first window is up, never before it

    def _purge_done(self) -> None:
        self._purge_running = False

    def _start_sync(self, run_sync: Callable[..., Any]) -> None:
        """The background sync runner: network on its own thread, database on the worker."""
        runner = SyncRunner(run_sync, int(self.context.config["sync.interval_minutes"]), self.hub)
        self.sync_runner = runner
        runner.busy_changed.connect(
            lambda busy: self._show_sync(translate("application", "sending…") if busy else None)
        )
        runner.report_ready.connect(self._sync_report)
        runner.start()

    def _sync_report(self, report: Any) -> None:
        outcome = str(getattr(report, "outcome", ""))
        finished = time_of(report.finished_at.astimezone(self.zone))
        text = {
            "sent": translate("application", "sent {time}").format(time=finished),
            "nothing_to_send": translate("application", "up to date ({time})").format(
                time=finished
            ),
            "disabled": translate("application", "not set up"),
            "not_enrolled": translate("application", "not enrolled"),
            "retry_later": translate("application", "offline, will retry"),
            "waiting": translate("application", "waiting to retry"),
        }.get(outcome, translate("application", "needs attention (see Settings)"))
        self._show_sync(text)
        if self.window is not None:
            self.window.sync_label.setToolTip(localized(report.sentence()))

    def _show_sync(self, text: str | None) -> None:
        if text is not None:
            self.sync_text = text
        if self.window is not None:
            self.window.set_sync_state(text or self.sync_text)

    # --- the signed-in window ---------------------------------------------------------------
    def open(self, signed_in: SignedIn) -> MainWindow:
        from cicini_desktop.gui.workspace import build_main_window

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
        self.signed_in = signed_in
        window.set_sync_state(self.sync_text)
        self._install_idle_lock(window, signed_in)
        window.sign_out_requested.connect(self.sign_out)
        if previous is not None:
            window.setGeometry(previous.geometry())
            previous.hide()
            previous.deleteLater()
        window.show()
        # Garbage is collected on this thread only, and once shown, the start-up heap leaves
        # the full collections (gui/heap.py).
        collect_on_gui_thread(QApplication.instance())
        QTimer.singleShot(SETTLE_MS, freeze_start_up_heap)
        return window

    def _install_idle_lock(self, window: MainWindow, signed_in: SignedIn) -> None:
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        if signed_in.session is None:
            window.lock_action.setEnabled(False)
            return
        idle = IdleLock(self.context, self.hub, window, session=signed_in.session)
        self.idle = idle
        window.lock_requested.connect(idle.lock_now)
        idle.session_changed.connect(self._switched)

    def _switched(self, session: StaffSession) -> None:
        before = self.signed_in
        if before is not None and session.staff_id == before.staff_id:
            if session.actor != before.actor:
                self._access_changed(session)  # roles changed while the screen was locked
            return
        self.open(SignedIn.of(session))

    # --- following the member's access -----------------------------------------------------
    def _after_change(self, changes: Changes, _initiator: object) -> None:
        if changes.staff or changes.roles:
            self.check_access()

    def check_access(self) -> None:
        """Re-read the signed-in member's roles on the worker; rebuild the window if they
        changed, sign out with a sentence if the account was deactivated."""
        signed_in = self.signed_in
        if signed_in is None or signed_in.session is None or self._locked():
            return
        session, context = signed_in.session, self.context
        QueryOp(None, lambda: refresh_session(context, session)).success(
            self._compare_access
        ).failure(self._access_failed).run(self.hub)

    def _locked(self) -> bool:
        idle = self.idle
        return idle is not None and shiboken6.isValid(idle.screen) and idle.is_locked

    def _compare_access(self, session: StaffSession) -> None:
        current = self.signed_in
        if current is None or current.session is None:
            return
        if session.staff_id != current.staff_id or session.actor == current.actor:
            return
        self._access_changed(session)

    def _access_changed(self, session: StaffSession) -> None:
        before = self.signed_in.actor.permissions if self.signed_in else frozenset()
        window = self.open(SignedIn.of(session))
        lost = before - session.actor.permissions
        text = translate("application", "Your access was changed by a practice manager")
        text += (
            translate("application", "; some pages or actions are no longer available.")
            if lost
            else "."
        )
        window.statusBar().showMessage(text, 15_000)
        window.access_notice.setText(text)
        window.access_notice.setVisible(True)

    def _access_failed(self, error: CiciniError) -> None:
        if isinstance(error, AccessChangedError) or "deactivated" in sentence(error):
            self.sign_out(reason=sentence(error), audited=False)

    def sign_out(self, reason: str = "", *, audited: bool = True) -> None:
        signed_in = self.signed_in
        self.signed_in = None
        if audited and signed_in is not None and signed_in.session is not None:
            session, context = signed_in.session, self.context
            QueryOp(None, lambda: sign_out(context, session)).failure(
                lambda error: log.warning("sign-out not audited: %s", type(error).__name__)
            ).run(self.hub)
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        if self.window is not None:
            self.window.hide()
        dialog = SignInDialog(self.context, self.hub)
        if reason:
            dialog.error.setText(reason)
        dialog.signed_in.connect(lambda: self.open(SignedIn.of(dialog.session)))  # type: ignore[arg-type]
        dialog.rejected.connect(QApplication.quit)
        self.sign_in_dialog = dialog
        dialog.open()

    def open_setup_step(self, key: str) -> None:
        """Show a step of the clinic set-up (the onboarding wizard's last page chose it)."""
        from cicini_desktop.gui.setup.area import ClinicSetupPage

        if self.window is None:
            return
        page = self.window.show_page("setup")
        if isinstance(page, ClinicSetupPage):
            page.open_step(key)
        else:
            self.window.show_page(key)

    def shutdown(self) -> None:
        """Stop the background parts: the sync runner, the idle watcher, the window."""
        self.purge_timer.stop()
        self.access_timer.stop()
        self.reminders.shutdown()
        if self.sync_runner is not None:
            self.sync_runner.shutdown()
        if self.idle is not None:
            self.idle.stop()  # removes its application-wide event filter
            self.idle = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
