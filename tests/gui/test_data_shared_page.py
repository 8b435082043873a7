"""The "Data shared with Cicini" page and the background sync runner, against the collector."""

from __future__ import annotations

import time

import pytest

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.sync_protocol import SyncMode, SyncOutcome
from cicini_desktop.gui.data_shared_page import WHAT_IS_SHARED, DataSharedPage, SyncRunner
from cicini_desktop.services import usage
from cicini_desktop.sync.client import enroll, run_mode, sync_now
from cicini_desktop.sync.collector import Collector, serve_in_thread
from tests.sync.conftest import CODE, FAST, SHORT, count, point_at


@pytest.fixture
def collector(tmp_path):
    running = serve_in_thread(Collector(tmp_path / "collector.sqlite3", CODE))
    yield running
    running.close()


def test_page_shows_the_exact_bytes(qtbot, context, collector) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.CALENDAR_WEEK_VIEW_OPENED, 4)
    page = DataSharedPage(context)
    qtbot.addWidget(page)
    page.refresh()
    queued = usage.next_document(context)
    assert queued is not None
    assert page.next_document.toPlainText() == queued.decode("ascii")
    assert "Nothing has been sent" in page.last_document.toPlainText()

    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.SENT
    page.refresh()
    assert page.last_document.toPlainText() == queued.decode("ascii")
    assert page.last_status.text() == "200"
    assert '"accepted_days"' in page.last_answer.toPlainText()
    assert "never receives names" in WHAT_IS_SHARED


def test_runner_syncs_in_background_and_reports(qtbot, context, collector) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.APPOINTMENT_BOOKED)
    modes: list[SyncMode] = []

    def run(mode, sleep):
        modes.append(mode)
        return run_mode(context, mode, sleep)

    runner = SyncRunner(run, interval_minutes=15)
    with qtbot.waitSignal(runner.last_success_changed, timeout=10_000) as blocker:
        runner.start()  # returns at once: the window never waits for the network
    assert blocker.args[0] == context.clock.now()
    assert modes == [SyncMode.BACKGROUND]
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)
    started = time.monotonic()
    runner.shutdown(wait_seconds=2.0)
    assert time.monotonic() - started < 3
    assert modes == [SyncMode.BACKGROUND, SyncMode.EXIT]


def test_shutdown_interrupts_a_backoff_wait(qtbot, context, collector) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.APPOINTMENT_BOOKED)
    collector.collector.faults.push("503:600", "503:600")

    def run(mode, sleep):
        if mode is SyncMode.EXIT:
            return run_mode(context, mode, sleep)
        sleep(600)  # what a long Retry-After wait looks like
        raise AssertionError("the wait should have been cut short")

    runner = SyncRunner(run, interval_minutes=15)
    runner.start()
    started = time.monotonic()
    runner.shutdown(wait_seconds=2.0)
    assert time.monotonic() - started < 3
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)  # the wait ended, result delivered


def test_the_main_window_can_build_the_page(qtbot, context) -> None:
    from cicini_desktop.core.audit_actions import SYSTEM_ACTOR
    from cicini_desktop.core.permissions import Permission
    from cicini_desktop.gui.operations import OperationHub
    from cicini_desktop.gui.workspace import MANAGER_SCREENS, manager_screen
    from cicini_desktop.services.context import Actor

    _, title, _, module, names = next(s for s in MANAGER_SCREENS if s[0] == "settings")
    receptionist = Actor(
        SYSTEM_ACTOR, context.organization_id, frozenset({Permission.SCHEDULE_VIEW})
    )
    hub = OperationHub()
    page = manager_screen(module, names, title, context, receptionist, hub)
    qtbot.addWidget(page)
    assert isinstance(page, DataSharedPage)
    runner = SyncRunner(lambda mode, sleep: None, interval_minutes=15)
    page.attach_runner(runner)
    assert not page.sync_button.isEnabled()  # may look, may not trigger a sync
    hub.shutdown()
