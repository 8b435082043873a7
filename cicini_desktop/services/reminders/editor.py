"""Everything the manager's reminder editor shows, read in one call on the worker."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import rules, templates
from cicini_desktop.services.reminders.settings import read_settings, sms_token, smtp_password
from cicini_desktop.services.unit_of_work import require
from cicini_desktop.store.models import AppointmentType


@dataclass(frozen=True, slots=True)
class EditorState:
    settings: ReminderSettings
    rules: list[rules.RuleRow]
    types: list[tuple[str, str]]  # (id, name) of active appointment types, for rule scopes
    templates: list[templates.TemplateText]
    smtp_password_set: bool  # in this machine's keystore; the value is never read back
    sms_token_set: bool


def editor_state(context: ServiceContext, actor: Actor) -> EditorState:
    require(context, actor, Permission.REMINDER_MANAGE)
    with context.database.session() as session:
        settings = read_settings(session)
        types = [
            (row.id, row.name)
            for row in session.execute(
                select(AppointmentType.id, AppointmentType.name)
                .where(AppointmentType.active.is_(True))
                .order_by(AppointmentType.name)
            )
        ]
    return EditorState(
        settings,
        rules.list_rules(context, actor),
        types,
        templates.list_templates(context, actor),
        bool(smtp_password(context)),
        bool(sms_token(context)),
    )
