"""Hashing and checking passwords: argon2id with OWASP's parameters, and the blocklist.

The blocklist ships as `resources/common-passwords.txt` (one password a line) and is read
once per process. A missing file is logged and the check falls back to the length and
sequence rules only, so a broken package never locks everyone out.
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cicini_desktop.core import passwords as policy
from cicini_desktop.core.errors import ValidationError

log = logging.getLogger(__name__)

BLOCKLIST_FILENAME = "common-passwords.txt"

HASHER = PasswordHasher(
    time_cost=policy.ARGON2_TIME_COST,
    memory_cost=policy.ARGON2_MEMORY_COST_KIB,
    parallelism=policy.ARGON2_PARALLELISM,
    hash_len=policy.ARGON2_HASH_LENGTH,
    salt_len=policy.ARGON2_SALT_LENGTH,
    type=Type.ID,
)


def _blocklist_candidates() -> list[Path]:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller bundles resources/ here
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources" / BLOCKLIST_FILENAME)
    candidates.append(Path(__file__).resolve().parents[2] / "resources" / BLOCKLIST_FILENAME)
    return candidates


@functools.cache
def blocklist() -> frozenset[str]:
    for path in _blocklist_candidates():
        if path.is_file():
            return policy.parse_blocklist(path.read_text(encoding="utf-8").splitlines())
    log.warning("password blocklist file not found; length rules only")
    return frozenset()


def validate_new_password(password: str, *context_words: str) -> str:
    """The normalised password, or ValidationError with one sentence."""
    problem = policy.check_password(password, blocklist(), context_words)
    if problem is not None:
        raise ValidationError(problem.sentence, field="password")
    return policy.normalize(password)


def hash_password(password: str) -> str:
    return HASHER.hash(policy.normalize(password))


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, policy.normalize(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@functools.cache
def _dummy_hash() -> str:
    return HASHER.hash("not-a-real-password-only-for-timing")


def burn_verification_time(password: str) -> None:
    """Spend what a real verification costs, so an unknown username is not told by timing."""
    verify_password(_dummy_hash(), password)
