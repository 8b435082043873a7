"""The reference collector over real HTTP: strict validation, idempotency, inspection."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest
import requests

from cicini_desktop.core.usage_document import SCHEMA
from tests.sync.conftest import CODE

INSTALLATION = str(uuid.uuid4())
ORGANIZATION = str(uuid.uuid4())


def document(**changes: object) -> dict:
    base = {
        "schema": SCHEMA,
        "installation_id": INSTALLATION,
        "organization_id": ORGANIZATION,
        "app_version": "0.1.0",
        "os_family": "linux",
        "region": None,
        "days": [{"date": "2026-03-16", "counters": {"appointment.booked": 3}}],
    }
    base.update(changes)
    return base


@pytest.fixture
def token(collector) -> str:
    answer = requests.post(
        f"{collector.url}/v1/enroll",
        json={"enrollment_code": CODE, "installation_id": INSTALLATION, "app_version": "0.1.0"},
        timeout=5,
    )
    assert answer.status_code == 200
    return answer.json()["token"]


def post(collector, token: str, body: object, key: str | None = None, raw: bytes | None = None):
    return requests.post(
        f"{collector.url}/v1/usage",
        data=raw if raw is not None else json.dumps(body),
        headers={
            "Authorization": f"Bearer {token}",
            "Idempotency-Key": key or str(uuid.uuid4()),
            "Content-Type": "application/json",
        },
        timeout=5,
    )


def days(counters: object) -> list:
    return [{"date": "2026-03-16", "counters": counters}]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (document(days=days({"patient.name": 1})), "unknown_counter"),
        (document(days=days({"appointment.booked": -1})), "out_of_range"),
        (document(days=days({"appointment.booked": 1.5})), "not_an_integer"),
        (document(days=days({"appointment.booked": True})), "not_an_integer"),
        (document(days=days({"appointment.booked": "3"})), "not_an_integer"),
        (document(extra="x"), "unknown_key"),
        (document(schema="other"), "unknown_schema"),
        ([1, 2], "not_an_object"),
    ],
)
def test_strict_validation(collector, token, body, reason) -> None:
    answer = post(collector, token, body)
    assert answer.status_code == 400
    assert answer.json()["error"] == reason
    assert collector.collector.totals(INSTALLATION)["days"] == []


def test_oversized_and_broken_bodies(collector, token) -> None:
    big = post(collector, token, None, raw=b"{" + b" " * (300 * 1024) + b"}")
    assert big.status_code == 413
    assert big.json()["error"] == "body_too_large"
    assert post(collector, token, None, raw=b"{nope").json()["error"] == "bad_json"
    dup = b'{"schema": "a", "schema": "b"}'
    assert post(collector, token, None, raw=dup).json()["error"] == "duplicate_key"


def test_totals_and_idempotency(collector, token) -> None:
    first = post(collector, token, document(), key="k-1")
    assert first.status_code == 200
    assert first.json()["accepted_days"] == ["2026-03-16"]
    replay = post(collector, token, document(), key="k-1")
    assert replay.json() == first.json()
    reused = post(collector, token, document(region="DE"), key="k-1")
    assert reused.status_code == 422
    # Later totals replace earlier ones; an older, reordered document cannot lower them.
    post(collector, token, document(days=days({"appointment.booked": 5})))
    post(collector, token, document(days=days({"appointment.booked": 4})))
    inspection = requests.get(
        f"{collector.url}/v1/installations/{INSTALLATION}/usage",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert inspection.json()["days"] == [
        {"date": "2026-03-16", "counters": {"appointment.booked": 5}}
    ]


def test_auth(collector, token) -> None:
    assert post(collector, "wrong-token-000000", document()).status_code == 401
    other = document(installation_id=str(uuid.uuid4()))
    assert post(collector, token, other).status_code == 403
    url = f"{collector.url}/v1/installations/{INSTALLATION}/usage"
    assert requests.get(url, timeout=5).status_code == 401
    operator = requests.get(url, headers={"Authorization": f"Bearer {CODE}"}, timeout=5)
    assert operator.status_code == 200


def test_command_line_with_plans_and_tls(tmp_path, tls) -> None:
    _, cert, key, ca_file = tls
    plans = tmp_path / "plans.json"
    plans.write_text(
        json.dumps(
            {
                "default": {
                    "name": "Solo",
                    "allowances": {"active_providers": 1, "staff_accounts": 3},
                }
            }
        )
    )
    process = subprocess.Popen(
        [
            sys.executable, "-m", "cicini_desktop.sync.collector",
            "--port", "0", "--db", str(tmp_path / "c.sqlite3"), "--enrollment-code", CODE,
            "--plans", str(plans), "--tls-cert", str(cert), "--tls-key", str(key),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        assert line.startswith("cicini-collector: serving https://127.0.0.1:")
        url = line.split("serving ")[1].strip()
        enrolled = requests.post(
            f"{url}/v1/enroll",
            json={"enrollment_code": CODE, "installation_id": INSTALLATION, "app_version": "1"},
            verify=str(ca_file),
            timeout=5,
        )
        token = enrolled.json()["token"]
        answer = requests.post(
            f"{url}/v1/usage",
            data=json.dumps(document()),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "a"},
            verify=str(ca_file),
            timeout=5,
        )
        assert answer.json()["plan"]["name"] == "Solo"
        assert answer.json()["plan"]["allowances"] == {"active_providers": 1, "staff_accounts": 3}
    finally:
        process.terminate()
        process.wait(timeout=5)
