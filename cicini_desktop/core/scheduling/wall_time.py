"""Local wall time <-> UTC seconds in the clinic's zone, with DST made explicit.

A wall time in the spring gap does not exist and is refused; one in the autumn overlap
happens twice and needs ``fold`` (0 = the first, still summer time; 1 = the second).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.scheduling.errors import (
    AmbiguousTimeError,
    NonexistentTimeError,
    UnknownZoneError,
)

DAY = 86_400


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`, or a sentence saying it is unknown."""
    try:
        if not name or name != name.strip():
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise UnknownZoneError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "'{name}' is not a known time zone; use an IANA name such as Europe/Berlin.",
            ).format(name=str(name)),
            field="timezone",
        ) from None


def _fmt(local: datetime) -> str:
    return local.strftime("%Y-%m-%d %H:%M")


def is_nonexistent(local: datetime, tz: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back != local.replace(tzinfo=None, fold=0)


def is_ambiguous(local: datetime, tz: ZoneInfo) -> bool:
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    return first.utcoffset() != second.utcoffset() and not is_nonexistent(local, tz)


def to_utc(local: datetime, tz: ZoneInfo, fold: int | None = None) -> int:
    """Naive local wall time -> UTC seconds. Refuses the gap; demands `fold` in the overlap."""
    local = local.replace(tzinfo=None)
    if is_nonexistent(local, tz):
        raise NonexistentTimeError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "{local} does not exist in {zone} (the clocks skip it for summer time); "
                "choose a time outside that hour.",
            ).format(local=str(_fmt(local)), zone=str(tz.key)),
            field="start",
        )
    if is_ambiguous(local, tz):
        if fold not in (0, 1):
            raise AmbiguousTimeError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling",
                    "{local} happens twice in {zone} (the clocks go back); say whether you "
                    "mean the first or the second time.",
                ).format(local=str(_fmt(local)), zone=str(tz.key)),
                field="start",
            )
        return int(local.replace(tzinfo=tz, fold=fold).timestamp())
    return int(local.replace(tzinfo=tz, fold=0).timestamp())


def to_local(instant: int, tz: ZoneInfo) -> datetime:
    """UTC seconds -> aware datetime in `tz` (fold set correctly by zoneinfo)."""
    return datetime.fromtimestamp(instant, tz)


@lru_cache(maxsize=65_536)
def lenient_utc(day: date, minute: int, tz: ZoneInfo) -> int:
    """Wall minute of `day` -> UTC, for boundaries of hours (not appointments).

    A boundary in the gap slides forward past it; one in the overlap takes the first.
    Minute 1440 is the next midnight. Cached: every provider's rota asks for the same
    few wall minutes on the same days, and the zone arithmetic is the slot finder's main cost.
    """
    local = datetime.combine(day, time()) + timedelta(minutes=minute)
    return int(local.replace(tzinfo=tz, fold=0).timestamp())


def day_bounds(day: date, tz: ZoneInfo) -> tuple[int, int]:
    """UTC seconds of local midnight of `day` and of the next day (23, 24 or 25 h apart)."""
    return lenient_utc(day, 0, tz), lenient_utc(day + timedelta(days=1), 0, tz)


def local_date(instant: int, tz: ZoneInfo) -> date:
    return datetime.fromtimestamp(instant, tz).date()


def local_minute(instant: int, tz: ZoneInfo) -> int:
    local = datetime.fromtimestamp(instant, tz)
    return local.hour * 60 + local.minute


def spoken(local: datetime) -> str:
    """'Sun 25 Oct 02:30', made explicit when that wall time happens twice that night:
    'Sun 25 Oct 02:30 CEST (the first of the two 02:30s; the clocks go back)'."""
    text = local.strftime("%a %d %b %H:%M")
    tz = local.tzinfo
    if isinstance(tz, ZoneInfo) and is_ambiguous(local.replace(tzinfo=None), tz):
        which = "second" if local.fold else "first"
        return (
            f"{text} {local.tzname()} (the {which} of the two {local:%H:%M}s; "
            "the clocks go back that night)"
        )
    return text
