"""Patient search text -> an FTS5 MATCH expression (pure; safe against FTS syntax).

Words become prefix queries on the name; digit groups become prefix queries on the phone
digits and the birth-date parts. A phone typed nationally ("030 123…") is also tried with
the clinic's country code ("4930123…"), since phones are stored in E.164.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_DATE = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_expression(text: str, region: str | None) -> str | None:
    """The MATCH string for `text`, or None when there is nothing to search for."""
    text = text.strip()
    if not text:
        return None
    date_match = _DATE.match(text)
    if date_match:
        day, month, year = date_match.groups()
        return f"dob: ({_quote(year)} AND {_quote(month.zfill(2))} AND {_quote(day.zfill(2))})"
    compact = re.sub(r"[\s\-/().]", "", text)
    if compact.lstrip("+").isdigit() and len(compact.lstrip("+")) >= 3:
        return _phone_expression(compact, region)
    parts = []
    tokens = _TOKEN.findall(text)
    # A single letter beside a longer word ("Lea S") is left to the caller's filter: as an
    # FTS prefix ("S"*) it is beyond the prefix indexes and reads every name with an S.
    longer = any(len(t) >= 2 and not t.isdigit() for t in tokens)
    for token in tokens:
        if longer and len(token) == 1 and not token.isdigit():
            continue
        if token.isdigit():
            parts.append(f"{{phone dob}}: {_quote(token)}*")
        else:
            parts.append(f"name: {_quote(token)}*")
    return " AND ".join(parts) if parts else None


def phone_prefixes(text: str, region: str | None) -> list[str] | None:
    """The E.164 digit prefixes (no '+') a phone-like text can start, or None when the text
    is not a phone number (fewer than three digits, or letters)."""
    if _DATE.match(text):
        return None  # a birth date typed as on a card
    compact = re.sub(r"[\s\-/().]", "", text.strip())
    digits = compact.lstrip("+")
    # "+4" is a number being typed; bare digits from the second one ("01", "49").
    if not digits.isdigit() or len(compact) < 2:
        return None
    options = {digits}
    if compact.startswith("00"):
        options.add(digits[2:])
    elif compact.startswith("0") and region:
        code = phonenumbers.country_code_for_region(region)
        if code:
            options.add(f"{code}{digits[1:]}")
    return sorted(o for o in options if o)


def year_prefix(text: str) -> str | None:
    """The digits typed when they can begin a birth year (19xx or 20xx), else None."""
    digits = re.sub(r"\D", "", text)
    if 1 <= len(digits) <= 4 and any(c.startswith(digits[:2]) for c in ("19", "20")):
        return digits
    return None


def _phone_expression(compact: str, region: str | None) -> str:
    options = phone_prefixes(compact, region) or [compact.lstrip("+")]
    terms = " OR ".join(f"{_quote(d)}*" for d in options)
    return f"phone: ({terms}) OR dob: {_quote(compact.lstrip('+'))}*"


# --- the same search as plain terms (the clinic server's search, pg_trgm-indexed) -----------

_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Case- and accent-free, like FTS5's tokenizer (unicode61 remove_diacritics 2)."""
    import unicodedata

    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


@dataclass(frozen=True)
class SearchTerms:
    """What `match_expression` asks of FTS5, as terms another engine can match.

    date: (year, month, day) all among the birth date's parts. phone: the phone digits start
    with one of `phone_prefixes`, or the birth year starts with `dob_prefix`. Otherwise
    every name word starts with one of the words' prefixes (`words`, folded) and every digit
    group prefixes the phone digits or a birth-date part (`digits`).
    """

    date: tuple[str, str, str] | None = None
    phone_prefixes: tuple[str, ...] = ()
    dob_prefix: str | None = None
    words: tuple[str, ...] = ()
    digits: tuple[str, ...] = ()


def search_terms(text: str, region: str | None) -> SearchTerms | None:
    """The terms of `text` with the meaning of `match_expression`, or None (nothing to find)."""
    text = text.strip()
    if not text:
        return None
    date_match = _DATE.match(text)
    if date_match:
        day, month, year = date_match.groups()
        return SearchTerms(date=(year, month.zfill(2), day.zfill(2)))
    prefixes = phone_prefixes(text, region)
    if prefixes is not None:  # as SQLite: ranges of the phone, then a birth year being typed
        year = None if text.startswith(("+", "0")) else year_prefix(text)
        return SearchTerms(phone_prefixes=tuple(prefixes), dob_prefix=year)
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return SearchTerms(
        words=tuple(fold(t) for t in tokens if not t.isdigit()),
        digits=tuple(t for t in tokens if t.isdigit()),
    )
