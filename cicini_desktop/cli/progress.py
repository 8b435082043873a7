"""A progress line for long jobs on a terminal: `cicini audit verify`, `backup`, `export`.

The services run a long job as a generator of `Progress` (services/worker.py); the GUI
shows it in a dialog, the CLI here in one line of standard error that rewrites itself:

    Checking the audit trail: 45%  (450,000 of 1,000,000 records checked)

Only on a terminal: a monitoring agent or a log collector reading the output gets the
final sentence alone, never a stream of carriage returns. The labels come from the
services and carry counts only (no names), like everything else the CLI prints.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Generator
from typing import TextIO, TypeVar

from cicini_desktop.services.worker import Progress

T = TypeVar("T")

# Redrawing more often than this only costs time (a million-record verify yields 50 steps,
# but a backup's copy can report hundreds).
REDRAW_SECONDS = 0.1


class ProgressLine:
    """One rewriting line on `stream` while a job runs; nothing when it is not a terminal."""

    def __init__(self, title: str, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self._title = title
        self._stream = stream if stream is not None else sys.stderr
        self._shown = not quiet and _is_terminal(self._stream)
        self._width = 0
        self._last_draw = 0.0

    @property
    def shown(self) -> bool:
        return self._shown

    def show(self, step: Progress) -> None:
        if not self._shown:
            return
        now = time.monotonic()
        if now - self._last_draw < REDRAW_SECONDS and step.fraction < 1.0:
            return
        self._last_draw = now
        percent = int(max(0.0, min(1.0, step.fraction)) * 100)
        text = f"{self._title}: {percent:3d}%  ({step.label})"
        padding = " " * max(0, self._width - len(text))  # wipe a longer previous line
        self._width = len(text)
        self._stream.write(f"\r{text}{padding}")
        self._stream.flush()

    def close(self) -> None:
        """End the line (so the next output starts on a fresh one)."""
        if self._shown and self._width:
            self._stream.write("\n")
            self._stream.flush()
        self._width = 0


def run_with_progress(
    steps: Generator[Progress, None, T],
    title: str,
    *,
    stream: TextIO | None = None,
    quiet: bool = False,
) -> T:
    """Drive a long job to its end on this thread, showing its progress line."""
    line = ProgressLine(title, stream, quiet=quiet)
    try:
        while True:
            try:
                step = next(steps)
            except StopIteration as done:
                return done.value
            line.show(step)
    finally:
        steps.close()  # Ctrl+C: the job's own clean-up (a partial file) runs now
        line.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
