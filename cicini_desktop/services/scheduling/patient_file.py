"""A patient's file for the front desk: contact, appointments, attendance, waitlist.

    data = patient_file(context, actor, patient_id)
    data.upcoming[0]            # the next appointment ("when is my next appointment?")
    data.attendance.no_shows    # also `attendance(...)` alone, for the booking dialog

Attendance: no-shows, and late cancellations — cancelled less than the clinic's cut-off
(`front_desk_settings.late_cancel_hours`, 0 = off) before the start. Computed from the
appointment history when read, so changing the cut-off applies to past cancellations too.
Appointments of providers outside the actor's scope are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.ids import AppointmentId, PatientId
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import AppointmentStatus
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import waitlist as wl
from cicini_desktop.services.scheduling.common import aware, clinic_zone, get_or_404, now
from cicini_desktop.services.scheduling.front_desk_settings import late_cancel_hours
from cicini_desktop.services.scheduling.patients import PatientRow, patient_row
from cicini_desktop.services.unit_of_work import require
from cicini_desktop.store.models import (
    Appointment,
    AppointmentHistory,
    AppointmentType,
    Patient,
    Staff,
)

S = AppointmentStatus
PAST_LIMIT = 100
UPCOMING = frozenset({S.BOOKED, S.CONFIRMED, S.ARRIVED, S.IN_PROGRESS})


@dataclass(frozen=True, slots=True)
class Visit:
    appointment_id: AppointmentId
    start: datetime  # clinic zone
    end: datetime
    provider_id: str
    provider_name: str
    type_name: str
    status: AppointmentStatus
    late_cancel: bool = False


@dataclass(frozen=True, slots=True)
class Attendance:
    no_shows: int
    late_cancels: int
    cut_off_hours: int  # 0: late cancellations are not flagged

    @property
    def sentence(self) -> str:
        """'2 no-shows, 1 late cancellation' or 'No no-shows' (plural-correct)."""
        parts = [_count(self.no_shows, "no-show", "no-shows")]
        if self.cut_off_hours:
            parts.append(_count(self.late_cancels, "late cancellation", "late cancellations"))
        text = ", ".join(parts)
        return text[0].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class PatientFileData:
    patient: PatientRow
    upcoming: tuple[Visit, ...]  # soonest first
    past: tuple[Visit, ...]  # latest first, at most PAST_LIMIT
    attendance: Attendance
    waitlist: tuple[wl.WaitlistRow, ...]


def _count(n: int, one: str, many: str) -> str:
    return f"no {many}" if n == 0 else f"1 {one}" if n == 1 else f"{n} {many}"


def _visits(
    session: Session, context: ServiceContext, actor: Actor, patient_id: str
) -> tuple[list[Visit], list[Visit], Attendance]:
    tz = clinic_zone(session, context)
    moment = now(context)
    cut_off = late_cancel_hours(session)
    rows = session.execute(
        select(Appointment, AppointmentType.name, Staff.display_name)
        .join(AppointmentType, AppointmentType.id == Appointment.type_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .where(Appointment.patient_id == patient_id)
        .order_by(Appointment.start_at)
    ).all()
    cancelled_ids = [a.id for a, _, _ in rows if a.status == S.CANCELLED.value]
    cancelled_at: dict[str, int] = {}
    if cancelled_ids:
        for appointment_id, at in session.execute(
            select(AppointmentHistory.appointment_id, AppointmentHistory.at).where(
                AppointmentHistory.appointment_id.in_(cancelled_ids),
                AppointmentHistory.to_status == S.CANCELLED.value,
            )
        ):
            cancelled_at[appointment_id] = at
    upcoming: list[Visit] = []
    past: list[Visit] = []
    no_shows = late = 0
    for appointment, type_name, provider_name in rows:
        if not actor.may_act_for(appointment.provider_id):
            continue
        status = S(appointment.status)
        when = cancelled_at.get(appointment.id)
        is_late = bool(
            cut_off and when is not None and appointment.start_at - when < cut_off * 3600
        )
        no_shows += status is S.NO_SHOW
        late += is_late
        visit = Visit(
            AppointmentId(appointment.id),
            aware(appointment.start_at, tz),
            aware(appointment.end_at, tz),
            appointment.provider_id,
            provider_name,
            type_name,
            status,
            is_late,
        )
        if status in UPCOMING and appointment.end_at > moment:
            upcoming.append(visit)
        else:
            past.append(visit)
    past.reverse()
    return upcoming, past[:PAST_LIMIT], Attendance(no_shows, late, cut_off)


def attendance(context: ServiceContext, actor: Actor, patient_id: PatientId) -> Attendance:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        get_or_404(session, Patient, patient_id, "patient")
        return _visits(session, context, actor, patient_id)[2]


def patient_file(context: ServiceContext, actor: Actor, patient_id: PatientId) -> PatientFileData:
    require(context, actor, Permission.PATIENT_VIEW, target_type="patient", target_id=patient_id)
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        patient = patient_row(get_or_404(session, Patient, patient_id, "patient"))
        upcoming, past, counts = _visits(session, context, actor, patient_id)
    entries = tuple(r for r in wl.list_waitlist(context, actor) if r.patient_id == patient_id)
    return PatientFileData(patient, tuple(upcoming), tuple(past), counts, entries)


__all__ = ["Attendance", "PatientFileData", "Visit", "attendance", "patient_file"]
