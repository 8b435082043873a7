"""The Privacy page: find a patient, see the restriction banner, preview the purge."""

from __future__ import annotations

from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.privacy_page import PrivacyPage
from cicini_desktop.services import privacy
from tests.services.scheduling import conftest as scheduling
from tests.services.scheduling.conftest import Clinic

_template = scheduling._template  # the scheduling fixtures, reused
clinic = scheduling.clinic


def test_restrict_from_the_page_shows_the_banner(qtbot, clinic: Clinic) -> None:
    hub = OperationHub()
    page = PrivacyPage(clinic.context, clinic.manager, hub=hub)
    qtbot.addWidget(page)
    page.show()
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
    assert clinic.patient not in privacy.bulk_export_patient_ids(clinic.context, clinic.manager)

    for button in page.findChildren(type(page.restrict_button)):
        if button.text() == "&Preview purge":
            button.click()
    qtbot.waitUntil(lambda: "Would remove" in page.purge_result.text(), timeout=5000)
    hub.shutdown()
