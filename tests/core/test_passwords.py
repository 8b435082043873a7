from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core import passwords as policy
from cicini_desktop.core.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    check_password,
    check_username,
    escalating_delay_seconds,
    normalize_username,
    parse_blocklist,
)
from cicini_desktop.services import identity_passwords as pw


def test_length_over_composition():
    assert check_password("a" * 3).code == "too_short"
    # No digit, no symbol, no capital: fine when long and uncommon.
    assert check_password("purple kettle harbour") is None
    assert check_password("x" + "ab cd" * 40).code == "too_long"


def test_blocklist_is_case_insensitive():
    blocklist = parse_blocklist(["# comment", "Password123456", ""])
    assert check_password("PASSWORD123456", blocklist).code == "common"


def test_trivial_runs_are_refused():
    for value in ("aaaaaaaaaaaaaa", "abababababab", "123456789012", "qwertyuiopasdf"[:10] * 2):
        assert check_password(value) is not None


def test_context_words_are_refused():
    problem = check_password("maria.schmidt-2026!", context_words=["maria.schmidt"])
    assert problem.code == "contains_name"


def test_shipped_blocklist_is_loaded_and_large():
    words = pw.blocklist()
    assert len(words) > 2000
    assert "password1234" in words
    with pytest.raises(Exception, match="attackers"):
        pw.validate_new_password("Password1234")


def test_argon2_parameters_meet_owasp_minimum():
    assert pw.HASHER.memory_cost >= 19456
    assert pw.HASHER.time_cost >= 2
    hashed = pw.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert pw.verify_password(hashed, "correct horse battery")
    assert not pw.verify_password(hashed, "correct horse batterY")
    assert not pw.verify_password("garbage", "x")
    assert not pw.needs_rehash(hashed)


def test_unicode_forms_hash_the_same():
    composed, decomposed = "caf\u00e9 au lait ok", "cafe\u0301 au lait ok"
    assert pw.verify_password(pw.hash_password(composed), decomposed)


@given(st.text(min_size=MIN_LENGTH, max_size=MAX_LENGTH))
def test_check_password_never_raises(value):
    result = check_password(value, frozenset({"password"}), ["anna"])
    assert result is None or result.sentence.endswith(".")


@given(st.integers(min_value=1, max_value=200))
def test_delay_is_monotonic_and_capped(failures):
    here = escalating_delay_seconds(1.0, failures)
    assert 1.0 <= here <= 300
    assert escalating_delay_seconds(1.0, failures + 1) >= here


def test_usernames():
    assert normalize_username(" Anna ") == normalize_username("ANNA")
    assert check_username("a") is not None
    assert check_username("anna schmidt") is not None
    assert check_username("anna.schmidt-2") is None
    assert policy.MIN_LENGTH >= 8
