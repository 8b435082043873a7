"""The retention purge of a never-purged trail runs on the worker in batches: the GUI thread
keeps ticking (under 100 ms between ticks) and the window's own reads are served between
two batches. 100,000 audit records older than the retention period are removed; the chain
still verifies afterwards."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.gui.operations import JobOp, OperationHub, QueryOp
from cicini_desktop.services import audit_integrity, retention
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.services.worker import DatabaseWorker

RECORDS = 100_000


def clinic_with_an_old_trail(config, vault, clock):
    """A clinic set up eight years ago whose trail was never purged: 100,000 sign-ins."""
    present = clock.now()
    clock.set(present - timedelta(days=8 * 365))
    clinic = create_clinic(
        config, organization_name="Old Clinic", timezone="Europe/Berlin", vault=vault, clock=clock
    )
    context = clinic.context
    system = Actor.system(context.organization_id)
    for _chunk in range(RECORDS // 20_000):
        with unit_of_work(context, system) as tx:
            for _ in range(20_000):
                tx.audit(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS)
        clock.advance(seconds=60)
    clock.set(present)
    with unit_of_work(context, system) as tx:  # this year's work, which stays
        tx.audit(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS)
    return context


@pytest.mark.slow
def test_the_gui_thread_keeps_ticking_while_100k_records_are_purged(qtbot, config, vault, clock):
    context = clinic_with_an_old_trail(config, vault, clock)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    try:
        gaps = QElapsedTimer()
        longest = [0]
        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: longest.__setitem__(0, max(longest[0], gaps.restart())))
        result: dict[str, object] = {}
        system = Actor.system(context.organization_id)
        job = JobOp(None, lambda: retention.purge_steps(context, system), "Retention policy")
        job.success(lambda report: result.__setitem__("report", report))
        gaps.start()
        ticker.start()
        job.run(hub, show_dialog=False)

        # A read the window makes meanwhile is answered between two batches.
        read_latencies: list[float] = []
        while "report" not in result:
            asked = time.monotonic()
            answered: list[float] = []
            QueryOp(None, lambda: 1).success(
                lambda _one, out=answered, at=asked: out.append(time.monotonic() - at)
            ).run(hub)
            qtbot.waitUntil(lambda out=answered: bool(out) or "report" in result, timeout=60_000)
            if answered:
                read_latencies.append(answered[0])
        ticker.stop()

        report = result["report"]
        assert report.counts[retention.Category.AUDIT_RECORDS] >= RECORDS - 1
        verdict = context.on_worker(lambda: audit_integrity.verify_trail(context))
        assert verdict.ok, verdict.problem()
        print(
            f"\npurge watchdog: {RECORDS} records, longest GUI-thread gap {longest[0]} ms, "
            f"reads during the purge: {len(read_latencies)}, slowest "
            f"{max(read_latencies, default=0) * 1000:.0f} ms"
        )
        assert longest[0] < 100, "the GUI thread never stalls over 100 ms"
        assert len(read_latencies) >= 2, "reads were served while the purge ran"
    finally:
        hub.shutdown()
        context.detach_worker()
        worker.shutdown()
        context.database.close()
