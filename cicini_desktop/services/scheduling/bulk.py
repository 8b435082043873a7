"""Booking many appointments at once (demo clinic, imports): one transaction, same rules.

    outcomes = book_many(context, actor, [BulkBooking(request, (S.CONFIRMED,)), ...])
    outcomes[i]  # the new appointment id, or None when that request was refused

Each request goes through the same validation and conflict check as `book_appointment`
(hours, time off, closures, buffers, rooms, the patient's other bookings, including the
ones booked earlier in the same batch); a request with a conflict or a validation problem
is skipped, never overridden. The statuses of each item are then walked one step at a time
through the workflow and recorded in the history, as `change_status` does. Permissions are
checked once per provider and permission before anything is written; counters are written
in the same transaction. Unlike `change_status`, a cancellation here does not look for
waitlist offers (nobody is at the desk to make them). What this saves is one commit, one
lock and one availability read per booking: most of the cost of booking hundreds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.core.scheduling.wall_time import local_date
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.appointments import (
    BookingRequest,
    find_conflicts,
    insert_appointment,
    lock_for_writing,
    prepare,
    record_status,
    status_counter,
    status_permission,
)
from cicini_desktop.services.scheduling.common import clinic_zone, instant, load_availability
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import AppointmentType, Patient, Staff


@dataclass(frozen=True, slots=True)
class BulkBooking:
    request: BookingRequest
    statuses: tuple[AppointmentStatus, ...] = ()  # walked in order after booking
    cancel_reason: CancelReason | None = None  # for a CANCELLED step


def book_many(
    context: ServiceContext, actor: Actor, items: Sequence[BulkBooking]
) -> list[str | None]:
    """Book `items` in one transaction; per item the new id, or None if it was refused."""
    needed = {(Permission.APPOINTMENT_BOOK, i.request.provider_id) for i in items}
    needed |= {(status_permission(s), i.request.provider_id) for i in items for s in i.statuses}
    for permission, provider_id in sorted(needed, key=lambda n: (n[0].value, n[1])):
        require(context, actor, permission, provider_id=provider_id)
    if not items:
        return []
    outcomes: list[str | None] = []
    with unit_of_work(context, actor) as tx:
        lock_for_writing(tx.session)
        tz = clinic_zone(tx.session, context)
        # One availability read for the whole batch: nothing in it changes while we book.
        days = [local_date(instant(i.request.start, tz, i.request.fold), tz) for i in items]
        availability = load_availability(
            tx.session, tz, {i.request.provider_id for i in items}, min(days), max(days)
        )
        # The session's identity map holds rows weakly: keeping the batch's types, providers
        # and patients referenced here lets `prepare` find them there instead of re-reading
        # them for every request.
        held = [
            *tx.session.scalars(select(AppointmentType)),
            *tx.session.scalars(select(Staff).where(Staff.is_provider.is_(True))),
            *tx.session.scalars(
                select(Patient).where(Patient.id.in_({i.request.patient_id for i in items}))
            ),
        ]
        for item in items:
            try:
                prepared = prepare(tx.session, tz, item.request, appointment_id=new_id())
            except CiciniError:
                outcomes.append(None)
                continue
            if find_conflicts(tx.session, tz, prepared, availability):
                outcomes.append(None)
                continue
            row = insert_appointment(tx, prepared)
            tx.count(Counter.APPOINTMENT_BOOKED)
            outcomes.append(row.id)
            for status in item.statuses:
                try:
                    reason = item.cancel_reason if status is AppointmentStatus.CANCELLED else None
                    record_status(tx, row, status, reason)
                except CiciniError:
                    break  # a step the workflow refuses: the appointment stays where it is
                tx.count(status_counter(status))
        del held
    return outcomes
