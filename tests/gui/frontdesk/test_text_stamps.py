"""The calendar's repeated texts are drawn once and copied (gui/schedule/text_stamps.py):
the copy looks as the text drawn directly does, and the stamps are reused and bounded."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from cicini_desktop.gui.schedule import text_stamps
from cicini_desktop.gui.schedule.text_stamps import TextStamps

TEXT = "Consultation · Room 2 with a long tail that is elided"


def _canvas() -> QImage:
    image = QImage(240, 24, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#e8f0fb"))
    return image


def _different_pixels(a: QImage, b: QImage) -> int:
    return sum(
        1
        for y in range(a.height())
        for x in range(a.width())
        if max(
            abs(QColor(a.pixel(x, y)).red() - QColor(b.pixel(x, y)).red()),
            abs(QColor(a.pixel(x, y)).green() - QColor(b.pixel(x, y)).green()),
            abs(QColor(a.pixel(x, y)).blue() - QColor(b.pixel(x, y)).blue()),
        )
        > 24
    )


def test_a_stamped_line_looks_like_the_text_drawn_directly(qapp):
    font = QFont()
    metrics = QFontMetrics(font)
    rect = QRectF(4, 3, 180, metrics.height())
    colour = QColor("#1a1a1a")

    direct = _canvas()
    painter = QPainter(direct)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        metrics.elidedText(TEXT, Qt.TextElideMode.ElideRight, round(rect.width())),
    )
    painter.end()

    stamped = _canvas()
    painter = QPainter(stamped)
    TextStamps().draw_line(painter, rect, TEXT, font, font.key(), metrics, colour)
    painter.end()

    assert _different_pixels(direct, _canvas()) > 50  # the text is there at all
    assert _different_pixels(direct, stamped) <= 3


def test_stamps_are_reused_and_bounded(qapp, monkeypatch):
    monkeypatch.setattr(text_stamps, "LIMIT", 5)
    stamps = TextStamps()
    font = QFont()
    metrics = QFontMetrics(font)
    image = _canvas()
    painter = QPainter(image)
    for _ in range(3):  # three paints of the same two texts: two stamps
        for text in ("09:00–09:30", "Booked"):
            stamps.draw_line(
                painter, QRectF(0, 0, 100, 16), text, font, "f", metrics, QColor("black")
            )
    assert len(stamps) == 2
    for minute in range(20):  # many texts: only the newest LIMIT are kept
        stamps.draw_line(
            painter, QRectF(0, 0, 100, 16), f"10:{minute:02d}", font, "f", metrics, QColor("black")
        )
    painter.end()
    assert len(stamps) == 5
