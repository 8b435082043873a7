"""The "Data shared with Cicini" page and the background sync runner, against the collector."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.sync_protocol import SyncMode, SyncOutcome
from cicini_desktop.gui.data_shared_page import WHAT_IS_SHARED, DataSharedPage, SyncRunner
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services import usage
from cicini_desktop.services.context import Actor
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.sync.client import enroll, run_mode, sync_now
from cicini_desktop.sync.collector import Collector, serve_in_thread
from tests.sync.conftest import CODE, FAST, SHORT, count, point_at


@pytest.fixture
def collector(tmp_path):
    running = serve_in_thread(Collector(tmp_path / "collector.sqlite3", CODE))
    yield running
    running.close()


def manager_of(context) -> Actor:
    return Actor(SYSTEM_ACTOR, context.organization_id, frozenset(Permission))


def refreshed(qtbot, page, hub) -> None:
    page.refresh()
    qtbot.waitUntil(lambda: not hub.busy, timeout=5000)


def test_page_shows_the_exact_bytes(qtbot, context, collector) -> None:
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    count(context, Counter.CALENDAR_WEEK_VIEW_OPENED, 4)
    queued = usage.next_document(context)
    assert queued is not None
    hub = qtbot_hub(qtbot, context)
    page = DataSharedPage(context, manager_of(context), hub)
    qtbot.addWidget(page)
    refreshed(qtbot, page, hub)
    assert page.next_document.toPlainText() == queued.decode("ascii")
    assert "Nothing has been sent" in page.last_document.toPlainText()

    # The sync below runs on this (test) thread: its database work goes to the worker.
    assert sync_now(context, policy=FAST, timeouts=SHORT).outcome is SyncOutcome.SENT
    refreshed(qtbot, page, hub)
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

    runner = SyncRunner(run, 15, qtbot_hub(qtbot, context))
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

    runner = SyncRunner(run, 15, qtbot_hub(qtbot, context))
    runner.start()
    started = time.monotonic()
    runner.shutdown(wait_seconds=2.0)
    assert time.monotonic() - started < 3
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)  # the wait ended, result delivered


def test_a_receptionist_may_look_but_not_sync(qtbot, context) -> None:
    receptionist = Actor(
        SYSTEM_ACTOR, context.organization_id, frozenset({Permission.SCHEDULE_VIEW})
    )
    hub = qtbot_hub(qtbot, context)
    page = DataSharedPage(context, receptionist, hub)
    qtbot.addWidget(page)
    runner = SyncRunner(lambda mode, sleep: None, 15, hub)
    page.attach_runner(runner)
    assert not page.sync_button.isEnabled()  # may look, may not trigger a sync


class _NoKeystore:
    """What keyring answers on a machine without a Secret Service."""

    def get_password(self, *_args):
        import keyring.errors

        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    set_password = delete_password = get_password


def test_a_missing_keystore_is_a_sentence_on_the_page(qtbot, context, monkeypatch) -> None:
    monkeypatch.setattr(context.vault, "_backend", _NoKeystore())
    hub = qtbot_hub(qtbot, context)
    page = DataSharedPage(context, manager_of(context), hub)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not hub.busy, timeout=5000)
    text = page.last_status.text()
    assert text.startswith("The system keystore cannot be reached;")
    assert "ask IT to configure a key file" in text
    assert "NoKeyringError" not in text
    assert "backend" not in text
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def qtbot_hub(qtbot, context) -> OperationHub:
    """A worker attached to `context` and a hub over it, for the rest of the test."""
    if context.worker is None:
        worker = DatabaseWorker()
        context.attach_worker(worker)

        def stop() -> None:
            context.detach_worker()
            worker.shutdown()

        _cleanups.append(stop)
    return OperationHub(context.worker)


_cleanups: list = []


@pytest.fixture(autouse=True)
def _stop_workers():
    yield
    while _cleanups:
        _cleanups.pop()()
