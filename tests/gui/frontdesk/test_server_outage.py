"""A real outage: the clinic server itself is stopped (`pg_ctl stop -m fast`) while a window
is open on it, and started again. The banner shows, a booking saved meanwhile says nothing was
saved and keeps its dialog, the window finds the server back by itself (no Retry now), the
banner goes, and the same Save books it.

On a cluster of its own (stopping the test process's shared cluster would cut off every other
test's server), built once per module; each test gets a fresh copy of its migrated database.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from cicini_desktop.config import Config
from cicini_desktop.gui.connection_banner import ConnectionState
from cicini_desktop.gui.live_refresh import start_live_refresh
from cicini_desktop.store.vault import KeyVault
from tests.gui.frontdesk.conftest import Clinic, local, open_window, settle
from tests.gui.frontdesk.test_connection_state import NOT_SAVED, _open_booking
from tests.pg_cluster import Cluster
from tests.pg_fixtures import (
    migrated_template,
    server_config_for,
    started_cluster_or_skip,
    use_server_config_file,
)


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[tuple[Cluster, str]]:
    cluster = started_cluster_or_skip()
    try:
        yield cluster, migrated_template(cluster, "cicini_outage")
    finally:
        cluster.stop()


@pytest.fixture
def config(
    own_cluster: tuple[Cluster, str],
    tmp_path: Path,
    vault: KeyVault,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Config]:
    cluster, template = own_cluster
    database = cluster.new_database(template)
    desk = server_config_for(cluster, database, tmp_path / "data", vault)
    use_server_config_file(tmp_path / "server-config.toml", cluster, database, monkeypatch)
    yield desk
    cluster.drop_database(database)


def test_the_server_stopped_and_started_again_under_an_open_window(
    qtbot, clinic: Clinic, hub, own_cluster: tuple[Cluster, str]
):
    cluster, _ = own_cluster
    listener = start_live_refresh(clinic.context, hub)
    assert listener is not None
    assert listener.connected.wait(5)
    try:
        window = open_window(qtbot, clinic, hub, clinic.receptionist)
        page = window.pages["schedule"]
        qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
        settle(qtbot, hub)
        connection = window.connection
        indicator, banner = connection.indicator, connection.banner
        assert indicator.text() == "Clinic server 127.0.0.1: connected"
        dialog = _open_booking(qtbot, page, clinic)
        chosen, start = dialog.patient.chosen, dialog.start()
        reconnects = listener.reconnects

        started = time.monotonic()
        cluster.stop_server()
        try:
            # The listener's connection ends with the server: the window checks, finds it gone.
            qtbot.waitUntil(banner.isVisible, timeout=5000)
            assert connection.state in (ConnectionState.RECONNECTING, ConnectionState.CHECKING)
            # A booking meanwhile: the sentence; the dialog stays open with its input.
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.error.text() == NOT_SAVED, timeout=10_000)
            assert dialog.isVisible()
            assert dialog.patient.chosen == chosen
            assert dialog.start() == start
            assert dialog.save_button.isEnabled()
            assert not any(r.patient_id == clinic.grace for r in page.model.appointments())
        finally:
            cluster.start_server()

        # Back: the window's own backoff finds it (nobody presses Retry now), the banner goes,
        # the listener reconnects and what is shown is re-read.
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
        assert indicator.text() == "Clinic server 127.0.0.1: connected"
        qtbot.waitUntil(lambda: listener.reconnects > reconnects, timeout=10_000)
        # The same Save, pressed again, books it: once.
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: any(r.patient_id == clinic.grace for r in page.model.appointments()),
            timeout=10_000,
        )
        assert not shiboken6.isValid(dialog) or not dialog.isVisible()
        booked = [r for r in page.model.appointments() if r.patient_id == clinic.grace]
        assert len(booked) == 1
        assert booked[0].start == local(10, 0)
        settle(qtbot, hub)
        # A real stop and start, yet within a few seconds.
        assert time.monotonic() - started < 15
    finally:
        listener.stop()
