"""A reminder's date and time in the clinic's language, country and clock (Babel), and its
wording in the clinic's language until a manager picks another."""

from __future__ import annotations

from dataclasses import replace

from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.templates import preview, shipped
from cicini_desktop.services.scheduling import front_desk_settings as desk
from cicini_desktop.services.scheduling.front_desk_settings import ClinicLocale
from tests.services.reminders.conftest import configure
from tests.services.reminders.helpers import utc

# Monday 30 November 2026, 10:00 in Berlin: the sample appointment is Tuesday 1 December, 14:30.
MONDAY = utc(2026, 11, 30, 9, 0)


def set_front_desk(clinic, *, language: str = "", clock: int = 0, country: str = "") -> None:
    current = desk.front_desk_settings(clinic.context, clinic.manager)
    desk.save_front_desk_settings(
        clinic.context,
        clinic.manager,
        replace(current, country=country, locale=ClinicLocale(language=language, clock=clock)),
    )


def sample(clinic, channel: Channel, language: str) -> str:
    rendered = preview(clinic.context, clinic.manager, shipped(channel, language))
    return "\n".join(filter(None, (rendered.subject, rendered.text)))


def test_a_german_clinics_reminder_reads_as_german_writes_it(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="de", clock=24)
    configure(clinic, language="de")
    email = sample(clinic, Channel.EMAIL, "de")
    assert "Dienstag, 1. Dezember 2026 um 14:30 Uhr" in email
    assert "wir erinnern Sie an Ihren Termin" in email
    sms = sample(clinic, Channel.SMS, "de")
    assert "am Dienstag, 1. Dezember 2026 um 14:30 Uhr" in sms
    assert "Antworten Sie JA zur Bestätigung" in sms


def test_an_english_twelve_hour_clinic(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="en", clock=12, country="US")
    configure(clinic, language="en")
    email = sample(clinic, Channel.EMAIL, "en")
    assert "Tuesday, December 1, 2026" in email
    assert "2:30 PM" in email
    assert "14:30" not in email


def test_an_english_clinic_in_germany_keeps_the_day_first_and_its_clock(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="en", clock=24)
    configure(clinic, language="en")
    email = sample(clinic, Channel.EMAIL, "en")
    assert "Tuesday, 1 December 2026" in email
    assert "14:30" in email
    set_front_desk(clinic, language="en", clock=12)
    assert "2:30 pm" in sample(clinic, Channel.EMAIL, "en")  # British English writes "pm"


def test_reminders_speak_the_clinics_language_until_a_manager_chooses(clinic, clock):
    set_front_desk(clinic, language="de")
    chosen = reminder_settings.get_settings(clinic.context, clinic.manager)
    assert chosen.language == "de"
    configure(clinic, language="en")  # the manager's own choice wins from then on
    assert reminder_settings.get_settings(clinic.context, clinic.manager).language == "en"


def all_channels(clinic, language: str) -> str:
    """Subject and text of the email, its HTML, and the SMS: every place a time is written."""
    email = preview(clinic.context, clinic.manager, shipped(Channel.EMAIL, language))
    sms = preview(clinic.context, clinic.manager, shipped(Channel.SMS, language))
    return "\n".join(filter(None, (email.subject, email.text, email.html, sms.text)))


def test_german_says_uhr_after_a_24_hour_time_in_every_channel(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="de", clock=24)
    configure(clinic, language="de")
    email = preview(clinic.context, clinic.manager, shipped(Channel.EMAIL, "de"))
    sms = preview(clinic.context, clinic.manager, shipped(Channel.SMS, "de"))
    for text in (email.text, email.html, sms.text):
        assert text is not None
        assert "um 14:30 Uhr " in text
        assert "Uhr Uhr" not in text


def test_german_on_the_12_hour_clock_has_no_uhr(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="de", clock=12)
    configure(clinic, language="de")
    email = preview(clinic.context, clinic.manager, shipped(Channel.EMAIL, "de"))
    sms = preview(clinic.context, clinic.manager, shipped(Channel.SMS, "de"))
    for text in (email.text, email.html, sms.text):
        assert text is not None
        assert "um 2:30 PM " in text
    assert "Uhr" not in all_channels(clinic, "de")


def test_german_with_the_locales_clock_is_24_hour_with_uhr(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="de", clock=0)
    configure(clinic, language="de")
    assert "um 14:30 Uhr " in all_channels(clinic, "de")


def test_english_never_says_uhr_on_either_clock(clinic, clock):
    clock.set(MONDAY)
    configure(clinic, language="en")
    for hours, written in ((24, "at 14:30 "), (12, "at 2:30 pm ")):
        set_front_desk(clinic, language="en", clock=hours)
        text = all_channels(clinic, "en")
        assert written in text
        assert "Uhr" not in text


def test_a_clinics_german_wording_from_before_keeps_one_uhr(clinic, clock):
    clock.set(MONDAY)
    set_front_desk(clinic, language="de", clock=12)
    configure(clinic, language="de")
    old = replace(
        shipped(Channel.SMS, "de"),
        body="{{ clinic_name }}: am {{ date }} um "
        "{{ time }} Uhr {{ zone }}. Fragen: {{ clinic_phone }}",
        custom=True,
    )
    text = preview(clinic.context, clinic.manager, old).text
    assert "um 2:30 PM " in text
    assert "Uhr" not in text
    set_front_desk(clinic, language="de", clock=24)
    text = preview(clinic.context, clinic.manager, old).text
    assert "um 14:30 Uhr " in text
    assert "Uhr Uhr" not in text
