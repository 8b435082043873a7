"""The server's answers, checked strictly (a malformed 200 is a failure), and run outcomes.

Everything here is pure: parsed JSON in, typed values or `MalformedAnswer` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.plan import Plan
from cicini_desktop.core.usage_document import parse_protocol_date

_TOKEN = re.compile(r"^[A-Za-z0-9._~+/=-]{16,512}$")
_REASON = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class MalformedAnswer(ValueError):
    """The server said 2xx but the body does not follow the protocol."""


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MalformedAnswer(f"{what} must be a non-negative integer")
    return value


def parse_rfc3339(value: Any) -> datetime:
    if not isinstance(value, str):
        raise MalformedAnswer("valid_until must be an RFC 3339 timestamp")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise MalformedAnswer("valid_until must be an RFC 3339 timestamp") from None
    if when.tzinfo is None:
        raise MalformedAnswer("valid_until needs a UTC offset")
    return when


def parse_plan(value: Any) -> Plan:
    if not isinstance(value, dict):
        raise MalformedAnswer("plan must be an object")
    name = value.get("name")
    if not isinstance(name, str) or not 0 < len(name) <= 60 or not name.isprintable():
        raise MalformedAnswer("plan.name must be a short text")
    allowances = value.get("allowances")
    if not isinstance(allowances, dict):
        raise MalformedAnswer("plan.allowances must be an object")
    return Plan(
        name=name,
        active_providers=_int(allowances.get("active_providers"), "active_providers"),
        staff_accounts=_int(allowances.get("staff_accounts"), "staff_accounts"),
        valid_until=parse_rfc3339(value.get("valid_until")),
    )


@dataclass(frozen=True, slots=True)
class UsageAnswer:
    accepted_days: frozenset[date]
    plan: Plan


def parse_usage_answer(body: Any, sent_days: frozenset[date]) -> UsageAnswer:
    """Check a 2xx answer to POST /v1/usage; only days we sent may be marked accepted."""
    if not isinstance(body, dict):
        raise MalformedAnswer("the answer must be a JSON object")
    raw_days = body.get("accepted_days")
    if not isinstance(raw_days, list):
        raise MalformedAnswer("accepted_days must be a list")
    accepted: set[date] = set()
    for raw in raw_days:
        day = parse_protocol_date(raw)
        if day is None:
            raise MalformedAnswer("accepted_days must hold YYYY-MM-DD dates")
        if day not in sent_days:
            raise MalformedAnswer("accepted_days names a day that was not sent")
        accepted.add(day)
    return UsageAnswer(frozenset(accepted), parse_plan(body.get("plan")))


def parse_enroll_answer(body: Any) -> str:
    """The token from POST /v1/enroll (never logged, never shown)."""
    if not isinstance(body, dict) or not isinstance(body.get("token"), str):
        raise MalformedAnswer("the enrolment answer must hold a token")
    token: str = body["token"]
    if not _TOKEN.match(token):
        raise MalformedAnswer("the enrolment token has an unexpected form")
    return token


def reason_code(body: Any, fallback: str) -> str:
    """A 4xx answer's `error` code if it is a short identifier; never free text."""
    if isinstance(body, dict):
        code = body.get("error")
        if isinstance(code, str) and _REASON.match(code):
            return code
    return fallback


class SyncOutcome(StrEnum):
    SENT = "sent"  # every pending day accepted
    NOTHING_TO_SEND = "nothing_to_send"
    DISABLED = "disabled"  # sync.enabled is false or no endpoint is configured
    NOT_ENROLLED = "not_enrolled"  # no token in the keystore
    REJECTED = "rejected"  # 400 (or a day too large to split): stopped; a manager must look
    NEEDS_ENROLMENT = "needs_enrolment"  # 401/403: stopped until `cicini enroll`
    RETRY_LATER = "retry_later"  # transient failures used up this run's attempts or wait
    WAITING = "waiting"  # the server asked us to wait (Retry-After) and the time has not come
    NOT_ACCEPTED = "not_accepted"  # the server answered 2xx but did not store every day sent
    HEARTBEAT_REFUSED = "heartbeat_refused"  # nothing to send; the plan check was refused


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync run did; the GUI status bar and `cicini sync now` show it."""

    outcome: SyncOutcome
    finished_at: datetime
    sent_days: tuple[date, ...] = ()
    reason: str | None = None  # a machine code such as "timeout", "http_500", "unknown_counter"
    attempts: int = 0
    waits: tuple[float, ...] = field(default=())

    @property
    def succeeded(self) -> bool:
        return self.outcome in (SyncOutcome.SENT, SyncOutcome.NOTHING_TO_SEND)

    def sentence(self) -> str:
        return outcome_sentence(self.outcome, self.reason)


def not_accepted_reason(accepted: int, offered: int) -> str:
    """The reason code of a run where the server stored fewer days than were sent."""
    return f"accepted_{accepted}_of_{offered}"


_NOT_ACCEPTED = re.compile(r"^accepted_([0-9]+)_of_([0-9]+)$")


def outcome_sentence(outcome: SyncOutcome, reason: str | None = None) -> str:
    """What a person reads about a run: the CLI, the status command and the Settings page
    all say it with this one function, so they cannot disagree."""
    match = _NOT_ACCEPTED.match(reason or "") if outcome is SyncOutcome.NOT_ACCEPTED else None
    if match is not None:
        accepted, offered = int(match.group(1)), int(match.group(2))
        if accepted == 0:
            if offered == 1:
                return QT_TRANSLATE_NOOP(
                    "sync",
                    "Cicini answered but stored none of the 1 day sent; "
                    "they stay queued and sync will send them again.",
                )
            return QT_TRANSLATE_NOOP(
                "sync",
                "Cicini answered but stored none of the {offered} days sent; "
                "they stay queued and sync will send them again.",
            ).format(offered=str(offered))
        return QT_TRANSLATE_NOOP(
            "sync",
            "Cicini stored only {accepted} of the {offered} days sent; the others stay "
            "queued and sync will send them again.",
        ).format(accepted=str(accepted), offered=str(offered))
    return OUTCOME_SENTENCES[outcome]


OUTCOME_SENTENCES: dict[SyncOutcome, str] = {
    SyncOutcome.SENT: QT_TRANSLATE_NOOP("sync", "Usage counts were sent to Cicini."),
    SyncOutcome.NOTHING_TO_SEND: QT_TRANSLATE_NOOP(
        "sync", "Nothing new to send; Cicini is up to date."
    ),
    SyncOutcome.DISABLED: QT_TRANSLATE_NOOP(
        "sync", "Sync is turned off or no sync endpoint is configured; ask IT."
    ),
    SyncOutcome.NOT_ENROLLED: QT_TRANSLATE_NOOP(
        "sync", "This installation is not enrolled; IT can run 'cicini enroll'."
    ),
    SyncOutcome.REJECTED: QT_TRANSLATE_NOOP(
        "sync",
        "Cicini refused the usage document; sync has stopped until a practice manager runs "
        "'cicini sync now' after an update or asks Cicini support.",
    ),
    SyncOutcome.NEEDS_ENROLMENT: QT_TRANSLATE_NOOP(
        "sync",
        "Cicini no longer accepts this installation's token; IT must run 'cicini enroll' again.",
    ),
    SyncOutcome.RETRY_LATER: QT_TRANSLATE_NOOP(
        "sync",
        "Cicini could not be reached; nothing is lost and sync will retry automatically.",
    ),
    SyncOutcome.WAITING: QT_TRANSLATE_NOOP(
        "sync", "Cicini asked to wait before the next sync; it will retry on its own."
    ),
    SyncOutcome.NOT_ACCEPTED: QT_TRANSLATE_NOOP(
        "sync",
        "Cicini answered but did not store every day sent; those days stay queued and sync "
        "will send them again.",
    ),
    SyncOutcome.HEARTBEAT_REFUSED: QT_TRANSLATE_NOOP(
        "sync",
        "Nothing new to send, but Cicini refused the plan check; new usage will still be sent "
        "and the plan check is tried again later.",
    ),
}


class SyncMode(StrEnum):
    """Who asked for a run; the sync layer picks retries and timeouts from it."""

    BACKGROUND = "background"  # at start and every sync.interval_minutes
    MANUAL = "manual"  # a person pressed "Sync now" or ran `cicini sync now`
    EXIT = "exit"  # the window is closing: one quick attempt, no waiting


class SyncCancelled(Exception):
    """Raised from an interrupted backoff wait (the application is closing)."""
