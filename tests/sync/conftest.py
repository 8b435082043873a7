"""Sync fixtures: a real reference collector on loopback (plain HTTP, or HTTPS with a CA
made for the test by trustme), and a clinic context pointed at it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import trustme

from cicini_desktop.core.backoff import BackoffPolicy
from cicini_desktop.core.counters import Counter
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.sync.collector import Collector, RunningCollector, serve_in_thread
from cicini_desktop.sync.transport import Timeouts

CODE = "trial-code-1234"
FAST = BackoffPolicy(base_seconds=0.01, cap_seconds=0.05, max_attempts=4, max_wait_seconds=1.0)
SHORT = Timeouts(connect=1.0, read=0.5)


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[RunningCollector]:
    running = serve_in_thread(Collector(tmp_path / "collector.sqlite3", CODE))
    yield running
    running.close()


@pytest.fixture
def tls(tmp_path: Path) -> tuple[trustme.CA, Path, Path, Path]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file, ca_file = (tmp_path / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.private_key_and_cert_chain_pem.write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    ca.cert_pem.write_to_path(str(ca_file))
    return ca, cert_file, key_file, ca_file


@pytest.fixture
def tls_collector(tmp_path: Path, tls: tuple) -> Iterator[RunningCollector]:
    _, cert_file, key_file, _ = tls
    running = serve_in_thread(
        Collector(tmp_path / "collector-tls.sqlite3", CODE), tls_cert=cert_file, tls_key=key_file
    )
    yield running
    running.close()


def point_at(context: ServiceContext, url: str, ca_bundle: str = "") -> ServiceContext:
    context.config = context.config.with_values(sync__endpoint=url, sync__ca_bundle=ca_bundle)
    return context


def count(context: ServiceContext, counter: Counter, amount: int = 1) -> None:
    assert context.organization_id is not None
    with unit_of_work(context, Actor.system(context.organization_id)) as tx:
        tx.count(counter, amount)


def local_totals(context: ServiceContext) -> dict[str, dict[str, int]]:
    from cicini_desktop.store import usage_sync

    with context.database.session() as session:
        rows = usage_sync.counter_rows(session)
    totals: dict[str, dict[str, int]] = {}
    for day, name, n in rows:
        totals.setdefault(day, {})[name] = n
    return totals


def server_totals(running: RunningCollector, installation_id: str) -> dict[str, dict[str, int]]:
    answer = running.collector.totals(installation_id)
    return {d["date"]: d["counters"] for d in answer["days"]}


def no_sleep(_: float) -> None:
    """Backoff waits are recorded in the report; tests need not spend them."""


def seeded() -> random.Random:
    return random.Random(7)


def today(context: ServiceContext) -> date:
    return context.clock.now().date()
