"""Checking the organisation's contact details typed at onboarding (kept locally only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is not checked.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None
    email: str | None
    phone: str | None  # E.164, e.g. +493012345678


def clean_contact(name: str, email: str, phone: str, region: str | None = None) -> Contact:
    """Trimmed values (empty -> None); ValidationError naming the field otherwise.

    `region` (ISO 3166 alpha-2) lets people type a national number without the +code.
    """
    name_value = " ".join(name.split()) or None
    if name_value is not None and len(name_value) > 200:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "The contact name must be at most 200 characters."),
            "contact_name",
        )
    email_value = email.strip() or None
    if email_value is not None and (len(email_value) > 254 or not _EMAIL.match(email_value)):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "The contact email does not look right; write it as name@example.org.",
            ),
            "contact_email",
        )
    phone_value = None
    if phone.strip():
        try:
            parsed = phonenumbers.parse(phone, (region or "").upper() or None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "The contact phone number is not valid; include the country code, "
                    "e.g. +49 30 1234567.",
                ),
                "contact_phone",
            )
        phone_value = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Contact(name_value, email_value, phone_value)
