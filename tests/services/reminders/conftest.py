"""Reminder fixtures: the small scheduling clinic, reminder settings, patients with consent,
and a real SMTP server on loopback (plain, STARTTLS, or implicit TLS, with a trustme CA).

The clock stands at Monday 2026-03-16 09:00 UTC (10:00 in Berlin).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
import trustme

from cicini_desktop.core.reminders.rules import RuleInput
from cicini_desktop.core.reminders.settings import ReminderSettings, SmsSettings, SmtpSettings
from cicini_desktop.core.reminders.vocabulary import Channel, ConsentSource, SmtpSecurity
from cicini_desktop.services.reminders import consent, rules
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.reference_gateway import (
    Gateway,
    RunningGateway,
    serve_in_thread,
)
from cicini_desktop.services.scheduling import appointments, patients
from cicini_desktop.services.scheduling.appointments import BookingRequest
from tests.services.reminders.smtp_server import PASSWORD, USER, RunningSmtp, start_smtp
from tests.services.scheduling import conftest as scheduling
from tests.services.scheduling.conftest import Clinic

# The scheduling clinic (built once per session, copied per test).
_template = scheduling._template
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic

FROM = "termine@praxis.example"


def smtp_settings(port: int, security: SmtpSecurity = SmtpSecurity.NONE, **kw: str) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security=security, from_address=FROM, **kw)


def configure(
    clinic: Clinic,
    *,
    smtp: SmtpSettings | None = None,
    sms: SmsSettings | None = None,
    **changes: object,
) -> ReminderSettings:
    value = ReminderSettings(
        enabled=True,
        clinic_phone="+49 30 555 0100",
        smtp=smtp or SmtpSettings(),
        sms=sms or SmsSettings(),
    )
    value = replace(value, **changes)  # type: ignore[arg-type]
    reminder_settings.save_settings(clinic.context, clinic.manager, value)
    return value


def add_rule(clinic: Clinic, channel: Channel, offset_minutes: int, **kw: object) -> str:
    rule_id, _ = rules.create_rule(
        clinic.context,
        clinic.manager,
        RuleInput(f"{offset_minutes} min {channel}", channel, offset_minutes, **kw),  # type: ignore[arg-type]
    )
    return rule_id


def add_patient(
    clinic: Clinic,
    given: str,
    family: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    dob: date | None = None,
    note: str | None = None,
    consent_to: tuple[Channel, ...] = (Channel.EMAIL, Channel.SMS),
) -> str:
    patient_id, _ = patients.create_patient(
        clinic.context,
        clinic.manager,
        patients.PatientInput(given, family, dob, phone=phone, email=email, note=note),
        allow_duplicate=True,
    )
    for channel in consent_to:
        consent.record_consent(
            clinic.context,
            clinic.manager,
            patient_id,
            channel,
            granted=True,
            source=ConsentSource.PATIENT_FORM,
        )
    return patient_id


def book(
    clinic: Clinic,
    when: datetime,
    patient_id: str,
    *,
    provider: int = 0,
    type_id: str | None = None,
    note: str | None = None,
) -> str:
    booked = appointments.book_appointment(
        clinic.context,
        clinic.manager,
        BookingRequest(
            patient_id, clinic.providers[provider], type_id or clinic.consult, when, note=note
        ),
        override_reason="test set-up",
    )
    return booked.appointment_id


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    cert = ca.issue_cert("localhost", "127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


@pytest.fixture
def smtp() -> Iterator[RunningSmtp]:
    running = start_smtp()
    yield running
    running.stop()


__all__ = ["FROM", "PASSWORD", "USER"]


SMS_ACCOUNT = "AC0123456789"
SMS_TOKEN = "sms-test-token"
SMS_NUMBER = "+4930555000"


@pytest.fixture
def gateway() -> Iterator[RunningGateway]:
    running = serve_in_thread(Gateway(SMS_ACCOUNT, SMS_TOKEN, SMS_NUMBER))
    yield running
    running.close()


def sms_settings(gateway: RunningGateway) -> SmsSettings:
    return SmsSettings(base_url=gateway.url, account_id=SMS_ACCOUNT, from_number=SMS_NUMBER)


def configure_sms(clinic: Clinic, gateway: RunningGateway, **changes: object) -> ReminderSettings:
    value = configure(clinic, sms=sms_settings(gateway), **changes)
    reminder_settings.set_sms_token(clinic.context, clinic.manager, SMS_TOKEN)
    return value
