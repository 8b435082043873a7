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
        width, height = round(rect.width()), round(rect.height())
        if width <= 0 or height <= 0:
            return
        ratio = painter.device().devicePixelRatioF()
        key = ("line", text, width, height, font_key, colour.rgba(), ratio)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = self._blank(width, height, ratio)
            stamp_painter = QPainter(stamp)
            stamp_painter.setFont(font)
            stamp_painter.setPen(colour)
            stamp_painter.drawText(
                QRectF(0, 0, width, height),
                _LEFT,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
            stamp_painter.end()
            self._keep(key, stamp)
        else:
            self._stamps.move_to_end(key)
        painter.drawPixmap(QPoint(round(rect.left()), round(rect.top())), stamp)

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
        width, height = round(rect.width()), round(rect.height())
        if width <= 0 or height <= 0:
            return
        ratio = painter.device().devicePixelRatioF()
        key = ("badge", label, width, height, font_key, fill.rgba(), ratio)
        stamp = self._stamps.get(key)
        if stamp is None:
            stamp = self._blank(width, height, ratio)
            stamp_painter = QPainter(stamp)
            stamp_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            stamp_painter.setPen(Qt.PenStyle.NoPen)
            stamp_painter.setBrush(fill)
            stamp_painter.drawRoundedRect(QRectF(0, 0, width, height), 3, 3)
            stamp_painter.setPen(QColor("white"))
            stamp_painter.setFont(font)
            stamp_painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, label)
            stamp_painter.end()
            self._keep(key, stamp)
        else:
            self._stamps.move_to_end(key)
        painter.drawPixmap(QPoint(round(rect.left()), round(rect.top())), stamp)

    def __len__(self) -> int:
        return len(self._stamps)

    @staticmethod
    def _blank(width: int, height: int, ratio: float) -> QPixmap:
        stamp = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        stamp.setDevicePixelRatio(ratio)
        stamp.fill(Qt.GlobalColor.transparent)
        return stamp

    def _keep(self, key: tuple[object, ...], stamp: QPixmap) -> None:
        self._stamps[key] = stamp
        if len(self._stamps) > LIMIT:
            self._stamps.popitem(last=False)
