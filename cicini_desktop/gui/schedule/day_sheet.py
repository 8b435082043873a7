"""Printing the day sheet: times, patients (with phone numbers if chosen), types, rooms,
status and notes; per provider or all.

The sheet is first laid out as a plan (pages of text boxes), then painted: the plan is what
the tests read. Text wraps inside its column and a row grows to fit it; nothing is cut or
elided. The same code draws on a `QPdfWriter` (Save as PDF, file mode 0600: it holds
patient data) or a `QPrinter` (Print), on A4 or US Letter. Each provider starts on a new
page unless the clinic chose otherwise; long days run over several pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
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
    QPaintDevice,
    QPainter,
    QPdfWriter,
)

from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_long, time_of
from cicini_desktop.gui.schedule.rows import AppointmentRow, ProviderRow

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
COLUMNS = (
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Time"), 0.12),
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Patient"), 0.24),
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Type"), 0.16),
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Room"), 0.1),
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Status"), 0.1),
    (QT_TRANSLATE_NOOP("schedule.day_sheet", "Note"), 0.28),
)
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
GAP = 8.0


@dataclass(frozen=True, slots=True)
class SheetOptions:
    phones: bool = False  # the patients' phone numbers beside their names
    page_per_provider: bool = True


@dataclass(frozen=True, slots=True)
class Box:
    rect: QRectF
    text: str
    font: str  # "title" | "head" | "body"


@dataclass
class SheetPlan:
    pages: list[list[Box]] = field(default_factory=lambda: [[]])
    rules: list[list[float]] = field(default_factory=lambda: [[]])  # y of header rules

    def texts(self) -> list[str]:
        return [box.text for page in self.pages for box in page]


def configure(device: QPagedPaintDevice, paper: str) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(PAPER_SIZES.get(paper, QPageSize.PageSizeId.A4)),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )


def _fonts() -> dict[str, QFont]:
    return {
        "title": QFont("Sans Serif", 15, QFont.Weight.Bold),
        "head": QFont("Sans Serif", 9, QFont.Weight.Bold),
        "body": QFont("Sans Serif", 9),
    }


def _count(n: int) -> str:
    return translate("schedule.day_sheet", "%n appointment(s)", None, n)


def plan_day_sheet(
    device: QPaintDevice,
    *,
    clinic_name: str,
    day: date,
    providers: list[ProviderRow],
    rows: list[AppointmentRow],
    zone: ZoneInfo,
    phones: dict[str, str] | None = None,
    options: SheetOptions = SheetOptions(),
) -> SheetPlan:
    """Lay the sheet out on pages of `device`'s size; nothing is truncated."""
    fonts = _fonts()
    metrics = {name: QFontMetricsF(font, device) for name, font in fonts.items()}
    page = QRectF(0, 0, device.width(), device.height())
    widths = [page.width() * share for _, share in COLUMNS]
    plan = SheetPlan()
    y = page.top()

    def new_page() -> None:
        nonlocal y
        plan.pages.append([])
        plan.rules.append([])
        y = page.top()

    def needed(values: tuple[str, ...], font: str) -> float:
        return (
            max(
                metrics[font].boundingRect(QRectF(0, 0, w - GAP, 1e6), WRAP, v).height()
                for w, v in zip(widths, values, strict=True)
            )
            + metrics[font].height() * 0.5
        )

    def put_row(values: tuple[str, ...], font: str, height: float) -> None:
        x = page.left()
        for width, value in zip(widths, values, strict=True):
            plan.pages[-1].append(Box(QRectF(x, y, width - GAP, height), value, font))
            x += width

    def header(provider: ProviderRow, count: int) -> None:
        nonlocal y
        title_h = metrics["title"].height() * 1.3
        plan.pages[-1].append(
            Box(
                QRectF(page.left(), y, page.width(), title_h),
                f"{provider.name} — {day_long(day)}",
                "title",
            )
        )
        y += title_h
        head_h = metrics["head"].height() * 1.6
        plan.pages[-1].append(
            Box(
                QRectF(page.left(), y, page.width(), head_h),
                translate(
                    "schedule.day_sheet",
                    "{clinic_name} · {count} · confidential: contains patient data",
                ).format(clinic_name=clinic_name, count=_count(count)),
                "head",
            )
        )
        y += head_h
        put_row(tuple(translate("schedule.day_sheet", name) for name, _ in COLUMNS), "head", head_h)
        y += head_h
        plan.rules[-1].append(y - 2)

    first = True
    for provider in providers:
        own = sorted(
            (r for r in rows if r.provider_id == provider.id and r.status != "cancelled"),
            key=lambda r: r.start,
        )
        if not first:
            if options.page_per_provider or y + metrics["title"].height() * 6 > page.bottom():
                new_page()
            else:
                y += metrics["body"].height()
        first = False
        header(provider, len(own))
        for row in own:
            start, end = row.start.astimezone(zone), row.end.astimezone(zone)
            patient = row.patient_name
            phone = (phones or {}).get(row.patient_id, "") if options.phones else ""
            if phone:
                patient += f"\n{phone}"
            values = (
                f"{time_of(start)}–{time_of(end)}",
                patient,
                row.type_name,
                row.room_name,
                row.status_label,
                row.note,
            )
            height = needed(values, "body")
            if y + height > page.bottom():
                new_page()
                header(provider, len(own))
            put_row(values, "body", height)
            y += height
        if not own:
            line = metrics["body"].height() * 1.5
            plan.pages[-1].append(
                Box(
                    QRectF(page.left(), y, page.width(), line),
                    translate("schedule.day_sheet", "No appointments."),
                    "body",
                )
            )
            y += line
    return plan


def paint_plan(device: QPagedPaintDevice, plan: SheetPlan) -> int:
    """Draw `plan` on `device`; returns the number of pages."""
    fonts = _fonts()
    painter = QPainter(device)
    try:
        for index, (boxes, rules) in enumerate(zip(plan.pages, plan.rules, strict=True)):
            if index:
                device.newPage()
            for box in boxes:
                painter.setFont(fonts[box.font])
                painter.drawText(box.rect, WRAP, box.text)
            for y in rules:
                painter.drawLine(0, int(y), int(device.width()), int(y))
    finally:
        painter.end()
    return len(plan.pages)


def paint_day_sheet(device: QPagedPaintDevice, **sheet: object) -> int:
    """Lay out and draw the sheet on `device` (a printer); returns the number of pages."""
    return paint_plan(device, plan_day_sheet(device, **sheet))  # type: ignore[arg-type]


def save_pdf(path: Path, paper: str, **sheet: object) -> int:
    """Write the sheet as a PDF readable by the user only (mode 0600): it holds patient data."""
    # Create the file with owner-only permissions before anything is written into it, and
    # set them again afterwards (an existing file keeps its old mode when opened).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle(translate("schedule.day_sheet", "Day sheet"))
    writer.setCreator("Cicini Desktop")
    configure(writer, paper)
    pages = paint_day_sheet(writer, **sheet)
    del writer  # closes the file
    os.chmod(path, 0o600)
    return pages
