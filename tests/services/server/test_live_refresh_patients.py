"""Live refresh for patients and the waitlist (migration 0011): desk B hears desk A's change by
internal id only; and a desk does not hear its own changes (its views refreshed when its own
write finished), while it still hears the other desk's."""

from __future__ import annotations

import queue
from datetime import date, datetime

import pytest

from cicini_desktop.core.changes import Changes
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.live_refresh import ChangeListener
from cicini_desktop.services.scheduling import appointments, patients, waitlist
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


def _listen(context):
    heard: queue.Queue = queue.Queue()

    def deliver(changes: Changes, ids):
        heard.put((changes, ids))

    listener = ChangeListener(context, deliver).start()
    assert listener.connected.wait(5)
    return listener, heard


def test_patient_and_waitlist_changes_reach_desk_b_by_id_only(clinic, desk_b):
    listener, heard = _listen(desk_b)
    try:
        patient_id, _ = patients.create_patient(
            clinic.context,
            clinic.manager,
            patients.PatientInput("Émile", "Zola", date(1970, 4, 2), phone="030 7654321"),
        )
        changes, ids = heard.get(timeout=1.0)
        assert changes == Changes(patients=True)
        assert ids == frozenset({patient_id})  # the internal id: no name, no phone
        entry_id, _ = waitlist.add_waitlist_entry(
            clinic.context,
            clinic.manager,
            waitlist.WaitlistInput(patient_id=patient_id, type_id=clinic.consult, priority=3),
        )
        changes, ids = heard.get(timeout=1.0)
        assert changes.waitlist
        assert entry_id in ids
    finally:
        listener.stop()


def test_a_desk_does_not_hear_its_own_changes_but_hears_the_other_desk(clinic, desk_b):
    """Desk B listens; desk B's own booking and patient edit bring nothing, desk A's do."""
    listener, heard = _listen(desk_b)
    try:
        own = desk_b.on_worker(
            lambda: appointments.book_appointment(
                desk_b,
                clinic.manager,
                appointments.BookingRequest(
                    clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 9)
                ),
            )
        )
        desk_b.on_worker(
            lambda: patients.create_patient(
                desk_b, clinic.manager, patients.PatientInput("Marie", "Curie", date(1967, 11, 7))
            )
        )
        # Then desk A books: that is the first (and only) thing desk B hears.
        other = appointments.book_appointment(
            clinic.context,
            clinic.manager,
            appointments.BookingRequest(
                clinic.other_patient, clinic.providers[1], clinic.consult, datetime(2026, 3, 17, 9)
            ),
        )
        changes, ids = heard.get(timeout=1.0)
        assert ids == frozenset({other.appointment_id})
        assert own.appointment_id not in ids
        assert changes == Changes(appointments=True)
        with pytest.raises(queue.Empty):
            heard.get(timeout=0.3)
    finally:
        listener.stop()
