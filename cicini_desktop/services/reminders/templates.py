"""Message templates: the shipped defaults per language, the clinic's own wording, and
rendering with Jinja2.

Templates run in Jinja2's sandbox with `StrictUndefined`: they receive only the allowed
values of `core.reminders.content.ALLOWED_FIELDS`, so a template cannot name the surname,
birth date, service or notes even by mistake (using any other name is an error when the
template is saved). HTML mail is autoescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.content import (
    ALLOWED_FIELDS,
    MAX_SMS_SEGMENTS,
    SmsLength,
    missing_required,
    sms_length,
)
from cicini_desktop.core.reminders.formatting import LANGUAGES, hints
from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders.moment import MomentStyle, describe_moment, moment_style
from cicini_desktop.services.reminders.settings import read_settings
from cicini_desktop.services.scheduling.common import clinic_zone
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import Organization, ReminderTemplate

_TEXT = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
)
_HTML = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
SAMPLE_FIRST_NAME = "Alex"


@dataclass(frozen=True, slots=True)
class TemplateText:
    channel: Channel
    language: str
    subject: str | None  # email only
    body: str
    body_html: str | None  # email only
    custom: bool  # the clinic's own wording (else the shipped default)


@dataclass(frozen=True, slots=True)
class Rendered:
    channel: Channel
    subject: str | None
    text: str
    html: str | None
    sms: SmsLength | None


def shipped(channel: Channel, language: str) -> TemplateText:
    folder = resources.files("cicini_desktop.services.reminders").joinpath("templates")

    def read(name: str) -> str:
        return folder.joinpath(f"{language}.{name}.j2").read_text(encoding="utf-8")

    if channel is Channel.SMS:
        return TemplateText(channel, language, None, read("sms"), None, False)
    return TemplateText(
        channel, language, read("email_subject"), read("email"), read("email_html"), False
    )


def template_for(session: Session, channel: Channel, language: str) -> TemplateText:
    row = session.scalar(
        select(ReminderTemplate).where(
            ReminderTemplate.channel == channel.value, ReminderTemplate.language == language
        )
    )
    if row is None:
        return shipped(channel, language)
    return TemplateText(channel, language, row.subject, row.body, row.body_html, True)


# German wording saved from the earlier shipped templates wrote "{{ time }} Uhr"; the time
# value now carries "Uhr" itself when the clock is 24-hour (reminders/moment.py).
_OLD_CLOCK_WORD = ("{{ time }} Uhr", "{{time}} Uhr")


def without_old_clock_word(text: str | None, language: str) -> str | None:
    if text is None or language != "de":
        return text
    for old in _OLD_CLOCK_WORD:
        text = text.replace(old, "{{ time }}")
    return text


def message_values(
    *,
    clinic_name: str,
    settings: ReminderSettings,
    channel: Channel,
    local_start: datetime,
    first_name: str | None,
    style: MomentStyle,
) -> dict[str, str]:
    """The only values a template receives (ALLOWED_FIELDS), nothing else; the date and time
    as `style` (the clinic's language, country and clock) writes them."""
    moment = describe_moment(local_start, style)
    confirm, cancel = hints(channel.value, settings.language)
    values = {
        "clinic_name": clinic_name,
        "clinic_phone": settings.clinic_phone,
        "date": moment.date,
        "time": moment.time,
        "zone": moment.zone,
        "first_name": (first_name or "") if settings.include_first_name else "",
        "confirm_hint": confirm,
        "cancel_hint": cancel,
    }
    assert tuple(values) == ALLOWED_FIELDS
    return values


def render(template: TemplateText, values: dict[str, str]) -> Rendered:
    """Render, or raise ValidationError naming what is wrong (one sentence)."""
    body = without_old_clock_word(template.body, template.language) or ""
    subject_text = without_old_clock_word(template.subject, template.language)
    body_html = without_old_clock_word(template.body_html, template.language)
    try:
        text = _TEXT.from_string(body).render(values).strip()
        subject = (
            " ".join(_TEXT.from_string(subject_text).render(values).split())
            if subject_text is not None
            else None
        )
        html = _HTML.from_string(body_html).render(values) if body_html else None
    except UndefinedError as error:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "The template uses a value that reminders never include ({message}); use "
                "only: {items}.",
            ).format(message=str(error.message), items=str(", ".join(ALLOWED_FIELDS))),
            field="body",
        ) from None
    except TemplateError as error:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "The template cannot be read: {value}.",
            ).format(value=str(error.message or type(error).__name__)),
            "body",
        ) from None
    sms = sms_length(text) if template.channel is Channel.SMS else None
    return Rendered(template.channel, subject, text, html, sms)


def sample_values(
    session: Session, context: ServiceContext, settings: ReminderSettings, channel: Channel
) -> dict[str, str]:
    tz: ZoneInfo = clinic_zone(session, context)
    # Next Tuesday 14:30 in the clinic: a stable, realistic sample.
    today = context.clock.now().astimezone(tz).date()
    days = (1 - today.weekday()) % 7 or 7
    local = datetime.combine(today + timedelta(days=days), datetime.min.time(), tz).replace(
        hour=14, minute=30
    )
    name = session.scalar(select(Organization.name)) or "Clinic"
    return message_values(
        clinic_name=name,
        settings=settings,
        channel=channel,
        local_start=local,
        first_name=SAMPLE_FIRST_NAME,
        style=moment_style(session, context, settings.language),
    )


def check_rendered(template: TemplateText, rendered: Rendered, values: dict[str, str]) -> None:
    missing = missing_required("\n".join(filter(None, (rendered.subject, rendered.text))), values)
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "A reminder must state the clinic's name and phone, the date, the time "
                "and the time zone; this template leaves out: {items}.",
            ).format(items=str(", ".join(missing))),
            field="body",
        )
    if rendered.sms is not None and rendered.sms.segments > MAX_SMS_SEGMENTS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "This SMS takes {segments} parts ({encoding}); keep it to {most}.",
            ).format(
                segments=str(rendered.sms.segments),
                encoding=str(rendered.sms.encoding),
                most=str(MAX_SMS_SEGMENTS),
            ),
            field="body",
        )
    del template


def preview(context: ServiceContext, actor: Actor, template: TemplateText) -> Rendered:
    """The template rendered with sample data (the editor's preview); raises on problems."""
    require(context, actor, Permission.REMINDER_MANAGE)
    with context.database.session() as session:
        settings = read_settings(session)
        values = sample_values(session, context, settings, template.channel)
    rendered = render(template, values)
    check_rendered(template, rendered, values)
    return rendered


def list_templates(context: ServiceContext, actor: Actor) -> list[TemplateText]:
    require(context, actor, Permission.REMINDER_MANAGE)
    with context.database.session() as session:
        return [template_for(session, c, lang) for lang in LANGUAGES for c in Channel]


def save_template(context: ServiceContext, actor: Actor, template: TemplateText) -> Changes:
    """Keep the clinic's wording for (channel, language), after the same checks as preview."""
    require(context, actor, Permission.REMINDER_MANAGE, target_type="reminder_template")
    if template.language not in LANGUAGES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Choose a shipped language.",
            ),
            field="language",
        )
    preview(context, actor, template)
    with unit_of_work(context, actor) as tx:
        row = tx.session.scalar(
            select(ReminderTemplate).where(
                ReminderTemplate.channel == template.channel.value,
                ReminderTemplate.language == template.language,
            )
        )
        if row is None:
            row = ReminderTemplate(
                id=new_id(),
                channel=template.channel.value,
                language=template.language,
                body=template.body,
            )
            tx.session.add(row)
        row.subject = template.subject if template.channel is Channel.EMAIL else None
        row.body = template.body
        row.body_html = template.body_html if template.channel is Channel.EMAIL else None
        tx.session.flush()
        tx.audit(
            AuditAction.REMINDER_TEMPLATE_CHANGED,
            target_type="reminder_template",
            target_id=row.id,
            details={"channel": template.channel.value},
        )
    return Changes(settings=True)


def reset_template(
    context: ServiceContext, actor: Actor, channel: Channel, language: str
) -> Changes:
    """Back to the shipped wording."""
    require(context, actor, Permission.REMINDER_MANAGE, target_type="reminder_template")
    with unit_of_work(context, actor) as tx:
        row = tx.session.scalar(
            select(ReminderTemplate).where(
                ReminderTemplate.channel == channel.value, ReminderTemplate.language == language
            )
        )
        if row is not None:
            tx.audit(
                AuditAction.REMINDER_TEMPLATE_CHANGED,
                target_type="reminder_template",
                target_id=row.id,
                details={"channel": channel.value, "removed": 1},
            )
            tx.session.delete(row)
    return Changes(settings=True)


def utc_now(context: ServiceContext) -> int:
    return int(context.clock.now().astimezone(UTC).timestamp())
