"""The day view of a clinic wider than the screen, read in two steps: what is in view first.

Twenty providers' columns do not fit on a reception screen (about six do on 1366 pixels),
yet a new day's single read fetched and laid out all twenty before the first paint. The
page now reads the providers whose columns are on screen, paints them, and only then
reads the others (before anyone can scroll to them: a few milliseconds later). What the
receptionist sees is never partial: every column in view holds all of its rows when it is
painted; the off-screen columns are empty for those milliseconds.

The follow-up waits for the paint (the grid's `painted` signal) rather than being queued at
once, because the worker's Python work would otherwise take turns with the paint on the
interpreter's lock and delay the very frame it is meant to speed up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cicini_desktop.gui.schedule.rows import ProviderRow, ScheduleSnapshot

if TYPE_CHECKING:
    from cicini_desktop.gui.schedule.calendar_grid import CalendarGrid


def on_screen_ids(grid: CalendarGrid, providers: tuple[ProviderRow, ...]) -> tuple[str, ...]:
    """The ids of `providers` whose day-view columns are in the grid's view now, by the
    paint's own arithmetic (so every column it paints is among them). All of them when the
    grid does not show these providers yet (its column width would be another range's)."""
    ids = tuple(p.id for p in providers)
    if grid.model.providers != providers or len(grid.model.days) != 1 or not grid.isVisible():
        return ids
    width = grid.column_width()
    if width <= 0:
        return ids
    scroll = grid.horizontalScrollBar().value()
    first = max(0, int(scroll // width))
    last = min(len(ids) - 1, int((scroll + grid.viewport().width()) // width))
    return ids[first : last + 1]


def merged(
    first: ScheduleSnapshot, second: ScheduleSnapshot, provider_ids: tuple[str, ...]
) -> ScheduleSnapshot:
    """One snapshot of both steps' providers (the first step's moment: the older one)."""
    return ScheduleSnapshot(
        first.first_day,
        first.last_day,
        provider_ids,
        first.appointments + second.appointments,
        first.availability + second.availability,
        first.fetched_at,
    )
