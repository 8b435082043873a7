"""Correcting a patient's record from the Patients page: real services, real SQLCipher clinic."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import validation
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.patient_editor import RESTRICTED_SENTENCE, STALE_SENTENCE
from cicini_desktop.gui.patients_page import PatientsPage
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from cicini_desktop.services import privacy
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import patients as pats
from cicini_desktop.store.models.audit import AuditRecord

from .conftest import Clinic, open_window, settle


def corrections(clinic: Clinic) -> list[AuditRecord]:
    def read() -> list[AuditRecord]:
        with clinic.context.database.session() as session:
            return list(
                session.scalars(
                    select(AuditRecord).where(
                        AuditRecord.action == AuditAction.PATIENT_CORRECTED.value
                    )
                )
            )

    return clinic.context.on_worker(read)


def make_page(qtbot, clinic: Clinic, hub: OperationHub, actor: Actor) -> PatientsPage:
    page = PatientsPage(ServicesBackend(clinic.context, actor), hub, True)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def find(qtbot, page: PatientsPage, hub: OperationHub, text: str) -> None:
    page.picker.search.setText(text)
    qtbot.waitUntil(lambda: page.picker.results.count() == 1, timeout=10_000)
    settle(qtbot, hub)


def open_editor(qtbot, page: PatientsPage, hub: OperationHub):
    page.picker.results.setCurrentRow(0)  # choosing enables the button
    assert page.edit_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.editor
    assert dialog is not None
    settle(qtbot, hub)
    return dialog


def test_correcting_a_phone_is_saved_and_audited_by_id_only(qtbot, clinic, hub) -> None:
    page = make_page(qtbot, clinic, hub, clinic.manager.actor)
    find(qtbot, page, hub, "Lovelace")
    dialog = open_editor(qtbot, page, hub)
    assert (dialog.given.text(), dialog.family.text()) == ("Ada", "Lovelace")
    assert dialog.form.isEnabled()
    assert not dialog.banner.isVisible()

    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "030 7654321")
    with qtbot.waitSignal(hub.operation_did_execute, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert blocker.args[0].patients
    assert page.editor is None  # the dialog closed after saving
    assert page.details.text() == "The corrections were saved."

    row = clinic.context.on_worker(
        lambda: pats.get_patient(clinic.context, clinic.manager.actor, clinic.ada)
    )
    assert row.phone == "+49307654321"
    assert (row.given_name, row.family_name, row.version) == ("Ada", "Lovelace", 2)
    [record] = corrections(clinic)
    assert record.outcome == "success"
    assert (record.target_type, record.target_id) == ("patient", clinic.ada)
    assert record.actor_id == clinic.manager.staff_id
    assert json.loads(record.details) == {}
    stored = " ".join(str(v) for v in vars(record).values())
    for value in ("7654321", "Ada", "Lovelace"):
        assert value not in stored


def test_invalid_email_shows_the_sentence_and_keeps_the_typing(qtbot, clinic, hub) -> None:
    page = make_page(qtbot, clinic, hub, clinic.receptionist.actor)
    find(qtbot, page, hub, "Turing")
    page.picker.results.setCurrentRow(0)
    page.picker.results.setFocus()
    QTest.keyClick(page.picker.results, Qt.Key.Key_Return)  # Enter opens the editor too
    dialog = page.editor
    assert dialog is not None
    settle(qtbot, hub)

    qtbot.keyClicks(dialog.email, "alan at bletchley")
    qtbot.keyClicks(dialog.note, "x" * 12)
    assert dialog.note_counter.text() == "12 / 200 characters"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)

    with pytest.raises(ValidationError) as expected:
        validation.email("alan at bletchley")
    assert dialog.error.text() == expected.value.user_message
    assert dialog.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.email.text() == "alan at bletchley"
    assert dialog.note.toPlainText() == "x" * 12
    alan = clinic.context.on_worker(
        lambda: pats.get_patient(clinic.context, clinic.manager.actor, clinic.alan)
    )
    assert alan.email is None
    assert corrections(clinic) == []

    # A note over the limit: the counter warns while typing, the service's sentence on save.
    dialog.email.clear()
    dialog.note.setPlainText("y" * 201)
    assert dialog.note_counter.text() == "201 / 200 characters"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert "shorten it to 200" in dialog.error.text()
    assert dialog.note.toPlainText() == "y" * 201


def test_stale_edit_offers_reload(qtbot, clinic, hub) -> None:
    page = make_page(qtbot, clinic, hub, clinic.receptionist.actor)
    find(qtbot, page, hub, "Hopper")
    dialog = open_editor(qtbot, page, hub)
    # Someone else corrects the record meanwhile.
    clinic.context.on_worker(
        lambda: pats.edit_patient(
            clinic.context,
            clinic.manager.actor,
            clinic.grace,
            pats.PatientInput("Grace", "Hopper-Murray"),
            expected_version=1,
        )
    )
    qtbot.keyClicks(dialog.phone, "030 1111111")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert dialog.error.text() == STALE_SENTENCE
    assert dialog.reload_button.isVisible()
    assert dialog.phone.text() == "030 1111111"

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    settle(qtbot, hub)
    assert dialog.family.text() == "Hopper-Murray"
    assert dialog.error.text() == ""
    assert not dialog.reload_button.isVisible()
    assert len(corrections(clinic)) == 1  # only the other member's save


def test_restricted_patient_form_is_disabled_with_the_reason(qtbot, clinic, hub) -> None:
    clinic.context.on_worker(
        lambda: privacy.set_restriction(
            clinic.context, clinic.manager.actor, clinic.ada, restricted=True
        )
    )
    page = make_page(qtbot, clinic, hub, clinic.manager.actor)
    find(qtbot, page, hub, "Lovelace")
    dialog = open_editor(qtbot, page, hub)
    assert dialog.given.text() == "Ada"
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == RESTRICTED_SENTENCE
    assert "Privacy page" in dialog.banner.text()
    assert not dialog.form.isEnabled()
    assert not dialog.given.isEnabled()
    assert not dialog.note.isEnabled()
    assert not dialog.save_button.isEnabled()


def test_without_patient_edit_there_is_no_enabled_edit_button(qtbot, clinic, hub) -> None:
    viewer = dataclasses.replace(
        clinic.receptionist.actor,
        permissions=clinic.receptionist.actor.permissions - {Permission.PATIENT_EDIT},
    )
    page = make_page(qtbot, clinic, hub, viewer)
    find(qtbot, page, hub, "Lovelace")
    page.picker.results.setCurrentRow(0)
    assert page.picker.chosen is not None
    assert not page.edit_button.isEnabled()
    assert "patient.edit" in page.edit_button.toolTip()
    page.picker.results.setFocus()
    QTest.keyClick(page.picker.results, Qt.Key.Key_Return)
    QTest.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.edit_chosen() is None
    assert page.editor is None


def test_the_window_s_patients_page_can_correct_records(qtbot, clinic, hub) -> None:
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = window.show_page("patients")
    assert isinstance(page, PatientsPage)
    assert page.may_edit
    for widget in (page.edit_button, page.picker.search, page.picker.results):
        assert widget.accessibleName()
