"""The window follows a manager's changes to the signed-in member's access.

A refused operation (or the minute timer, or a staff/roles change on this desk) makes the
FrontDesk re-read the member's roles on the worker: lost pages disappear with a sentence,
and a deactivated account ends at the sign-in dialog, saying why.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.application import FrontDesk
from cicini_desktop.gui.signed_in import SignedIn
from cicini_desktop.services import roles as role_service
from cicini_desktop.services import staff as staff_service
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.sessions import sign_in
from tests.gui.frontdesk.conftest import BERLIN, DESK_PASSWORD, ThroughWorker, settle

roles = ThroughWorker(role_service)
staff = ThroughWorker(staff_service)


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def open_desk(qtbot, clinic, hub):
    session = clinic.context.on_worker(lambda: sign_in(clinic.context, "desk", DESK_PASSWORD))
    desk = FrontDesk(clinic.context, hub, ClinicFacts("Test Clinic", BERLIN), demo=False)
    window = desk.open(SignedIn.of(session))  # the FrontDesk owns (and replaces) its windows
    settle(qtbot, hub)
    return desk, window


def test_a_revoked_page_disappears_after_the_refused_operation(qtbot, clinic, hub, boxes):
    desk, window = open_desk(qtbot, clinic, hub)
    assert "patients" in window.page_specs
    manager = clinic.manager.actor
    receptionist = next(
        r for r in roles.list_roles(clinic.context, manager) if r.name == "Receptionist"
    )
    roles.save_matrix(
        clinic.context,
        manager,
        {receptionist.id: receptionist.permissions - {Permission.PATIENT_VIEW}},
        expected_versions={receptionist.id: receptionist.version},
    )
    # The receptionist, still on the old window, searches for a patient: refused...
    patients = window.show_page("patients")
    patients.picker.search.setText("Lovelace")
    qtbot.waitUntil(lambda: desk.window is not window, timeout=10_000)
    settle(qtbot, hub)
    # ...and the window is rebuilt without the page, saying why.
    assert "patients" not in desk.window.page_specs
    assert desk.window.access_notice.isVisible()
    assert "no longer available" in desk.window.access_notice.text()
    assert any("does not allow" in text for text in boxes)
    desk.shutdown()


def test_a_deactivated_member_ends_at_the_sign_in_dialog_with_the_reason(qtbot, clinic, hub):
    desk, window = open_desk(qtbot, clinic, hub)
    staff.deactivate_staff(clinic.context, clinic.manager.actor, desk.signed_in.staff_id)
    desk.check_access()  # what the minute timer does
    qtbot.waitUntil(lambda: desk.sign_in_dialog is not None, timeout=10_000)
    assert not window.isVisible()
    assert "deactivated" in desk.sign_in_dialog.error.text()
    desk.shutdown()


def test_unchanged_access_leaves_the_window_alone(qtbot, clinic, hub):
    desk, window = open_desk(qtbot, clinic, hub)
    desk.check_access()
    settle(qtbot, hub)
    assert desk.window is window
    assert not window.access_notice.isVisible()
    desk.shutdown()
