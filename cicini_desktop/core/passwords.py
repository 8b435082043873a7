"""Password policy (NIST SP 800-63B): length over composition, and a blocklist.

Pure rules only: the blocklist is handed in as a set (the service layer loads the shipped
file once). No composition rules ("one digit, one symbol"): they make passwords harder to
remember without making them harder to guess. Instead: long enough, not on the list of
passwords attackers try first, not built from the account's own name, not a trivial run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

MIN_LENGTH = 12  # 800-63B requires at least 8; we recommend and enforce 12 for shared desks
MAX_LENGTH = 128  # long passphrases welcome; the cap only bounds hashing work

# argon2id parameters: OWASP's minimum is m=19 MiB, t=2, p=1. Changing them makes every
# stored hash "need rehash", which happens transparently at the next successful sign-in.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_COST_KIB = 19456
ARGON2_PARALLELISM = 1
ARGON2_HASH_LENGTH = 32
ARGON2_SALT_LENGTH = 16

_KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop")


@dataclass(frozen=True, slots=True)
class PasswordProblem:
    """Why a password is refused: a code for tests, a sentence for people."""

    code: str
    sentence: str


def normalize(password: str) -> str:
    """NFKC, as 800-63B asks, so the same typed password always hashes the same."""
    return unicodedata.normalize("NFKC", password)


def blocklist_key(password: str) -> str:
    """How a password is compared against the blocklist: normalised and case-folded."""
    return normalize(password).casefold()


def _is_trivial_run(password: str) -> bool:
    """One repeated character/short unit, or a straight run up/down the alphabet or keyboard."""
    text = password.casefold()
    if len(set(text)) <= 2:
        return True
    for unit in range(1, 5):
        if len(text) >= unit * 3 and (text[:unit] * (len(text) // unit + 1))[: len(text)] == text:
            return True
    sequences = ("abcdefghijklmnopqrstuvwxyz", "0123456789", *_KEYBOARD_ROWS)
    for sequence in sequences:
        doubled = sequence * 4
        if text in doubled or text in doubled[::-1]:
            return True
    return False


def check_password(
    password: str,
    blocklist: Collection[str] = frozenset(),
    context_words: Iterable[str] = (),
) -> PasswordProblem | None:
    """None when `password` is acceptable, else the first problem found."""
    value = normalize(password)
    if len(value) < MIN_LENGTH:
        return PasswordProblem(
            "too_short",
            QT_TRANSLATE_NOOP(
                "errors.sign_in",
                "Use at least {count} characters; a few unrelated words make a good password.",
            ).format(count=MIN_LENGTH),
        )
    if len(value) > MAX_LENGTH:
        return PasswordProblem(
            "too_long",
            QT_TRANSLATE_NOOP("errors.sign_in", "Use at most {count} characters.").format(
                count=MAX_LENGTH
            ),
        )
    folded = value.casefold()
    if folded in blocklist:
        return PasswordProblem(
            "common",
            QT_TRANSLATE_NOOP(
                "errors.sign_in",
                "This password is on the list of passwords attackers try first; choose another.",
            ),
        )
    if _is_trivial_run(value):
        return PasswordProblem(
            "trivial",
            QT_TRANSLATE_NOOP(
                "errors.sign_in",
                "This password is a simple repetition or sequence; choose another.",
            ),
        )
    for word in context_words:
        word_folded = normalize(word).casefold().strip()
        if len(word_folded) >= 3 and word_folded in folded:
            return PasswordProblem(
                "contains_name",
                QT_TRANSLATE_NOOP(
                    "errors.sign_in",
                    "The password must not contain your username or name; choose another.",
                ),
            )
    return None


def parse_blocklist(lines: Iterable[str]) -> frozenset[str]:
    """Blocklist file lines -> the set `check_password` compares against (# comments)."""
    return frozenset(
        blocklist_key(line.strip()) for line in lines if line.strip() and not line.startswith("#")
    )


def normalize_username(username: str) -> str:
    """Usernames are unique regardless of case and Unicode form."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def check_username(username: str) -> str | None:
    """None when acceptable, else a sentence. Letters, digits and . _ - ; 2 to 64 characters."""
    value = unicodedata.normalize("NFKC", username).strip()
    if not 2 <= len(value) <= 64:
        return QT_TRANSLATE_NOOP("errors.sign_in", "A username needs 2 to 64 characters.")
    if not all(ch.isalnum() or ch in "._-" for ch in value):
        return QT_TRANSLATE_NOOP(
            "errors.sign_in",
            "A username may hold letters, digits, dots, dashes and underscores only.",
        )
    return None


def escalating_delay_seconds(base_seconds: float, failures: int, cap_seconds: float = 300) -> float:
    """Wait after `failures` failed attempts in a row: base, 2x base, 4x base ... capped."""
    if failures <= 0 or base_seconds <= 0:
        return 0.0
    return float(min(cap_seconds, base_seconds * 2 ** min(failures - 1, 20)))
