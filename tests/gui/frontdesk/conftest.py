"""A small real clinic for the front-desk window tests, built through the services.

Monday 16 March 2026, 10:00 in Berlin (the shared FixedClock): two providers working
08:00-12:00 and 13:00-17:00, two types, three patients, one appointment (Ada with the
first provider at 10:30), and Grace on the waitlist for a consultation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.schedule.calendar_grid import CalendarGrid
from cicini_desktop.gui.workspace import SignedIn, build_main_window
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.scheduling import appointments as appts
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import patients as pats
from cicini_desktop.services.scheduling import waitlist as wl
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
)
from cicini_desktop.services.worker import DatabaseWorker

T = TypeVar("T")
BERLIN = ZoneInfo("Europe/Berlin")
MANAGER_PASSWORD = "manager walks the corridor"
DESK_PASSWORD = "receptionist answers phones"
TODAY = date(2026, 3, 16)


def local(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


@dataclass
class Clinic:
    context: ServiceContext
    clock: FixedClock
    manager: SignedIn
    receptionist: SignedIn
    provider_one: str
    provider_two: str
    consultation: str
    checkup: str
    ada: str
    alan: str
    grace: str
    appointment: str


@pytest.fixture
def clinic(context: ServiceContext, clock: FixedClock) -> Clinic:
    create_first_manager(
        context, username="mia", display_name="Mia Manager", password=MANAGER_PASSWORD
    )
    manager = sign_in(context, "mia", MANAGER_PASSWORD).actor
    roles = {r.name: r.id for r in list_roles(context, manager)}
    clinician = roles["Clinician"]
    provider_ids = []
    for username, name in (("anna", "Dr. Anna Berger"), ("jonas", "Dr. Jonas Keller")):
        provider_ids.append(
            create_staff(
                context,
                manager,
                NewStaff(
                    username=username,
                    display_name=name,
                    password=f"a long provider secret number {len(provider_ids)}",
                    assignments=(RoleAssignment(clinician),),
                    is_provider=True,
                    colour="#3a7bd5",
                    must_change_password=False,
                ),
            )
        )
    create_staff(
        context,
        manager,
        NewStaff(
            username="desk",
            display_name="Rita Reception",
            password=DESK_PASSWORD,
            assignments=(RoleAssignment(roles["Receptionist"]),),
            must_change_password=False,
        ),
    )
    assert BuiltInRole.RECEPTIONIST
    hours = [(d, 8 * 60, 12 * 60) for d in range(5)] + [(d, 13 * 60, 17 * 60) for d in range(5)]
    for provider_id in provider_ids:
        avail.set_rota(context, manager, provider_id, hours, effective_from=date(2026, 1, 1))
    consultation, _ = avail.create_type(
        context,
        manager,
        avail.TypeInput("Consultation", 15, "#4f86e0", provider_ids=frozenset(provider_ids)),
    )
    checkup, _ = avail.create_type(
        context,
        manager,
        avail.TypeInput("Check-up", 30, "#7bb661", provider_ids=frozenset(provider_ids)),
    )
    ada, _ = pats.create_patient(context, manager, pats.PatientInput("Ada", "Lovelace"))
    alan, _ = pats.create_patient(context, manager, pats.PatientInput("Alan", "Turing"))
    grace, _ = pats.create_patient(context, manager, pats.PatientInput("Grace", "Hopper"))
    booked = appts.book_appointment(
        context,
        manager,
        appts.BookingRequest(ada, provider_ids[0], consultation, local(10, 30)),
    )
    wl.add_waitlist_entry(
        context, manager, wl.WaitlistInput(patient_id=grace, type_id=consultation, priority=5)
    )
    desk = sign_in(context, "desk", DESK_PASSWORD)
    mia = sign_in(context, "mia", MANAGER_PASSWORD)
    return Clinic(
        context=context,
        clock=clock,
        manager=SignedIn(mia.staff_id, mia.display_name, mia.actor),
        receptionist=SignedIn(desk.staff_id, desk.display_name, desk.actor),
        provider_one=provider_ids[0],
        provider_two=provider_ids[1],
        consultation=consultation,
        checkup=checkup,
        ada=ada,
        alan=alan,
        grace=grace,
        appointment=booked.appointment_id,
    )


@pytest.fixture
def worker(clinic: Clinic) -> Iterator[DatabaseWorker]:
    """Attached after the clinic is built (the set-up above runs on the test's thread)."""
    database_worker = DatabaseWorker()
    clinic.context.attach_worker(database_worker)
    yield database_worker
    clinic.context.detach_worker()
    database_worker.shutdown()


def on_worker(clinic: Clinic, fn: Callable[[], T]) -> T:
    """A direct service call from a test, once the window owns the database."""
    return clinic.context.on_worker(fn)


def open_window(qtbot: object, clinic: Clinic, hub: OperationHub, who: SignedIn) -> object:
    window = build_main_window(
        clinic.context,
        who,
        hub,
        clinic_name="Test Clinic",
        timezone=BERLIN,
        now=clinic.clock.now,
    )
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(1400, 900)
    window.show()
    return window


def settle(qtbot: object, hub: OperationHub) -> None:
    """Wait until every queued database operation has finished and been delivered."""
    qtbot.waitUntil(lambda: not hub.busy, timeout=10_000)  # type: ignore[attr-defined]


def drag(grid: CalendarGrid, start: QPoint, end: QPoint) -> None:
    """A real mouse drag on the calendar's viewport: press, move in steps, release."""
    viewport = grid.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = 6
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, point, 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
