"""The reminder pages with real widgets, the real worker and the real services."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.reminders.desk_panel import RemindersPanel
from cicini_desktop.gui.reminders.processors_widget import NONE_CONFIGURED, ProcessorsWidget
from cicini_desktop.gui.reminders.rules_page import ReminderRulesPage
from cicini_desktop.services.reminders import rules
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.services.worker import DatabaseWorker
from tests.services.reminders import conftest as reminder_fixtures
from tests.services.reminders.conftest import (
    add_patient,
    add_rule,
    book,
    configure,
    configure_sms,
    smtp_settings,
)
from tests.services.reminders.helpers import utc
from tests.services.scheduling import conftest as scheduling

_template = scheduling._template
clinic = scheduling.clinic
gateway = reminder_fixtures.gateway

BERLIN = ZoneInfo("Europe/Berlin")
_workers: list[DatabaseWorker] = []


def attached_hub(clinic) -> OperationHub:
    """The database becomes the worker's from here on, as in the application."""
    worker = DatabaseWorker()
    clinic.context.attach_worker(worker)
    _workers.append(worker)
    return OperationHub(worker)


@pytest.fixture(autouse=True)
def _stop_workers(clinic):
    yield
    clinic.context.detach_worker()
    while _workers:
        _workers.pop().shutdown()


def test_a_manager_adds_a_rule_from_the_page(qtbot, clinic):
    hub = attached_hub(clinic)
    page = ReminderRulesPage(clinic.context, clinic.manager, hub)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.rule_type.count() > 1, timeout=5000)
    page.rule_name.setText("Two days ahead")
    page.rule_amount.setValue(2)
    page.rule_unit.setCurrentIndex(2)  # days
    page.rule_channel.setCurrentIndex(page.rule_channel.findData("sms"))
    page.save_rule_button.click()
    qtbot.waitUntil(lambda: page.rules_table.rowCount() == 1, timeout=5000)
    assert page.rules_table.item(0, 1).text() == "2 days before"
    [rule] = clinic.context.on_worker(lambda: rules.list_rules(clinic.context, clinic.manager))
    assert (rule.offset_minutes, rule.channel) == (2880, Channel.SMS)
    hub.shutdown()


def test_the_template_preview_counts_sms_parts_and_refuses_other_values(qtbot, clinic):
    configure(clinic)
    hub = attached_hub(clinic)
    page = ReminderRulesPage(clinic.context, clinic.manager, hub)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)
    page.template_channel.setCurrentIndex(page.template_channel.findData("sms"))
    qtbot.waitUntil(lambda: "SMS part" in page.preview_info.text(), timeout=5000)
    assert "Test Clinic" in page.preview.toPlainText()
    page.template_body.setPlainText(page.template_body.toPlainText() + " {{ surname }}")
    qtbot.waitUntil(lambda: "never include" in page.template_error.text(), timeout=5000)
    assert not page.save_template_button.isEnabled()
    page.template_body.setPlainText(
        "{{ clinic_name }} {{ clinic_phone }} {{ date }} {{ time }} {{ zone }} " + "x" * 200
    )
    qtbot.waitUntil(lambda: "x" * 200 in page.preview.toPlainText(), timeout=5000)
    assert "2 SMS parts (GSM-7)" in page.preview_info.text()
    assert page.save_template_button.isEnabled()
    assert not page.template_error.text()
    hub.shutdown()


def test_the_desk_panel_shows_failures_and_replies_and_resolves_a_reply(
    qtbot, clinic, gateway, clock
):
    configure_sms(clinic, gateway)
    add_rule(clinic, Channel.SMS, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", phone="+49 151 23456789")
    other = add_patient(clinic, "Otto", "Normal", phone="+49 151 11111111")
    book(clinic, datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN), patient)
    book(clinic, datetime(2026, 3, 18, 15, 30, tzinfo=BERLIN), other, provider=1)
    run_due_reminders(clinic.context)
    gateway.gateway.faults.append("400")
    clock.set(utc(2026, 3, 16, 14, 31))
    run_due_reminders(clinic.context)
    gateway.gateway.inject_reply("+4915123456789", "Can we make it later?", clock.now())
    run_due_reminders(clinic.context)

    hub = attached_hub(clinic)
    panel = RemindersPanel(clinic.context, clinic.manager, hub)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.replies.rowCount() == 1, timeout=5000)
    assert panel.failures.rowCount() == 1
    assert panel.today.rowCount() == 1  # the one sent today
    assert panel.replies.item(0, 4).text() == "Can we make it later?"
    assert "refused" in panel.failures.item(0, 5).text()
    assert "1 replies to handle" in panel.summary.text()
    panel.replies.selectRow(0)
    panel.done_button.click()
    qtbot.waitUntil(lambda: panel.replies.rowCount() == 0, timeout=5000)
    hub.shutdown()


def test_the_processors_widget_lists_what_each_service_receives(qtbot, clinic):
    hub = attached_hub(clinic)
    widget = ProcessorsWidget(clinic.context, clinic.manager, hub)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.text.text() == NONE_CONFIGURED, timeout=5000)
    clinic.context.on_worker(lambda: configure(clinic, smtp=smtp_settings(2525)))
    widget.refresh()
    qtbot.waitUntil(lambda: "Mail server 127.0.0.1" in widget.text.text(), timeout=5000)
    assert "email address" in widget.text.text()
    hub.shutdown()


def test_the_consent_widget_records_and_shows_consent(qtbot, clinic):
    from cicini_desktop.gui.reminders.consent_widget import ConsentWidget
    from cicini_desktop.services.reminders.consent import consent_of

    hub = attached_hub(clinic)
    widget = ConsentWidget(clinic.context, clinic.manager, hub)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.boxes[Channel.SMS].isEnabled()
    widget.set_patient(clinic.patient)
    qtbot.waitUntil(
        lambda: widget.states[Channel.SMS].text() == "no consent recorded", timeout=5000
    )
    widget.source.setCurrentIndex(1)  # signed on a form
    widget.boxes[Channel.SMS].setChecked(True)
    qtbot.waitUntil(lambda: "signed on a form" in widget.states[Channel.SMS].text(), timeout=5000)
    sms = next(
        s
        for s in clinic.context.on_worker(
            lambda: consent_of(clinic.context, clinic.manager, clinic.patient)
        )
        if s.channel is Channel.SMS
    )
    assert sms.granted
    assert sms.source.value == "patient_form"
    widget.boxes[Channel.SMS].setChecked(False)
    qtbot.waitUntil(lambda: "opted out" in widget.states[Channel.SMS].text(), timeout=5000)
    hub.shutdown()
