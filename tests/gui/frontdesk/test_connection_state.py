"""The window on the clinic server losing its connection: the status bar says which store and
its state, a banner says the connection was lost and retries with backoff, a booking tried
meanwhile says nothing was saved and keeps its dialog open with its input, and once the server
is back the banner goes and the same Save books it. On the encrypted file: the local store,
and never a banner."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cicini_desktop.gui.connection_banner import (
    BACKOFF_SECONDS,
    ConnectionState,
    retry_wait,
)
from cicini_desktop.gui.live_refresh import start_live_refresh
from tests.gui.frontdesk.conftest import Clinic, local, open_window, settle
from tests.pg_cluster import cut_off

NOT_SAVED = (
    "The clinic server could not be reached; nothing was saved. Try again when the "
    "connection is back."
)


def test_the_backoff_doubles_up_to_thirty_seconds():
    assert [retry_wait(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 30, 30, 30]
    assert BACKOFF_SECONDS[-1] == 30


def _open_booking(qtbot, page, clinic: Clinic):
    """The keyboard way: 10:00 with the second provider, Grace, a consultation."""
    grid = page.grid
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(4):
        QTest.keyClick(grid, Qt.Key.Key_Down)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    dialog = page.booking_dialog
    qtbot.keyClicks(dialog.patient.search, "Hopp")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    return dialog


class TestOnTheClinicServer:
    @pytest.fixture
    def config(self, server_config):
        return server_config

    @pytest.fixture
    def listening(self, clinic: Clinic, hub):
        listener = start_live_refresh(clinic.context, hub)
        assert listener is not None
        assert listener.connected.wait(5)
        yield listener
        listener.stop()

    def test_a_lost_connection_shows_the_banner_and_a_failed_booking_can_be_saved_again(
        self, qtbot, clinic: Clinic, hub, listening, pg_cluster
    ):
        window = open_window(qtbot, clinic, hub, clinic.receptionist)
        page = window.pages["schedule"]
        qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
        settle(qtbot, hub)
        connection = window.connection
        indicator, banner = connection.indicator, connection.banner
        assert indicator.text() == "Clinic server 127.0.0.1: connected"
        assert indicator.accessibleName() == "Data store and connection"
        assert not banner.isVisible()
        dialog = _open_booking(qtbot, page, clinic)
        chosen, start = dialog.patient.chosen, dialog.start()
        reads_before = listening.reconnects

        with cut_off(pg_cluster, clinic.context.database.server.database):
            # The listener loses its connection; the window checks and finds the server gone.
            qtbot.waitUntil(banner.isVisible, timeout=5000)
            assert connection.state in (ConnectionState.RECONNECTING, ConnectionState.CHECKING)
            qtbot.waitUntil(lambda: "reconnecting in" in indicator.text(), timeout=5000)
            assert banner.message.text().startswith(
                "The connection to the clinic server was lost. Retrying in "
            )
            assert banner.retry.isEnabled()
            # A booking meanwhile: the sentence, the dialog still open with its input.
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.error.text() == NOT_SAVED, timeout=10_000)
            assert dialog.isVisible()
            assert dialog.patient.chosen == chosen
            assert dialog.start() == start
            assert dialog.type.currentData() == clinic.consultation
            assert dialog.save_button.isEnabled()  # it can be tried again
            # Retrying fails while the server is away, and waits longer each time.
            failures = connection.failures
            qtbot.mouseClick(banner.retry, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: connection.failures == failures + 1, timeout=5000)
            assert connection.seconds_left == retry_wait(failures + 1) > 1
            assert banner.isVisible()
            # Still away after the longest wait: "offline", checked every 30 s.
            while connection.failures < len(BACKOFF_SECONDS):
                failures = connection.failures
                qtbot.mouseClick(banner.retry, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda n=failures: connection.failures == n + 1, timeout=5000)
            assert connection.state is ConnectionState.OFFLINE
            assert indicator.text() == "Clinic server 127.0.0.1: offline, retrying in 30 s"
            assert dialog.isVisible()

        # The server is back: Retry now finds it, the banner goes, what is shown is re-read.
        qtbot.mouseClick(banner.retry, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
        assert indicator.text() == "Clinic server 127.0.0.1: connected"
        qtbot.waitUntil(lambda: listening.reconnects > reads_before, timeout=5000)
        # The same Save, pressed again, books it.
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: any(r.patient_id == clinic.grace for r in page.model.appointments()),
            timeout=10_000,
        )
        assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed on success
        booked = next(r for r in page.model.appointments() if r.patient_id == clinic.grace)
        assert booked.start == local(10, 0)
        settle(qtbot, hub)

    def test_a_read_that_meets_the_lost_server_shows_the_banner_not_a_box(
        self, qtbot, clinic: Clinic, hub, pg_cluster, monkeypatch
    ):
        from cicini_desktop.gui import operations

        boxes: list[str] = []
        monkeypatch.setattr(operations, "show_error", lambda *args: boxes.append(args[2]))
        window = open_window(qtbot, clinic, hub, clinic.receptionist)
        page = window.pages["schedule"]
        qtbot.waitUntil(lambda: page.model.appointment(clinic.appointment) is not None)
        settle(qtbot, hub)
        banner = window.connection.banner
        with cut_off(pg_cluster, clinic.context.database.server.database):
            # No listener here: the failed read itself makes the window check.
            page.load()
            qtbot.waitUntil(banner.isVisible, timeout=5000)
            settle(qtbot, hub)
            page.load()
            settle(qtbot, hub)
            assert boxes == []
        qtbot.mouseClick(banner.retry, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)


def test_on_the_encrypted_file_the_indicator_names_this_workstation_and_no_banner(
    qtbot, clinic: Clinic, hub
):
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    connection = window.connection
    assert connection.indicator.text() == "This workstation (encrypted)"
    assert connection.state is ConnectionState.LOCAL
    assert connection.banner is None
    hub.connection_changed.emit()  # even if something said so, there is nothing to lose
    qtbot.wait(100)
    assert connection.state is ConnectionState.LOCAL
    assert connection.indicator.text() == "This workstation (encrypted)"


def test_the_indicator_speaks_german_on_a_german_workstation(qtbot, clinic: Clinic, hub):
    from cicini_desktop.gui.i18n import LocaleChoice, install_language

    assert install_language(LocaleChoice("de"))
    try:
        window = open_window(qtbot, clinic, hub, clinic.receptionist)
        indicator = window.connection.indicator
        assert indicator.text() == "Dieser Arbeitsplatz (verschlüsselt)"
        assert indicator.accessibleName() == "Datenspeicher und Verbindung"
    finally:
        install_language(LocaleChoice("en"))
