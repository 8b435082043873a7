from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui import roles_page as roles_module
from cicini_desktop.gui import staff_page as staff_module
from cicini_desktop.gui.roles_page import RolesPage
from cicini_desktop.gui.staff_page import StaffPage
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import get_staff, list_staff
from tests.services.identity.conftest import (
    MEMBER_PASSWORD,
    Clinic,
    make_clinic,
    require_audit,
)


@pytest.fixture
def clinic(context) -> Clinic:
    return make_clinic(context)


def test_staff_page_search_create_and_deactivate(qtbot, clinic, monkeypatch):
    clinic.add_member("anna", BuiltInRole.RECEPTIONIST, display_name="Anna Berg")
    page = StaffPage(clinic.context, clinic.manager.actor, appointment_types=lambda: [])
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "berg")
    assert page.model.rowCount() == 1
    assert page.model.rows[0].display_name == "Anna Berg"
    page.search.clear()

    def fill_and_save(editor):
        qtbot.keyClicks(editor.display_name, "Carl Doe")
        qtbot.keyClicks(editor.username, "carl")
        qtbot.keyClicks(editor.password, "first day password 1")
        for i in range(editor.roles.count()):
            if editor.roles.item(i).text() == "Clinician":
                editor.roles.item(i).setCheckState(Qt.CheckState.Checked)
        editor.is_provider.setChecked(True)
        qtbot.keyClicks(editor.colour, "#aa3366")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        return editor.result()

    monkeypatch.setattr(staff_module.StaffEditor, "exec", fill_and_save)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    carl = next(s for s in list_staff(clinic.context, clinic.manager.actor) if s.username == "carl")
    assert carl.is_provider
    assert carl.colour == "#AA3366"
    assert page.selected().id == carl.id
    details = get_staff(clinic.context, clinic.manager.actor, carl.id)
    assert details.must_change_password  # the temporary password must be replaced

    role_index = page.role_filter.findText("Clinician")
    page.role_filter.setCurrentIndex(role_index)
    assert [r.id for r in page.model.rows] == [carl.id]
    page.role_filter.setCurrentIndex(0)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select_id(carl.id)
    assert page.toggle_button.text() == "&Deactivate"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert carl.id not in {r.id for r in page.model.rows}  # "Active" filter by default
    assert not get_staff(clinic.context, clinic.manager.actor, carl.id).active


def test_staff_page_is_read_only_for_receptionist(qtbot, clinic):
    clinic.add_member("rita", BuiltInRole.RECEPTIONIST)
    actor = sign_in(clinic.context, "rita", MEMBER_PASSWORD).actor
    page = StaffPage(clinic.context, actor, appointment_types=lambda: [])
    qtbot.addWidget(page)
    page.table.selectRow(0)
    assert page.model.rowCount() == 2
    assert not page.new_button.isEnabled()
    assert not page.edit_button.isEnabled()


def test_matrix_editor_saves_cancels_and_audits(qtbot, clinic):
    page = RolesPage(clinic.context, clinic.manager.actor)
    qtbot.addWidget(page)
    reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
    assert page.table.columnCount() == 5  # description + four built-in roles
    cell = page.cell(Permission.AUDIT_VIEW, reception)
    assert cell.checkState() == Qt.CheckState.Unchecked
    cell.setCheckState(Qt.CheckState.Checked)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.cell(Permission.AUDIT_VIEW, reception).checkState() == Qt.CheckState.Unchecked
    assert not page.save_button.isEnabled()

    page.cell(Permission.AUDIT_VIEW, reception).setCheckState(Qt.CheckState.Checked)
    page.cell(Permission.WAITLIST_MANAGE, reception).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = {r.id: r.permissions for r in list_roles(clinic.context, clinic.manager.actor)}
    assert Permission.AUDIT_VIEW in stored[reception]
    assert Permission.WAITLIST_MANAGE not in stored[reception]
    rows = require_audit(clinic.context)
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


def test_matrix_editor_refuses_to_break_the_invariant(qtbot, clinic, monkeypatch):
    shown = []
    monkeypatch.setattr(roles_module, "show_error", lambda parent, title, text: shown.append(text))
    page = RolesPage(clinic.context, clinic.manager.actor)
    qtbot.addWidget(page)
    manager_role = clinic.role_ids[BuiltInRole.PRACTICE_MANAGER]
    page.cell(Permission.ROLE_MANAGE, manager_role).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert shown
    assert "manage roles" in shown[0]
    stored = {r.id: r.permissions for r in list_roles(clinic.context, clinic.manager.actor)}
    assert Permission.ROLE_MANAGE in stored[manager_role]


def test_new_role_from_the_editor(qtbot, clinic, monkeypatch):
    monkeypatch.setattr(roles_module.QInputDialog, "getText", lambda *a, **k: ("Locum", True))
    page = RolesPage(clinic.context, clinic.manager.actor)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert "Locum" in [r.name for r in page.roles]
    assert page.table.columnCount() == 6


def test_pages_talk_to_the_operation_hub(qtbot, clinic):
    from cicini_desktop.gui.operations import OperationHub

    hub = OperationHub()
    try:
        roles = RolesPage(clinic.context, clinic.manager.actor, hub=hub)
        staff = StaffPage(clinic.context, clinic.manager.actor, hub=hub, appointment_types=list)
        qtbot.addWidget(roles)
        qtbot.addWidget(staff)
        reception = clinic.role_ids[BuiltInRole.RECEPTIONIST]
        roles.cell(Permission.AUDIT_VIEW, reception).setCheckState(Qt.CheckState.Checked)
        with qtbot.waitSignal(hub.operation_did_execute) as signal:
            roles.save()
        changes, initiator = signal.args
        assert changes.roles
        assert initiator is roles
    finally:
        hub.shutdown()


def test_staff_editor_limits_roles_to_providers_and_sets_services(qtbot, clinic):
    from cicini_desktop.gui.staff_page import StaffEditor

    doctor = clinic.add_member("doc", BuiltInRole.CLINICIAN, is_provider=True)
    member = clinic.add_member("rec", BuiltInRole.RECEPTIONIST)
    actor = clinic.manager.actor
    editor = StaffEditor(
        clinic.context,
        actor,
        list_roles(clinic.context, actor),
        get_staff(clinic.context, actor, member),
        appointment_types=[("type-a", "Consultation"), ("type-b", "Check-up")],
    )
    qtbot.addWidget(editor)
    scope_items = [editor.scope.item(i) for i in range(editor.scope.count())]
    next(i for i in scope_items if i.text() == "Person doc").setCheckState(Qt.CheckState.Checked)
    editor.services.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted, editor.error.text()
    details = get_staff(clinic.context, actor, member)
    assert [a.provider_scope for a in details.assignments] == [frozenset({doctor})]
    assert details.service_ids == {"type-b"}
    assert sign_in(clinic.context, "rec", MEMBER_PASSWORD).actor.provider_scope == {doctor}
