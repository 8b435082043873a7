"""Sentences of core and services: English strings that keep what the window translates."""

from __future__ import annotations

import copy
from datetime import date, datetime, time

from cicini_desktop.core.errors import ConflictError, PermissionDeniedError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP, Message
from cicini_desktop.core.permissions import Permission, not_allowed


def test_a_message_is_its_english_sentence_and_keeps_template_and_parameters():
    message = QT_TRANSLATE_NOOP("progress", "{checked} of {total} records checked").format(
        checked=450_000, total=1_000_000
    )
    assert message == "450,000 of 1,000,000 records checked"
    assert isinstance(message, str)
    assert (message.context, message.template) == (
        "progress",
        "{checked} of {total} records checked",
    )
    assert message.params == {"checked": 450_000, "total": 1_000_000}
    copied = copy.deepcopy(message)
    assert copied == message
    assert copied.params == message.params


def test_times_dates_nested_sentences_and_plain_text_parameters():
    inner = QT_TRANSLATE_NOOP("errors.conflicts", "Busy from {start} to {end}.").format(
        start=datetime(2026, 3, 16, 14, 30), end=time(15, 0)
    )
    assert inner == "Busy from 14:30 to 15:00."
    outer = QT_TRANSLATE_NOOP("errors.conflicts", "{conflicts} Pick another time.").format(
        conflicts=(inner, inner)
    )
    assert outer == "Busy from 14:30 to 15:00. Busy from 14:30 to 15:00. Pick another time."
    assert QT_TRANSLATE_NOOP("c", "Closed on {day}.").format(day=date(2026, 3, 18)) == (
        "Closed on 2026-03-18."
    )
    assert QT_TRANSLATE_NOOP("c", "In {year}.").format(year="2026") == "In 2026."


def test_errors_carry_the_message_as_their_user_message():
    refusal = PermissionDeniedError(not_allowed(Permission.SETTINGS_MANAGE))
    assert isinstance(refusal.user_message, Message)
    assert str(refusal) == (
        "Your role does not allow this (change clinic settings such as the time zone and "
        "retention); ask a practice manager if you need it."
    )
    described = refusal.user_message.params["permission"]
    assert described.template == "Change clinic settings such as the time zone and retention."
    assert described.clause
    plain = ConflictError("A plain sentence.")
    assert not isinstance(plain.user_message, Message)
