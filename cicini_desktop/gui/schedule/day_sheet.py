"""Printing the day sheet: times, patient names, types, rooms, notes; per provider or all.

The same painter code draws on a `QPdfWriter` (Save as PDF) or a `QPrinter` (Print), on A4
or US Letter. Each provider starts on a new page; long days run over several pages.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
COLUMNS = (
    ("Time", 0.14),
    ("Patient", 0.26),
    ("Type", 0.2),
    ("Room", 0.12),
    ("Status", 0.1),
    ("Note", 0.18),
)


def configure(device: QPagedPaintDevice, paper: str) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(PAPER_SIZES.get(paper, QPageSize.PageSizeId.A4)),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_day_sheet(
    device: QPagedPaintDevice,
    *,
    clinic_name: str,
    day: date,
    providers: list[ProviderRow],
    rows: list[AppointmentRow],
    zone: ZoneInfo,
) -> int:
    """Draw the sheet on `device`; returns the number of pages."""
    painter = QPainter(device)
    try:
        return _paint(painter, device, clinic_name, day, providers, rows, zone)
    finally:
        painter.end()


def _paint(
    painter: QPainter,
    device: QPagedPaintDevice,
    clinic_name: str,
    day: date,
    providers: list[ProviderRow],
    rows: list[AppointmentRow],
    zone: ZoneInfo,
) -> int:
    page = QRectF(0, 0, device.width(), device.height())
    title_font = QFont("Sans Serif", 15, QFont.Weight.Bold)
    head_font = QFont("Sans Serif", 9, QFont.Weight.Bold)
    body_font = QFont("Sans Serif", 9)
    painter.setFont(body_font)
    line = QFontMetricsF(body_font, device).height() * 1.5
    pages = 1
    first = True
    for provider in providers:
        if not first:
            device.newPage()
            pages += 1
        first = False
        own = sorted(
            (r for r in rows if r.provider_id == provider.id and r.status != "cancelled"),
            key=lambda r: r.start,
        )
        y = _header(
            painter, device, page, title_font, head_font, clinic_name, day, provider, len(own)
        )
        for row in own:
            if y + line > page.bottom():
                device.newPage()
                pages += 1
                y = _header(
                    painter,
                    device,
                    page,
                    title_font,
                    head_font,
                    clinic_name,
                    day,
                    provider,
                    len(own),
                )
            painter.setFont(body_font)
            start, end = row.start.astimezone(zone), row.end.astimezone(zone)
            values = (
                f"{start:%H:%M}–{end:%H:%M}",
                row.patient_name,
                row.type_name,
                row.room_name,
                row.status_label,
                row.note,
            )
            _row(painter, page, y, line, values, device)
            y += line
        if not own:
            painter.drawText(QRectF(page.left(), y, page.width(), line), "No appointments.")
    return pages


def _header(
    painter: QPainter,
    device: QPagedPaintDevice,
    page: QRectF,
    title_font: QFont,
    head_font: QFont,
    clinic_name: str,
    day: date,
    provider: ProviderRow,
    count: int,
) -> float:
    painter.setFont(title_font)
    title_h = QFontMetricsF(title_font, device).height() * 1.3
    painter.drawText(
        QRectF(page.left(), page.top(), page.width(), title_h),
        Qt.AlignmentFlag.AlignLeft,
        f"{provider.name} — {day:%A %d %B %Y}",
    )
    painter.setFont(head_font)
    head_h = QFontMetricsF(head_font, device).height() * 1.6
    y = page.top() + title_h
    painter.drawText(
        QRectF(page.left(), y, page.width(), head_h),
        Qt.AlignmentFlag.AlignLeft,
        f"{clinic_name} · {count} appointment{'s' if count != 1 else ''}"
        " · confidential: contains patient data",
    )
    y += head_h
    _row(painter, page, y, head_h, tuple(name for name, _ in COLUMNS), device)
    y += head_h
    painter.drawLine(int(page.left()), int(y - 2), int(page.right()), int(y - 2))
    return y


def _row(
    painter: QPainter,
    page: QRectF,
    y: float,
    height: float,
    values: tuple[str, ...],
    device: QPagedPaintDevice,
) -> None:
    x = page.left()
    metrics = QFontMetricsF(painter.font(), device)
    for (_, share), value in zip(COLUMNS, values, strict=True):
        width = page.width() * share
        text = metrics.elidedText(value, Qt.TextElideMode.ElideRight, width - 8)
        painter.drawText(
            QRectF(x, y, width - 8, height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        x += width


def save_pdf(path: Path, paper: str, **sheet: object) -> int:
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle("Day sheet")
    writer.setCreator("Cicini Desktop")
    configure(writer, paper)
    return paint_day_sheet(writer, **sheet)  # type: ignore[arg-type]
