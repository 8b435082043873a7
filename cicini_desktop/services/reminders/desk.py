"""The front desk's view of reminders: today's, the failures, and replies needing a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus, ReplyIntent
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders.sms_provider import FAILED_DELIVERY
from cicini_desktop.services.scheduling.common import clinic_zone, get_or_404, now
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import Appointment, Patient, ReminderOutbox, ReminderReply

FAILURE_DAYS = 7

# What each error code means to the front desk, in a sentence.
ERROR_SENTENCES = {
    "interrupted": QT_TRANSLATE_NOOP(
        "reminders.desk",
        "The sending was interrupted; it may or may not have arrived. Call to check.",
    ),
    "window_closed": QT_TRANSLATE_NOOP("reminders.desk", "It could not be sent in time."),
    "template_error": QT_TRANSLATE_NOOP(
        "reminders.desk", "The message template has an error; ask the practice manager."
    ),
    "opted_out": QT_TRANSLATE_NOOP("reminders.desk", "The patient opted out of this channel."),
    "no_address": QT_TRANSLATE_NOOP(
        "reminders.desk", "The patient has no address for this channel."
    ),
    "restricted": QT_TRANSLATE_NOOP(
        "reminders.desk", "The patient's record is restricted: no reminders."
    ),
    "smtp_auth": QT_TRANSLATE_NOOP(
        "reminders.desk", "The mail server refused the sign-in; check the email settings."
    ),
    "connection_failed": QT_TRANSLATE_NOOP("reminders.desk", "The service could not be reached."),
    "connection_lost": QT_TRANSLATE_NOOP(
        "reminders.desk", "The connection was lost while sending."
    ),
}


def explain(code: str | None, delivery: str | None = None) -> str:
    if delivery in FAILED_DELIVERY:
        return QT_TRANSLATE_NOOP("reminders.desk", "The phone network could not deliver the SMS.")
    if code is None:
        return ""
    if code in ERROR_SENTENCES:
        return ERROR_SENTENCES[code]
    if code.startswith("smtp_5") or code.startswith("http_4"):
        return QT_TRANSLATE_NOOP(
            "reminders.desk",
            "The service refused the message for good ({code}); check the address.",
        ).format(code=code)
    return QT_TRANSLATE_NOOP(
        "reminders.desk", "A temporary problem ({code}); it is tried again."
    ).format(code=code)


@dataclass(frozen=True, slots=True)
class DeskReminder:
    outbox_id: str
    appointment_id: str
    channel: Channel
    status: OutboxStatus
    when: datetime  # sent, or due (clinic zone)
    appointment_start: datetime  # clinic zone
    patient_name: str  # "Family, Given"; empty without patient.view
    explanation: str
    attempts: int


@dataclass(frozen=True, slots=True)
class DeskReply:
    reply_id: str
    received_at: datetime
    patient_name: str
    appointment_start: datetime | None
    intent: ReplyIntent
    text: str  # what the patient wrote: shown to the person who handles it, nowhere else


@dataclass(frozen=True, slots=True)
class DeskView:
    today: list[DeskReminder]
    failures: list[DeskReminder]
    replies: list[DeskReply]


def _reminders(session: Session, actor: Actor, tz: object, condition: object) -> list[DeskReminder]:
    rows = session.execute(
        select(ReminderOutbox, Appointment.start_at, Patient.family_name, Patient.given_name)
        .join(Appointment, Appointment.id == ReminderOutbox.appointment_id)
        .join(Patient, Patient.id == Appointment.patient_id)
        .where(condition)
        .order_by(ReminderOutbox.not_before)
        .limit(500)
    ).all()
    show_names = actor.may(Permission.PATIENT_VIEW)
    result = []
    for row, start_at, family, given in rows:
        # Sent: when it went; failed: when it failed; otherwise when it is due.
        when = row.sent_at or (
            row.updated_at if row.status == OutboxStatus.FAILED.value else row.next_attempt_at
        )
        result.append(
            DeskReminder(
                row.id,
                row.appointment_id,
                Channel(row.channel),
                OutboxStatus(row.status),
                datetime.fromtimestamp(when, UTC).astimezone(tz),  # type: ignore[arg-type]
                datetime.fromtimestamp(start_at, UTC).astimezone(tz),  # type: ignore[arg-type]
                f"{family}, {given}" if show_names else "",
                explain(row.error_code, row.delivery_status),
                row.attempts,
            )
        )
    return result


def desk_view(context: ServiceContext, actor: Actor) -> DeskView:
    require(context, actor, Permission.REMINDER_VIEW)
    moment = now(context)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        local_today = datetime.fromtimestamp(moment, UTC).astimezone(tz).date()
        day_start = int(datetime.combine(local_today, datetime.min.time(), tz).timestamp())
        day_end = int(
            datetime.combine(local_today + timedelta(days=1), datetime.min.time(), tz).timestamp()
        )
        today = _reminders(
            session,
            actor,
            tz,
            or_(
                (ReminderOutbox.sent_at >= day_start) & (ReminderOutbox.sent_at < day_end),
                (
                    ReminderOutbox.status.in_(
                        [OutboxStatus.PENDING.value, OutboxStatus.SENDING.value]
                    )
                )
                & (ReminderOutbox.next_attempt_at < day_end),
            ),
        )
        failures = _reminders(
            session,
            actor,
            tz,
            (ReminderOutbox.updated_at >= moment - FAILURE_DAYS * 86400)
            & (
                (ReminderOutbox.status == OutboxStatus.FAILED.value)
                | ReminderOutbox.delivery_status.in_(FAILED_DELIVERY)
            ),
        )
        show_names = actor.may(Permission.PATIENT_VIEW)
        reply_rows = session.execute(
            select(ReminderReply, Appointment.start_at, Patient.family_name, Patient.given_name)
            .outerjoin(ReminderOutbox, ReminderOutbox.id == ReminderReply.outbox_id)
            .outerjoin(Appointment, Appointment.id == ReminderOutbox.appointment_id)
            .outerjoin(Patient, Patient.id == ReminderReply.patient_id)
            .where(ReminderReply.needs_person.is_(True), ReminderReply.handled_at.is_(None))
            .order_by(ReminderReply.received_at)
            .limit(200)
        ).all()
        replies = [
            DeskReply(
                reply.id,
                datetime.fromtimestamp(reply.received_at, UTC).astimezone(tz),
                (f"{family}, {given}" if family else "unknown number") if show_names else "",
                datetime.fromtimestamp(start, UTC).astimezone(tz) if start else None,
                ReplyIntent(reply.intent),
                reply.body if show_names else "",
            )
            for reply, start, family, given in reply_rows
        ]
    return DeskView(today, failures, replies)


def resolve_reply(context: ServiceContext, actor: Actor, reply_id: str) -> Changes:
    """A person has dealt with this reply (called the patient, moved the appointment...)."""
    require(
        context, actor, Permission.REMINDER_VIEW, target_type="reminder_reply", target_id=reply_id
    )
    with unit_of_work(context, actor) as tx:
        reply = get_or_404(tx.session, ReminderReply, reply_id, "reply")
        if reply.handled_at is None:
            reply.handled_at = now(context)
            reply.handled_by = actor.staff_id
            reply.needs_person = False
            tx.audit(
                AuditAction.REMINDER_REPLY_HANDLED,
                target_type="reminder_reply",
                target_id=reply.id,
                details={"intent": reply.intent, "status": "resolved", "automatic": False},
            )
    return Changes(appointments=True)
