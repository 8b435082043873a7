"""Two reception desks on one clinic server: what desk A books, moves, cancels or checks in
shows in desk B's open calendar and arrivals panel within a second (LISTEN/NOTIFY, ids only),
without anyone at desk B touching anything."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from cicini_desktop.core.scheduling.status import CancelReason
from cicini_desktop.gui.live_refresh import start_live_refresh
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.scheduling import appointments
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.store.vault import KeyVault
from tests.gui.frontdesk.conftest import Clinic, ThroughWorker, local, open_window, settle

appts = ThroughWorker(appointments)
WITHIN = 1000  # ms: the "within one second"


@pytest.fixture
def config(server_config):
    """This module's clinic lives on the clinic server (a throw-away PostgreSQL)."""
    return server_config


@pytest.fixture
def desk_b(clinic: Clinic, memory_keyring, keep):
    """A second desk: its own connection pool, database worker, hub and listener."""
    context = open_clinic(clinic.context.config, KeyVault(backend=memory_keyring), clinic.clock)
    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    listener = start_live_refresh(context, hub)
    assert listener is not None
    assert listener.connected.wait(5)
    yield replace(clinic, context=context), hub
    listener.stop()
    hub.shutdown()
    worker.shutdown()
    context.detach_worker()
    context.database.close()


def _shown_within(qtbot, condition) -> float:
    started = time.monotonic()
    qtbot.waitUntil(condition, timeout=WITHIN)
    return time.monotonic() - started


def test_desk_b_sees_desk_a_book_move_cancel_and_check_in_within_a_second(
    qtbot, clinic: Clinic, hub, desk_b
):
    clinic_b, hub_b = desk_b
    window_a = open_window(qtbot, clinic, hub, clinic.manager)
    window_b = open_window(qtbot, clinic_b, hub_b, clinic.receptionist)
    schedule_a, schedule_b = window_a.pages["schedule"], window_b.pages["schedule"]
    for schedule, which in ((schedule_a, hub), (schedule_b, hub_b)):
        qtbot.waitUntil(lambda s=schedule: s.model.appointment(clinic.appointment) is not None)
        settle(qtbot, which)
    window_b.activateWindow()  # desk B is the one on screen; desk A works "elsewhere"

    # Desk A books: desk B's calendar and arrivals show it.
    booked = appts.book_appointment(
        clinic.context,
        clinic.manager.actor,
        appts.BookingRequest(clinic.alan, clinic.provider_two, clinic.consultation, local(11, 0)),
    ).appointment_id
    _shown_within(qtbot, lambda: schedule_b.model.appointment(booked) is not None)
    _shown_within(qtbot, lambda: any(r.id == booked for r in schedule_b.arrivals._rows))

    # Desk A moves it.
    row = appts.get_appointment(clinic.context, clinic.manager.actor, booked)
    appts.move_appointment(
        clinic.context,
        clinic.manager.actor,
        booked,
        start=local(11, 30),
        expected_version=row.version,
    )
    moved_start = local(11, 30)
    _shown_within(
        qtbot,
        lambda: (r := schedule_b.model.appointment(booked)) is not None and r.start == moved_start,
    )

    # Desk A checks the earlier appointment in: desk B's arrivals panel shows the status.
    first = appts.get_appointment(clinic.context, clinic.manager.actor, clinic.appointment)
    appts.change_status(
        clinic.context,
        clinic.manager.actor,
        clinic.appointment,
        appointments.AppointmentStatus.CONFIRMED,
        expected_version=first.version,
    )
    appts.check_in(clinic.context, clinic.manager.actor, clinic.appointment, expected_version=None)
    _shown_within(
        qtbot,
        lambda: any(
            r.id == clinic.appointment and r.status == "arrived" for r in schedule_b.arrivals._rows
        ),
    )

    # Desk A cancels the booking: it leaves desk B's arrivals.
    appts.cancel_appointment(
        clinic.context,
        clinic.manager.actor,
        booked,
        CancelReason.PATIENT_REQUEST,
        expected_version=None,
    )
    _shown_within(qtbot, lambda: all(r.id != booked for r in schedule_b.arrivals._rows))
    settle(qtbot, hub_b)
