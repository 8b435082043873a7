"""7 and 8: audit append in a batch and verify over the whole trail (records per second),
and the audit viewer's first page with a filter."""

from __future__ import annotations

import importlib
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor
from tests.bench.contexts import encrypted_context, scratch_copy
from tests.bench.generate import REPO, Dataset
from tests.bench.measure import (
    BUDGET_AUDIT_APPEND_PER_S,
    BUDGET_AUDIT_PER_OPERATION_MS,
    Bench,
    Samples,
    judge,
    timed,
)
from tests.bench.report import Result, not_available


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def manager(bench: Bench) -> Actor:
    return Actor(bench.meta["manager_id"], bench.meta["organization_id"], frozenset(Permission))


def append_and_verify(bench: Bench) -> list[Result]:
    results = _append(bench)
    results.append(_verify(bench))
    return results


def _append(bench: Bench) -> list[Result]:
    """A batch appended in one transaction through `Transaction.audit` (PII guard, chain,
    insert), and audited operations one at a time (one record per commit, the head kept
    outside) with a key file and with the OS keystore — on a scratch copy, since audit
    records are append-only."""
    name = "audit append, batch (records/s)"
    audit_log = _module("cicini_desktop.store.audit_log")
    if audit_log is None or not hasattr(audit_log, "iter_chain"):
        return [not_available(name)]
    with tempfile.TemporaryDirectory(prefix="cicini-bench-") as folder:
        copy = scratch_copy(bench.dataset, Path(folder))
        copy.folder.joinpath("meta.json").write_text(json.dumps(bench.meta), "utf-8")
        results = [_batch(bench, copy, name)]
        results += [_per_operation(bench, copy, where) for where in ("key-file", "keystore")]
    return results


def _per_operation(bench: Bench, copy: Dataset, where: str) -> Result:
    name = f"audit per operation, one record a commit ({where.replace('-', ' ')})"
    count = 200 if bench.large else 50
    command = [sys.executable, "-m", "tests.bench.audit_per_op"]
    command += [str(copy.folder), copy.size.name, str(count), where]
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    if where == "keystore":
        if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
            return not_available(name, "needs dbus-run-session and gnome-keyring-daemon")
        script = (
            "printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n"
            + " ".join(shlex.quote(part) for part in command)
            + "\n"
        )
        command = ["dbus-run-session", "--", "sh", "-c", script]
    # A keyring of its own in a temporary folder: the developer's keyrings are never opened.
    with tempfile.TemporaryDirectory(prefix="cicini-bench-keyring-") as keyrings:
        env["XDG_DATA_HOME"] = keyrings
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        return Result(name, note=f"error ({done.stderr.strip()[-200:]})")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    audited, counted = Samples(), Samples()
    audited.extend(figures["audited"])
    counted.extend(figures["counted"])
    result = judge(name, audited, note=f"{figures['backend']}")
    bookkeeping = statistics.median(audited) - statistics.median(counted)
    result.extra.update(
        records_per_s=round(1000 / statistics.median(audited)),
        same_commit_without_audit_ms=round(statistics.median(counted), 2),
        audit_bookkeeping_ms=round(bookkeeping, 2),
        budget=f"bookkeeping <= {BUDGET_AUDIT_PER_OPERATION_MS:g} ms",
    )
    result.ok = bookkeeping <= BUDGET_AUDIT_PER_OPERATION_MS
    return result


def _batch(bench: Bench, copy: Dataset, name: str) -> Result:
    from cicini_desktop.services.unit_of_work import unit_of_work

    batch = 5_000 if bench.large else 1_000
    actor = manager(bench)
    context = encrypted_context(copy)
    try:

        def append_batch() -> None:
            with unit_of_work(context, actor) as tx:
                for _ in range(batch):
                    tx.audit(
                        AuditAction.PERMISSION_GRANTED,
                        target_type="staff",
                        target_id=actor.staff_id,
                        details={"permission": Permission.AUDIT_VIEW.value},
                    )

        samples = timed(append_batch, 5, warmup=1)
    finally:
        context.database.close()
    result = judge(name, samples, note=f"{batch} records a batch, one commit")
    rate = batch / (result.median_ms / 1000) if result.median_ms else 0.0
    cpu = result.extra.get("cpu_median_ms") or 0
    result.extra.update(
        records_per_s=round(rate),
        cpu_records_per_s=round(batch / (float(cpu) / 1000)) if cpu else 0,
        budget=f"> {BUDGET_AUDIT_APPEND_PER_S}/s",
    )
    result.ok = rate > BUDGET_AUDIT_APPEND_PER_S
    return result


def _verify(bench: Bench) -> Result:
    name = "audit verify, whole trail (records/s)"
    integrity = _module("cicini_desktop.services.audit_integrity")
    if integrity is None:
        return not_available(name)
    context = bench.encrypted
    reports: list[Any] = []
    times = 2 if bench.large else 5
    samples = timed(lambda: reports.append(integrity.verify_trail(context)), times, warmup=0)
    report = reports[-1]
    result = judge(name, samples, note=report.sentence()[:90])
    rate = report.records / (result.median_ms / 1000) if result.median_ms else 0.0
    cpu = result.extra.get("cpu_median_ms") or 0
    result.extra.update(
        records=report.records,
        records_per_s=round(rate),
        cpu_records_per_s=round(report.records / (float(cpu) / 1000)) if cpu else 0,
    )
    if not report.ok:
        result.ok = False
    return result


def viewer_first_page(bench: Bench) -> list[Result]:
    """The viewer opens on a filter: one page of ids (newest first, keyset), then the rows
    of the visible window (50), as its model fetches them."""
    name = "audit viewer first page"
    audit = _module("cicini_desktop.services.audit")
    if audit is None or not hasattr(audit, "page_ids"):
        return [not_available(name)]
    from datetime import timedelta

    from tests.bench.generate import NOW

    context, actor = bench.encrypted, manager(bench)
    filters = {
        "action sign_in.failed, last 30 days": audit.AuditFilter(
            since=NOW - timedelta(days=30), action=AuditAction.SIGN_IN_FAILED
        ),
        "one actor, all time": audit.AuditFilter(actor_id=bench.meta["provider_ids"][3]),
        "outcome denied, all time": audit.AuditFilter(outcome="denied"),
    }
    results = []
    for label, audit_filter in filters.items():
        shown: list[int] = []

        def first_page(audit_filter: Any = audit_filter, shown: list[int] = shown) -> None:
            ids, _ = audit.page_ids(context, actor, audit_filter)
            shown[:] = ids
            audit.rows_by_id(context, actor, ids[:50])

        samples = timed(first_page, 30 if bench.large else 20)
        results.append(judge(f"{name} ({label})", samples, note=f"{len(shown)} ids on the page"))
    return results
