"""The database key: 32 random bytes, its key check value, and its printable recovery form.

The recovery key is the same 32 bytes written in Crockford base32 (no I, L, O or U, so it
reads aloud and types without confusion) as 13 groups of four characters, each followed by
a Luhn mod 32 check character that also covers the group's position. A typo or two swapped
neighbours is caught and named ("group 7"); swapped groups are caught too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cicini_desktop.core.errors import RecoveryKeyFormatError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

KEY_BYTES = 32
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Readers mistype these; Crockford's base32 folds them onto the right symbols.
_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
GROUP_DATA = 4
GROUPS = 13  # 13 * 4 symbols * 5 bits = 260 bits >= 256
_CHECK_CONTEXT = b"cicini-desktop key check v1"


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check_value(key: bytes) -> str:
    """A short public fingerprint of the key, kept in the manifest to tell a wrong key
    from a damaged file. HMAC of a constant: it reveals nothing usable about the key."""
    return hmac.new(key, _CHECK_CONTEXT, hashlib.sha256).hexdigest()[:32]


def key_matches_check_value(key: bytes, check_value: str) -> bool:
    return hmac.compare_digest(key_check_value(key), check_value)


def _luhn_mod32_check(values: list[int]) -> int:
    factor, total = 2, 0
    for value in reversed(values):
        addend = factor * value
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return (32 - total % 32) % 32


def format_recovery_key(key: bytes) -> str:
    """`ABCD9-…` 13 groups separated by dashes."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    number = int.from_bytes(key, "big") << 4  # pad 256 bits to 260
    symbols = [(number >> (5 * i)) & 31 for i in reversed(range(GROUPS * GROUP_DATA))]
    groups = []
    for g in range(GROUPS):
        data = symbols[g * GROUP_DATA : (g + 1) * GROUP_DATA]
        check = _luhn_mod32_check([g, *data])
        groups.append("".join(ALPHABET[v] for v in [*data, check]))
    return "-".join(groups)


def parse_recovery_key(text: str) -> bytes:
    """Read a typed recovery key back; spaces, dashes, case and I/L/O/U slips are forgiven."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_FOLD)
    expected = GROUPS * (GROUP_DATA + 1)
    if len(cleaned) != expected:
        raise RecoveryKeyFormatError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "A recovery key has {groups} groups of {number} characters ({expected} "
                "in all) but {cleaned} were given; check for a missing or extra group.",
            ).format(
                groups=str(GROUPS),
                number=str(GROUP_DATA + 1),
                expected=str(expected),
                cleaned=str(len(cleaned)),
            )
        )
    symbols: list[int] = []
    for g in range(GROUPS):
        chunk = cleaned[g * (GROUP_DATA + 1) : (g + 1) * (GROUP_DATA + 1)]
        bad = [c for c in chunk if c not in _VALUE]
        if bad:
            raise RecoveryKeyFormatError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "Group {number} of the recovery key holds a character that is never used "
                    "('{value}'); check that group.",
                ).format(number=str(g + 1), value=str(bad[0]))
            )
        values = [_VALUE[c] for c in chunk]
        if _luhn_mod32_check([g, *values[:GROUP_DATA]]) != values[GROUP_DATA]:
            raise RecoveryKeyFormatError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    "Group {number} of the recovery key has a typo (its check character does "
                    "not match); check that group.",
                ).format(number=str(g + 1))
            )
        symbols.extend(values[:GROUP_DATA])
    number = 0
    for value in symbols:
        number = (number << 5) | value
    if number & 0xF:
        raise RecoveryKeyFormatError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "This is not a Cicini recovery key; check the last group.",
            )
        )
    return (number >> 4).to_bytes(KEY_BYTES, "big")


def partial_recovery_key_problem(text: str) -> str | None:
    """While a recovery key is being typed: the problem with the first finished group that
    is wrong, or None when every finished group is right so far (the rest may be missing)."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_FOLD)
    size = GROUP_DATA + 1
    if len(cleaned) > GROUPS * size:
        return QT_TRANSLATE_NOOP(
            "errors.store",
            "A recovery key has {groups} groups of {size} characters; this is longer. "
            "Check for an extra group.",
        ).format(groups=str(GROUPS), size=str(size))
    for g in range(len(cleaned) // size):
        chunk = cleaned[g * size : (g + 1) * size]
        bad = [c for c in chunk if c not in _VALUE]
        if bad:
            return QT_TRANSLATE_NOOP(
                "errors.store",
                "Group {number} of the recovery key holds a character that is never used "
                "('{value}'); check that group.",
            ).format(number=str(g + 1), value=str(bad[0]))
        values = [_VALUE[c] for c in chunk]
        if _luhn_mod32_check([g, *values[:GROUP_DATA]]) != values[GROUP_DATA]:
            return QT_TRANSLATE_NOOP(
                "errors.store",
                "Group {number} of the recovery key has a typo (its check character does "
                "not match); check that group.",
            ).format(number=str(g + 1))
    tail = cleaned[(len(cleaned) // size) * size :]
    bad = [c for c in tail if c not in _VALUE]
    if bad:
        group = len(cleaned) // size + 1
        return QT_TRANSLATE_NOOP(
            "errors.store",
            "Group {number} of the recovery key holds a character that is never used "
            "('{value}'); check that group.",
        ).format(number=str(group), value=str(bad[0]))
    return None
