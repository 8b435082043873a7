"""Issue 17: a day view wider than the screen reads and paints the columns in view first,
then reads the others without repainting what is already right (gui/schedule/visible_first.py).

Ten providers at 1366 pixels: six columns are in view. "Dr Extra n" sorts before "Dr. Anna"
and "Dr. Jonas" (the providers are ordered by name), so Dr. Jonas Keller is the last column,
out of view.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer

from cicini_desktop.services.scheduling import appointments
from tests.gui.frontdesk.conftest import Clinic, ThroughWorker, local, open_window, settle
from tests.services.scheduling import conftest as scheduling_fixtures

add_staff = ThroughWorker(scheduling_fixtures).add_staff
appts = ThroughWorker(appointments)
TUESDAY = date(2026, 3, 17)
WEDNESDAY = date(2026, 3, 18)


def _wide_schedule(qtbot, clinic: Clinic, hub):
    for n in range(8):
        add_staff(clinic.context, f"Dr Extra {n}", provider=True)
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    window.resize(1366, 768)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: len(page.model.columns()) == 10, timeout=10_000)
    settle(qtbot, hub)
    qtbot.wait(50)
    assert page.all_providers()[-1].id == clinic.provider_two
    return page


def _book_with_the_last_column(clinic: Clinic, day: date) -> str:
    request = appointments.BookingRequest(
        clinic.alan, clinic.provider_two, clinic.consultation, local(9, 0, day)
    )
    return appts.book_appointment(clinic.context, clinic.manager.actor, request).appointment_id


def test_the_columns_in_view_are_painted_before_the_others_are_read(qtbot, clinic, hub):
    page = _wide_schedule(qtbot, clinic, hub)
    far_away = _book_with_the_last_column(clinic, TUESDAY)
    settle(qtbot, hub)
    in_view = {p.id for p in page.all_providers()[:6]}
    paints: list[tuple[bool, bool, bool]] = []

    def painted() -> None:
        if page.model.days == (TUESDAY,):
            paints.append(
                (
                    all(page.model.availability(TUESDAY, p) is not None for p in in_view),
                    page.model.appointment(far_away) is not None,
                    page.model.availability(TUESDAY, clinic.provider_two) is not None,
                )
            )

    # What the event loop sees between the click and the end: quiet (not busy) only with
    # every column read (a test or the busy cursor waiting for a quiet window would
    # otherwise see half a day).
    samples: list[tuple[bool, bool]] = []
    sampler = QTimer()
    sampler.setInterval(0)
    sampler.timeout.connect(
        lambda: samples.append(
            (hub.busy, page.model.availability(TUESDAY, clinic.provider_two) is not None)
        )
    )
    page.grid.painted.connect(painted)
    sampler.start()
    page.go_to(TUESDAY)
    settle(qtbot, hub)
    sampler.stop()

    # The first paint of Tuesday: every column in view read, the last column not yet.
    assert paints[0] == (True, False, False)
    # Then the others were read: the model holds every provider's day.
    assert page.model.appointment(far_away) is not None
    assert all(page.model.availability(TUESDAY, p.id) is not None for p in page.all_providers())
    # Nothing in view changed with them, so nothing was painted again.
    assert len(paints) == 1
    assert samples
    assert all(busy or read for busy, read in samples)
    # The last column, scrolled into view, shows its appointment.
    page.grid.horizontalScrollBar().setValue(page.grid.horizontalScrollBar().maximum())
    rect = page.grid.placed_rect(far_away)
    assert rect is not None
    assert page.grid.viewport().rect().intersects(rect)


def test_a_newer_day_is_not_overwritten_by_the_older_days_second_read(qtbot, clinic, hub):
    page = _wide_schedule(qtbot, clinic, hub)
    tuesday = _book_with_the_last_column(clinic, TUESDAY)
    wednesday = _book_with_the_last_column(clinic, WEDNESDAY)
    settle(qtbot, hub)
    # No paints for now: Tuesday's second read waits (for its paint, or 100 ms) while
    # Wednesday's first read arrives; Tuesday's follow-up must then let go of the window's
    # busy state, or the window would stay busy for good.
    page.grid.viewport().setUpdatesEnabled(False)
    page.go_to(TUESDAY)
    qtbot.waitUntil(lambda: page._shown_generation == page._generation, timeout=10_000)
    page.go_to(WEDNESDAY)
    settle(qtbot, hub)
    page.grid.viewport().setUpdatesEnabled(True)
    assert page.model.days == (WEDNESDAY,)
    assert page.model.appointment(wednesday) is not None
    assert page.model.appointment(tuesday) is None


def test_a_narrow_day_view_is_one_read(qtbot, clinic, hub):
    """Two providers fit: one read, as before (the two-step read is for wide days only)."""
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = window.pages["schedule"]
    settle(qtbot, hub)
    reads: list[tuple[str, ...]] = []
    original = page.backend.snapshot

    def counted(first, last, ids):
        reads.append(tuple(ids))
        return original(first, last, ids)

    page.backend.snapshot = counted
    page.go_to(TUESDAY)
    settle(qtbot, hub)
    assert reads == [(clinic.provider_one, clinic.provider_two)]


def test_a_grid_that_does_not_paint_still_gets_the_other_columns(qtbot, clinic, hub):
    """A covered window may never paint: the second read starts anyway (after 100 ms), and
    the window stays busy until then."""
    page = _wide_schedule(qtbot, clinic, hub)
    far_away = _book_with_the_last_column(clinic, TUESDAY)
    settle(qtbot, hub)
    page.grid.viewport().setUpdatesEnabled(False)
    samples: list[bool] = []
    sampler = QTimer()
    sampler.setInterval(5)
    sampler.timeout.connect(
        lambda: samples.append(hub.busy or page.model.appointment(far_away) is not None)
    )
    sampler.start()
    page.go_to(TUESDAY)
    settle(qtbot, hub)
    sampler.stop()
    page.grid.viewport().setUpdatesEnabled(True)
    assert page.model.appointment(far_away) is not None
    assert samples
    assert all(samples)
