"""SMTP with STARTTLS or implicit TLS and authentication; the password from the keystore."""

from __future__ import annotations

import pytest

from cicini_desktop.core.reminders.vocabulary import Channel, SmtpSecurity
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.store.vault import SERVICE
from tests.services.reminders.conftest import add_patient, add_rule, book, configure, smtp_settings
from tests.services.reminders.helpers import outbox_rows, utc
from tests.services.reminders.smtp_server import PASSWORD, USER, start_smtp
from tests.services.reminders.test_email_runner import WEDNESDAY_1430


@pytest.mark.parametrize("security", [SmtpSecurity.STARTTLS, SmtpSecurity.TLS])
def test_tls_and_login_with_the_password_from_the_keystore(
    clinic, clock, server_tls, ca_file, memory_keyring, security
):
    running = start_smtp(tls=server_tls, implicit_tls=security is SmtpSecurity.TLS, auth=True)
    try:
        configure(
            clinic,
            smtp=smtp_settings(running.port, security, username=USER, ca_bundle=str(ca_file)),
        )
        reminder_settings.set_smtp_password(clinic.context, clinic.manager, PASSWORD)
        # The password is in the keystore, and nowhere in the database's settings.
        stored = [v for (s, _), v in memory_keyring.entries.items() if s == SERVICE]
        assert PASSWORD in stored
        add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
        patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
        book(clinic, WEDNESDAY_1430, patient)
        run_due_reminders(clinic.context)
        clock.set(utc(2026, 3, 16, 13, 31))
        assert run_due_reminders(clinic.context).sent == {"email": 1}
        assert running.box.logins == [USER]
        assert len(running.box.delivered) == 1
    finally:
        running.stop()


def test_a_wrong_password_is_retried_not_failed(clinic, clock, server_tls, ca_file):
    running = start_smtp(tls=server_tls, auth=True)
    try:
        configure(
            clinic,
            smtp=smtp_settings(
                running.port, SmtpSecurity.STARTTLS, username=USER, ca_bundle=str(ca_file)
            ),
        )
        reminder_settings.set_smtp_password(clinic.context, clinic.manager, "wrong")
        add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
        patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
        book(clinic, WEDNESDAY_1430, patient)
        run_due_reminders(clinic.context)
        clock.set(utc(2026, 3, 16, 13, 31))
        report = run_due_reminders(clinic.context)
        assert report.retrying == 1
        assert not running.box.delivered
        assert outbox_rows(clinic.context)[0].error_code == "smtp_auth"
    finally:
        running.stop()


def test_an_untrusted_certificate_is_refused(clinic, clock, server_tls):
    running = start_smtp(tls=server_tls)
    try:
        # No ca_bundle: the test CA is not trusted, so nothing is sent in the clear or at all.
        configure(clinic, smtp=smtp_settings(running.port, SmtpSecurity.STARTTLS))
        add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
        patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
        book(clinic, WEDNESDAY_1430, patient)
        run_due_reminders(clinic.context)
        clock.set(utc(2026, 3, 16, 13, 31))
        assert run_due_reminders(clinic.context).retrying == 1
        assert not running.box.attempts
        assert outbox_rows(clinic.context)[0].error_code == "tls_error"
    finally:
        running.stop()
