"""Building the message of one claimed outbox row: recipient, subject and text, nothing more.

Consent and the address are checked here, at send time, so an opt-out recorded after the
row was planned still wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.reminders.consent import has_consent
from cicini_desktop.services.reminders.moment import moment_style
from cicini_desktop.services.reminders.templates import message_values, render, template_for
from cicini_desktop.services.scheduling.common import clinic_zone
from cicini_desktop.store.models import Appointment, Organization, Patient, ReminderOutbox


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    outbox_id: str
    channel: Channel
    to: str  # email address or E.164 number; never logged
    subject: str | None
    text: str
    html: str | None
    message_id: str  # stable per row (email Message-ID; SMS idempotency key)


@dataclass(frozen=True, slots=True)
class NotSendable:
    code: str  # opted_out | no_address | restricted | template_error


def build_message(
    session: Session, context: ServiceContext, settings: ReminderSettings, outbox_id: str
) -> OutgoingMessage | NotSendable:
    row = session.get(ReminderOutbox, outbox_id)
    assert row is not None
    channel = Channel(row.channel)
    found = session.execute(
        select(
            Patient.id,
            Patient.given_name,
            Patient.email,
            Patient.phone,
            Patient.restricted,
            Appointment.start_at,
        )
        .join(Appointment, Appointment.patient_id == Patient.id)
        .where(Appointment.id == row.appointment_id)
    ).one()
    if found.restricted:
        return NotSendable("restricted")  # privacy: a restricted record gets no reminders
    if not has_consent(session, found.id, channel):
        return NotSendable("opted_out")
    to = found.email if channel is Channel.EMAIL else found.phone
    if not to:
        return NotSendable("no_address")
    tz = clinic_zone(session, context)
    local = datetime.fromtimestamp(found.start_at, UTC).astimezone(tz)
    values = message_values(
        clinic_name=session.scalar(select(Organization.name)) or "",
        settings=settings,
        channel=channel,
        local_start=local,
        first_name=found.given_name,
        style=moment_style(session, context, settings.language),
    )
    try:
        rendered = render(template_for(session, channel, settings.language), values)
    except ValidationError:
        return NotSendable("template_error")
    return OutgoingMessage(
        outbox_id, channel, to, rendered.subject, rendered.text, rendered.html, row.message_id
    )
