"""Pure reminder rules: windows and quiet hours, supersession, replies, SMS length, content."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.reminders.content import forbidden_hits, missing_required, sms_length
from cicini_desktop.core.reminders.formatting import zone_label
from cicini_desktop.core.reminders.replies import parse_reply
from cicini_desktop.core.reminders.supersession import (
    AppointmentState,
    ExistingRow,
    needs_row,
    supersede_reason,
)
from cicini_desktop.core.reminders.vocabulary import OutboxStatus, ReplyIntent
from cicini_desktop.core.reminders.windows import QuietHours, is_quiet, send_window

BERLIN = ZoneInfo("Europe/Berlin")
QUIET = QuietHours(21 * 60, 8 * 60)


def ts(*args: int, tz: ZoneInfo = BERLIN) -> int:
    return int(datetime(*args, tzinfo=tz).timestamp())


def window(
    start: int, offset: int, *, changed: int = 0, now: int = 0, late: int = 360, settle: int = 5
):
    return send_window(
        start_at=start,
        offset_minutes=offset,
        late_minutes=late,
        changed_at=changed,
        now=now,
        quiet=QUIET,
        tz=BERLIN,
        settle_minutes=settle,
    )


def test_a_plain_window_starts_at_the_offset_and_ends_at_the_lateness():
    start = ts(2026, 3, 18, 14, 30)
    w = window(start, 48 * 60)
    assert w is not None
    assert w.not_before == start - 48 * 3600
    assert w.not_after == w.not_before + 6 * 3600


def test_a_quiet_ideal_time_moves_to_the_evening_before():
    # 2 hours before 08:30 is 06:30, in quiet hours: it goes at 20:59 the evening before.
    start = ts(2026, 3, 18, 8, 30)
    w = window(start, 120, now=ts(2026, 3, 16, 10, 0), late=60)
    assert w is not None
    assert w.not_before == ts(2026, 3, 17, 20, 59)
    assert not is_quiet(w.not_before, QUIET, BERLIN)


def test_planned_too_late_for_the_evening_it_goes_when_quiet_hours_end():
    start = ts(2026, 3, 18, 9, 30)
    w = window(start, 180, now=ts(2026, 3, 17, 22, 0), changed=ts(2026, 3, 17, 22, 0))
    assert w is not None
    assert w.not_before == ts(2026, 3, 18, 8, 0)


def test_the_settle_delay_holds_a_fresh_change_back():
    start = ts(2026, 3, 16, 15, 0)
    changed = ts(2026, 3, 16, 12, 58)
    w = window(start, 120, changed=changed, now=changed)
    assert w is not None
    assert w.not_before == changed + 300


def test_no_window_when_booked_after_the_reminder_time_and_its_lateness():
    start = ts(2026, 3, 16, 15, 0)
    assert window(start, 120, changed=ts(2026, 3, 16, 14, 58), late=30) is None


def test_across_the_dst_change_the_offset_is_of_real_time():
    # 29 March 2026 02:00 CET -> 03:00 CEST: 48 h before Monday 10:00 CEST is Saturday
    # 09:00 CET (real elapsed time; the wall clock lost an hour in between).
    start = ts(2026, 3, 30, 10, 0)
    w = window(start, 48 * 60)
    assert w is not None
    local = datetime.fromtimestamp(w.not_before, UTC).astimezone(BERLIN)
    assert (local.day, local.hour, local.tzname()) == (28, 9, "CET")
    assert zone_label(datetime.fromtimestamp(start, BERLIN)) == "CEST (Europe/Berlin)"


@given(
    start_offset=st.integers(min_value=3600, max_value=10 * 86400),
    offset=st.integers(min_value=15, max_value=14 * 1440),
    late=st.integers(min_value=0, max_value=720),
    changed_before=st.integers(min_value=0, max_value=20 * 86400),
    settle=st.integers(min_value=0, max_value=120),
)
def test_a_window_is_never_after_the_start_nor_before_it_settled(
    start_offset, offset, late, changed_before, settle
):
    now = ts(2026, 3, 16, 10, 0)
    start = now + start_offset
    changed = now - changed_before
    w = window(start, offset, changed=changed, now=now, late=min(late, offset), settle=settle)
    if w is None:
        return
    assert w.not_before < w.not_after <= start
    assert w.not_before >= changed + settle * 60
    assert not is_quiet(w.not_before, QUIET, BERLIN)


def test_supersession_reasons():
    state = AppointmentState(version=2, status="booked", start_at=1000)
    assert supersede_reason(2, 1000, state, now=0) is None
    assert supersede_reason(1, 1000, state, now=0) == "changed"
    assert supersede_reason(2, 900, state, now=0) == "moved"
    assert supersede_reason(2, 1000, AppointmentState(3, "cancelled", 1000), now=0) == "cancelled"
    assert supersede_reason(2, 1000, None, now=0) == "deleted"
    assert supersede_reason(2, 1000, state, now=1000) == "started"


def test_a_new_version_needs_a_row_unless_the_same_time_was_already_reminded():
    state = AppointmentState(version=3, status="confirmed", start_at=1000)
    sent_same_time = ExistingRow("r", 1, 1000, OutboxStatus.SENT)
    sent_other_time = ExistingRow("r", 1, 900, OutboxStatus.SENT)
    superseded = ExistingRow("r", 2, 1000, OutboxStatus.SUPERSEDED)
    assert not needs_row("r", state, [sent_same_time, superseded])
    assert needs_row("r", state, [sent_other_time, superseded])
    assert needs_row("other", state, [sent_same_time])
    assert not needs_row("r", state, [ExistingRow("r", 3, 1000, OutboxStatus.EXPIRED)])
    assert not needs_row("r", AppointmentState(3, "cancelled", 1000), [])


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("YES", ReplyIntent.CONFIRM),
        ("yes", ReplyIntent.CONFIRM),
        (" Yes! ", ReplyIntent.CONFIRM),
        ("C", ReplyIntent.CONFIRM),
        ("ja", ReplyIntent.CONFIRM),
        ("NO", ReplyIntent.CANCEL),
        ("Cancel.", ReplyIntent.CANCEL),
        ("nein", ReplyIntent.CANCEL),
        ("STOP", ReplyIntent.STOP),
        ("unsubscribe", ReplyIntent.STOP),
        ("yes but can I come later", ReplyIntent.OTHER),
        ("", ReplyIntent.OTHER),
        ("no stop", ReplyIntent.OTHER),
        ("Yesterday", ReplyIntent.OTHER),
    ],
)
def test_replies_are_read_strictly(text, intent):
    assert parse_reply(text) is intent


@given(st.text(max_size=40))
def test_any_reply_has_an_intent(text):
    assert parse_reply(text) in set(ReplyIntent)


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("€" * 80, "GSM-7", 1),  # an extension character takes two septets
        ("€" * 81, "GSM-7", 2),
        ("ł" * 70, "UCS-2", 1),
        ("ł" * 71, "UCS-2", 2),
        ("😀" * 35, "UCS-2", 1),  # a surrogate pair takes two units
        ("Müller März ä ö ü ß é", "GSM-7", 1),
        ("", "GSM-7", 0),
    ],
)
def test_sms_length_as_carriers_count_it(text, encoding, segments):
    length = sms_length(text)
    assert (length.encoding, length.segments) == (encoding, segments)


def test_content_checks():
    values = {"clinic_name": "Praxis", "clinic_phone": "123", "date": "d", "time": "t", "zone": "z"}
    assert missing_required("Praxis 123 d t", values) == ["zone"]
    assert forbidden_hits("nothing here", {"surname": ["Quast"]}) == []
    assert forbidden_hits("QUAST", {"surname": ["Quast"]}) == ["surname"]


def test_the_zone_is_named_with_its_abbreviation():
    local = datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN)
    assert zone_label(local) == "CET (Europe/Berlin)"
    assert zone_label(local.astimezone(UTC)) == "UTC"
