"""Short texts the calendar paints again and again, drawn once and then copied.

A busy day's blocks repeat a few dozen texts: the status badges, "Consultation · Room 2",
"09:00–09:30". Shaping and rasterising each of them on every block of every paint was a
third of a new day's paint; copying a small ready pixmap is a fraction of that. Patients'
names, each different, are still drawn as text.

A stamp is keyed by everything that changes its pixels (text, size, font, colours, the
screen's pixel ratio), so a new theme, font or language simply makes new stamps; the
oldest are dropped beyond `LIMIT` (a few hundred small pixmaps: a megabyte or two).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap

LIMIT = 400
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TextStamps:
    def __init__(self) -> None:
        self._stamps: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def draw_line(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        font_key: str,
        metrics: QFontMetrics,
        colour: QColor,
    ) -> None:
        """`text` left-aligned and vertically centred in `rect`, elided to its width."""

        def make(stamp: QPainter, area: QRectF) -> None:
            stamp.setFont(font)
            stamp.setPen(colour)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, round(area.width()))
            stamp.drawText(area, _LEFT, elided)

        self._draw(painter, rect, ("line", text, font_key, colour.rgba()), make)

    def draw_badge(
        self,
        painter: QPainter,
        rect: QRectF,
        label: str,
        font: QFont,
        font_key: str,
        fill: QColor,
    ) -> None:
        """A rounded badge in `fill` with `label` centred on it in white."""

        def make(stamp: QPainter, area: QRectF) -> None:
            stamp.setRenderHint(QPainter.RenderHint.Antialiasing)
            stamp.setPen(Qt.PenStyle.NoPen)
            stamp.setBrush(fill)
            stamp.drawRoundedRect(area, 3, 3)
            stamp.setPen(QColor("white"))
            stamp.setFont(font)
            stamp.drawText(area, Qt.AlignmentFlag.AlignCenter, label)

        self._draw(painter, rect, ("badge", label, font_key, fill.rgba()), make)

    def __len__(self) -> int:
        return len(self._stamps)

    def _draw(
        self,
        painter: QPainter,
        rect: QRectF,
        what: tuple[object, ...],
        make: Callable[[QPainter, QRectF], None],
    ) -> None:
        """Copy the stamp of `what` at `rect`'s size, making it with `make` the first time."""
        width, height = round(rect.width()), round(rect.height())
        if width <= 0 or height <= 0:
            return
        ratio = painter.device().devicePixelRatioF()
        key = (*what, width, height, ratio)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
            stamp.setDevicePixelRatio(ratio)
            stamp.fill(Qt.GlobalColor.transparent)
            stamp_painter = QPainter(stamp)
            make(stamp_painter, QRectF(0, 0, width, height))
            stamp_painter.end()
            self._stamps[key] = stamp
            if len(self._stamps) > LIMIT:
                self._stamps.popitem(last=False)
        else:
            self._stamps.move_to_end(key)
        painter.drawPixmap(QPoint(round(rect.left()), round(rect.top())), stamp)
