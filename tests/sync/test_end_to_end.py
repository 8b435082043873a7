"""End to end over HTTPS against the reference collector, with a CA made in the test."""

from __future__ import annotations

import json

import pytest
import requests

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import SyncError
from cicini_desktop.core.plan import PlanStatus
from cicini_desktop.core.sync_protocol import SyncOutcome
from cicini_desktop.services import usage
from cicini_desktop.store.vault import Secret
from cicini_desktop.sync.client import enroll, sync_now
from tests.sync.conftest import CODE, FAST, SHORT, count, local_totals, point_at, server_totals


def test_enrol_and_sync_over_https(context, tls_collector, tls, clock) -> None:
    ca_file = tls[3]
    point_at(context, tls_collector.url, str(ca_file))
    enroll(context, tls_collector.url, CODE, SHORT)
    token = context.vault.get_secret(context.database.database_id, Secret.SYNC_TOKEN)
    assert token is not None

    count(context, Counter.APPOINTMENT_BOOKED, 3)
    count(context, Counter.PATIENT_CREATED)
    report = sync_now(context, policy=FAST, timeouts=SHORT)
    assert report.outcome is SyncOutcome.SENT
    assert server_totals(tls_collector, context.installation_id) == local_totals(context)

    status = usage.sync_status(context)
    assert status.plan.status is PlanStatus.CURRENT
    assert status.plan.plan.name == "Development"
    assert status.last_status == 200
    # The page shows exactly what went over the wire.
    assert json.loads(status.last_document)["days"][0]["counters"] == {
        "appointment.booked": 3,
        "patient.created": 1,
    }

    # The inspection endpoint, read-only, with the installation's own token.
    answer = requests.get(
        f"{tls_collector.url}/v1/installations/{context.installation_id}/usage",
        headers={"Authorization": f"Bearer {token}"},
        verify=str(ca_file),
        timeout=5,
    )
    assert answer.status_code == 200
    assert answer.json()["days"][0]["counters"]["appointment.booked"] == 3


def test_untrusted_certificate_is_refused(context, tls_collector) -> None:
    point_at(context, tls_collector.url)  # no CA bundle: the test CA is unknown
    with pytest.raises(SyncError, match="could not be reached"):
        enroll(context, tls_collector.url, CODE, SHORT)


def test_bad_enrolment_code_is_refused(context, collector) -> None:
    with pytest.raises(SyncError, match="refused"):
        enroll(context, collector.url, "wrong-code", SHORT)
    assert context.vault.get_secret(context.database.database_id, Secret.SYNC_TOKEN) is None


def test_today_is_resent_and_yesterday_once_more_after_midnight(context, collector, clock) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.SLOT_FINDER_USED)
    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.SENT
    assert len(usage.pending_days(context)) == 1  # today can still change
    count(context, Counter.SLOT_FINDER_USED)
    clock.advance(days=1)
    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.SENT
    assert usage.pending_days(context) == []  # sent after midnight: final
    assert server_totals(collector, context.installation_id) == local_totals(context)


def test_plain_http_to_another_host_is_refused(context) -> None:
    from cicini_desktop.core.errors import ConfigError

    with pytest.raises(ConfigError, match="https"):
        enroll(context, "http://usage.example.org", CODE, SHORT)


def test_audit_actions_are_the_sync_ones() -> None:
    assert {AuditAction.SYNC_SENT, AuditAction.SYNC_FAILED, AuditAction.SYNC_ENROLLED}
