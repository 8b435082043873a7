"""Audit trail benchmark, standalone: append rate with the hash chain, verify, and the
viewer's first page with filters on a large trail. Prints a table; not a timed test.

    .venv/bin/python -m tests.bench.audit_standalone [--records 1000000]

Appends go through `store.audit_log.append` (PII guard, canonical form, SHA-256 chain,
INSERT) inside one transaction per batch, as a service's unit of work does. The fill up to
the large size uses a bulk insert of the same chained rows (verified at the end).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring

from cicini_desktop.config import load_config
from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.audit_chain import (
    ChainFields,
    canonical_details,
    network_commit,
    record_hash,
)
from cicini_desktop.core.audit_entry import AuditEntry
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import audit
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.store import audit_log
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring

START = datetime(2020, 1, 1, tzinfo=UTC)
ACTIONS = list(AuditAction)


def _append_batch(
    context: ServiceContext, staff: list[str], start: int, count: int, step: float
) -> None:
    assert context.organization_id is not None
    with context.database.session_factory.begin() as session:
        for n in range(start, start + count):
            actor = staff[n % len(staff)]
            failed = n % 7 == 0
            entry = AuditEntry(
                occurred_at=START + timedelta(seconds=n * step),
                action=ACTIONS[n % len(ACTIONS)],
                outcome=AuditOutcome.DENIED
                if n % 97 == 0
                else (AuditOutcome.FAILURE if failed else AuditOutcome.SUCCESS),
                actor_id=actor,
                organization_id=context.organization_id,
                target_type="staff",
                target_id=staff[(n + 3) % len(staff)],
                details={"count": n % 10},
            )
            audit_log.append(session, entry, context.workstation)


def _bulk_fill(
    context: ServiceContext, staff: list[str], start: int, count: int, step: float
) -> None:
    """Fill fast for the viewer measurement: the same chained rows, built in Python and
    inserted with executemany (no per-record guard; the rows are the benchmark's own)."""
    assert context.organization_id is not None
    ws = context.workstation
    with context.database.session_factory.begin() as session:
        # The app's own head read: takes the write lock and notes the base the head file
        # vouches for, so the two-phase head moves on with this commit.
        seq, prev, raw, info = audit_log._head(session)
        rows = []
        for n in range(start, start + count):
            seq += 1
            failed = n % 7 == 0
            outcome = "denied" if n % 97 == 0 else ("failure" if failed else "success")
            fields = ChainFields(
                seq, int((START + timedelta(seconds=n * step)).timestamp()),
                ACTIONS[n % len(ACTIONS)].value, outcome, staff[n % len(staff)],
                context.organization_id, "staff", staff[(n + 3) % len(staff)], ws.masked_network,
                network_commit(prev, ws.network_hash), ws.device_category, ws.os_family,
                ws.os_major, ws.app_version, canonical_details({"count": n % 10}),
            )  # fmt: skip
            digest = record_hash(prev, fields)
            rows.append(
                (*fields.values(), ws.network_hash, prev, digest, None)
            )
            prev = digest
        raw.executemany(
            f"INSERT INTO audit_record ({audit_log.COLUMNS}) VALUES ({', '.join('?' * 19)})", rows
        )
        session.info.pop("cicini.audit.head", None)
        info["cicini.audit.appended"] = True  # so the kept chain head moves on


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    folder = Path(tempfile.mkdtemp(prefix="cicini-audit-bench-"))
    config = load_config(data_dir_flag=str(folder / "data"), env={})
    clinic = create_clinic(
        config,
        organization_name="Bench",
        timezone="Europe/Berlin",
        vault=KeyVault(backend=backend),
        clock=FixedClock(datetime(2026, 3, 16, tzinfo=UTC)),
    )
    context = clinic.context
    assert context.organization_id is not None
    staff = [new_id() for _ in range(20)]
    manager = Actor(new_id(), context.organization_id, frozenset(Permission))
    step = 6 * 365 * 86400 / max(args.records, 1)

    print(f"audit benchmark in {folder} (masked network: {context.workstation.masked_network})")
    rates: list[tuple[float, float]] = []
    written = 0
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        _append_batch(context, staff, written, args.batch, step)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rates.append((args.batch / wall, args.batch / cpu))
        written += args.batch
    walls = [r[0] for r in rates]
    cpus = [r[1] for r in rates]
    print(
        f"append, batches of {args.batch}: median {statistics.median(walls):,.0f} records/s wall "
        f"(min {min(walls):,.0f}, max {max(walls):,.0f}); "
        f"{statistics.median(cpus):,.0f} records/s per CPU second   budget > 5,000/s"
    )

    fill_start = time.perf_counter()
    while written < args.records:
        count = min(50_000, args.records - written)
        _bulk_fill(context, staff, written, count, step)
        written += count
    print(f"filled to {written:,} records in {time.perf_counter() - fill_start:.0f} s")

    last = START + timedelta(seconds=written * step)
    filters = {
        "no filter": audit.AuditFilter(),
        "action": audit.AuditFilter(action=AuditAction.SIGN_IN_FAILED),
        "outcome denied": audit.AuditFilter(outcome=AuditOutcome.DENIED),
        "actor": audit.AuditFilter(actor_id=staff[5]),
        "last 30 days": audit.AuditFilter(since=last - timedelta(days=30)),
        "a month 3 years ago": audit.AuditFilter(
            since=last - timedelta(days=3 * 365 + 30), until=last - timedelta(days=3 * 365)
        ),
        "action + actor + year": audit.AuditFilter(
            action=AuditAction.SIGN_IN_FAILED,
            actor_id=staff[4],
            since=last - timedelta(days=365),
        ),
        "rare action, old window": audit.AuditFilter(
            action=AuditAction.KEY_ROTATED, until=START + timedelta(days=400)
        ),
    }
    for name, audit_filter in filters.items():
        samples = []
        for _ in range(15):
            began = time.perf_counter()
            ids, _cursor = audit.page_ids(context, manager, audit_filter)
            audit.rows_by_id(context, manager, ids[:100])
            samples.append((time.perf_counter() - began) * 1000)
        print(f"viewer first page ({name:24}) {_ms(samples)}   ({len(ids)} ids)   budget < 100 ms")

    began = time.perf_counter()
    report = verify_trail(context)
    seconds = time.perf_counter() - began
    print(f"verify {report.records:,} records: {seconds:.1f} s, {report.sentence()}")
    context.database.close()


if __name__ == "__main__":
    main()
