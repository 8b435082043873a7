"""SMS through the Twilio-style provider, against the reference gateway on loopback:
sending, delivery status and replies, all polled."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from cicini_desktop.core.reminders.vocabulary import CancelReplyAction, Channel, OutboxStatus
from cicini_desktop.services.reminders.consent import consent_of
from cicini_desktop.services.reminders.desk import desk_view, resolve_reply
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.store.models import Appointment, AppointmentHistory
from tests.services.reminders.conftest import add_patient, add_rule, book, configure_sms
from tests.services.reminders.helpers import audit_records, counter, outbox_rows, utc

BERLIN = ZoneInfo("Europe/Berlin")
WEDNESDAY_1430 = datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN)
PHONE = "+4915123456789"


def _setup(clinic, gateway, **settings):
    configure_sms(clinic, gateway, **settings)
    add_rule(clinic, Channel.SMS, 2 * 24 * 60)
    add_rule(clinic, Channel.SMS, 120)
    patient = add_patient(clinic, "Greta", "Sonnenschein", phone="+49 151 23456789")
    appointment = book(clinic, WEDNESDAY_1430, patient)
    return patient, appointment


def _send_first(clinic, gateway, clock):
    run_due_reminders(clinic.context)
    clock.set(utc(2026, 3, 16, 13, 31))
    report = run_due_reminders(clinic.context)
    assert report.sent == {"sms": 1}
    [sms] = gateway.gateway.outbound()
    return sms


def _status(clinic, appointment):
    with clinic.context.database.session() as session:
        return session.get(Appointment, appointment).status


def test_an_sms_reminder_goes_through_the_provider_with_minimum_content(clinic, gateway, clock):
    _setup(clinic, gateway)
    sms = _send_first(clinic, gateway, clock)
    assert sms["to"] == PHONE
    assert sms["from"] == "+4930555000"
    for expected in (
        "Test Clinic",
        "+49 30 555 0100",
        "Wednesday, 18 March 2026",
        "14:30",
        "CET (Europe/Berlin)",
        "YES",
        "STOP",
    ):
        assert expected in sms["body"]
    sent = [r for r in outbox_rows(clinic.context) if r.status == OutboxStatus.SENT]
    assert sent[0].provider_message_id == sms["sid"]
    assert counter(clinic.context, "reminder.sent_sms") == 1
    [record] = audit_records(clinic.context, "reminder.sent")
    assert record.target_id == sent[0].id
    assert PHONE not in record.details


def test_delivery_status_is_polled_and_a_failed_delivery_shows_at_the_desk(clinic, gateway, clock):
    _setup(clinic, gateway)
    sms = _send_first(clinic, gateway, clock)
    run_due_reminders(clinic.context)
    row = next(r for r in outbox_rows(clinic.context) if r.status == OutboxStatus.SENT)
    assert row.delivery_status == "sent"
    gateway.gateway.set_status(sms["sid"], "undelivered")
    run_due_reminders(clinic.context)
    [failure] = desk_view(clinic.context, clinic.manager).failures
    assert failure.outbox_id == row.id
    assert "could not deliver" in failure.explanation


@pytest.mark.parametrize("word", ["YES", "c", " Yes! "])
def test_yes_or_c_confirms_the_appointment_audited(clinic, gateway, clock, word):
    _, appointment = _setup(clinic, gateway)
    _send_first(clinic, gateway, clock)
    gateway.gateway.inject_reply(PHONE, word, clock.now())
    clock.advance(minutes=1)
    assert run_due_reminders(clinic.context).replies == 1
    assert _status(clinic, appointment) == "confirmed"
    with clinic.context.database.session() as session:
        steps = session.scalars(
            select(AppointmentHistory.to_status).where(
                AppointmentHistory.appointment_id == appointment
            )
        ).all()
    assert "confirmed" in steps
    [record] = audit_records(clinic.context, "reminder.reply_handled")
    sent = next(r for r in outbox_rows(clinic.context) if r.status == OutboxStatus.SENT)
    assert record.target_type == "reminder_outbox"
    assert record.target_id == sent.id
    # Codes only, never what the patient wrote.
    assert json.loads(record.details) == {
        "automatic": True,
        "intent": "confirm",
        "status": "confirmed",
    }
    assert run_due_reminders(clinic.context).replies == 0  # each reply is handled once
    assert not desk_view(clinic.context, clinic.manager).replies


def test_no_goes_to_the_front_desk_queue_by_default(clinic, gateway, clock):
    _, appointment = _setup(clinic, gateway)
    _send_first(clinic, gateway, clock)
    gateway.gateway.inject_reply(PHONE, "NO", clock.now())
    run_due_reminders(clinic.context)
    assert _status(clinic, appointment) == "booked"
    [reply] = desk_view(clinic.context, clinic.manager).replies
    assert reply.text == "NO"
    assert reply.patient_name == "Sonnenschein, Greta"


def test_cancel_cancels_when_the_clinic_says_so(clinic, gateway, clock):
    _, appointment = _setup(clinic, gateway, cancel_reply_action=CancelReplyAction.CANCEL)
    _send_first(clinic, gateway, clock)
    gateway.gateway.inject_reply(PHONE, "cancel", clock.now())
    run_due_reminders(clinic.context)
    assert _status(clinic, appointment) == "cancelled"
    assert not desk_view(clinic.context, clinic.manager).replies
    # The 2-hour reminder of the cancelled appointment is superseded, never sent.
    clock.set(utc(2026, 3, 18, 11, 31))
    assert run_due_reminders(clinic.context).sent == {}
    assert len(gateway.gateway.outbound()) == 1


def test_stop_opts_out_at_once(clinic, gateway, clock):
    patient, _ = _setup(clinic, gateway)
    _send_first(clinic, gateway, clock)
    gateway.gateway.inject_reply(PHONE, "STOP", clock.now())
    run_due_reminders(clinic.context)
    sms_consent = next(
        c for c in consent_of(clinic.context, clinic.manager, patient) if c.channel is Channel.SMS
    )
    assert not sms_consent.granted
    assert sms_consent.source.value == "sms_stop"
    clock.set(utc(2026, 3, 18, 11, 31))  # the 2-hour reminder's time
    run_due_reminders(clinic.context)
    assert len(gateway.gateway.outbound()) == 1
    assert not desk_view(clinic.context, clinic.manager).replies


def test_anything_else_goes_to_a_person(clinic, gateway, clock):
    _, appointment = _setup(clinic, gateway)
    _send_first(clinic, gateway, clock)
    gateway.gateway.inject_reply(PHONE, "Can I come at 4 instead?", clock.now())
    gateway.gateway.inject_reply("+4917000000000", "YES", clock.now())  # an unknown number
    run_due_reminders(clinic.context)
    assert _status(clinic, appointment) == "booked"
    replies = desk_view(clinic.context, clinic.manager).replies
    assert {r.text for r in replies} == {"Can I come at 4 instead?", "YES"}
    for reply in replies:
        resolve_reply(clinic.context, clinic.manager, reply.reply_id)
    assert not desk_view(clinic.context, clinic.manager).replies


def test_a_provider_5xx_is_retried_and_a_lost_answer_sends_no_second_sms(clinic, gateway, clock):
    _setup(clinic, gateway)
    run_due_reminders(clinic.context)
    gateway.gateway.faults.extend(["503"])
    clock.set(utc(2026, 3, 16, 13, 31))
    assert run_due_reminders(clinic.context).retrying == 1
    gateway.gateway.faults.extend(["accept-drop"])
    clock.advance(minutes=2)
    assert run_due_reminders(clinic.context).retrying == 1
    clock.advance(minutes=5)
    assert run_due_reminders(clinic.context).sent == {"sms": 1}
    assert len(gateway.gateway.outbound()) == 1  # the Idempotency-Key kept it to one
    assert gateway.gateway.send_attempts == 3


def test_an_invalid_number_fails_for_good(clinic, gateway, clock):
    configure_sms(clinic, gateway)
    add_rule(clinic, Channel.SMS, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", phone="+49 151 23456789")
    book(clinic, WEDNESDAY_1430, patient)
    run_due_reminders(clinic.context)
    gateway.gateway.faults.append("400")
    clock.set(utc(2026, 3, 16, 13, 31))
    assert run_due_reminders(clinic.context).failed == 1
    assert counter(clinic.context, "reminder.failed_sms") == 1
