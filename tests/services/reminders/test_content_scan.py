"""Minimum content: every shipped template, email and SMS, in every shipped language, is
generated through the real senders (SMTP server and SMS gateway on loopback) for a patient
whose every sensitive field is distinctive, and each message is scanned for those fields."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.reminders.content import (
    ALLOWED_FIELDS,
    forbidden_hits,
    sms_length,
)
from cicini_desktop.core.reminders.formatting import LANGUAGES
from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.services.reminders import templates
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.services.scheduling import availability
from cicini_desktop.store.models import Staff
from tests.services.reminders.conftest import (
    add_patient,
    add_rule,
    book,
    configure,
    sms_settings,
    smtp_settings,
)
from tests.services.reminders.helpers import utc

BERLIN = ZoneInfo("Europe/Berlin")
DOB = date(1961, 7, 23)
SENSITIVE = {
    "surname": ["Quastenberg"],
    "date of birth": [
        "1961-07-23",
        "23.07.1961",
        "23/07/1961",
        "07/23/1961",
        "23 July 1961",
        "July 23, 1961",
        "23. Juli 1961",
        "23.7.1961",
    ],
    "appointment type": ["Colposcopy"],
    "provider specialty": ["Oncology", "Zimmer"],
    "patient note": ["Insulin dosage review"],
    "appointment note": ["Biopsy results discussion"],
}


def _sensitive_clinic(clinic):
    type_id, _ = availability.create_type(
        clinic.context,
        clinic.manager,
        availability.TypeInput("Colposcopy", 30, provider_ids=frozenset(clinic.providers)),
    )
    with clinic.context.database.session_factory.begin() as session:
        session.get(Staff, clinic.providers[0]).display_name = "Dr Zimmer (Oncology)"
    patient = add_patient(
        clinic,
        "Hannelore",
        "Quastenberg",
        email="h.q@patient.example",
        phone="+49 151 98765432",
        dob=DOB,
        note="Insulin dosage review",
    )
    return type_id, patient


def _email_texts(mail) -> str:
    parts = [str(mail["Subject"]), str(mail["From"])]
    for part in mail.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_payload(decode=True).decode(part.get_content_charset()))
    return "\n".join(parts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_template_carries_the_minimum_and_nothing_sensitive(
    clinic, smtp, gateway, clock, language
):
    configure(
        clinic,
        smtp=smtp_settings(smtp.port),
        sms=sms_settings(gateway),
        language=language,
        include_first_name=True,  # the most a clinic can allow
    )
    from cicini_desktop.services.reminders import settings as reminder_settings

    reminder_settings.set_sms_token(clinic.context, clinic.manager, "sms-test-token")
    type_id, patient = _sensitive_clinic(clinic)
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    add_rule(clinic, Channel.SMS, 2 * 24 * 60)
    book(
        clinic,
        datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN),
        patient,
        type_id=type_id,
        note="Biopsy results discussion",
    )
    run_due_reminders(clinic.context)
    clock.set(utc(2026, 3, 16, 13, 31))
    assert run_due_reminders(clinic.context).sent == {"email": 1, "sms": 1}

    [mail] = smtp.box.delivered
    [sms] = gateway.gateway.outbound()
    messages = {"email": _email_texts(mail), "sms": sms["body"]}
    expected_date = "18. März 2026" if language == "de" else "18 March 2026"
    for channel, text in messages.items():
        assert forbidden_hits(text, SENSITIVE) == [], (language, channel, text)
        for required in (
            "Test Clinic",
            "+49 30 555 0100",
            expected_date,
            "14:30",
            "CET (Europe/Berlin)",
            "Hannelore",
        ):
            assert required in text, (language, channel, required)
    assert "YES" in sms["body"] or "JA" in sms["body"]
    assert sms_length(sms["body"]).segments <= 3


def test_the_scan_finds_what_it_looks_for():
    # The scan itself must be able to fail: accents and case do not hide a surname.
    assert forbidden_hits("Termin für Frau QUASTENBERG", SENSITIVE) == ["surname"]
    assert forbidden_hits("born 23.07.1961", SENSITIVE) == ["date of birth"]
    assert forbidden_hits("Müller", {"surname": ["Muller"]}) == ["surname"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", list(Channel))
def test_every_shipped_template_previews_with_sample_data(clinic, language, channel):
    configure(clinic, language=language)
    rendered = templates.preview(
        clinic.context, clinic.manager, templates.shipped(channel, language)
    )
    assert "Test Clinic" in rendered.text
    assert "+49 30 555 0100" in rendered.text
    if channel is Channel.SMS:
        assert rendered.sms is not None
        assert rendered.sms.segments <= 3
    else:
        assert rendered.subject
        assert rendered.html
        assert "<strong>" in rendered.html


def test_a_template_naming_anything_else_is_refused(clinic):
    configure(clinic)
    for name in ("surname", "family_name", "dob", "note", "type_name", "patient"):
        custom = templates.TemplateText(
            Channel.SMS,
            "en",
            None,
            "{{ clinic_name }} {{ clinic_phone }} {{ date }} "
            "{{ time }} {{ zone }} {{ " + name + " }}",
            None,
            True,
        )
        with pytest.raises(ValidationError, match="never include"):
            templates.save_template(clinic.context, clinic.manager, custom)
    assert name not in ALLOWED_FIELDS


def test_a_template_without_the_minimum_is_refused(clinic):
    configure(clinic)
    custom = templates.TemplateText(Channel.SMS, "en", None, "See you soon!", None, True)
    with pytest.raises(ValidationError, match="leaves out"):
        templates.save_template(clinic.context, clinic.manager, custom)


def test_html_mail_is_autoescaped(clinic):
    configure(clinic)
    from sqlalchemy import update

    from cicini_desktop.store.models import Organization

    with clinic.context.database.session_factory.begin() as session:
        session.execute(update(Organization).values(name="Praxis <b>Nord</b> & Co"))
    rendered = templates.preview(
        clinic.context, clinic.manager, templates.shipped(Channel.EMAIL, "en")
    )
    assert "Praxis &lt;b&gt;Nord&lt;/b&gt; &amp; Co" in (rendered.html or "")
    assert "Praxis <b>Nord</b> & Co" in rendered.text
