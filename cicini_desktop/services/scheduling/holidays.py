"""Public holidays offered as clinic closures (the `holidays` package; nothing is applied
silently: the manager picks which become closures).

    country, region = holiday_region(context, actor)        # stored, or from the zone
    offers = holiday_suggestions(context, actor, 2026)      # HolidayOffer rows
    ids, changes = apply_holidays(context, actor, [(o.day, o.name) for o in picked])
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import setup_rules
from cicini_desktop.core.scheduling.availability import Closure
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import effects
from cicini_desktop.services.scheduling.common import clinic_zone, default_region
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import ClinicClosureRow, Setting

COUNTRY_SETTING = "holidays.country"
REGION_SETTING = "holidays.region"


@dataclass(frozen=True, slots=True)
class HolidayOffer:
    day: date
    name: str
    closed_already: bool  # a whole-day closure covers the day


@functools.cache
def supported_regions() -> Mapping[str, Sequence[str]]:
    """Country code -> its regions (subdivisions), as the holiday calendar knows them."""
    import holidays  # a large package: imported only when the set-up asks for it

    return {
        code: tuple(regions)
        for code, regions in holidays.list_supported_countries().items()
        if len(code) == 2
    }


def _setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else json.loads(row.value)


def holiday_region(context: ServiceContext, actor: Actor) -> tuple[str | None, str | None]:
    """The country and region chosen for holidays; the country of the clinic's zone else."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        country = _setting(session, COUNTRY_SETTING)
        region = _setting(session, REGION_SETTING)
        if country is None:
            country = default_region(clinic_zone(session, context).key)
    return country, region


def set_holiday_region(
    context: ServiceContext, actor: Actor, country: str, region: str | None
) -> Changes:
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    code, subdivision = setup_rules.holiday_region(country, region, supported_regions())
    with unit_of_work(context, actor) as tx:
        for key, value in ((COUNTRY_SETTING, code), (REGION_SETTING, subdivision)):
            row = tx.session.get(Setting, key)
            if row is None:
                tx.session.add(Setting(key=key, value=json.dumps(value)))
            elif json.loads(row.value) != value:
                row.value = json.dumps(value)
                row.version += 1
        tx.audit(
            AuditAction.SETTINGS_CHANGED,
            target_type="setting",
            target_id=COUNTRY_SETTING,
            details={"setting": COUNTRY_SETTING},
        )
    return Changes(settings=True, availability=True)


def _calendar(country: str, region: str | None, year: int) -> dict[date, str]:
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=region, years=year, language="en_US")
    except (NotImplementedError, ValueError):
        found = holidays.country_holidays(country, subdiv=region, years=year)
    return dict(sorted(found.items()))


def holiday_suggestions(
    context: ServiceContext,
    actor: Actor,
    year: int,
    country: str | None = None,
    region: str | None = None,
) -> list[HolidayOffer]:
    """The public holidays of `year` for the country/region given (or the clinic's)."""
    require(context, actor, Permission.SCHEDULE_VIEW)
    if not 1900 <= year <= 2200:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.setup", "Year: choose a year between 1900 and 2200."),
            field="year",
        )
    if country is None:
        country, region = holiday_region(context, actor)
        if country is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup",
                    "Country: the clinic's country is not known from its time zone; choose one.",
                ),
                field="country",
            )
    code, subdivision = setup_rules.holiday_region(country, region, supported_regions())
    days = _calendar(code, subdivision, year)
    with context.database.session() as session:
        whole = [
            (r.start_date, r.end_date)
            for r in session.scalars(
                select(ClinicClosureRow).where(
                    ClinicClosureRow.start_minute.is_(None),
                    ClinicClosureRow.end_date >= date(year, 1, 1),
                    ClinicClosureRow.start_date <= date(year, 12, 31),
                )
            )
        ]
    return [
        HolidayOffer(day, name, any(s <= day <= e for s, e in whole)) for day, name in days.items()
    ]


def apply_holidays(
    context: ServiceContext,
    actor: Actor,
    picks: Iterable[tuple[date, str]],
    *,
    allow_affected: bool = False,
) -> tuple[list[str], Changes]:
    """Close the clinic on each picked holiday (days already closed are skipped)."""
    require(context, actor, Permission.AVAILABILITY_MANAGE)
    picks = sorted(set(picks))
    labels = [(day, _holiday_label(name)) for day, name in picks]
    with unit_of_work(context, actor) as tx:
        closed = [
            (r.start_date, r.end_date)
            for r in tx.session.scalars(
                select(ClinicClosureRow).where(ClinicClosureRow.start_minute.is_(None))
            )
        ]
        new = [(d, n) for d, n in labels if not any(s <= d <= e for s, e in closed)]
        extra = tuple(Closure(d, d) for d, _ in new)
        found = effects.affected(
            tx.session, context, lambda a: replace(a, closures=a.closures + extra), None
        )
        if found and not allow_affected:
            raise effects.refusal(found)
        ids = []
        for day, name in new:
            row = ClinicClosureRow(id=new_id(), start_date=day, end_date=day, label=name)
            tx.session.add(row)
            ids.append(row.id)
        tx.audit(
            AuditAction.SETTINGS_CHANGED,
            target_type="availability",
            details={"kind": "holidays", "count": len(ids)},
        )
        return ids, Changes(availability=True)


def _holiday_label(name: str) -> str:
    """A holiday's name as a closure label (at most 100 characters)."""
    return " ".join(name.split())[:100] or "Public holiday"
