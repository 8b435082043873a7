"""The reference collector as a hostile client meets it: framing, encodings, methods, auth.

Each case is one the conformance run of issue 23 found (request smuggling, dropped
connections, non-canonical dates and ids, HTML 501 pages, a missing WWW-Authenticate).
"""

from __future__ import annotations

import json
import socket
import uuid

import pytest
import requests

from cicini_desktop.sync.collector import RECENT_DOCUMENTS
from tests.sync.conftest import CODE
from tests.sync.test_collector import INSTALLATION, days, document, post


@pytest.fixture
def token(collector) -> str:
    answer = requests.post(
        f"{collector.url}/v1/enroll",
        json={"enrollment_code": CODE, "installation_id": INSTALLATION, "app_version": "0.1.0"},
        timeout=5,
    )
    assert answer.status_code == 200
    return answer.json()["token"]


def exchange(url: str, raw: bytes, *, wait: float = 1.0) -> bytes:
    """Send raw bytes on one connection and read everything until it closes or goes quiet."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as connection:
        connection.sendall(raw)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def enroll_request(installation: str) -> bytes:
    body = json.dumps(
        {"enrollment_code": CODE, "installation_id": installation, "app_version": "1"}
    ).encode()
    return (
        b"POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


@pytest.mark.parametrize("request_line", [b"GET /v1/usage", b"POST /v1/nowhere", b"GET /"])
def test_a_request_hidden_in_a_body_is_never_executed(collector, request_line) -> None:
    installation = str(uuid.uuid4())
    hidden = enroll_request(installation)
    outer = (
        request_line + b" HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + str(len(hidden)).encode() + b"\r\n\r\n" + hidden
    )  # fmt: skip
    raw = exchange(collector.url, outer)
    assert raw.count(b"HTTP/1.1 ") == 1  # one answer: the body was read, not run
    assert b'"token"' not in raw
    row = collector.collector._db.execute(
        "SELECT count(*) FROM token WHERE installation_id = ?", (installation,)
    ).fetchone()
    assert row == (0,)


def test_chunked_or_ambiguous_lengths_close_the_connection(collector) -> None:
    hidden = enroll_request(str(uuid.uuid4()))
    chunked = (
        b"POST /v1/enroll HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + hex(len(hidden))[2:].encode() + b"\r\n" + hidden + b"\r\n0\r\n\r\n"
    )  # fmt: skip
    raw = exchange(collector.url, chunked)
    assert raw.startswith(b"HTTP/1.1 411 ")
    assert raw.count(b"HTTP/1.1 ") == 1
    assert b"Connection: close" in raw
    double = b"POST /v1/enroll HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\n{}"
    raw = exchange(collector.url, double)
    assert raw.startswith(b"HTTP/1.1 400 ")
    assert raw.count(b"HTTP/1.1 ") == 1


def test_pipelined_requests_still_work(collector, token) -> None:
    get = (
        f"GET /v1/installations/{INSTALLATION}/usage HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {token}\r\n\r\n"
    ).encode()
    raw = exchange(collector.url, get + get, wait=1.0)
    assert raw.count(b"HTTP/1.1 200 ") == 2


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"enrollment_code": "\\ud800", "installation_id": "x", "app_version": "1"}', "bad_json"),
        (b"[" * 10_000 + b"]" * 10_000, "bad_json"),
        (
            json.dumps(
                {"enrollment_code": CODE, "installation_id": str(uuid.uuid4()).upper(),
                 "app_version": "1"}
            ).encode(),
            "bad_id",
        ),
        (
            json.dumps(
                {"enrollment_code": CODE, "installation_id": str(uuid.uuid4()),
                 "app_version": "1" * 33}
            ).encode(),
            "bad_app_version",
        ),
        (
            json.dumps(
                {"enrollment_code": CODE, "installation_id": str(uuid.uuid4()), "app_version": 7}
            ).encode(),
            "bad_app_version",
        ),
    ],
)  # fmt: skip
def test_malformed_enrolments_get_a_json_answer(collector, raw, reason) -> None:
    answer = requests.post(f"{collector.url}/v1/enroll", data=raw, timeout=5)
    assert answer.status_code == 400
    assert answer.json()["error"] == reason


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"days": [{"date": "2020-W01-1", "counters": {"appointment.booked": 1}}]}, "bad_date"),
        ({"days": [{"date": "2020-001", "counters": {"appointment.booked": 1}}]}, "bad_date"),
        ({"days": [{"date": "２０２０-01-01", "counters": {}}]}, "bad_date"),
        ({"organization_id": str(uuid.uuid4()).upper()}, "bad_id"),
    ],
)
def test_only_canonical_dates_and_ids(collector, token, changes, reason) -> None:
    answer = post(collector, token, document(**changes))
    assert answer.status_code == 400
    assert answer.json()["error"] == reason
    assert collector.collector.totals(INSTALLATION)["days"] == []


def test_a_repeated_date_is_unprocessable(collector, token) -> None:
    twice = [
        {"date": "2026-03-16", "counters": {"appointment.booked": 1}},
        {"date": "2026-03-16", "counters": {"appointment.booked": 2}},
    ]
    answer = post(collector, token, document(days=twice))
    assert answer.status_code == 422
    assert answer.json()["error"] == "duplicate_date"
    assert collector.collector.totals(INSTALLATION)["days"] == []


def test_upper_case_installation_is_not_stored(collector, token) -> None:
    answer = post(collector, token, document(installation_id=INSTALLATION.upper()))
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_id"


def test_integral_numbers_are_integers(collector, token) -> None:
    raw = json.dumps(document()).replace('"appointment.booked": 3', '"appointment.booked": 7.0')
    assert "7.0" in raw
    answer = post(collector, token, None, raw=raw.encode())
    assert answer.status_code == 200
    held = collector.collector.totals(INSTALLATION)["days"]
    assert held == [{"date": "2026-03-16", "counters": {"appointment.booked": 7}}]
    assert isinstance(held[0]["counters"]["appointment.booked"], int)


def test_a_heartbeat_is_answered_with_the_plan(collector, token) -> None:
    answer = post(collector, token, document(days=[]))
    assert answer.status_code == 200
    assert answer.json()["accepted_days"] == []
    assert answer.json()["plan"]["name"] == "Development"


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY"])
def test_other_methods_get_405_json_with_allow(collector, method) -> None:
    for path, allow in (
        ("/v1/enroll", "POST"),
        ("/v1/usage", "POST"),
        (f"/v1/installations/{INSTALLATION}/usage", "GET"),
    ):
        answer = requests.request(method, collector.url + path, timeout=5)
        assert answer.status_code == 405
        assert answer.headers["Allow"] == allow
        assert answer.json()["error"] == "method_not_allowed"
    head = requests.head(collector.url + "/v1/usage", timeout=5)
    assert head.status_code == 405
    assert head.content == b""


def test_unknown_paths_and_malformed_ids(collector, token) -> None:
    missing = requests.get(f"{collector.url}/v2/anything", timeout=5)
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    for bad in ("not-a-uuid", INSTALLATION.upper(), "%2e%2e", ""):
        answer = requests.get(
            f"{collector.url}/v1/installations/{bad}/usage",
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert answer.status_code == 400, bad
        assert answer.json()["error"] == "bad_id"
    garbage = exchange(collector.url, b"\x16\x03\x01 nonsense\r\n\r\n")
    assert garbage.startswith(b"HTTP/1.1 400 ") or garbage.startswith(b"HTTP/1.0 400 ")
    assert garbage.split(b"\r\n\r\n", 1)[1].startswith(b'{"error": ')


def test_401_names_the_scheme_and_bearer_is_case_insensitive(collector, token) -> None:
    url = f"{collector.url}/v1/installations/{INSTALLATION}/usage"
    refused = requests.get(url, timeout=5)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer ")
    usage_refused = post(collector, "wrong-token-000000", document())
    assert usage_refused.headers["WWW-Authenticate"].startswith("Bearer ")
    for scheme in ("bearer", "BEARER", "Bearer"):
        answer = requests.get(url, headers={"Authorization": f"{scheme} {token}"}, timeout=5)
        assert answer.status_code == 200, scheme
    assert post(collector, token, document()).status_code == 200


def test_memory_does_not_grow_with_traffic(collector, token) -> None:
    for n in range(RECENT_DOCUMENTS + 20):
        assert post(collector, token, document(days=days({"appointment.booked": n + 1}))).ok
    assert collector.collector.received == RECENT_DOCUMENTS + 20
    assert len(collector.collector.requests) == RECENT_DOCUMENTS
