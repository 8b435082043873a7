"""A day of use, compressed: a 20-provider clinic paged through 500+ day/week/month steps and
200 bookings, moves, check-ins and cancellations, all through the real schedule page, the
database worker and the closure bridge. A watchdog timer on the GUI thread records the
longest the GUI thread was unable to run it while the application worked (not while the test
itself was typing), and the process must simply survive: this is the load under which
PySide6 6.12.0 on CPython 3.11 used to abort.

Figures are printed (`-s` shows them) for the closing notes: steps, operations, worker
deliveries, largest GUI-thread stall.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QElapsedTimer, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from cicini_desktop.gui.application import FrontDesk
from cicini_desktop.gui.schedule.booking_dialog import BookingDialog
from cicini_desktop.gui.signed_in import SignedIn
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.demo import _raise_demo_plan as raise_plan_for_demo
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.scheduling import appointments as appts
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import patients as pats
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
)
from cicini_desktop.services.worker import DatabaseWorker

BERLIN = ZoneInfo("Europe/Berlin")
PROVIDERS = 20
NAVIGATION_STEPS = 510
BOOKINGS, MOVES, CHECK_INS, CANCELS = 70, 60, 35, 35
MANAGER_PASSWORD = "soak test manager passphrase"


@dataclass
class SoakClinic:
    signed_in: SignedIn
    providers: list[str]
    consultation: str
    today: date


def build_clinic(context, clock) -> SoakClinic:
    """20 providers working 08:00-18:00 every weekday, one type, 60 patients."""
    create_first_manager(
        context, username="boss", display_name="Soak Manager", password=MANAGER_PASSWORD
    )
    manager = sign_in(context, "boss", MANAGER_PASSWORD)
    # A plan for 20 providers, as the sync answer would bring (the trial allows 3).
    raise_plan_for_demo(context)
    roles = {r.name: r.id for r in list_roles(context, manager.actor)}
    providers = [
        create_staff(
            context,
            manager.actor,
            NewStaff(
                username=f"provider{i:02d}",
                display_name=f"Dr. Provider {i:02d}",
                password=f"provider {i:02d} long enough secret",
                assignments=(RoleAssignment(roles["Clinician"]),),
                is_provider=True,
                colour="#3a7bd5",
                must_change_password=False,
            ),
        )
        for i in range(PROVIDERS)
    ]
    hours = [(d, 8 * 60, 18 * 60) for d in range(5)]
    for provider in providers:
        avail.set_rota(context, manager.actor, provider, hours, effective_from=date(2026, 1, 1))
    consultation, _ = avail.create_type(
        context,
        manager.actor,
        avail.TypeInput("Consultation", 15, "#4f86e0", provider_ids=frozenset(providers)),
    )
    for i in range(60):
        pats.create_patient(
            context, manager.actor, pats.PatientInput(f"Given{i:02d}", f"Soakfamily{i:02d}")
        )
    today = clock.now().astimezone(BERLIN).date()
    return SoakClinic(SignedIn.of(manager), providers, consultation, today)


class Watchdog:
    """Ticks every 5 ms on the GUI thread; the longest gap while the app works is a stall."""

    def __init__(self) -> None:
        self.longest_ms = 0
        self.phase = "start"
        self.longest_in = ""
        # The GUI thread's own CPU time within the longest gap: a gap with little of it was
        # spent waiting (for the GIL, or for a core other processes held), not working.
        self.longest_cpu_ms = 0.0
        self.busiest_cpu_ms = 0.0  # the most CPU the GUI thread spent in any one gap
        self.busiest_in = ""
        self._cpu = time.thread_time()
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.watching = False

    def _tick(self) -> None:
        cpu_now = time.thread_time()
        cpu_ms, self._cpu = (cpu_now - self._cpu) * 1000, cpu_now
        if self.watching:
            gap = self.clock.restart()
            if gap > self.longest_ms:
                self.longest_ms, self.longest_in = gap, self.phase
                self.longest_cpu_ms = cpu_ms
            if cpu_ms > self.busiest_cpu_ms:
                self.busiest_cpu_ms, self.busiest_in = cpu_ms, self.phase
        else:
            self.clock.restart()

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def watch(self, qtbot, hub, condition=None, timeout: int = 20_000) -> None:
        """Let the application work (events flow), watching the GUI thread meanwhile."""
        self.clock.restart()
        self._cpu = time.thread_time()
        self.watching = True
        try:
            if condition is not None:
                qtbot.waitUntil(condition, timeout=timeout)
            qtbot.waitUntil(lambda: not hub.busy, timeout=timeout)
            qtbot.wait(1)
        finally:
            self.watching = False


@pytest.fixture
def soak(context, clock):
    return build_clinic(context, clock)


@pytest.fixture
def soak_hub(soak, context, qapp):
    from cicini_desktop.gui.operations import OperationHub

    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    deliveries = {"count": 0}
    original = hub.main_thread.post

    def counting_post(fn) -> None:
        deliveries["count"] += 1
        original(fn)

    hub.main_thread.post = counting_post  # type: ignore[method-assign]
    hub.deliveries = deliveries  # type: ignore[attr-defined]
    yield hub
    hub.shutdown()
    context.detach_worker()
    worker.shutdown()


def at(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=BERLIN)


def book_through_the_dialog(qtbot, page, watchdog, hub, provider, start, number) -> None:
    dialog = page.open_booking(provider, start, 15)
    assert isinstance(dialog, BookingDialog)
    qtbot.keyClicks(dialog.patient.search, f"Soakfamily{number % 60:02d}")
    watchdog.watch(qtbot, hub, lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(page.catalogue.types[0].id))
    watchdog.watch(qtbot, hub, dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    watchdog.watch(qtbot, hub, lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def status_in_view(page, appointment_id: str) -> str | None:
    """The status the calendar shows (None while the row is not in the current snapshot)."""
    row = page.model.appointment(appointment_id)
    return None if row is None else row.status


def select(qtbot, page, appointment_id: str) -> None:
    rect = page.grid.placed_rect(appointment_id)
    assert rect is not None, "the appointment is drawn"
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.grid.selected_id == appointment_id


def drag(grid, start: QPoint, end: QPoint) -> None:
    viewport = grid.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * (i / 6), 2)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


@pytest.mark.slow
def test_a_compressed_day_of_use_survives_without_a_stall(qtbot, context, soak, soak_hub):
    hub = soak_hub
    started = time.monotonic()
    desk = FrontDesk(context, hub, ClinicFacts("Soak Clinic", BERLIN), demo=False)
    window = desk.open(soak.signed_in)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    page = window.pages["schedule"]
    watchdog = Watchdog()
    watchdog.start()
    watchdog.watch(qtbot, hub, lambda: page.catalogue is not None)
    assert len(page.visible_providers()) == PROVIDERS

    # 1. Paging: day, week and month views, forwards and back, each step painted.
    watchdog.phase = "paging"
    actions = page.actions_by_key
    modes = ("day", "week", "month")
    paging_started = time.monotonic()
    for step in range(NAVIGATION_STEPS):
        if step % 40 == 0:
            actions[modes[(step // 40) % 3]].trigger()
        actions["next" if (step // 10) % 2 == 0 else "previous"].trigger()
        watchdog.watch(qtbot, hub)
        page.grid.viewport().repaint()
    paging_seconds = time.monotonic() - paging_started
    actions["day"].trigger()
    actions["today"].trigger()
    watchdog.watch(qtbot, hub)
    page.grid.scroll_to_minute(8 * 60)
    watchdog.watch(qtbot, hub)

    # 2. Bookings through the booking dialog, on today's schedule.
    watchdog.phase = "booking"
    booked: list[str] = []
    for number in range(BOOKINGS):
        provider = soak.providers[number % PROVIDERS]
        start = at(soak.today, 8 * 60 + 15 * (number // PROVIDERS))
        before = {r.id for r in page.model.appointments()}
        book_through_the_dialog(qtbot, page, watchdog, hub, provider, start, number)
        watchdog.watch(qtbot, hub, lambda b=before: len(page.model.appointments()) > len(b))
        [new_id] = {r.id for r in page.model.appointments()} - before
        booked.append(new_id)

    # 3. Moves by dragging to the next provider's column, half an hour later.
    watchdog.phase = "moving"
    grid = page.grid
    for number, appointment_id in enumerate(booked[:MOVES]):
        row = page.model.appointment(appointment_id)
        column = soak.providers.index(row.provider_id)
        target_column = (column + 1) % PROVIDERS
        start_minute = row.start.astimezone(BERLIN).hour * 60 + row.start.minute + 120
        grid.scroll_to_minute(8 * 60)
        rect = grid.placed_rect(appointment_id)
        assert rect is not None
        grab = QPoint(rect.center().x(), rect.top() + 3)
        x = round(grid.x_of(target_column) + grid.column_width() / 2)
        drop = QPoint(x, round(grid.y_of(start_minute)) + 3)
        drag(grid, grab, drop)
        watchdog.watch(
            qtbot,
            hub,
            lambda a=appointment_id, c=target_column: (
                page.model.appointment(a) is not None
                and page.model.appointment(a).provider_id == soak.providers[c]
            ),
        )
        assert number >= 0

    # 4. Check-ins with one key, and 5. cancellations, on the rest.
    watchdog.phase = "checking in"
    for appointment_id in booked[:CHECK_INS]:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        grid.scroll_to_minute(8 * 60)
        select(qtbot, page, appointment_id)
        grid.setFocus()
        QTest.keyClick(grid, Qt.Key.Key_A)
        watchdog.watch(qtbot, hub, lambda a=appointment_id: status_in_view(page, a) == "arrived")

    def confirm_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.windowTitle() == "Cancel appointment":
            dialog.accept()
        elif dialog is not None:
            dialog.close()

    watchdog.phase = "cancelling"
    for appointment_id in booked[CHECK_INS : CHECK_INS + CANCELS]:
        grid.scroll_to_minute(8 * 60)
        select(qtbot, page, appointment_id)
        QTimer.singleShot(50, confirm_cancel)
        page.cancel_appointment(appointment_id)
        watchdog.watch(
            qtbot,
            hub,
            lambda a=appointment_id: (
                page.model.appointment(a) is None or page.model.appointment(a).status == "cancelled"
            ),
        )
        offer = getattr(page, "offer_dialog", None)
        if offer is not None and offer.isVisible():
            offer.reject()

    # What the services say, independently of the widgets.
    def statuses() -> dict[str, str]:
        rows = {a: appts.get_appointment(context, soak.signed_in.actor, a) for a in booked}
        return {a: d.status for a, d in rows.items()}

    final = context.on_worker(statuses)
    operations = BOOKINGS + MOVES + CHECK_INS + CANCELS
    assert len(booked) == BOOKINGS
    assert sum(s == "arrived" for s in final.values()) == CHECK_INS
    assert sum(s == "cancelled" for s in final.values()) == CANCELS
    elapsed = time.monotonic() - started
    print(
        f"\nsoak: {NAVIGATION_STEPS} navigation steps, {operations} operations "
        f"({BOOKINGS} bookings, {MOVES} moves, {CHECK_INS} check-ins, {CANCELS} cancels), "
        f"{hub.deliveries['count']} worker-to-GUI deliveries, largest GUI-thread stall "
        f"{watchdog.longest_ms} ms (while {watchdog.longest_in}; GUI-thread CPU in it "
        f"{watchdog.longest_cpu_ms:.0f} ms), most GUI-thread CPU in one gap "
        f"{watchdog.busiest_cpu_ms:.0f} ms (while {watchdog.busiest_in}), {elapsed:.0f} s "
        f"({paging_seconds:.0f} s paging)"
    )
    assert hub.deliveries["count"] >= NAVIGATION_STEPS + operations
    # The figure is reported (issue 17 owns the frame budgets); a second would be a freeze.
    assert watchdog.longest_ms < 1000, "the window never freezes"
    desk.shutdown()
    assert timedelta(seconds=elapsed) < timedelta(minutes=10)
