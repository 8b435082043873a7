"""Live refresh: desk B hears of desk A's booking within a second, by internal id only, and
re-reads after its connection to the server was lost."""

from __future__ import annotations

import queue
import time
from datetime import datetime

import pytest

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.scheduling.status import CancelReason
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.live_refresh import ChangeListener
from cicini_desktop.services.scheduling import appointments
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.store.vault import KeyVault
from tests.services.scheduling import conftest as scheduling

_template = scheduling._template
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic

pytestmark = pytest.mark.server_only


@pytest.fixture
def desk_b(clinic, memory_keyring, clock):
    """A second desk on the same server, with its own database worker."""
    context = open_clinic(clinic.context.config, KeyVault(backend=memory_keyring), clock)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    yield context
    context.detach_worker()
    worker.shutdown()
    context.database.close()


def _listen(desk_b):
    heard: queue.Queue = queue.Queue()

    def deliver(changes: Changes, ids):
        heard.put((changes, ids, desk_b.worker.on_worker_thread()))

    listener = ChangeListener(desk_b, deliver).start()
    assert listener.connected.wait(5)
    return listener, heard


def test_a_booking_at_desk_a_reaches_desk_b_within_a_second_by_id_only(clinic, desk_b):
    listener, heard = _listen(desk_b)
    try:
        started = time.monotonic()
        booked = appointments.book_appointment(
            clinic.context,
            clinic.manager,
            appointments.BookingRequest(
                clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 9, 0)
            ),
        )
        changes, ids, on_worker = heard.get(timeout=1.0)
        assert time.monotonic() - started < 1.0
        assert changes.appointments
        assert ids == frozenset({booked.appointment_id})  # the internal id, nothing else
        assert on_worker  # the work was handed to desk B's database worker
        # A cancellation travels the same way.
        appointments.cancel_appointment(
            clinic.context,
            clinic.manager,
            booked.appointment_id,
            CancelReason.PATIENT_REQUEST,
            expected_version=None,
        )
        assert heard.get(timeout=1.0)[1] == frozenset({booked.appointment_id})
    finally:
        listener.stop()


def test_after_a_lost_connection_the_listener_reconnects_and_asks_for_a_re_read(
    clinic, desk_b, pg_cluster
):
    listener, heard = _listen(desk_b)
    try:
        with pg_cluster.connect(clinic.context.database.server.database) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'LISTEN%%' AND datname = current_database()"
            )
        changes, ids, _ = heard.get(timeout=5.0)
        assert changes.appointments
        assert ids is None  # notifications may have been missed: re-read the visible range
        assert listener.reconnects == 1
        # And it hears the next booking again.
        booked = appointments.book_appointment(
            clinic.context,
            clinic.manager,
            appointments.BookingRequest(
                clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 10, 0)
            ),
        )
        assert heard.get(timeout=1.0)[1] == frozenset({booked.appointment_id})
    finally:
        listener.stop()
