"""The sign-in dialog and the change-password dialog.

Use:

    dialog = SignInDialog(context, hub)          # hub: gui.operations.OperationHub
    if dialog.exec() == QDialog.DialogCode.Accepted:
        session = dialog.session                 # services.sessions.StaffSession
        # pass session.actor to every service call

The dialog forces a new password when a manager reset it (`must_change_password`), so the
session it returns always carries the member's real permissions. After a failed attempt the
service says when the next one is allowed; the dialog disables the button until then with a
QTimer (it never sleeps on the GUI thread). `ChangePasswordDialog(context, hub, session)` is
also the "Change my password" dialog for the menu: after `exec()`, read `.session`.

Checking a password costs about 70 ms of argon2 hashing, so it runs on the database worker
like every other service call; the dialog shows "Checking…" and keeps its inputs disabled
until the answer arrives (a second Enter cannot send a second attempt).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import AccountLockedError, AuthenticationError, CiciniError
from cicini_desktop.core.passwords import MIN_LENGTH
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence

if TYPE_CHECKING:  # the services (SQLAlchemy, keyring) load after the first window is painted
    from cicini_desktop.gui.operations import OperationHub
    from cicini_desktop.services.context import ServiceContext
    from cicini_desktop.services.sessions import StaffSession


def _password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMaxLength(128)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(translate("sign_in", "Error message"))
    label.setStyleSheet("color: #B00020;")
    return label


def _busy_label() -> QLabel:
    label = QLabel("")
    label.setAccessibleName(translate("sign_in", "Progress"))
    return label


class RetryGate:
    """Disables a button until the service's `retry_at`, then enables it again."""

    def __init__(self, context: ServiceContext, button: QPushButton) -> None:
        self._context = context
        self._button = button
        self._timer = QTimer(button)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._button.setEnabled(True))

    def hold_until(self, error: AuthenticationError) -> None:
        retry_at = error.retry_at
        # A locked account is not held here: a manager may unlock it any minute.
        if isinstance(error, AccountLockedError) or not isinstance(retry_at, datetime):
            return
        wait_ms = int((retry_at - self._context.clock.now()).total_seconds() * 1000)
        if wait_ms > 0:
            self._button.setEnabled(False)
            self._timer.start(wait_ms)


class ChangePasswordDialog(QDialog):
    """Change one's own password (the current password proves who types)."""

    def __init__(
        self,
        context: ServiceContext,
        hub: OperationHub,
        session: StaffSession,
        parent: QWidget | None = None,
        *,
        forced: bool = False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.hub = hub
        self.session = session
        self.setWindowTitle(
            translate("sign_in", "Choose a new password")
            if forced
            else translate("sign_in", "Change my password")
        )
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            translate(
                "sign_in",
                "Choose your own password to continue: this account has a password that someone "
                "else set (a new account, or a reset by a manager).",
            )
            if forced
            else translate("sign_in", "Type your current password, then the new one twice.")
        )
        intro.setWordWrap(True)
        hint = QLabel(
            translate(
                "sign_in",
                "At least {MIN_LENGTH} characters. A few unrelated words make a strong "
                "password that is easy to remember; common passwords are refused.",
            ).format(MIN_LENGTH=MIN_LENGTH)
        )
        hint.setWordWrap(True)
        self.current = _password_field(translate("sign_in", "Current password"))
        self.new = _password_field(translate("sign_in", "New password"))
        self.repeat = _password_field(translate("sign_in", "Repeat new password"))
        self.error = _error_label()
        self.progress = _busy_label()
        form = QFormLayout()
        form.addRow(translate("sign_in", "&Current password"), self.current)
        form.addRow(translate("sign_in", "&New password"), self.new)
        form.addRow(translate("sign_in", "&Repeat"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("sign_in", "Change password"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, hint):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        if self.new.text() != self.repeat.text():
            self.error.setText(
                translate("sign_in", "The two new passwords differ; type them again.")
            )
            return
        from cicini_desktop.gui.operations import QueryOp
        from cicini_desktop.services.sessions import change_own_password

        context, session = self.context, self.session
        current, new = self.current.text(), self.new.text()
        self._set_busy(True)
        QueryOp(self, lambda: change_own_password(context, session, current, new)).success(
            self._changed
        ).failure(self._refused).run(self.hub)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setText(translate("sign_in", "Checking…") if busy else "")
        for widget in (self.current, self.new, self.repeat, self.ok_button):
            widget.setEnabled(not busy)

    def _changed(self, session: StaffSession) -> None:
        self._set_busy(False)
        self.session = session
        self.accept()

    def _refused(self, error: CiciniError) -> None:
        self._set_busy(False)
        self.error.setText(sentence(error))


class SignInDialog(QDialog):
    """Username and password; `session` holds the signed-in member after acceptance."""

    signed_in = Signal()  # `session` is set; emitted on the GUI thread

    def __init__(
        self,
        context: ServiceContext | None,
        hub: OperationHub | None,
        parent: QWidget | None = None,
        *,
        title: str = "",
    ) -> None:
        """`context` None: shown while the clinic's data is still being opened (the first
        window of a start); the username can be typed, signing in waits for `attach`."""
        super().__init__(parent)
        self.context = context  # type: ignore[assignment]
        self.hub = hub  # type: ignore[assignment]
        self.session: StaffSession | None = None
        self.setWindowTitle(title or translate("sign_in", "Sign in to Cicini"))
        self.setAccessibleName(self.windowTitle())
        self.username = QLineEdit()
        self.username.setAccessibleName(translate("sign_in", "Username"))
        self.username.setMaxLength(64)
        self.password = _password_field(translate("sign_in", "Password"))
        self.error = _error_label()
        self.progress = _busy_label()
        self.sign_in_button = QPushButton(translate("sign_in", "Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName(translate("sign_in", "Sign in"))
        self.sign_in_button.clicked.connect(self.submit)
        self._gate: RetryGate | None = None
        form = QFormLayout()
        form.addRow(translate("sign_in", "&Username"), self.username)
        form.addRow(translate("sign_in", "&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.sign_in_button)
        self.username.setFocus()
        self._checking = False
        # Enter pressed before the clinic is open: remembered, and the sign-in starts as soon
        # as it is (a receptionist who types fast must not have to press Enter twice).
        self._sign_in_when_open = False
        self.password.returnPressed.connect(self._enter_pressed)
        if context is None:
            self.progress.setText(translate("sign_in", "Opening the clinic's data…"))
            self.sign_in_button.setEnabled(False)
        else:
            self.attach(context, hub)  # type: ignore[arg-type]

    def attach(self, context: ServiceContext, hub: OperationHub) -> None:
        """The clinic is open: signing in is possible from now on."""
        self.context, self.hub = context, hub
        self._gate = RetryGate(context, self.sign_in_button)
        if not self._checking:
            self.progress.setText("")
            self.sign_in_button.setEnabled(True)
        if self._sign_in_when_open:
            self._sign_in_when_open = False
            self.submit()

    def _enter_pressed(self) -> None:
        if self.context is None and self.username.text().strip() and self.password.text():
            self._sign_in_when_open = True
            self.progress.setText(
                translate("sign_in", "Opening the clinic's data… signing in once it is open.")
            )

    def submit(self) -> None:
        if self.context is None or not self.sign_in_button.isEnabled() or self._checking:
            return
        if not self.username.text().strip() or not self.password.text():
            self.error.setText(translate("sign_in", "Type your username and your password."))
            return
        from cicini_desktop.gui.operations import QueryOp
        from cicini_desktop.services.sessions import sign_in

        context, username, password = self.context, self.username.text(), self.password.text()
        self._set_checking(True)
        QueryOp(self, lambda: sign_in(context, username, password)).success(self._accepted).failure(
            self._refused
        ).run(self.hub)

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.progress.setText(translate("sign_in", "Checking…") if checking else "")
        self.username.setEnabled(not checking)
        self.password.setEnabled(not checking)
        self.sign_in_button.setEnabled(not checking)

    def _refused(self, error: CiciniError) -> None:
        self._set_checking(False)
        self.password.clear()
        self.error.setText(sentence(error))
        if isinstance(error, AuthenticationError) and self._gate is not None:
            self._gate.hold_until(error)
        self.password.setFocus()

    def _accepted(self, session: StaffSession) -> None:
        self._set_checking(False)
        self.password.clear()
        if session.must_change_password:
            change = ChangePasswordDialog(self.context, self.hub, session, self, forced=True)
            if change.exec() != QDialog.DialogCode.Accepted:
                self.error.setText(
                    translate("sign_in", "Choose a new password to finish signing in.")
                )
                return
            session = change.session
        self.session = session
        self.signed_in.emit()
        self.accept()
