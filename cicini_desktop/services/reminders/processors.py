"""Which outside services receive data for reminders, and exactly what each receives.

The "Data shared with Cicini" page lists these (privacy policy, section 5: messaging and
email services are processors, limited to what is necessary).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.reminders.settings import read_settings


@dataclass(frozen=True, slots=True)
class Processor:
    kind: str  # "email" | "sms"
    name: str  # e.g. "Mail server smtp.example.org"
    active: bool  # reminders switched on and this service configured
    receives: tuple[str, ...]


_COMMON = (
    "the clinic's name and phone number",
    "the date and time of the appointment, with the time zone",
    "how to confirm, cancel or call",
)


def configured_processors(context: ServiceContext) -> list[Processor]:
    """The configured processors (none when no email or SMS service is set up)."""
    with context.database.session() as session:
        settings = read_settings(session)
    first_name = ("the patient's first name",) if settings.include_first_name else ()
    found = []
    if settings.smtp.configured:
        found.append(
            Processor(
                "email",
                f"Mail server {settings.smtp.host}",
                settings.enabled,
                ("the patient's email address", *first_name, *_COMMON),
            )
        )
    if settings.sms.configured:
        host = urlsplit(settings.sms.base_url).hostname or settings.sms.base_url
        found.append(
            Processor(
                "sms",
                f"SMS provider {host}",
                settings.enabled,
                (
                    "the patient's mobile number",
                    *first_name,
                    *_COMMON,
                    "the patient's replies (YES, NO, STOP or other text), which it keeps "
                    "for us to read",
                ),
            )
        )
    return found
