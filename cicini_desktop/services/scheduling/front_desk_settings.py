"""Front-desk settings of the clinic (the `setting` table, JSON values), one function each.

    clinic_region(session, context)      # "DE": set by a manager, else from the time zone
    set_clinic_country(context, actor, "AT" | None)
    late_cancel_hours(session)           # 0 = no late-cancel flag; 24 = less than a day ahead
    set_late_cancel_hours(context, actor, 24)
    day_sheet_options(context, actor)    # DaySheetOptions(phones, page_per_provider)
    clinic_locale(session)               # ClinicLocale(language, first_day_of_week, clock)
    set_day_sheet_options(context, actor, DaySheetOptions(...))

Each change needs `settings.manage` and is audited with the setting's key and a number or
code, never personal data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import phonenumbers
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import clinic_zone, default_region
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import Setting

COUNTRY = "clinic.country"
LATE_CANCEL_HOURS = "schedule.late_cancel_hours"
SHEET_PHONES = "day_sheet.phones"
SHEET_PAGE_PER_PROVIDER = "day_sheet.page_per_provider"
LANGUAGE = "ui.language"
FIRST_DAY_OF_WEEK = "calendar.first_day_of_week"
CLOCK = "calendar.clock"
MAX_LATE_CANCEL_HOURS = 14 * 24
LANGUAGES = ("", "de", "en")  # "": each workstation follows its operating system
CLOCKS = (0, 24, 12)  # 0: as the language's locale writes times


@dataclass(frozen=True, slots=True)
class ClinicLocale:
    """The clinic's choices for how the window speaks and writes dates; the empty value
    (or 0) of each follows the workstation's locale."""

    language: str = ""
    first_day_of_week: int = 0  # 1 = Monday ... 7 = Sunday (ISO 8601); 0 = the locale's
    clock: int = 0  # 24 or 12 (hours); 0 = the locale's


@dataclass(frozen=True, slots=True)
class DaySheetOptions:
    phones: bool = False  # print patients' phone numbers (off: the sheet may lie on a desk)
    page_per_provider: bool = True


def _read(session: Session, key: str, default: object) -> object:
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def _write(context: ServiceContext, actor: Actor, values: dict[str, str | int | bool]) -> Changes:
    require(context, actor, Permission.SETTINGS_MANAGE, target_type="setting")
    with unit_of_work(context, actor) as tx:
        for key, value in values.items():
            row = tx.session.get(Setting, key)
            if row is None:
                tx.session.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
                row.version += 1
            details: dict[str, str | int | bool] = {"setting": key}
            if isinstance(value, bool):
                details["granted"] = value  # on or off
            elif isinstance(value, int):
                details["count"] = value
            elif value:
                details["kind"] = value  # a country code
            tx.audit(
                AuditAction.SETTINGS_CHANGED,
                target_type="setting",
                target_id=key,
                details=details,
            )
    return Changes(settings=True)


def clinic_region(session: Session, context: ServiceContext) -> str | None:
    """The country national phone numbers are read in: the manager's choice, else the
    country of the clinic's time zone (Europe/Berlin -> DE, America/New_York -> US)."""
    chosen = _read(session, COUNTRY, "")
    if isinstance(chosen, str) and chosen:
        return chosen
    return default_region(clinic_zone(session, context).key)


def set_clinic_country(context: ServiceContext, actor: Actor, code: str | None) -> Changes:
    """Set (ISO 3166 alpha-2, e.g. "AT") or clear (None: follow the time zone)."""
    value = (code or "").strip().upper()
    if value and value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "'{country}' is not a country code phone numbers know; use two letters such as DE.",
            ).format(country=str(value)),
            field="country",
        )
    return _write(context, actor, {COUNTRY: value})


def late_cancel_hours(session: Session) -> int:
    value = _read(session, LATE_CANCEL_HOURS, 0)
    return value if isinstance(value, int) and 0 <= value <= MAX_LATE_CANCEL_HOURS else 0


def set_late_cancel_hours(context: ServiceContext, actor: Actor, hours: int) -> Changes:
    """A cancellation less than `hours` before the start is flagged late; 0 turns it off."""
    if not 0 <= hours <= MAX_LATE_CANCEL_HOURS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "Give the late-cancel cut-off as 0 to {hours} hours (0 = no late-cancel flag).",
            ).format(hours=str(MAX_LATE_CANCEL_HOURS)),
            field="hours",
        )
    return _write(context, actor, {LATE_CANCEL_HOURS: hours})


def clinic_locale(session: Session) -> ClinicLocale:
    language = _read(session, LANGUAGE, "")
    first_day = _read(session, FIRST_DAY_OF_WEEK, 0)
    clock = _read(session, CLOCK, 0)
    return ClinicLocale(
        language=language if language in LANGUAGES else "",
        first_day_of_week=first_day if isinstance(first_day, int) and 0 <= first_day <= 7 else 0,
        clock=clock if isinstance(clock, int) and clock in CLOCKS else 0,
    )


def _check_locale(chosen: ClinicLocale) -> None:
    if chosen.language not in LANGUAGES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "'{language}' is not a language Cicini speaks; choose de or en.",
            ).format(language=str(chosen.language)),
            field="language",
        )
    if not 0 <= chosen.first_day_of_week <= 7:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.settings",
                "Give the first day of the week as 1 (Monday) to 7 (Sunday), "
                "or 0 for the locale's.",
            ),
            field="first_day_of_week",
        )
    if chosen.clock not in CLOCKS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.settings", "Choose a 24-hour or a 12-hour clock."),
            field="clock",
        )


def day_sheet_options(context: ServiceContext, actor: Actor) -> DaySheetOptions:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        return DaySheetOptions(
            phones=_read(session, SHEET_PHONES, False) is True,
            page_per_provider=_read(session, SHEET_PAGE_PER_PROVIDER, True) is not False,
        )


def set_day_sheet_options(
    context: ServiceContext, actor: Actor, options: DaySheetOptions
) -> Changes:
    return _write(
        context,
        actor,
        {SHEET_PHONES: options.phones, SHEET_PAGE_PER_PROVIDER: options.page_per_provider},
    )


@dataclass(frozen=True, slots=True)
class FrontDeskSettings:
    """What the set-up page shows: the chosen country ("" follows the time zone), the
    country the time zone gives, the late-cancel cut-off and the day sheet's defaults."""

    country: str
    zone_country: str | None
    late_cancel_hours: int
    sheet: DaySheetOptions
    locale: ClinicLocale = field(default_factory=ClinicLocale)


def front_desk_settings(context: ServiceContext, actor: Actor) -> FrontDeskSettings:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        chosen = _read(session, COUNTRY, "")
        return FrontDeskSettings(
            country=chosen if isinstance(chosen, str) else "",
            zone_country=default_region(clinic_zone(session, context).key),
            late_cancel_hours=late_cancel_hours(session),
            sheet=DaySheetOptions(
                phones=_read(session, SHEET_PHONES, False) is True,
                page_per_provider=_read(session, SHEET_PAGE_PER_PROVIDER, True) is not False,
            ),
            locale=clinic_locale(session),
        )


def save_front_desk_settings(
    context: ServiceContext, actor: Actor, settings: FrontDeskSettings
) -> Changes:
    """All of the page at once: each value checked first, so a bad one saves nothing."""
    country = settings.country.strip().upper()
    if country and country not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "'{country}' is not a country code phone numbers know; use two letters such as DE.",
            ).format(country=str(country)),
            field="country",
        )
    if not 0 <= settings.late_cancel_hours <= MAX_LATE_CANCEL_HOURS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.setup",
                "Give the late-cancel cut-off as 0 to {hours} hours (0 = no late-cancel flag).",
            ).format(hours=str(MAX_LATE_CANCEL_HOURS)),
            field="hours",
        )
    _check_locale(settings.locale)
    return _write(
        context,
        actor,
        {
            COUNTRY: country,
            LATE_CANCEL_HOURS: settings.late_cancel_hours,
            SHEET_PHONES: settings.sheet.phones,
            SHEET_PAGE_PER_PROVIDER: settings.sheet.page_per_provider,
            LANGUAGE: settings.locale.language,
            FIRST_DAY_OF_WEEK: settings.locale.first_day_of_week,
            CLOCK: settings.locale.clock,
        },
    )
