"""Minute <-> pixel arithmetic of the calendar grid, without Qt.

The grid widget builds one `GridGeometry` from its viewport size and scroll positions each
time it needs one; painting, hit-testing and keyboard scrolling all go through it, so the
arithmetic is tested here with plain numbers (tests/gui/frontdesk/test_grid_geometry.py).
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER_HEIGHT = 46
AXIS_WIDTH = 62
MIN_COLUMN_WIDTH = 120  # six providers fit a 1366 px wide window
DEFAULT_FIRST_MINUTE = 7 * 60
DEFAULT_LAST_MINUTE = 20 * 60


def pixels_per_minute(grid_minutes: int) -> float:
    """A grid step is 30 px high (at least 2 px a minute, so a 5-minute block stays legible)."""
    return max(2.0, 30.0 / grid_minutes)


@dataclass(frozen=True, slots=True)
class GridGeometry:
    grid_minutes: int
    first_minute: int
    last_minute: int
    columns: int
    viewport_width: int
    viewport_height: int
    scroll_x: int = 0
    scroll_y: int = 0

    @property
    def pixels_per_minute(self) -> float:
        return pixels_per_minute(self.grid_minutes)

    @property
    def column_width(self) -> float:
        available = self.viewport_width - AXIS_WIDTH
        return max(float(MIN_COLUMN_WIDTH), available / max(1, self.columns))

    @property
    def content_height(self) -> float:
        return (self.last_minute - self.first_minute) * self.pixels_per_minute

    @property
    def content_width(self) -> float:
        return self.columns * self.column_width

    def y_of(self, minute: float) -> float:
        """Viewport y of a minute of the day."""
        return HEADER_HEIGHT + (minute - self.first_minute) * self.pixels_per_minute - self.scroll_y

    def x_of(self, column: int) -> float:
        """Viewport x of a column's left edge."""
        return AXIS_WIDTH + column * self.column_width - self.scroll_x

    def minute_at(self, y: float) -> int:
        """The minute of the day at viewport `y`, kept within the shown span."""
        raw = (y - HEADER_HEIGHT + self.scroll_y) / self.pixels_per_minute + self.first_minute
        return max(self.first_minute, min(self.last_minute, int(raw)))

    def snap(self, minute: int) -> int:
        return (minute // self.grid_minutes) * self.grid_minutes

    def column_at(self, x: float) -> int | None:
        if x < AXIS_WIDTH:
            return None
        index = int((x - AXIS_WIDTH + self.scroll_x) // self.column_width)
        return index if 0 <= index < self.columns else None

    def scroll_y_for(self, minute: int) -> int:
        """The vertical scroll value that puts `minute` at the top of the grid area."""
        return round((minute - self.first_minute) * self.pixels_per_minute)

    def scroll_x_for(self, column: int) -> int:
        return round(column * self.column_width)

    def vertical_range(self) -> int:
        return max(0, round(self.content_height - (self.viewport_height - HEADER_HEIGHT)))

    def horizontal_range(self) -> int:
        return max(0, round(self.content_width - (self.viewport_width - AXIS_WIDTH)))

    def visible_columns(self) -> range:
        """Indexes of the columns at least partly in view."""
        if self.columns == 0:
            return range(0)
        first = max(0, int(self.scroll_x // self.column_width))
        last = min(
            self.columns - 1, int((self.scroll_x + self.viewport_width) // self.column_width)
        )
        return range(first, last + 1)


def span_for(intervals: list[tuple[int, int]]) -> tuple[int, int]:
    """First and last minute to show: at least 07:00-20:00, widened to whole hours so every
    (start, end) minute pair given (working hours with an hour's margin, appointments) fits."""
    first, last = DEFAULT_FIRST_MINUTE, DEFAULT_LAST_MINUTE
    for start, end in intervals:
        first = min(first, start)
        last = max(last, end)
    return max(0, (first // 60) * 60), min(24 * 60, -(-last // 60) * 60)
