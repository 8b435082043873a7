"""Reading and changing the clinic's reminder settings; the two secrets in the keystore."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.settings import ReminderSettings, clean_settings
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.front_desk_settings import clinic_locale
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import Organization, Setting
from cicini_desktop.store.vault import Secret

SETTING_KEY = "reminders.settings"


def read_settings(session: Session) -> ReminderSettings:
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        phone = session.scalar(select(Organization.contact_phone)) or ""
        # Until a manager saves the reminder settings, they speak the clinic's language.
        language = clinic_locale(session).language or "en"
        return ReminderSettings(clinic_phone=phone, language=language)
    return ReminderSettings.from_json(row.value)


def get_settings(context: ServiceContext, actor: Actor) -> ReminderSettings:
    require(context, actor, Permission.REMINDER_MANAGE)
    with context.database.session() as session:
        return read_settings(session)


def save_settings(context: ServiceContext, actor: Actor, value: ReminderSettings) -> Changes:
    require(context, actor, Permission.REMINDER_MANAGE, target_type="setting")
    clean = clean_settings(value)
    if clean.enabled and not clean.clinic_phone.strip():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Reminders must say which number patients can call; enter the clinic's phone.",
            ),
            field="clinic_phone",
        )
    with unit_of_work(context, actor) as tx:
        row = tx.session.get(Setting, SETTING_KEY)
        if row is None:
            tx.session.add(Setting(key=SETTING_KEY, value=clean.to_json()))
        else:
            row.value = clean.to_json()
            row.version += 1
        tx.audit(
            AuditAction.SETTINGS_CHANGED,
            target_type="setting",
            target_id=SETTING_KEY,
            details={"setting": SETTING_KEY, "granted": clean.enabled},
        )
    return Changes(settings=True)


def _set_secret(context: ServiceContext, actor: Actor, secret: Secret, value: str) -> Changes:
    require(context, actor, Permission.REMINDER_MANAGE, target_type="setting")
    if not value:
        context.vault.delete_secret(context.database.database_id, secret)
    else:
        context.vault.set_secret(context.database.database_id, secret, value)
    with unit_of_work(context, actor) as tx:
        key = f"reminders.{secret.value.replace('-', '_')}"
        # The fact that it changed, never the value.
        tx.audit(
            AuditAction.SETTINGS_CHANGED,
            target_type="setting",
            target_id=key,
            details={"setting": key},
        )
    return Changes(settings=True)


def set_smtp_password(context: ServiceContext, actor: Actor, password: str) -> Changes:
    return _set_secret(context, actor, Secret.SMTP_PASSWORD, password)


def set_sms_token(context: ServiceContext, actor: Actor, token: str) -> Changes:
    return _set_secret(context, actor, Secret.SMS_AUTH_TOKEN, token)


def smtp_password(context: ServiceContext) -> str | None:
    return context.vault.get_secret(context.database.database_id, Secret.SMTP_PASSWORD)


def sms_token(context: ServiceContext) -> str | None:
    return context.vault.get_secret(context.database.database_id, Secret.SMS_AUTH_TOKEN)
