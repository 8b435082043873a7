"""The recovery key: round trip, typos named by group, forgiving of case and separators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.errors import RecoveryKeyFormatError
from cicini_desktop.store.keys import (
    ALPHABET,
    KEY_BYTES,
    format_recovery_key,
    key_check_value,
    key_matches_check_value,
    new_key,
    parse_recovery_key,
    partial_recovery_key_problem,
)

keys = st.binary(min_size=KEY_BYTES, max_size=KEY_BYTES)


@given(keys)
def test_round_trip(key: bytes) -> None:
    text = format_recovery_key(key)
    assert len(text.split("-")) == 13
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(text.lower().replace("-", " ")) == key
    assert partial_recovery_key_problem(text) is None


@given(keys, st.integers(0, 12), st.integers(0, 4), st.integers(1, 31))
def test_a_single_typo_names_its_group(key: bytes, group: int, position: int, shift: int) -> None:
    groups = format_recovery_key(key).split("-")
    chars = list(groups[group])
    chars[position] = ALPHABET[(ALPHABET.index(chars[position]) + shift) % 32]
    groups[group] = "".join(chars)
    typed = "-".join(groups)
    with pytest.raises(RecoveryKeyFormatError, match=f"Group {group + 1} "):
        parse_recovery_key(typed)
    problem = partial_recovery_key_problem(typed)
    assert problem is not None
    assert f"Group {group + 1} " in problem


@given(keys, st.integers(0, 11))
def test_swapped_groups_are_caught(key: bytes, group: int) -> None:
    groups = format_recovery_key(key).split("-")
    if groups[group] == groups[group + 1]:
        return
    groups[group], groups[group + 1] = groups[group + 1], groups[group]
    with pytest.raises(RecoveryKeyFormatError):
        parse_recovery_key("-".join(groups))


def test_lookalike_letters_are_folded() -> None:
    key = new_key()
    text = format_recovery_key(key)
    assert parse_recovery_key(text.replace("1", "I").replace("0", "O")) == key


def test_wrong_length_and_foreign_characters() -> None:
    text = format_recovery_key(new_key())
    with pytest.raises(RecoveryKeyFormatError, match="13 groups"):
        parse_recovery_key(text[:-6])
    with pytest.raises(RecoveryKeyFormatError, match=r"Group 2 .*never used"):
        parse_recovery_key(text[:6] + "*" + text[7:])


def test_partial_input_is_fine_until_a_finished_group_is_wrong() -> None:
    text = format_recovery_key(new_key())
    assert partial_recovery_key_problem("") is None
    assert partial_recovery_key_problem(text[:8]) is None  # group 2 not finished
    assert partial_recovery_key_problem(text[:3] + "!") is not None
    assert "longer" in (partial_recovery_key_problem(text + "-AAAAA") or "")


def test_key_check_value_tells_keys_apart_and_reveals_no_key() -> None:
    key = new_key()
    check = key_check_value(key)
    assert key_matches_check_value(key, check)
    assert not key_matches_check_value(new_key(), check)
    assert key.hex()[:16] not in check
