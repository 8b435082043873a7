"""The Backups page: "Back up now" runs on the worker behind a cancellable progress dialog,
is audited under the member who asked, lists the backups kept, and says what went wrong."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui import backup_page as backup_module
from cicini_desktop.gui.backup_page import BackupPage
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.context import Actor
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.store.backup import verify_copy
from tests.services.identity.conftest import MEMBER_PASSWORD, Clinic, audit_rows, make_clinic


@pytest.fixture
def clinic(context) -> Clinic:
    return make_clinic(context)


@pytest.fixture
def it_admin(clinic: Clinic) -> Actor:
    """A signed-in IT Administrator: backups are theirs (the practice manager's role has
    no backup permission)."""
    clinic.add_member("ian.it", BuiltInRole.IT_ADMINISTRATOR)
    return sign_in(clinic.context, "ian.it", MEMBER_PASSWORD).actor


@pytest.fixture
def hub(clinic_hub: OperationHub) -> OperationHub:
    return clinic_hub


def _page(qtbot, keep, clinic: Clinic, hub: OperationHub, actor: Actor):
    widget = BackupPage(clinic.context, actor, hub)
    keep.append(widget)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _settle(qtbot, hub: OperationHub) -> None:
    qtbot.waitUntil(lambda: not hub.busy, timeout=20_000)


def test_back_up_now_writes_a_verified_copy_audited_under_the_it_administrator(
    qtbot, keep, clinic, it_admin, hub
):
    page = _page(qtbot, keep, clinic, hub, it_admin)
    assert page.table.rowCount() == 0
    target = page.folder / "manual.db"
    page.folder.mkdir(parents=True, exist_ok=True)

    page.back_up_to(target)
    assert not page.backup_button.isEnabled()
    _settle(qtbot, hub)

    assert page.backup_button.isEnabled()
    assert page.status.text().startswith(f"Backup written to {target} (")
    assert target.stat().st_mode & 0o777 == 0o600
    key = hub.worker.call(
        lambda: clinic.context.vault.load_key(clinic.context.database.database_id)
    )
    verify_copy(target, key, clinic=True)
    assert [page.table.item(row, 0).text() for row in range(page.table.rowCount())] == ["manual.db"]
    made = [
        row
        for row in hub.worker.call(lambda: audit_rows(clinic.context))
        if row["action"] == AuditAction.BACKUP_MADE.value
    ]
    assert [row["actor_id"] for row in made] == [it_admin.staff_id]


def test_cancel_leaves_no_file_and_the_page_ready_again(
    qtbot, keep, clinic, it_admin, hub, tmp_path
):
    page = _page(qtbot, keep, clinic, hub, it_admin)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    hold = threading.Event()
    hub.worker.submit(lambda: hold.wait(10))  # the worker is busy: the job waits its turn
    job = page.back_up_to(folder / "cancelled.db")
    assert job.dialog is not None
    job.dialog.findChild(QPushButton).click()  # Cancel
    hold.set()
    _settle(qtbot, hub)
    assert page.status.text() == "Backup cancelled; no file was left behind."
    assert page.backup_button.isEnabled()
    assert list(folder.iterdir()) == []


def test_a_target_that_exists_is_refused_with_a_sentence(
    qtbot, keep, clinic, it_admin, hub, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(backup_module, "show_error", lambda parent, title, text: shown.append(text))
    page = _page(qtbot, keep, clinic, hub, it_admin)
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"keep me")
    page.back_up_to(existing)
    _settle(qtbot, hub)
    assert shown == [f"{existing} already exists; choose a new file name for the backup."]
    assert existing.read_bytes() == b"keep me"
    assert page.status.text() == "No backup was made."
    assert page.backup_button.isEnabled()


def test_the_practice_manager_is_refused_with_a_sentence(
    qtbot, keep, clinic, hub, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(backup_module, "show_error", lambda parent, title, text: shown.append(text))
    page = _page(qtbot, keep, clinic, hub, clinic.manager.actor)
    page.back_up_to(tmp_path / "refused.db")
    _settle(qtbot, hub)
    assert shown
    assert "does not allow" in shown[0]
    assert not Path(tmp_path / "refused.db").exists()
