"""Build step for the audit trail: chained records, exactly as `store.audit_log.append`
writes them (same fields, same canonical details, same hash functions from core), but
inserted with executemany in batches instead of one statement per record."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

from tests.bench.generate import NOW, Build, StepUnavailable

BATCH = 50_000

# Share of each action in a clinic's trail (sign-ins dominate; admin actions are rare).
MIX: tuple[tuple[str, str, float], ...] = (
    ("sign_in.succeeded", "success", 0.42),
    ("sign_out", "success", 0.30),
    ("idle_lock", "success", 0.10),
    ("unlock", "success", 0.08),
    ("sign_in.failed", "failure", 0.05),
    ("access.denied", "denied", 0.02),
    ("staff.changed", "success", 0.01),
    ("settings.changed", "success", 0.005),
    ("backup.made", "success", 0.01),
    ("sync.sent", "success", 0.005),
)

# Three front-desk workstations and the manager's office PC (masked network + keyed hash).
WORKSTATIONS = (
    ("192.0.2.0/24", "a1" * 32, "desktop", "windows", "11", "1.0.0"),
    ("192.0.2.0/24", "b2" * 32, "desktop", "windows", "11", "1.0.0"),
    ("192.0.2.0/24", "c3" * 32, "laptop", "macos", "14", "1.0.0"),
    ("198.51.100.0/24", "d4" * 32, "desktop", "linux", "6", "1.0.0"),
)


def audit_records(build: Build) -> dict[str, Any]:
    try:
        audit_log = importlib.import_module("cicini_desktop.store.audit_log")
        chain = importlib.import_module("cicini_desktop.core.audit_chain")
    except ModuleNotFoundError:
        raise StepUnavailable("the audit chain (core/audit_chain.py) does not exist yet") from None
    if not hasattr(audit_log, "COLUMNS") or not hasattr(chain, "record_hash"):
        raise StepUnavailable("store.audit_log has no COLUMNS/record_hash to write with")
    rng = build.rng
    meta = build.meta
    organization_id = meta["organization_id"]
    staff_ids = [meta["manager_id"], *meta.get("receptionist_ids", []), *meta["provider_ids"]]
    actions = [m[:2] for m in MIX]
    weights = [m[2] for m in MIX]
    total = build.size.audit_records
    insert = f"INSERT INTO audit_record ({audit_log.COLUMNS}) VALUES ({', '.join('?' * 19)})"
    with build.bulk("audit_record") as connection:
        row = connection.execute(
            "SELECT seq, record_hash, occurred_at FROM audit_record ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, prev_hash, last_at = (int(row[0]), row[1], int(row[2])) if row else (0, "0" * 64, 0)
        # Spread over the span up to an hour before "now", in time order.
        first_at = max(last_at, int((NOW - timedelta(days=build.size.span_days)).timestamp()))
        step = (int(NOW.timestamp()) - 3600 - first_at) / total
        batch: list[tuple[Any, ...]] = []
        chosen = rng.choices(actions, weights, k=total)
        for i in range(total):
            seq += 1
            action, outcome = chosen[i]
            masked, network_hash, device, os_family, os_major, version = rng.choice(WORKSTATIONS)
            actor = rng.choice(staff_ids)
            target_type = target_id = None
            details: dict[str, str | int | bool] = {}
            if action == "staff.changed":
                target_type, target_id = "staff", rng.choice(staff_ids)
            elif action == "access.denied":
                details = {"permission": "audit.view"}
            elif action == "sync.sent":
                actor, target_type, target_id = "system", "installation", meta["installation_id"]
                details = {"days": 1}
            elif action == "backup.made":
                actor = "system"
            fields = chain.ChainFields(
                seq=seq,
                occurred_at=first_at + int(i * step),
                action=action,
                outcome=outcome,
                actor_id=actor,
                organization_id=organization_id,
                target_type=target_type,
                target_id=target_id,
                masked_network=masked,
                network_commit=chain.network_commit(prev_hash, network_hash),
                device_category=device,
                os_family=os_family,
                os_major=os_major,
                app_version=version,
                details=chain.canonical_details(details),
            )
            digest = chain.record_hash(prev_hash, fields)
            batch.append((*fields.values(), network_hash, prev_hash, digest, None))
            prev_hash = digest
            if len(batch) >= BATCH:
                _flush(connection, insert, batch)
        _flush(connection, insert, batch)
    _publish_head(build, seq, prev_hash)
    return {"audit_head": [seq, prev_hash], "summary": {"records": total, "head_seq": seq}}


def _flush(connection: Any, insert: str, batch: list[tuple[Any, ...]]) -> None:
    if not batch:
        return
    connection.execute("BEGIN")
    connection.executemany(insert, batch)
    connection.execute("COMMIT")
    batch.clear()


def _publish_head(build: Build, seq: int, digest: str) -> None:
    """Keep the head outside the database as the audit service does after each commit
    (`audit_integrity.ChainHeadStore`), so `verify` does not see the bulk records as cut or
    inserted."""
    try:
        integrity = importlib.import_module("cicini_desktop.services.audit_integrity")
        chain = importlib.import_module("cicini_desktop.core.audit_chain")
    except ModuleNotFoundError:
        return
    integrity.head_store(build.context).save(chain.ChainHead(seq, digest), force=True)
