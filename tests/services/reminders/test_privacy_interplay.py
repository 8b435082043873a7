"""Reminders and the privacy rules: restriction, erasure, the retention purge, access."""

from __future__ import annotations

from sqlalchemy import delete, select

from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.services import privacy
from cicini_desktop.services.reminders.privacy import forget_patient, patient_reminder_data
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.store.models import (
    Appointment,
    AppointmentHistory,
    ReminderConsent,
    ReminderOutbox,
)
from tests.services.reminders.conftest import add_patient, add_rule, book, configure, smtp_settings
from tests.services.reminders.helpers import outbox_rows, utc
from tests.services.reminders.test_email_runner import WEDNESDAY_1430


def test_a_restricted_patient_gets_no_reminder(clinic, smtp, clock):
    configure(clinic, smtp=smtp_settings(smtp.port))
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    book(clinic, WEDNESDAY_1430, patient)
    run_due_reminders(clinic.context)
    privacy.set_restriction(clinic.context, clinic.manager, patient, restricted=True)
    clock.set(utc(2026, 3, 16, 13, 31))
    assert run_due_reminders(clinic.context).skipped == 1
    assert not smtp.box.attempts
    [row] = outbox_rows(clinic.context)
    assert (row.status, row.error_code) == (OutboxStatus.SKIPPED, "restricted")


def test_erasing_a_patient_with_consent_records_works_and_takes_them(clinic):
    configure(clinic)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    privacy.erase_patient(clinic.context, clinic.manager, patient)
    with clinic.context.database.session() as session:
        left = session.scalars(
            select(ReminderConsent).where(ReminderConsent.patient_id == patient)
        ).all()
    assert left == []


def test_the_purge_of_old_appointments_takes_their_outbox_rows(clinic):
    configure(clinic)
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    appointment = book(clinic, WEDNESDAY_1430, patient)
    run_due_reminders(clinic.context)
    assert len(outbox_rows(clinic.context)) == 1
    # What services/retention.py does to an appointment past retention.
    with clinic.context.database.session_factory.begin() as session:
        session.execute(
            delete(AppointmentHistory).where(AppointmentHistory.appointment_id == appointment)
        )
        session.execute(delete(Appointment).where(Appointment.id == appointment))
    with clinic.context.database.session() as session:
        assert session.scalars(select(ReminderOutbox)).all() == []


def test_access_export_and_forgetting(clinic):
    configure(clinic)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    with clinic.context.database.session_factory.begin() as session:
        data = patient_reminder_data(session, patient)
        assert [c["channel"] for c in data["reminder_consent"]] == ["email", "sms"]
        assert forget_patient(session, patient) == 2
        assert patient_reminder_data(session, patient)["reminder_consent"] == []
