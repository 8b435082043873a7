"""A reminder rule as managers set it, and its validation (one sentence per problem)."""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.reminders.vocabulary import Channel

MAX_OFFSET_MINUTES = 14 * 24 * 60
RULE_NAME_MAX = 60
DEFAULT_MAX_LATE_MINUTES = 6 * 60


@dataclass(frozen=True, slots=True)
class RuleInput:
    name: str
    channel: Channel
    offset_minutes: int  # how long before the appointment
    # How late it may still go if the machine was off; None = half the offset, at most 6 h.
    late_minutes: int | None = None
    type_id: str | None = None  # only appointments of this type; None = every type
    active: bool = True


def clean_rule(data: RuleInput) -> RuleInput:
    name = " ".join(data.name.split())
    if not 1 <= len(name) <= RULE_NAME_MAX:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "A rule name needs 1 to {most} characters.",
            ).format(most=str(RULE_NAME_MAX)),
            field="name",
        )
    try:
        channel = Channel(data.channel)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Choose email or SMS.",
            ),
            field="channel",
        ) from None
    if not 15 <= data.offset_minutes <= MAX_OFFSET_MINUTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "A reminder goes between 15 minutes and 14 days before the appointment.",
            ),
            field="offset_minutes",
        )
    late = (
        min(DEFAULT_MAX_LATE_MINUTES, data.offset_minutes // 2)
        if data.late_minutes is None
        else data.late_minutes
    )
    if not 0 <= late <= data.offset_minutes:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "A late reminder may go at most as late as the appointment itself.",
            ),
            field="late_minutes",
        )
    return RuleInput(name, channel, data.offset_minutes, late, data.type_id, bool(data.active))


def describe_offset(minutes: int) -> str:
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        if days == 1:
            return QT_TRANSLATE_NOOP("reminders.offset", "1 day before")
        return QT_TRANSLATE_NOOP("reminders.offset", "{days} days before").format(days=days)
    if minutes % 60 == 0:
        hours = minutes // 60
        if hours == 1:
            return QT_TRANSLATE_NOOP("reminders.offset", "1 hour before")
        return QT_TRANSLATE_NOOP("reminders.offset", "{hours} hours before").format(hours=hours)
    return QT_TRANSLATE_NOOP("reminders.offset", "{minutes} minutes before").format(minutes=minutes)
