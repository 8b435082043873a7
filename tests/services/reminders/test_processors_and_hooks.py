"""What the "Data shared with Cicini" page lists, and the eager supersession hook."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.services.reminders.outbox import supersede_pending
from cicini_desktop.services.reminders.processors import configured_processors
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.services.scheduling import appointments
from tests.services.reminders.conftest import (
    add_patient,
    add_rule,
    book,
    configure,
    sms_settings,
    smtp_settings,
)
from tests.services.reminders.helpers import outbox_rows


def test_no_processor_until_one_is_configured(clinic):
    assert configured_processors(clinic.context) == []
    configure(clinic, smtp=smtp_settings(2525))
    [email] = configured_processors(clinic.context)
    assert email.name == "Mail server 127.0.0.1"
    assert email.active
    assert "the patient's email address" in email.receives
    assert not any("first name" in item for item in email.receives)


def test_each_processor_says_what_it_receives(clinic, gateway):
    configure(clinic, smtp=smtp_settings(2525), sms=sms_settings(gateway), include_first_name=True)
    email, sms = configured_processors(clinic.context)
    assert sms.kind == "sms"
    assert sms.name == "SMS provider 127.0.0.1"
    assert "the patient's mobile number" in sms.receives
    assert "the patient's first name" in email.receives
    for processor in (email, sms):
        text = " ".join(processor.receives)
        for never in ("surname", "birth", "note", "service"):
            assert never not in text


def test_the_eager_hook_supersedes_at_once(clinic):
    configure(clinic)
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    when = datetime(2026, 3, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    appointment = book(clinic, when, patient)
    run_due_reminders(clinic.context)
    appointments.edit_note(clinic.context, clinic.manager, appointment, "x", expected_version=1)
    with clinic.context.database.session_factory.begin() as session:
        assert supersede_pending(session, appointment, now=0) == 1
    assert outbox_rows(clinic.context)[0].status == OutboxStatus.SUPERSEDED
