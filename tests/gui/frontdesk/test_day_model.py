"""The calendar model holds exactly the appointments of the visible days and providers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cicini_desktop.gui.schedule.model import ScheduleModel, lanes
from cicini_desktop.gui.schedule.rows import AppointmentRow, ScheduleSnapshot
from cicini_desktop.gui.schedule.rows import ProviderRow as P
from cicini_desktop.gui.schedule.services_backend import ServicesBackend
from tests.gui.frontdesk.conftest import local

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 3, 16)


def row(ident: str, provider: str, start: datetime, minutes: int = 15) -> AppointmentRow:
    return AppointmentRow(
        ident, provider, start, start + timedelta(minutes=minutes), "pat", "Doe, Jo",
        "t", "Consultation", "#4f86e0", "booked",
    )  # fmt: skip


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def test_model_keeps_exactly_the_visible_range_and_providers(qtbot):
    model = ScheduleModel(BERLIN)
    model.set_range((DAY,), (P("a", "A"), P("b", "B")))
    inside = [row("1", "a", at(DAY, 9)), row("2", "b", at(DAY, 23, 50)), row("3", "a", at(DAY, 0))]
    outside = [
        row("4", "c", at(DAY, 9)),  # provider not shown
        row("5", "a", at(DAY - timedelta(days=1), 9)),  # the day before
        row("6", "b", at(DAY + timedelta(days=1), 0)),  # midnight after: the next day
        row("7", "a", at(DAY - timedelta(days=1), 23, 30), 30),  # ends at 00:00, not inside
    ]
    model.set_snapshot(ScheduleSnapshot(DAY, DAY, ("a", "b"), tuple(inside + outside)))
    assert {r.id for r in model.appointments()} == {"1", "2", "3"}
    assert [r.id for r in model.appointments_in(DAY, "a")] == ["3", "1"]
    assert model.appointment("4") is None


def test_week_model_columns_are_days_then_providers(qtbot):
    model = ScheduleModel(BERLIN)
    days = tuple(DAY + timedelta(days=i) for i in range(7))
    model.set_range(days, (P("a", "A"), P("b", "B")))
    columns = model.columns()
    assert len(columns) == 14
    assert (columns[0].day, columns[0].provider.id) == (DAY, "a")
    assert (columns[3].day, columns[3].provider.id) == (DAY + timedelta(days=1), "b")


def test_overlapping_appointments_sit_side_by_side():
    rows = [
        row("1", "a", at(DAY, 9), 30),
        row("2", "a", at(DAY, 9, 15)),
        row("3", "a", at(DAY, 10)),
    ]
    layout = lanes(rows)
    assert layout["1"] == (0, 2)
    assert layout["2"] == (1, 2)
    assert layout["3"] == (0, 1)


def test_backend_snapshot_is_the_visible_day_and_providers(clinic):
    backend = ServicesBackend(clinic.context, clinic.manager.actor)
    only_two = backend.snapshot(DAY, DAY, (clinic.provider_two,))
    assert only_two.appointments == ()
    both = backend.snapshot(DAY, DAY, (clinic.provider_one, clinic.provider_two))
    assert [a.id for a in both.appointments] == [clinic.appointment]
    assert both.appointments[0].start == local(10, 30)
    next_day = backend.snapshot(
        DAY + timedelta(days=1), DAY + timedelta(days=1), (clinic.provider_one,)
    )
    assert next_day.appointments == ()
    working = {(d.provider_id, d.day): d for d in both.availability}
    one = working[(clinic.provider_one, DAY)]
    assert [(i.start_minute, i.end_minute) for i in one.working] == [(480, 720), (780, 1020)]
    assert [(i.start_minute, i.end_minute, i.label) for i in one.blocked] == [(720, 780, "Break")]
