"""The usage document `cicini.usage/1`: built from counter rows, encoded, and validated.

Pure functions shared by the client (building what it sends) and the reference collector
(validating what it receives), so both sides hold exactly the same rules. A document only
ever carries internal identifiers, the app version, the OS family, an optional country code
and, per UTC day, the totals so far of counters from the closed vocabulary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cicini_desktop.core.counters import Counter

SCHEMA = "cicini.usage/1"
OS_FAMILIES = ("windows", "macos", "linux")
DOCUMENT_KEYS = frozenset(
    {"schema", "installation_id", "organization_id", "app_version", "os_family", "region", "days"}
)
DAY_KEYS = frozenset({"date", "counters"})
COUNTER_NAMES = frozenset(c.value for c in Counter)
MAX_DAYS_PER_DOCUMENT = 31  # the client never sends more; keeps a document far below 64 KiB
MAX_DAYS_ACCEPTED = 400  # what the collector tolerates before calling a document malformed
MAX_COUNT = 2**31 - 1  # a day's total fits a signed 32-bit integer on every server
_REGION = re.compile(r"^[A-Z]{2}$")
_VERSION = re.compile(r"^[0-9A-Za-z.+\-]{1,32}$")
# Exactly the forms the spec names: ISO week or ordinal dates ("2020-W01-1") and upper-case
# UUIDs would otherwise be accepted, and one day could be stored under two keys.
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LOWER_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_protocol_uuid(value: Any) -> bool:
    """A lower-case, hyphenated UUID: the one spelling the protocol allows."""
    return isinstance(value, str) and _LOWER_UUID.match(value) is not None


def parse_protocol_date(value: Any) -> date | None:
    """A `YYYY-MM-DD` calendar date, or None for anything else (week dates included)."""
    if not isinstance(value, str) or _DATE.match(value) is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def is_version(value: Any) -> bool:
    return isinstance(value, str) and _VERSION.match(value) is not None


@dataclass(frozen=True, slots=True)
class DayTotals:
    """One UTC day's counter totals so far (only counters with a non-zero total)."""

    day: date
    counters: Mapping[str, int]

    def as_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "counters": dict(sorted(self.counters.items()))}


def group_rows(rows: Iterable[tuple[str, str, int]]) -> list[DayTotals]:
    """(day 'YYYY-MM-DD', counter name, count) rows -> DayTotals per day, oldest first.

    Names outside the vocabulary and non-positive counts are dropped here, so a stray row
    in the database can never reach the network.
    """
    per_day: dict[str, dict[str, int]] = {}
    for day, name, count in rows:
        if name in COUNTER_NAMES and isinstance(count, int) and 0 < count <= MAX_COUNT:
            per_day.setdefault(day, {})[name] = count
    return [DayTotals(date.fromisoformat(d), per_day[d]) for d in sorted(per_day)]


def normalize_region(region: str | None) -> str | None:
    if not region:
        return None
    upper = region.strip().upper()
    return upper if _REGION.match(upper) else None


def normalize_os_family(os_family: str) -> str:
    """The protocol knows three families; any other POSIX desktop reports as linux."""
    return os_family if os_family in OS_FAMILIES else "linux"


def build_document(
    days: Iterable[DayTotals],
    *,
    installation_id: str,
    organization_id: str,
    app_version: str,
    os_family: str,
    region: str | None,
) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "installation_id": installation_id,
        "organization_id": organization_id,
        "app_version": app_version,
        "os_family": normalize_os_family(os_family),
        "region": normalize_region(region),
        "days": [d.as_json() for d in days],
    }


def encode_document(document: Mapping[str, Any]) -> bytes:
    """Canonical bytes: what is sent is exactly what the Settings page shows."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode(
        "ascii"
    )


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a document is refused: a stable machine code and a short English detail."""

    code: str
    detail: str


def as_count(value: Any) -> int | None:
    """The integer a counter value stands for, or None.

    JSON Schema's rule, stated in the spec: a number with a zero fraction is an integer, so
    `7.0` (and `7e0`) is the integer 7. Booleans, strings and fractions are not integers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def validate_document(document: Any) -> Problem | None:
    """None if `document` is a valid `cicini.usage/1` document, else the first problem."""
    if not isinstance(document, dict):
        return Problem("not_an_object", "the body must be a JSON object")
    unknown = set(document) - DOCUMENT_KEYS
    if unknown:
        return Problem("unknown_key", f"unknown key {sorted(unknown)[0]!r}")
    missing = DOCUMENT_KEYS - set(document)
    if missing:
        return Problem("missing_key", f"missing key {sorted(missing)[0]!r}")
    if document["schema"] != SCHEMA:
        return Problem("unknown_schema", f"schema must be {SCHEMA!r}")
    for key in ("installation_id", "organization_id"):
        if not is_protocol_uuid(document[key]):
            return Problem("bad_id", f"{key} must be a lower-case UUID")
    if not is_version(document["app_version"]):
        return Problem("bad_app_version", "app_version must be a short version string")
    if document["os_family"] not in OS_FAMILIES:
        return Problem("bad_os_family", "os_family must be windows, macos or linux")
    region = document["region"]
    if region is not None and (not isinstance(region, str) or not _REGION.match(region)):
        return Problem("bad_region", "region must be an ISO 3166 alpha-2 code or null")
    days = document["days"]
    if not isinstance(days, list):
        return Problem("bad_days", "days must be a list")
    if len(days) > MAX_DAYS_ACCEPTED:
        return Problem("too_many_days", f"at most {MAX_DAYS_ACCEPTED} days per document")
    seen: set[str] = set()
    for day in days:
        problem = _validate_day(day, seen)
        if problem is not None:
            return problem
    return None


def _validate_day(day: Any, seen: set[str]) -> Problem | None:
    if not isinstance(day, dict):
        return Problem("bad_day", "each day must be an object")
    if set(day) != DAY_KEYS:
        extra = set(day) - DAY_KEYS
        if extra:
            return Problem("unknown_key", f"unknown key {sorted(extra)[0]!r} in a day")
        return Problem("missing_key", "each day needs date and counters")
    when = day["date"]
    if parse_protocol_date(when) is None:
        return Problem("bad_date", "date must be YYYY-MM-DD")
    if when in seen:
        return Problem("duplicate_date", f"date {when} appears twice")
    seen.add(when)
    counters = day["counters"]
    if not isinstance(counters, dict):
        return Problem("bad_counters", "counters must be an object")
    for name, value in counters.items():
        if name not in COUNTER_NAMES:
            return Problem("unknown_counter", "a counter name is not in the vocabulary")
        number = as_count(value)
        if number is None:
            return Problem("not_an_integer", f"{name} must be an integer")
        if number < 0 or number > MAX_COUNT:
            return Problem("out_of_range", f"{name} must be from 0 to {MAX_COUNT}")
    return None


def split_batch(days: list[DayTotals]) -> tuple[list[DayTotals], list[DayTotals]]:
    """Halve a batch the server found too large (413); a single day cannot be split."""
    middle = max(1, len(days) // 2)
    return days[:middle], days[middle:]
