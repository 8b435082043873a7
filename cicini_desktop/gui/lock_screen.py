"""Idle lock for shared workstations: a lock screen over the window that keeps what is open.

Use (in the main window, once a member signed in):

    idle = IdleLock(context, hub, window, session=session, minutes=config.idle_lock_minutes,
                    unsaved_work=window.has_unsaved_work, save_work=window.save_work,
                    discard_work=window.discard_work)
    idle.session_changed.connect(window.set_session)   # another member switched in
    idle.lock_now()                                     # e.g. from a "Lock" toolbar button

`IdleLock` watches keyboard and mouse input application-wide; after the idle time it
records the lock (audited) and shows `LockScreen`, a child widget covering the window (the
widgets underneath keep their state). The same member unlocks with their password; another
member can switch in: if the first member has unsaved work, a prompt asks to save it (as the
first member), discard it, or cancel. Tests pass `timeout_ms` for a short idle time.
Password checks (argon2, about 70 ms) run on the database worker; the lock screen says
"Checking…" and keeps its buttons disabled meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import AuthenticationError, CiciniError
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.sign_in import RetryGate
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.sessions import (
    StaffSession,
    lock_session,
    switch_user,
    unlock_session,
)

log = logging.getLogger(__name__)

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class UnsavedChoice:
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class LockScreen(QFrame):
    """Covers its parent; emits `unlocked(session)` or `switched(session)`."""

    unlocked = Signal(object)
    switched = Signal(object)

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        session: StaffSession,
        parent: QWidget,
        *,
        unsaved_work: Callable[[], bool] = lambda: False,
        save_work: Callable[[], None] = lambda: None,
        discard_work: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.hub = hub
        self.session = session
        self._unsaved_work = unsaved_work
        self._save_work = save_work
        self._discard_work = discard_work
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background: palette(window); }")
        self.setAccessibleName(translate("lock_screen", "Locked screen"))

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("lock_screen", "Password to unlock"))
        self.unlock_button = QPushButton(translate("lock_screen", "Unlock"))
        self.unlock_button.setDefault(True)
        self.password.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(translate("lock_screen", "Error message"))
        self.error.setStyleSheet("color: #B00020;")
        self.progress = QLabel("")
        self.progress.setAccessibleName(translate("lock_screen", "Progress"))

        self.other_username = QLineEdit()
        self.other_username.setAccessibleName(translate("lock_screen", "Other member's username"))
        self.other_password = QLineEdit()
        self.other_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.other_password.setAccessibleName(translate("lock_screen", "Other member's password"))
        self.switch_button = QPushButton(translate("lock_screen", "Switch user"))
        self.switch_button.clicked.connect(self.switch)
        switch_box = QGroupBox(translate("lock_screen", "Someone else"))
        switch_form = QFormLayout(switch_box)
        switch_form.addRow(translate("lock_screen", "&Username"), self.other_username)
        switch_form.addRow(translate("lock_screen", "Pass&word"), self.other_password)
        switch_form.addRow(self.switch_button)
        self._unlock_gate = RetryGate(context, self.unlock_button)
        self._switch_gate = RetryGate(context, self.switch_button)

        panel = QWidget(self)
        panel.setMaximumWidth(420)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.title)
        layout.addWidget(self.password)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addSpacing(16)
        layout.addWidget(switch_box)
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(panel)
        outer.addStretch()
        self._set_title()
        parent.installEventFilter(self)
        self.hide()

    def _set_title(self) -> None:
        self.title.setText(
            translate(
                "lock_screen", "Cicini is locked. {display_name}, type your password to continue."
            ).format(display_name=self.session.display_name)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def show_locked(self, session: StaffSession) -> None:
        self.session = session
        self._set_title()
        self.error.clear()
        self.password.clear()
        self._shield()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.password.setFocus()

    def _shield(self) -> None:
        """Disable what lies underneath (keeping its state): no Tab, click or shortcut
        reaches the window while it is locked."""
        window = self.parentWidget()
        self._disabled_widgets = [
            w
            for w in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not self and w.isEnabled()
        ]
        self._disabled_actions = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for widget in self._disabled_widgets:
            widget.setEnabled(False)
        for action in self._disabled_actions:
            action.setEnabled(False)

    def _unshield(self) -> None:
        for widget in getattr(self, "_disabled_widgets", []):
            widget.setEnabled(True)
        for action in getattr(self, "_disabled_actions", []):
            action.setEnabled(True)
        self._disabled_widgets, self._disabled_actions = [], []

    def hideEvent(self, event: QHideEvent) -> None:
        self._unshield()
        super().hideEvent(event)

    def _set_checking(self, checking: bool) -> None:
        self.progress.setText(translate("lock_screen", "Checking…") if checking else "")
        for widget in (
            self.password,
            self.unlock_button,
            self.other_username,
            self.other_password,
            self.switch_button,
        ):
            widget.setEnabled(not checking)

    def _refused(self, error: CiciniError, field: QLineEdit, gate: RetryGate) -> None:
        self._set_checking(False)
        field.clear()
        self.error.setText(sentence(error))
        if isinstance(error, AuthenticationError):
            gate.hold_until(error)
        field.setFocus()

    def unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        context, session, password = self.context, self.session, self.password.text()
        self._set_checking(True)
        QueryOp(self, lambda: unlock_session(context, session, password)).success(
            self._unlocked
        ).failure(lambda error: self._refused(error, self.password, self._unlock_gate)).run(
            self.hub
        )

    def _unlocked(self, session: StaffSession) -> None:
        self._set_checking(False)
        self.password.clear()
        self.session = session
        self.hide()
        self.unlocked.emit(session)

    def ask_unsaved(self) -> str:
        """Ask what happens to the locked member's unsaved work (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("lock_screen", "Unsaved work"))
        box.setText(
            translate(
                "lock_screen",
                "{display_name} has unsaved changes. Save them (as {display_name}) "
                "before switching, or discard them?",
            ).format(display_name=self.session.display_name)
        )
        save = box.addButton(
            translate("lock_screen", "Save and switch"), QMessageBox.ButtonRole.AcceptRole
        )
        discard = box.addButton(
            translate("lock_screen", "Discard and switch"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is save:
            return UnsavedChoice.SAVE
        if box.clickedButton() is discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    def switch(self) -> None:
        if not self.switch_button.isEnabled():
            return
        if not self.other_username.text().strip() or not self.other_password.text():
            self.error.setText(
                translate("lock_screen", "Type the other member's username and password.")
            )
            return
        choice = UnsavedChoice.DISCARD
        if self._unsaved_work():
            choice = self.ask_unsaved()
            if choice == UnsavedChoice.CANCEL:
                return
        if choice == UnsavedChoice.SAVE:
            self._save_work()  # still as the locked member
        context, current = self.context, self.session
        username, password = self.other_username.text(), self.other_password.text()
        self._set_checking(True)
        QueryOp(self, lambda: switch_user(context, current, username, password)).success(
            lambda session: self._switched(session, choice)
        ).failure(lambda error: self._refused(error, self.other_password, self._switch_gate)).run(
            self.hub
        )

    def _switched(self, new_session: StaffSession, choice: str) -> None:
        self._set_checking(False)
        if choice == UnsavedChoice.DISCARD and self._unsaved_work():
            self._discard_work()
        self.other_password.clear()
        self.other_username.clear()
        self.session = new_session
        self.hide()
        self.switched.emit(new_session)


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False


class IdleLock(QObject):
    """Locks `window` after the idle time; `session_changed` when another member switched in."""

    session_changed = Signal(object)  # StaffSession (also emitted on unlock: roles refreshed)
    locked = Signal()

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        window: QWidget,
        *,
        session: StaffSession,
        minutes: int | None = None,
        timeout_ms: int | None = None,
        unsaved_work: Callable[[], bool] = lambda: False,
        save_work: Callable[[], None] = lambda: None,
        discard_work: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.context = context
        self.hub = hub
        self.session = session
        if timeout_ms is None:
            timeout_ms = int(minutes or context.config.idle_lock_minutes) * 60_000
        self.screen = LockScreen(
            context,
            hub,
            session,
            window,
            unsaved_work=unsaved_work,
            save_work=save_work,
            discard_work=discard_work,
        )
        self.screen.unlocked.connect(self._resumed)
        self.screen.switched.connect(self._resumed)
        self.watcher = IdleWatcher(timeout_ms, self)
        self.watcher.idle.connect(self.lock_now)
        self.watcher.start()

    @property
    def is_locked(self) -> bool:
        return self.screen.isVisible()

    def lock_now(self) -> None:
        if self.is_locked:
            return
        self.watcher.stop()
        context, session = self.context, self.session
        # The screen locks at once; the audit record follows on the worker (and if it
        # cannot be written, the lock still holds: the failure is only logged).
        QueryOp(None, lambda: lock_session(context, session)).failure(
            lambda error: log.warning("idle lock not audited: %s", type(error).__name__)
        ).run(self.hub)
        self.screen.show_locked(self.session)
        self.locked.emit()

    def _resumed(self, session: StaffSession) -> None:
        self.session = session
        self.session_changed.emit(session)
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watcher)
