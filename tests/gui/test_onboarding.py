from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cicini_desktop.gui.onboarding import OnboardingWizard, available_zones
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.logging_setup import configure_logging
from cicini_desktop.services.clinic import clinic_name
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.worker import DatabaseWorker
from tests.services.identity.conftest import audit_rows


def _next(qtbot, wizard):
    button = wizard.button(
        QWizard.WizardButton.CommitButton
        if wizard.currentPage().isCommitPage()
        else QWizard.WizardButton.NextButton
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def log_file(tmp_path):
    path = configure_logging(tmp_path / "logs", "debug")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_cicini", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def bare_hub(qapp):
    """A worker with no clinic yet: the wizard creates the clinic on it."""
    worker = DatabaseWorker()
    hub = OperationHub(worker)
    yield hub
    hub.shutdown()
    worker.shutdown()


def test_wizard_sets_up_clinic_and_first_manager(
    qtbot, config, vault, clock, tmp_path, log_file, bare_hub
):
    wizard = OnboardingWizard(config, bare_hub, vault=vault, clock=clock)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.organisation_page
    assert page.timezone.currentText() in available_zones()
    _next(qtbot, wizard)
    assert wizard.currentPage() is page  # no name yet
    assert "name" in page.error.text()
    qtbot.keyClicks(page.name, "Praxis am Park")
    page.timezone.setCurrentText("")
    qtbot.keyClicks(page.timezone, "Europe/Vienna")
    _next(qtbot, wizard)

    contact = wizard.contact_page
    assert wizard.currentPage() is contact
    qtbot.keyClicks(contact.email, "not-an-email")
    _next(qtbot, wizard)
    assert wizard.currentPage() is contact
    contact.email.clear()
    qtbot.keyClicks(contact.name, "Petra Kontakt")
    qtbot.keyClicks(contact.email, "office@praxis.example")
    qtbot.keyClicks(contact.phone, "12")
    _next(qtbot, wizard)
    assert "phone" in contact.error.text()
    contact.phone.clear()
    qtbot.keyClicks(contact.phone, "+43 1 58801")
    _next(qtbot, wizard)

    manager = wizard.manager_page
    assert wizard.currentPage() is manager
    qtbot.keyClicks(manager.display_name, "Paula Manager")
    qtbot.keyClicks(manager.username, "paula")
    qtbot.keyClicks(manager.password, "password1234")
    qtbot.keyClicks(manager.repeat, "password1234")
    _next(qtbot, wizard)
    assert wizard.currentPage() is manager
    assert "attackers" in manager.error.text()
    assert not config.database_path.exists()  # nothing created while a field is wrong
    for field in (manager.password, manager.repeat):
        field.clear()
        qtbot.keyClicks(field, "juniper cobalt ferry 8")
    _next(qtbot, wizard)

    key_page = wizard.key_page
    assert wizard.currentPage() is key_page
    groups = wizard.recovery_groups()
    assert len(groups) == 13
    assert groups[0] in key_page.key_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    pdf = tmp_path / "key.pdf"
    key_page.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (pdf.stat().st_mode & 0o777) == 0o600
    qtbot.mouseClick(key_page.kept, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard)

    confirm = wizard.confirm_page
    assert wizard.currentPage() is confirm
    wrong = groups[(confirm.group_index + 1) % len(groups)]
    qtbot.keyClicks(confirm.group, wrong)
    _next(qtbot, wizard)
    if wrong.upper() != groups[confirm.group_index].upper():
        assert wizard.currentPage() is confirm
        assert "does not match" in confirm.error.text()
    confirm.group.clear()
    qtbot.keyClicks(confirm.group, groups[confirm.group_index].lower())
    _next(qtbot, wizard)

    # The wizard ends on the set-up checklist: nothing is bookable yet, each step a button.
    checklist_page = wizard.checklist_page
    assert wizard.currentPage() is checklist_page
    qtbot.waitUntil(lambda: checklist_page.checklist is not None, timeout=10_000)
    checklist = checklist_page.checklist
    qtbot.waitUntil(lambda: checklist.result is not None, timeout=10_000)
    assert not checklist.result.bookable
    assert set(checklist.buttons) == {
        "opening_hours",
        "providers",
        "provider_hours",
        "appointment_types",
    }
    qtbot.mouseClick(checklist.buttons["opening_hours"], Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.open_after == "setup_hours"
    assert wizard.recovery_groups() == []  # forgotten once closed

    context = wizard.context
    try:
        assert clinic_name(context) == "Praxis am Park"
        session = sign_in(context, "Paula", "juniper cobalt ferry 8")
        assert session.staff_id == wizard.manager_id
        # Names, usernames, contact details and the key reach neither the audit nor the log.
        audit_text = repr(audit_rows(context)).casefold()
        assert "organization.created" in audit_text
        log_text = log_file.read_text(encoding="utf-8").casefold()
        assert "onboarding: clinic created" in log_text
        for secret in ("paula", "petra", "office@praxis.example", groups[0].casefold()):
            assert secret not in audit_text
            assert secret not in log_text
    finally:
        context.database.close()


def test_cancel_is_refused_once_the_clinic_exists(qtbot, config, vault, clock, bare_hub):
    wizard = OnboardingWizard(config, bare_hub, vault=vault, clock=clock)
    qtbot.addWidget(wizard)
    wizard.organisation_page.name.setText("Clinic")
    wizard.organisation_page.timezone.setCurrentText("Europe/Berlin")
    wizard.manager_page.username.setText("boss")
    wizard.manager_page.display_name.setText("Boss")
    wizard.manager_page.password.setText("juniper cobalt ferry 8")
    wizard.create()
    wizard.reject()
    assert wizard.result() != QWizard.DialogCode.Rejected or wizard.isVisible() is False
    assert wizard.recovery_groups()  # still there: the key was not skipped
    wizard.context.database.close()
