"""The closed vocabularies of reminders: channels, outbox statuses, reply intents."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for its window (or for a retry)
    SENDING = "sending"  # claimed by one running instance; nobody else may touch it
    SENT = "sent"  # the provider accepted it
    FAILED = "failed"  # permanently refused, or retries used up: shown at the desk
    SUPERSEDED = "superseded"  # the appointment changed, moved or was cancelled
    EXPIRED = "expired"  # its window closed before it could be sent
    SKIPPED = "skipped"  # no consent (opt-out) or no address at send time


# Statuses a row never leaves.
FINAL = frozenset(
    {
        OutboxStatus.SENT,
        OutboxStatus.FAILED,
        OutboxStatus.SUPERSEDED,
        OutboxStatus.EXPIRED,
        OutboxStatus.SKIPPED,
    }
)


class ReplyIntent(StrEnum):
    CONFIRM = "confirm"
    CANCEL = "cancel"
    STOP = "stop"
    OTHER = "other"  # goes to a person


class CancelReplyAction(StrEnum):
    """What a NO/CANCEL reply does (a clinic setting)."""

    CANCEL = "cancel"  # the appointment is cancelled at once (reason: patient request)
    QUEUE = "queue"  # the front desk decides, from the reminders panel


class ConsentSource(StrEnum):
    """Where a consent or opt-out came from (recorded with its time)."""

    FRONT_DESK = "front_desk"  # said in person or on the phone, entered by staff
    PATIENT_FORM = "patient_form"  # signed on a form
    SMS_STOP = "sms_stop"  # the patient replied STOP
    IMPORT = "import"  # carried over from another system


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"
    TLS = "tls"  # implicit TLS (port 465)
    NONE = "none"  # plain: refused except to loopback (tests and local relays)
