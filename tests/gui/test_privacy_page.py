"""The Privacy page: find a patient, see the restriction banner, preview and run the purge.

The clinic's database belongs to the worker with the thread check on, so every service call
of the page must go through it; checks read the database through `worker.call`.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.gui import privacy_page as privacy_module
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.privacy_page import PrivacyPage
from cicini_desktop.services import privacy
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import patients
from cicini_desktop.services.worker import Progress
from tests.services.identity.conftest import audit_rows, make_clinic


@dataclass
class Clinic:
    context: ServiceContext
    manager: Actor  # a signed-in practice manager
    patient: str


@pytest.fixture
def clinic(context: ServiceContext) -> Clinic:
    """A clinic with its first manager (signed in) and two patients, one of them Müller."""
    manager = make_clinic(context).manager.actor
    patient, _ = patients.create_patient(
        context,
        manager,
        patients.PatientInput("Jürgen", "Müller", date(1980, 4, 12), phone="030 1234567"),
    )
    patients.create_patient(
        context, manager, patients.PatientInput("Ada", "Lovelace", date(1990, 12, 10))
    )
    return Clinic(context, manager, patient)


@pytest.fixture
def hub(clinic_hub: OperationHub) -> OperationHub:
    """The shared worker-and-hub of tests/gui/conftest.py, over this file's `clinic`."""
    return clinic_hub


@pytest.fixture
def page(qtbot, keep: list[object], clinic: Clinic, hub: OperationHub) -> PrivacyPage:
    widget = PrivacyPage(clinic.context, clinic.manager, hub)
    keep.append(widget)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not hub.busy, timeout=5000)
    return widget


def button(page: PrivacyPage, text: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == text)


def test_restrict_from_the_page_shows_the_banner(qtbot, clinic: Clinic, hub, page) -> None:
    page.search.setText("Müller")
    qtbot.waitUntil(lambda: page.results.count() == 1, timeout=5000)
    page.results.setCurrentRow(0)
    assert page.selected_id() == clinic.patient
    assert page.restrict_button.isEnabled()
    assert not page.banner.isVisible()

    page.restrict_button.click()
    qtbot.waitUntil(page.banner.isVisible, timeout=5000)
    assert page.unrestrict_button.isEnabled()
    assert not page.restrict_button.isEnabled()
    exported = hub.worker.call(
        lambda: privacy.bulk_export_patient_ids(clinic.context, clinic.manager)
    )
    assert clinic.patient not in exported

    button(page, "&Preview purge").click()
    qtbot.waitUntil(lambda: "Would remove" in page.purge_result.text(), timeout=5000)


def test_the_purge_runs_as_a_job_on_the_worker(qtbot, clinic: Clinic, hub, page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    purges_before = sum(
        r["action"] == AuditAction.RETENTION_PURGE.value
        for r in hub.worker.call(lambda: audit_rows(clinic.context))
    )
    with qtbot.waitSignal(hub.operation_did_execute, timeout=10_000) as signal:
        button(page, "Purge &now…").click()
        assert page.purge_result.text() == "Purging…"
    changes, initiator = signal.args
    assert changes.audit
    assert initiator is page
    assert page.purge_result.text().startswith("Removed ")
    assert "Would remove" not in page.purge_result.text()
    rows = hub.worker.call(lambda: audit_rows(clinic.context))
    purges = [r for r in rows if r["action"] == AuditAction.RETENTION_PURGE.value]
    assert len(purges) > purges_before  # the real purge audited itself (counts only)
    assert all(r["details"].get("automatic") is False for r in purges)


def test_a_cancelled_purge_says_so(qtbot, hub, page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    batches: list[int] = []

    def endless(_context, _actor) -> Generator[Progress, None, object]:
        while True:  # batches until cancelled, each on the worker
            batches.append(1)
            yield Progress("audit trail", 0.5)

    monkeypatch.setattr(privacy_module, "purge_job", endless)
    button(page, "Purge &now…").click()
    qtbot.waitUntil(lambda: len(batches) > 3, timeout=5000)
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel").click()
    qtbot.waitUntil(lambda: "cancelled" in page.purge_result.text(), timeout=5000)
    ran = len(batches)
    qtbot.wait(100)
    assert len(batches) == ran  # no batch after the cancel
