"""Sync is audited (ids and reason codes only), and the request carries the protocol's
headers; checked with pytest-httpserver, a real HTTP server on loopback."""

from __future__ import annotations

import json

from sqlalchemy import text
from werkzeug import Request, Response

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.services import usage
from cicini_desktop.sync.client import enroll, sync_now
from tests.sync.conftest import CODE, FAST, SHORT, count, no_sleep, point_at

TOKEN = "t" * 43
PLAN = {
    "name": "Practice",
    "allowances": {"active_providers": 2, "staff_accounts": 6},
    "valid_until": "2026-04-15T09:00:00Z",
}


def audit_rows(context) -> list[tuple[str, str, str]]:
    with context.database.session() as session:
        rows = session.execute(
            text("SELECT action, outcome, details FROM audit_record ORDER BY seq")
        ).all()
    return [(a, o, d) for a, o, d in rows if a.startswith("sync.")]


def test_headers_retry_with_the_same_key_and_audit(context, httpserver) -> None:
    seen: list[Request] = []
    answers = iter([Response("busy", status=500), None])

    def handler(request: Request) -> Response:
        seen.append(request)
        canned = next(answers)
        if canned is not None:
            return canned
        body = json.loads(request.data)
        accepted = [d["date"] for d in body["days"]]
        return Response(json.dumps({"accepted_days": accepted, "plan": PLAN}), 200)

    httpserver.expect_request("/v1/enroll", method="POST").respond_with_json({"token": TOKEN})
    httpserver.expect_request("/v1/usage", method="POST").respond_with_handler(handler)
    url = httpserver.url_for("").rstrip("/")
    point_at(context, url)
    enroll(context, url, CODE, SHORT)
    count(context, Counter.BACKUP_MADE)
    report = sync_now(context, policy=FAST, timeouts=SHORT, sleep=no_sleep)
    assert report.outcome is SyncOutcome.SENT

    first, second = seen
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert first.headers["Content-Type"] == "application/json"
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert first.data == second.data
    assert usage.sync_status(context).plan.plan.name == "Practice"

    rows = audit_rows(context)
    assert [(a, o) for a, o, _ in rows] == [("sync.enrolled", "success"), ("sync.sent", "success")]
    assert TOKEN not in json.dumps(rows)


def test_failure_is_audited_once_with_a_reason_code(context, httpserver) -> None:
    httpserver.expect_request("/v1/enroll").respond_with_json({"token": TOKEN})
    httpserver.expect_request("/v1/usage").respond_with_json(
        {"error": "unknown_counter", "detail": "Patient Anna Smith"}, status=400
    )
    url = httpserver.url_for("").rstrip("/")
    point_at(context, url)
    enroll(context, url, CODE, SHORT)
    count(context, Counter.BACKUP_MADE)
    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.REJECTED
    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.REJECTED
    failed = [r for r in audit_rows(context) if r[0] == "sync.failed"]
    assert len(failed) == 1
    details = json.loads(failed[0][2])
    assert details["reason"] == "unknown_counter"
    assert "Anna" not in failed[0][2]
