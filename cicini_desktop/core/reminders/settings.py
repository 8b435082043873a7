"""The clinic's reminder settings (validated, pure). Secrets are not here: the SMTP password
and the SMS token live in the keystore only."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from cicini_desktop.core.endpoints import endpoint_problem, is_loopback_host
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.reminders.formatting import LANGUAGES
from cicini_desktop.core.reminders.vocabulary import CancelReplyAction, SmtpSecurity
from cicini_desktop.core.reminders.windows import DEFAULT_SETTLE_MINUTES, QuietHours


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    username: str = ""
    from_address: str = ""
    ca_bundle: str = ""  # PEM file of an on-site CA, if the relay uses one

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)


@dataclass(frozen=True, slots=True)
class SmsSettings:
    base_url: str = ""  # e.g. https://api.twilio.com
    account_id: str = ""
    from_number: str = ""  # E.164

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.account_id and self.from_number)


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    enabled: bool = False
    language: str = "en"
    clinic_phone: str = ""  # the number patients call; defaults to the clinic's contact phone
    quiet_start_minute: int = 21 * 60
    quiet_end_minute: int = 8 * 60
    settle_minutes: int = DEFAULT_SETTLE_MINUTES
    include_first_name: bool = False
    cancel_reply_action: CancelReplyAction = CancelReplyAction.QUEUE
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    sms: SmsSettings = field(default_factory=SmsSettings)

    @property
    def quiet_hours(self) -> QuietHours:
        return QuietHours(self.quiet_start_minute, self.quiet_end_minute)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReminderSettings:
        raw: dict[str, Any] = json.loads(text)
        smtp = SmtpSettings(**{**raw.pop("smtp", {})})
        sms = SmsSettings(**raw.pop("sms", {}))
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return clean_settings(cls(**known, smtp=smtp, sms=sms))


def clean_settings(value: ReminderSettings) -> ReminderSettings:
    if value.language not in LANGUAGES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Choose a language of the shipped templates: {items}.",
            ).format(items=str(", ".join(LANGUAGES))),
            "language",
        )
    try:
        QuietHours(value.quiet_start_minute, value.quiet_end_minute)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Quiet hours are times of day.",
            ),
            field="quiet_hours",
        ) from None
    if not 0 <= value.settle_minutes <= 120:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "The settle delay is 0 to 120 minutes.",
            ),
            field="settle_minutes",
        )
    smtp = replace(
        value.smtp,
        security=SmtpSecurity(value.smtp.security),
        host=value.smtp.host.strip(),
        from_address=value.smtp.from_address.strip(),
    )
    if not 1 <= int(smtp.port) <= 65535:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "The mail server port is 1 to 65535.",
            ),
            field="smtp.port",
        )
    if smtp.security is SmtpSecurity.NONE and smtp.host and not is_loopback_host(smtp.host):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "Mail to another machine must use STARTTLS or TLS; an unencrypted "
                "connection is allowed only to a relay on this machine.",
            ),
            field="smtp.security",
        )
    if smtp.from_address and "@" not in smtp.from_address:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.reminders",
                "The sender must be an email address.",
            ),
            field="smtp.from_address",
        )
    sms = value.sms
    if sms.base_url:
        problem = endpoint_problem(sms.base_url)
        if problem:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.reminders",
                    "The SMS provider address must be {problem}.",
                ).format(problem=problem),
                "sms.base_url",
            )
    return replace(
        value,
        smtp=smtp,
        cancel_reply_action=CancelReplyAction(value.cancel_reply_action),
    )
