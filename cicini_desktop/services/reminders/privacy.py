"""What reminders hold about a patient, for the privacy services (access and erasure).

The outbox holds no personal data of its own (ids, times, codes); consent records and SMS
replies (the text a patient wrote) do. The integrator calls these from services/privacy.py:
`patient_reminder_data` in the access export, `forget_patient` in `anonymise_patient`
(a patient row that is deleted takes them along anyway: the foreign keys cascade).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cicini_desktop.store.models import ReminderConsent, ReminderReply


def patient_reminder_data(session: Session, patient_id: str) -> dict[str, Any]:
    consents = session.scalars(
        select(ReminderConsent)
        .where(ReminderConsent.patient_id == patient_id)
        .order_by(ReminderConsent.recorded_at)
    ).all()
    replies = session.scalars(
        select(ReminderReply)
        .where(ReminderReply.patient_id == patient_id)
        .order_by(ReminderReply.received_at)
    ).all()

    def when(seconds: int) -> str:
        return datetime.fromtimestamp(seconds, UTC).isoformat()

    return {
        "reminder_consent": [
            {
                "channel": c.channel,
                "granted": c.granted,
                "source": c.source,
                "recorded_at": when(c.recorded_at),
            }
            for c in consents
        ],
        "reminder_replies": [
            {"received_at": when(r.received_at), "text": r.body, "outcome": r.outcome}
            for r in replies
        ],
    }


def forget_patient(session: Session, patient_id: str) -> int:
    """Delete the patient's consent history and replies; returns how many rows went."""
    removed = (
        session.execute(
            delete(ReminderReply).where(ReminderReply.patient_id == patient_id)
        ).rowcount
        or 0
    )
    removed += (
        session.execute(
            delete(ReminderConsent).where(ReminderConsent.patient_id == patient_id)
        ).rowcount
        or 0
    )
    return removed
