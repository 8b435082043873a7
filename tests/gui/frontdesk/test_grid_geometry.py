"""GridGeometry: the calendar's minute <-> pixel arithmetic, with plain numbers (no Qt)."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.gui.schedule.geometry import (
    AXIS_WIDTH,
    HEADER_HEIGHT,
    MIN_COLUMN_WIDTH,
    GridGeometry,
    span_for,
)


def geo(**overrides: int) -> GridGeometry:
    values = dict(
        grid_minutes=15,
        first_minute=7 * 60,
        last_minute=20 * 60,
        columns=4,
        viewport_width=AXIS_WIDTH + 800,
        viewport_height=600,
    )
    values.update(overrides)
    return GridGeometry(**values)  # type: ignore[arg-type]


def test_the_module_needs_no_qt() -> None:
    code = (
        "import sys, cicini_desktop.gui.schedule.geometry; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_grid_step_is_thirty_pixels_and_minutes_map_to_rows() -> None:
    g = geo()
    assert g.pixels_per_minute == 2.0
    assert g.y_of(7 * 60) == HEADER_HEIGHT
    assert g.y_of(8 * 60) == HEADER_HEIGHT + 120
    assert g.minute_at(HEADER_HEIGHT + 120) == 8 * 60
    assert g.snap(8 * 60 + 14) == 8 * 60
    assert geo(grid_minutes=5).pixels_per_minute == 6.0


def test_columns_share_the_width_but_never_shrink_below_the_minimum() -> None:
    assert geo().column_width == 200
    assert geo().column_at(AXIS_WIDTH + 450) == 2
    assert geo().column_at(AXIS_WIDTH - 1) is None
    narrow = geo(columns=8)
    assert narrow.column_width == MIN_COLUMN_WIDTH
    assert narrow.horizontal_range() == max(0, 8 * MIN_COLUMN_WIDTH - 800)
    scrolled = GridGeometry(15, 420, 1200, 8, AXIS_WIDTH + 800, 600, scroll_x=300)
    assert scrolled.column_at(AXIS_WIDTH + 1) == 2
    assert list(scrolled.visible_columns()) == [2, 3, 4, 5, 6, 7]


def test_scrolling_to_a_minute_puts_it_under_the_header() -> None:
    g = geo()
    value = g.scroll_y_for(9 * 60)
    scrolled = GridGeometry(15, 420, 1200, 4, AXIS_WIDTH + 800, 600, scroll_y=value)
    assert scrolled.y_of(9 * 60) == HEADER_HEIGHT
    assert g.vertical_range() == round(13 * 60 * 2 - (600 - HEADER_HEIGHT))


def test_the_span_is_at_least_seven_to_eight_and_widens_to_whole_hours() -> None:
    assert span_for([]) == (420, 1200)
    assert span_for([(6 * 60 + 10, 21 * 60 + 5)]) == (360, 22 * 60)
    assert span_for([(-60, 25 * 60)]) == (0, 24 * 60)


@given(
    grid=st.sampled_from([5, 10, 15]),
    minute=st.integers(min_value=0, max_value=24 * 60),
    scroll=st.integers(min_value=0, max_value=3000),
)
def test_minute_at_inverts_y_of(grid: int, minute: int, scroll: int) -> None:
    g = GridGeometry(grid, 0, 24 * 60, 3, 900, 700, scroll_y=scroll)
    assert g.minute_at(g.y_of(minute)) == minute
