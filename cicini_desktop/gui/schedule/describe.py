"""Words for an appointment (tooltips, screen readers, dialogs) and small date helpers."""

from __future__ import annotations

from datetime import date, timedelta

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import day_and_time, time_of
from cicini_desktop.gui.schedule.model import ScheduleModel
from cicini_desktop.gui.schedule.rows import AppointmentRow


def describe(row: AppointmentRow | None, model: ScheduleModel, *, with_note: bool = True) -> str:
    """The sentence a tooltip or a screen reader gives for an appointment."""
    if row is None:
        return ""
    start, end = model.local(row.start), model.local(row.end)
    provider = model.provider(row.provider_id)
    parts = [
        f"{row.patient_name}, {row.type_name}",
        f"{day_and_time(start)}–{time_of(end)}"
        + (
            translate("schedule.describe", " with {name}").format(name=provider.name)
            if provider
            else ""
        ),
        translate("schedule.describe", "Status: {status_label}").format(
            status_label=row.status_label
        ),
    ]
    if row.room_name:
        parts.append(
            translate("schedule.describe", "Room: {room_name}").format(room_name=row.room_name)
        )
    if not with_note:
        return "\n".join(parts)
    if row.note:
        parts.append(translate("schedule.describe", "Note: {note}").format(note=row.note))
    elif row.has_note:
        parts.append(
            translate("schedule.describe", "Has a front-desk note (printed on the day sheet).")
        )
    return "\n".join(parts)


def day_range(first: date, count: int) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range(count))
