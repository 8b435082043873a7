"""The outbox, rules and runner sending email through a real SMTP server on loopback."""

from __future__ import annotations

import json
import random
from datetime import datetime
from zoneinfo import ZoneInfo

from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.core.scheduling.status import CancelReason
from cicini_desktop.services.reminders import consent
from cicini_desktop.services.reminders.desk import desk_view
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.services.scheduling import appointments
from tests.services.reminders.conftest import add_patient, add_rule, book, configure, smtp_settings
from tests.services.reminders.helpers import audit_records, counter, outbox_rows, utc

BERLIN = ZoneInfo("Europe/Berlin")
WEDNESDAY_1430 = datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN)  # 13:30 UTC


def _setup(clinic, smtp, *, offset=2 * 24 * 60, when=WEDNESDAY_1430):
    configure(clinic, smtp=smtp_settings(smtp.port))
    rule = add_rule(clinic, Channel.EMAIL, offset)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    appointment = book(clinic, when, patient)
    return rule, patient, appointment


def _run(clinic, **kw):
    return run_due_reminders(clinic.context, rng=random.Random(7), **kw)


def test_a_reminder_is_planned_then_sent_once_in_its_window(clinic, smtp, clock):
    _setup(clinic, smtp)
    report = _run(clinic)
    assert report.planned == 1
    assert sum(report.sent.values()) == 0
    [row] = outbox_rows(clinic.context)
    assert row.not_before == int(utc(2026, 3, 16, 13, 30).timestamp())  # 48 h before
    assert not smtp.box.delivered

    clock.set(utc(2026, 3, 16, 13, 31))
    assert _run(clinic).sent == {"email": 1}
    assert _run(clinic).sent == {}  # never twice
    [mail] = smtp.box.delivered
    [row] = outbox_rows(clinic.context)
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 1
    assert mail["Message-ID"] == row.message_id
    assert row.message_id.endswith("@praxis.example>")
    assert mail["To"] == "greta@patient.example"
    text = mail.get_payload()[0].get_payload(decode=True).decode()
    for expected in (
        "Test Clinic",
        "+49 30 555 0100",
        "Wednesday, 18 March 2026",
        "14:30",
        "CET (Europe/Berlin)",
    ):
        assert expected in text
    # The audit trail names the outbox row, never the recipient; counted by channel.
    [record] = audit_records(clinic.context, "reminder.sent")
    assert record.target_type == "reminder_outbox"
    assert record.target_id == row.id
    assert "greta" not in record.details
    assert json.loads(record.details)["channel"] == "email"
    assert counter(clinic.context, "reminder.sent_email") == 1


def test_a_temporary_4xx_is_retried_with_backoff(clinic, smtp, clock):
    _setup(clinic, smtp)
    _run(clinic)
    smtp.box.faults.append("451")
    clock.set(utc(2026, 3, 16, 13, 31))
    report = _run(clinic)
    assert report.retrying == 1
    assert report.sent == {}
    [row] = outbox_rows(clinic.context)
    now = int(clock.now().timestamp())
    assert row.status == OutboxStatus.PENDING
    assert row.attempts == 1
    assert row.error_code == "smtp_451"
    assert now < row.next_attempt_at <= now + 61  # first retry: full jitter under 60 s
    assert _run(clinic).sent == {}  # not before its retry time
    clock.advance(seconds=61)
    assert _run(clinic).sent == {"email": 1}
    assert len(smtp.box.delivered) == 1
    assert len(smtp.box.attempts) == 2
    assert outbox_rows(clinic.context)[0].attempts == 2


def test_a_permanent_5xx_fails_and_is_shown_at_the_desk(clinic, smtp, clock):
    _setup(clinic, smtp)
    _run(clinic)
    smtp.box.faults.append("550")
    clock.set(utc(2026, 3, 16, 13, 31))
    report = _run(clinic)
    assert report.failed == 1
    clock.advance(minutes=30)
    _run(clinic)
    assert len(smtp.box.attempts) == 1  # never retried
    [row] = outbox_rows(clinic.context)
    assert row.status == OutboxStatus.FAILED
    assert row.error_code == "smtp_550"
    view = desk_view(clinic.context, clinic.manager)
    [failure] = view.failures
    assert failure.outbox_id == row.id
    assert "smtp_550" in failure.explanation
    assert failure.patient_name == "Sonnenschein, Greta"
    assert counter(clinic.context, "reminder.failed_email") == 1
    [record] = audit_records(clinic.context, "reminder.failed")
    assert record.outcome == "failure"
    assert record.target_id == row.id


def test_a_connection_dropped_during_data_is_retried_without_a_second_message(clinic, smtp, clock):
    _setup(clinic, smtp)
    _run(clinic)
    smtp.box.faults.append("drop")
    clock.set(utc(2026, 3, 16, 13, 31))
    assert _run(clinic).retrying == 1
    clock.advance(minutes=2)
    assert _run(clinic).sent == {"email": 1}
    assert len(smtp.box.delivered) == 1
    assert len(set(smtp.box.attempts)) == 1  # both attempts: the same Message-ID


def test_a_copy_taken_before_the_connection_dropped_has_the_same_message_id(clinic, smtp, clock):
    # The server delivered, but its 250 never reached us: the retry is the same message
    # (same Message-ID), which servers and mail clients show once.
    _setup(clinic, smtp)
    _run(clinic)
    smtp.box.faults.append("deliver-drop")
    clock.set(utc(2026, 3, 16, 13, 31))
    _run(clinic)
    clock.advance(minutes=2)
    _run(clinic)
    ids = smtp.box.message_ids()
    assert len(ids) == 2
    assert len(set(ids)) == 1
    assert ids[0] == outbox_rows(clinic.context)[0].message_id
    assert len(audit_records(clinic.context, "reminder.sent")) == 1


def test_moving_supersedes_and_an_undone_move_sends_nothing(clinic, smtp, clock):
    # 2-hour reminder of Monday 15:00 (14:00 UTC): its time is 12:00 UTC.
    start = datetime(2026, 3, 16, 15, 0, tzinfo=BERLIN)
    _setup(clinic, smtp, offset=120, when=start)
    _run(clinic)
    [first] = outbox_rows(clinic.context)
    clock.set(utc(2026, 3, 16, 11, 59))
    moved = appointments.move_appointment(
        clinic.context,
        clinic.manager,
        first.appointment_id,
        expected_version=1,
        start=datetime(2026, 3, 16, 14, 30, tzinfo=BERLIN),
        end=datetime(2026, 3, 16, 15, 0, tzinfo=BERLIN),
    )
    del moved
    clock.set(utc(2026, 3, 16, 11, 59, 30))
    report = _run(clinic)
    assert report.superseded == 1
    assert report.planned == 1
    assert report.sent == {}
    clock.set(utc(2026, 3, 16, 12, 1))
    appointments.move_appointment(  # undone
        clinic.context,
        clinic.manager,
        first.appointment_id,
        expected_version=2,
        start=start,
        end=datetime(2026, 3, 16, 15, 30, tzinfo=BERLIN),
    )
    clock.set(utc(2026, 3, 16, 12, 2))
    report = _run(clinic)
    assert report.superseded == 1
    assert report.sent == {}
    clock.set(utc(2026, 3, 16, 12, 7))
    assert _run(clinic).sent == {"email": 1}
    [mail] = smtp.box.delivered
    text = mail.get_payload()[0].get_payload(decode=True).decode()
    assert "15:00" in text
    assert "14:30" not in text
    statuses = [r.status for r in outbox_rows(clinic.context)]
    assert statuses == ["superseded", "superseded", "sent"]


def test_a_reminder_already_sent_is_not_repeated_after_a_confirmation(clinic, smtp, clock):
    _, _, appointment = _setup(clinic, smtp)
    _run(clinic)
    clock.set(utc(2026, 3, 16, 13, 31))
    _run(clinic)
    from cicini_desktop.core.scheduling.status import AppointmentStatus

    appointments.change_status(
        clinic.context,
        clinic.manager,
        appointment,
        AppointmentStatus.CONFIRMED,
        expected_version=1,
    )
    clock.advance(minutes=10)
    report = _run(clinic)
    assert report.planned == 0
    assert len(smtp.box.delivered) == 1


def test_cancelling_supersedes_the_pending_reminder(clinic, smtp, clock):
    _, _, appointment = _setup(clinic, smtp)
    _run(clinic)
    appointments.cancel_appointment(
        clinic.context,
        clinic.manager,
        appointment,
        CancelReason.PATIENT_REQUEST,
        expected_version=1,
    )
    clock.set(utc(2026, 3, 16, 13, 31))
    report = _run(clinic)
    assert report.superseded == 1
    assert report.sent == {}
    assert not smtp.box.attempts


def test_an_opt_out_takes_effect_at_once(clinic, smtp, clock):
    _, patient, _ = _setup(clinic, smtp)
    _run(clinic)
    consent.record_consent(clinic.context, clinic.manager, patient, Channel.EMAIL, granted=False)
    assert outbox_rows(clinic.context)[0].status == OutboxStatus.SKIPPED
    clock.set(utc(2026, 3, 16, 13, 31))
    assert _run(clinic).sent == {}
    assert not smtp.box.attempts


def test_without_consent_nothing_is_sent(clinic, smtp, clock):
    configure(clinic, smtp=smtp_settings(smtp.port))
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    patient = add_patient(clinic, "Otto", "Normal", email="otto@patient.example", consent_to=())
    book(clinic, WEDNESDAY_1430, patient)
    _run(clinic)
    clock.set(utc(2026, 3, 16, 13, 31))
    report = _run(clinic)
    assert report.skipped == 1
    assert not smtp.box.attempts
    assert outbox_rows(clinic.context)[0].error_code == "opted_out"


def test_nothing_is_sent_after_the_window_closes(clinic, smtp, clock):
    _setup(clinic, smtp)
    _run(clinic)  # planned: 48 h before, late by at most 6 h
    smtp.stop()  # the machine was off...
    clock.set(utc(2026, 3, 16, 20, 0))  # ...until after the window (19:30 UTC)
    report = _run(clinic)
    assert report.expired == 1
    assert report.sent == {}
    assert outbox_rows(clinic.context)[0].status == OutboxStatus.EXPIRED


def test_switched_off_reminders_do_nothing(clinic, smtp, clock):
    _setup(clinic, smtp)
    configure(clinic, smtp=smtp_settings(smtp.port), enabled=False)
    report = _run(clinic)
    assert not report.enabled
    assert not outbox_rows(clinic.context)
