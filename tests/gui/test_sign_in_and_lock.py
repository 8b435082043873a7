from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow, QWidget

from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui.lock_screen import IdleLock, UnsavedChoice
from cicini_desktop.gui.sign_in import SignInDialog
from cicini_desktop.services.staff import reset_password, unlock_account
from cicini_desktop.services.worker import DatabaseWorker
from tests.services.identity.conftest import (
    MANAGER_PASSWORD,
    MANAGER_USERNAME,
    MEMBER_PASSWORD,
    Clinic,
    audit_rows,
    make_clinic,
)


@pytest.fixture
def clinic(context) -> Clinic:
    return make_clinic(context)


@pytest.fixture
def worker(clinic):
    """Attached once the clinic exists: from then on the database is the worker's."""
    database_worker = DatabaseWorker()
    clinic.context.attach_worker(database_worker)
    yield database_worker
    clinic.context.detach_worker()
    database_worker.shutdown()


def _type_and_submit(qtbot, dialog, username, password):
    dialog.username.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog._checking, timeout=5000)  # argon2 runs on the worker


def test_sign_in_dialog_signs_in(qtbot, clinic, hub):
    dialog = SignInDialog(clinic.context, hub)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.signed_in):
        _type_and_submit(qtbot, dialog, MANAGER_USERNAME, MANAGER_PASSWORD)
    assert dialog.session.staff_id == clinic.manager.staff_id
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_dialog_says_checking_and_takes_no_second_attempt_meanwhile(qtbot, clinic, hub):
    dialog = SignInDialog(clinic.context, hub)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, MANAGER_USERNAME)
    qtbot.keyClicks(dialog.password, MANAGER_PASSWORD)
    hub.worker.submit(lambda: __import__("time").sleep(0.3))  # the worker is busy a moment
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text() == "Checking…"
    assert not dialog.sign_in_button.isEnabled()
    assert not dialog.password.isEnabled()
    dialog.submit()  # a second Enter while checking is ignored
    qtbot.waitUntil(lambda: dialog.session is not None, timeout=5000)
    assert dialog.progress.text() == ""
    rows = clinic.context.on_worker(lambda: audit_rows(clinic.context))
    signed_in = [r for r in rows if r["action"] == "sign_in.succeeded"]
    assert len(signed_in) == 2  # make_clinic's own sign-in, then exactly one here


def test_wrong_password_waits_then_locks_then_manager_unlocks(qtbot, clinic, clock, hub):
    clinic.context.config = clinic.context.config.with_values(**{"sign_in.delay_seconds": 0.05})
    member_id = clinic.context.on_worker(
        lambda: clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    )
    dialog = SignInDialog(clinic.context, hub)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_submit(qtbot, dialog, "rita", "wrong password!!")
    assert "not right" in dialog.error.text()
    assert not dialog.sign_in_button.isEnabled()  # escalating delay, without blocking
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=2000)
    for _ in range(4):
        clock.advance(seconds=30)
        qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=2000)
        _type_and_submit(qtbot, dialog, "rita", "wrong password!!")
    assert "locked" in dialog.error.text()
    clock.advance(seconds=30)
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=2000)
    _type_and_submit(qtbot, dialog, "rita", MEMBER_PASSWORD)
    assert "locked" in dialog.error.text()
    assert dialog.session is None
    clinic.context.on_worker(
        lambda: unlock_account(clinic.context, clinic.manager.actor, member_id)
    )
    _type_and_submit(qtbot, dialog, "rita", MEMBER_PASSWORD)
    assert dialog.session is not None
    assert dialog.session.staff_id == member_id


def test_reset_password_forces_change_in_dialog(qtbot, clinic, monkeypatch, hub):
    def prepare() -> None:
        member_id = clinic.add_member("xena", BuiltInRole.RECEPTIONIST)
        reset_password(clinic.context, clinic.manager.actor, member_id, "temporary lantern 1234")

    clinic.context.on_worker(prepare)
    dialog = SignInDialog(clinic.context, hub)
    qtbot.addWidget(dialog)

    from cicini_desktop.gui import sign_in as module

    def fake_exec(change_dialog):
        qtbot.keyClicks(change_dialog.current, "temporary lantern 1234")
        qtbot.keyClicks(change_dialog.new, "my very own phrase 5")
        qtbot.keyClicks(change_dialog.repeat, "my very own phrase 5")
        change_dialog.ok_button.click()
        qtbot.waitUntil(lambda: change_dialog.progress.text() == "", timeout=5000)
        return change_dialog.result()

    monkeypatch.setattr(module.ChangePasswordDialog, "exec", fake_exec)
    _type_and_submit(qtbot, dialog, "xena", "temporary lantern 1234")
    assert dialog.session is not None
    assert not dialog.session.must_change_password
    assert dialog.session.actor.permissions


def _window(qtbot):
    window = QMainWindow()
    central = QWidget()
    window.setCentralWidget(central)
    note = QLineEdit(central)
    note.setText("draft kept")
    window.resize(640, 480)
    qtbot.addWidget(window)
    window.show()
    return window, note


def _checked(qtbot, screen):
    qtbot.waitUntil(lambda: screen.progress.text() == "", timeout=5000)


def test_idle_lock_after_short_timeout_then_same_user_unlocks(qtbot, clinic, clock, hub):
    window, note = _window(qtbot)
    lock = IdleLock(clinic.context, hub, window, session=clinic.manager, timeout_ms=150)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    screen = lock.screen
    assert screen.geometry() == window.rect()
    assert not note.isEnabled()  # nothing underneath takes input while locked
    qtbot.keyClicks(screen.password, "not it at all")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    _checked(qtbot, screen)
    assert lock.is_locked
    assert screen.error.text()
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=3000)
    clock.advance(seconds=2)  # the service's throttle runs on the clinic clock
    qtbot.keyClicks(screen.password, MANAGER_PASSWORD)
    with qtbot.waitSignal(lock.session_changed):
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    assert note.text() == "draft kept"  # what was open is still there
    assert note.isEnabled()
    lock.stop()


def test_switch_user_asks_about_unsaved_work(qtbot, clinic, hub):
    clinic.context.on_worker(lambda: clinic.add_member("yara", BuiltInRole.RECEPTIONIST))
    window, _ = _window(qtbot)
    saved, discarded = [], []
    lock = IdleLock(
        clinic.context,
        hub,
        window,
        session=clinic.manager,
        timeout_ms=60_000,
        unsaved_work=lambda: not saved and not discarded,
        save_work=lambda: saved.append(True),
        discard_work=lambda: discarded.append(True),
    )
    lock.lock_now()
    screen = lock.screen
    asked = []
    screen.ask_unsaved = lambda: asked.append(1) or UnsavedChoice.CANCEL
    qtbot.keyClicks(screen.other_username, "yara")
    qtbot.keyClicks(screen.other_password, MEMBER_PASSWORD)
    qtbot.mouseClick(screen.switch_button, Qt.MouseButton.LeftButton)
    assert asked
    assert lock.is_locked
    screen.ask_unsaved = lambda: UnsavedChoice.SAVE
    with qtbot.waitSignal(lock.session_changed) as signal:
        qtbot.mouseClick(screen.switch_button, Qt.MouseButton.LeftButton)
    assert saved == [True]
    assert not discarded
    assert signal.args[0].staff_id != clinic.manager.staff_id
    assert not lock.is_locked
    lock.stop()
