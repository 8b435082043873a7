"""The staff and roles pages under pytest-qt, on the real database worker.

The worker is attached with the thread check on: a service call (or any database session)
on the GUI thread raises `WrongThreadError`, so these tests also prove the pages run every
service call on the worker. Set-up and assertions that read the database go through
`worker.call` (which runs on the worker and waits).
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import AuthenticationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui import roles_page as roles_module
from cicini_desktop.gui import staff_page as staff_module
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.roles_page import RolesPage
from cicini_desktop.gui.staff_page import EditorChoices, StaffEditor, StaffPage
from cicini_desktop.services.roles import list_roles, save_matrix
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import get_staff, list_providers, list_staff
from cicini_desktop.store.thread_guard import WrongThreadError
from tests.services.identity.conftest import (
    MEMBER_PASSWORD,
    Clinic,
    make_clinic,
    require_audit,
)


@pytest.fixture
def clinic(context) -> Clinic:
    return make_clinic(context)


@pytest.fixture
def hub(clinic_hub: OperationHub) -> OperationHub:
    """The shared worker-and-hub of tests/gui/conftest.py, over this file's `clinic`."""
    return clinic_hub


def settle(qtbot, hub: OperationHub) -> None:
    """Wait until every operation started so far (and those their callbacks started) ended."""
    qtbot.waitUntil(lambda: not hub.busy, timeout=5000)


def staff_page(qtbot, keep, clinic: Clinic, hub: OperationHub, actor=None) -> StaffPage:
    page = StaffPage(clinic.context, actor or clinic.manager.actor, hub)
    qtbot.addWidget(page)
    keep.append(page)
    page.show()
    settle(qtbot, hub)
    return page


def test_the_gui_thread_may_not_open_a_session(clinic, hub):
    with pytest.raises(WrongThreadError):
        list_staff(clinic.context, clinic.manager.actor)
    assert len(hub.worker.call(lambda: list_staff(clinic.context, clinic.manager.actor))) == 1


def test_staff_page_search_create_and_deactivate(qtbot, keep, clinic, hub, monkeypatch):
    worker, actor = hub.worker, clinic.manager.actor
    worker.call(
        lambda: clinic.add_member("anna", BuiltInRole.RECEPTIONIST, display_name="Anna Berg")
    )
    page = staff_page(qtbot, keep, clinic, hub)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "berg")
    settle(qtbot, hub)
    assert [r.display_name for r in page.model.rows] == ["Anna Berg"]
    page.search.clear()
    settle(qtbot, hub)
    assert page.model.rowCount() == 2

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor_dialog is not None and page.editor_dialog.isVisible())
    editor = page.editor_dialog
    qtbot.keyClicks(editor.display_name, "Carl Doe")
    qtbot.keyClicks(editor.username, "carl")
    qtbot.keyClicks(editor.password, "first day password 1")
    for i in range(editor.roles.count()):
        if editor.roles.item(i).text() == "Clinician":
            editor.roles.item(i).setCheckState(Qt.CheckState.Checked)
    editor.is_provider.setChecked(True)
    qtbot.keyClicks(editor.colour, "#aa3366")
    editor.save()
    assert not editor.save_button.isEnabled()  # while the write runs on the worker
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().username == "carl")
    assert page.editor_dialog is None  # accepted and closed
    carl = next(
        s for s in worker.call(lambda: list_staff(clinic.context, actor)) if s.username == "carl"
    )
    assert carl.is_provider
    assert carl.colour == "#AA3366"
    assert page.selected().id == carl.id
    details = worker.call(lambda: get_staff(clinic.context, actor, carl.id))
    assert details.must_change_password  # the temporary password must be replaced

    page.role_filter.setCurrentIndex(page.role_filter.findText("Clinician"))
    settle(qtbot, hub)
    assert [r.id for r in page.model.rows] == [carl.id]
    page.role_filter.setCurrentIndex(0)
    settle(qtbot, hub)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select_id(carl.id)
    assert page.toggle_button.text() == "&Deactivate"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert carl.id not in {r.id for r in page.model.rows}  # "Active" filter by default
    assert not worker.call(lambda: get_staff(clinic.context, actor, carl.id)).active


def test_editor_shows_a_refusal_inline_and_stays_open(qtbot, keep, clinic, hub):
    hub.worker.call(lambda: clinic.add_member("anna", BuiltInRole.RECEPTIONIST))
    page = staff_page(qtbot, keep, clinic, hub)
    page.new_member()
    qtbot.waitUntil(lambda: page.editor_dialog is not None and page.editor_dialog.isVisible())
    editor = page.editor_dialog
    qtbot.keyClicks(editor.display_name, "Second Anna")
    qtbot.keyClicks(editor.username, "anna")  # taken
    qtbot.keyClicks(editor.password, "first day password 1")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.error.text() != "")
    assert "username is taken" in editor.error.text()
    assert editor.save_button.isEnabled()  # free to correct and save again
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted

    editor.username.setText("anna2")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().username == "anna2")
    assert page.model.rowCount() == 3


def test_edit_reset_password_unlock_and_reactivate(qtbot, keep, clinic, hub, clock, monkeypatch):
    worker, context, actor = hub.worker, clinic.context, clinic.manager.actor
    context.config = context.config.with_values(**{"sign_in.delay_seconds": 0.01})
    member = worker.call(lambda: clinic.add_member("rita", BuiltInRole.RECEPTIONIST))

    def wrong_password() -> None:
        with contextlib.suppress(AuthenticationError):
            sign_in(context, "rita", "wrong password!!")

    for _ in range(5):
        clock.advance(seconds=30)
        worker.call(wrong_password)
    assert worker.call(lambda: get_staff(context, actor, member)).locked
    page = staff_page(qtbot, keep, clinic, hub)
    page.select_id(member)
    assert page.unlock_button.isEnabled()
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert not worker.call(lambda: get_staff(context, actor, member)).locked

    page.select_id(member)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor_dialog is not None and page.editor_dialog.isVisible())
    page.editor_dialog.display_name.setText("Rita Lind")
    page.editor_dialog.save()
    qtbot.waitUntil(lambda: "Rita Lind" in [r.display_name for r in page.model.rows])
    assert worker.call(lambda: get_staff(context, actor, member)).display_name == "Rita Lind"

    monkeypatch.setattr(
        staff_module.QInputDialog, "getText", lambda *a, **k: ("new lantern words 77", True)
    )
    page.select_id(member)
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    session = worker.call(lambda: sign_in(context, "rita", "new lantern words 77"))
    assert session.must_change_password

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select_id(member)
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    page.active_filter.setCurrentIndex(page.active_filter.findText("Deactivated"))
    settle(qtbot, hub)
    assert [r.id for r in page.model.rows] == [member]
    page.select_id(member)
    assert page.toggle_button.text() == "&Reactivate"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert page.model.rowCount() == 0
    assert worker.call(lambda: get_staff(context, actor, member)).active


def test_staff_filters_have_labels(qtbot, keep, clinic, hub):
    page = staff_page(qtbot, keep, clinic, hub)
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel)}
    assert buddies.get(page.role_filter) == "R&ole:"
    assert buddies.get(page.active_filter) == "Sta&tus:"


def test_staff_page_is_read_only_for_receptionist(qtbot, keep, clinic, hub):
    hub.worker.call(lambda: clinic.add_member("rita", BuiltInRole.RECEPTIONIST))
    actor = hub.worker.call(lambda: sign_in(clinic.context, "rita", MEMBER_PASSWORD)).actor
    page = staff_page(qtbot, keep, clinic, hub, actor)
    page.table.selectRow(0)
    assert page.model.rowCount() == 2
    assert page.selected() is not None
    assert not page.new_button.isEnabled()
    assert not page.edit_button.isEnabled()


def roles_page(qtbot, keep, clinic: Clinic, hub: OperationHub) -> RolesPage:
    page = RolesPage(clinic.context, clinic.manager.actor, hub)
    qtbot.addWidget(page)
    keep.append(page)
    page.show()
    settle(qtbot, hub)
    return page


def stored_permissions(clinic: Clinic, hub: OperationHub) -> dict[str, frozenset[Permission]]:
    roles = hub.worker.call(lambda: list_roles(clinic.context, clinic.manager.actor))
    return {r.id: r.permissions for r in roles}


def test_matrix_editor_saves_cancels_and_audits(qtbot, keep, clinic, hub):
    page = roles_page(qtbot, keep, clinic, hub)
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    assert page.table.columnCount() == 5  # description + four built-in roles
    cell = page.cell(Permission.AUDIT_VIEW, reception)
    assert cell.checkState() == Qt.CheckState.Unchecked
    cell.setCheckState(Qt.CheckState.Checked)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert page.cell(Permission.AUDIT_VIEW, reception).checkState() == Qt.CheckState.Unchecked
    assert not page.save_button.isEnabled()

    page.cell(Permission.AUDIT_VIEW, reception).setCheckState(Qt.CheckState.Checked)
    page.cell(Permission.WAITLIST_MANAGE, reception).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(hub.operation_did_execute) as signal:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert not page.save_button.isEnabled()  # while the write runs
    changes, initiator = signal.args
    assert changes.roles
    assert initiator is page
    settle(qtbot, hub)
    assert page.status.text() == "Saved."
    assert not page.dirty
    stored = stored_permissions(clinic, hub)
    assert Permission.AUDIT_VIEW in stored[reception]
    assert Permission.WAITLIST_MANAGE not in stored[reception]
    assert page.cell(Permission.AUDIT_VIEW, reception).checkState() == Qt.CheckState.Checked
    rows = hub.worker.call(lambda: require_audit(clinic.context))
    assert any(
        r["action"] == AuditAction.PERMISSION_GRANTED.value
        and r["details"] == {"permission": "audit.view", "role_id": reception}
        for r in rows
    )
    assert any(
        r["action"] == AuditAction.PERMISSION_REVOKED.value
        and r["details"] == {"permission": "waitlist.manage", "role_id": reception}
        for r in rows
    )


def test_matrix_editor_refuses_to_break_the_invariant(qtbot, keep, clinic, hub, monkeypatch):
    shown = []
    monkeypatch.setattr(roles_module, "show_error", lambda parent, title, text: shown.append(text))
    page = roles_page(qtbot, keep, clinic, hub)
    manager_role = clinic.role_ids[BuiltInRole.PRACTICE_MANAGER]
    page.cell(Permission.ROLE_MANAGE, manager_role).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert "manage roles" in shown[0]
    assert page.status.text() == shown[0]
    assert page.dirty  # the ticks stay, to be corrected or cancelled
    assert page.save_button.isEnabled()
    assert Permission.ROLE_MANAGE in stored_permissions(clinic, hub)[manager_role]


def test_matrix_editor_sends_the_versions_it_read(qtbot, keep, clinic, hub, monkeypatch):
    shown = []
    monkeypatch.setattr(roles_module, "show_error", lambda parent, title, text: shown.append(text))
    page = roles_page(qtbot, keep, clinic, hub)
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    # Another workstation changes the role meanwhile (no broadcast reaches this page).
    hub.worker.call(
        lambda: save_matrix(
            clinic.context,
            clinic.manager.actor,
            {reception: stored_permissions(clinic, hub)[reception] | {Permission.AUDIT_VIEW}},
        )
    )
    page.cell(Permission.SETTINGS_MANAGE, reception).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert "changed these roles meanwhile" in shown[0]
    assert Permission.SETTINGS_MANAGE not in stored_permissions(clinic, hub)[reception]


def test_new_role_from_the_editor(qtbot, keep, clinic, hub, monkeypatch):
    monkeypatch.setattr(roles_module.QInputDialog, "getText", lambda *a, **k: ("Locum", True))
    page = roles_page(qtbot, keep, clinic, hub)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Locum" in [r.name for r in page.roles])
    assert page.table.columnCount() == 6


def test_pages_follow_each_others_changes_through_the_hub(qtbot, keep, clinic, hub, monkeypatch):
    monkeypatch.setattr(roles_module.QInputDialog, "getText", lambda *a, **k: ("Locum", True))
    roles = roles_page(qtbot, keep, clinic, hub)
    staff = staff_page(qtbot, keep, clinic, hub)
    assert staff.role_filter.findText("Locum") == -1
    with qtbot.waitSignal(hub.operation_did_execute) as signal:
        roles.new_role()
    changes, initiator = signal.args
    assert changes.roles
    assert initiator is roles
    qtbot.waitUntil(lambda: staff.role_filter.findText("Locum") != -1)


def test_staff_editor_limits_roles_to_providers_and_sets_services(qtbot, keep, clinic, hub):
    context, actor, worker = clinic.context, clinic.manager.actor, hub.worker
    doctor = worker.call(lambda: clinic.add_member("doc", BuiltInRole.CLINICIAN, is_provider=True))
    member = worker.call(lambda: clinic.add_member("rec", BuiltInRole.RECEPTIONIST))
    choices = EditorChoices(
        worker.call(lambda: list_providers(context, actor, include_inactive=True)),
        [("type-a", "Consultation"), ("type-b", "Check-up")],
        worker.call(lambda: get_staff(context, actor, member)),
    )
    editor = StaffEditor(
        context, actor, hub, worker.call(lambda: list_roles(context, actor)), choices
    )
    qtbot.addWidget(editor)
    keep.append(editor)
    scope_items = [editor.scope.item(i) for i in range(editor.scope.count())]
    next(i for i in scope_items if i.text() == "Person doc").setCheckState(Qt.CheckState.Checked)
    editor.services.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert editor.result() == QDialog.DialogCode.Accepted, editor.error.text()
    assert editor.result_id == member
    details = worker.call(lambda: get_staff(context, actor, member))
    assert [a.provider_scope for a in details.assignments] == [frozenset({doctor})]
    assert details.service_ids == {"type-b"}
    rec = worker.call(lambda: sign_in(context, "rec", MEMBER_PASSWORD))
    assert rec.actor.provider_scope == {doctor}


def test_the_calendar_colour_comes_from_the_colour_picker(qtbot, keep, clinic, hub):
    page = staff_page(qtbot, keep, clinic, hub)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor_dialog is not None and page.editor_dialog.isVisible())
    editor = page.editor_dialog
    assert editor.colour_button.accessibleName() == "Choose the calendar colour"
    qtbot.mouseClick(editor.colour_button, Qt.MouseButton.LeftButton)
    picker = editor.colour_dialog
    assert picker is not None
    assert picker.isVisible()
    picker.setCurrentColor(QColor("#22aa55"))
    picker.accept()
    assert editor.colour.text() == "#22AA55"
    editor.reject()
