"""`ScheduleBackend` over the real scheduling services: their rows become the page's rows.

Runs on the database worker only. Each method is one or a few service calls made as the
signed-in actor; permission checks, audit and counters all happen in the services.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.ids import (
    AppointmentId,
    AppointmentTypeId,
    PatientId,
    StaffId,
    WaitlistEntryId,
)
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.locale_format import day_numeric
from cicini_desktop.gui.schedule.rows import (
    STATUS_LABELS,
    AppointmentRow,
    Interval,
    PatientHit,
    ProviderDay,
    ProviderRow,
    RoomRow,
    ScheduleSnapshot,
    TypeRow,
    WaitlistRow,
)
from cicini_desktop.gui.schedule.source import (
    BookingDraft,
    CancelOutcome,
    Catalogue,
    NewPatient,
    OccurrenceCheck,
    PatientFileView,
    SlotRow,
    VisitRow,
)
from cicini_desktop.services import usage
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import appointments as appts
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import front_desk_settings as desk_settings
from cicini_desktop.services.scheduling import patient_file as patient_file_service
from cicini_desktop.services.scheduling import patients as pats
from cicini_desktop.services.scheduling import series as series_service
from cicini_desktop.services.scheduling import slots as slot_service
from cicini_desktop.services.scheduling import views
from cicini_desktop.services.scheduling import waitlist as wl

CANCEL_LABELS = {
    "patient_request": QT_TRANSLATE_NOOP("schedule.services_backend", "Patient asked to cancel"),
    "illness": QT_TRANSLATE_NOOP("schedule.services_backend", "Patient is ill"),
    "provider_unavailable": QT_TRANSLATE_NOOP("schedule.services_backend", "Provider unavailable"),
    "clinic_closed": QT_TRANSLATE_NOOP("schedule.services_backend", "Clinic closed"),
    "rescheduled": QT_TRANSLATE_NOOP("schedule.services_backend", "Rescheduled"),
    "duplicate": QT_TRANSLATE_NOOP("schedule.services_backend", "Booked twice by mistake"),
    "other": QT_TRANSLATE_NOOP("schedule.services_backend", "Other"),
}
FALLBACK_COLOURS = ("#3a7bd5", "#2e9e6a", "#c2185b", "#8e44ad", "#e67e22", "#00838f")


def _minute(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


class ServicesBackend:
    def __init__(self, context: ServiceContext, actor: Actor) -> None:
        self.context = context
        self.actor = actor
        self._opened_views: set[str] = set()

    # --- reading -------------------------------------------------------------------------
    def catalogue(self) -> Catalogue:
        providers = tuple(
            ProviderRow(p.id, p.display_name, p.colour or FALLBACK_COLOURS[i % 6])
            for i, p in enumerate(avail.providers(self.context, self.actor))
        )
        types = tuple(
            TypeRow(t.id, t.name, t.duration_minutes, t.colour)
            for t in avail.list_types(self.context, self.actor)
            if t.active
        )
        rooms = tuple(
            RoomRow(r.id, r.name) for r in avail.list_rooms(self.context, self.actor) if r.active
        )
        reasons = tuple(
            (r.value, translate("schedule.services_backend", CANCEL_LABELS.get(r.value, r.value)))
            for r in CancelReason
        )
        return Catalogue(providers, types, rooms, reasons)

    def snapshot(
        self, first_day: date, last_day: date, provider_ids: tuple[StaffId, ...]
    ) -> ScheduleSnapshot:
        view = "day" if first_day == last_day else "week"
        if view not in self._opened_views:
            self._opened_views.add(view)
            views.note_view_opened(self.context, self.actor, view)  # type: ignore[arg-type]
        shown = views.calendar_range(
            self.context, self.actor, first_day, last_day, list(provider_ids)
        )
        appointments = [self._row(r) for r in shown.rows]
        arrived = [a.id for a in appointments if a.status == "arrived"]
        if arrived and first_day == last_day:
            appointments = self._with_arrivals(appointments, arrived)
        availability: list[ProviderDay] = []
        for day, day_hours in shown.hours.items():
            availability.extend(self._provider_days(day, provider_ids, day_hours))
        return ScheduleSnapshot(
            first_day,
            last_day,
            provider_ids,
            tuple(appointments),
            tuple(availability),
            self.context.clock.now(),
        )

    def _row(self, r: Any) -> AppointmentRow:
        return AppointmentRow(
            id=r.appointment_id,
            provider_id=r.provider_id,
            start=r.start,
            end=r.end,
            patient_id=r.patient_id,
            patient_name=r.patient_name,
            type_id=r.type_id,
            type_name=r.type_name,
            colour=r.type_colour,
            status=str(r.status.value if hasattr(r.status, "value") else r.status),
            room_name=r.room_name or "",
            room_id=r.room_id,
            has_note=bool(r.has_note),
            version=r.version,
            series_id=r.series_id,
        )

    def _with_arrivals(
        self, rows: list[AppointmentRow], arrived_ids: list[str]
    ) -> list[AppointmentRow]:
        """When each arrived patient was checked in (latest change to "arrived"), one query."""
        try:
            times = views.arrival_times(self.context, self.actor, arrived_ids)
        except CiciniError:
            return rows
        return [replace(r, arrived_at=times[r.id]) if r.id in times else r for r in rows]

    def _provider_days(
        self, day: date, provider_ids: tuple[StaffId, ...], hours: views.DayHours
    ) -> list[ProviderDay]:
        result = []
        for provider_id in provider_ids:
            spans = sorted(hours.spans.get(provider_id, []))
            working = tuple(
                Interval(_minute(s), _minute(e) if e.date() == day else 24 * 60) for s, e in spans
            )
            blocked = tuple(
                Interval(
                    a.end_minute, b.start_minute, translate("schedule.services_backend", "Break")
                )
                for a, b in itertools.pairwise(working)
                if b.start_minute > a.end_minute
            )
            if not working and day.weekday() < 5 and provider_id in hours.away:
                blocked = (
                    Interval(8 * 60, 18 * 60, translate("schedule.services_backend", "Time off")),
                )
            result.append(ProviderDay(provider_id, day, working, blocked))
        return result

    def month_counts(self, first_day: date, last_day: date) -> dict[date, int]:
        if "month" not in self._opened_views:
            self._opened_views.add("month")
            views.note_view_opened(self.context, self.actor, "month")
        ids = [p.id for p in avail.providers(self.context, self.actor)]
        return views.month_counts(self.context, self.actor, first_day, last_day, ids)

    def search_patients(self, text: str, limit: int = 20) -> list[PatientHit]:
        rows = pats.search_patients(self.context, self.actor, text, limit=limit)
        return [
            PatientHit(
                r.id,
                r.display_name,
                ", ".join(
                    part
                    for part in (
                        translate("schedule.services_backend", "born {dob}").format(
                            dob=day_numeric(r.dob)
                        )
                        if r.dob
                        else (r.phone or ""),
                        translate("schedule.services_backend", "No. {number}").format(
                            number=r.number
                        )
                        if r.number is not None
                        else "",
                    )
                    if part
                ),
            )
            for r in rows
        ]

    def create_patient(self, patient: NewPatient) -> PatientHit:
        patient_id, _changes = pats.create_patient(
            self.context,
            self.actor,
            pats.PatientInput(
                given_name=patient.given_name,
                family_name=patient.family_name,
                dob=patient.birth_date,
                phone=patient.phone or None,
                email=patient.email or None,
            ),
        )
        row = pats.get_patient(self.context, self.actor, patient_id)
        return PatientHit(
            row.id,
            row.display_name,
            translate("schedule.services_backend", "born {dob}").format(dob=day_numeric(row.dob))
            if row.dob
            else "",
        )

    # --- booking -------------------------------------------------------------------------
    def _request(self, draft: BookingDraft, start: datetime | None = None) -> Any:
        return appts.BookingRequest(
            patient_id=draft.patient_id,
            provider_id=draft.provider_id,
            type_id=draft.type_id,
            start=start or draft.start,
            duration_minutes=draft.minutes,
            room_id=draft.room_id or None,
            note=draft.note or None,
        )

    def _rule(self, draft: BookingDraft) -> Any:
        from cicini_desktop.core.scheduling.recurrence import Frequency, RecurrenceRule

        frequency, interval = {
            "daily": (Frequency.DAILY, 1),
            "weekly": (Frequency.WEEKLY, 1),
            "every_2_weeks": (Frequency.WEEKLY, 2),
            "monthly": (Frequency.MONTHLY_BY_DATE, 1),
        }[draft.repeat]
        return RecurrenceRule(frequency, interval=interval, count=draft.count)

    def check(self, draft: BookingDraft, ignore_id: str = "") -> list[OccurrenceCheck]:
        """Conflicts of each occurrence, as sentences (nothing is saved)."""
        if not draft.type_id or not draft.patient_id:
            return []  # the services check a whole booking: patient and type first
        request = self._request(draft)
        if draft.repeat and draft.count > 1:
            previews = series_service.preview_series(
                self.context, self.actor, request, self._rule(draft)
            )
            zone = draft.start.tzinfo
            return [
                OccurrenceCheck(
                    p.start or p.local_start.replace(tzinfo=zone),
                    tuple(p.sentences),
                    p.local_start,
                )
                for p in previews
            ]
        found = appts.check_appointment(
            self.context, self.actor, request, ignore_id=ignore_id or None
        )
        return [OccurrenceCheck(draft.start, tuple(_sentence(c) for c in found))]

    def book(
        self, draft: BookingDraft, override_reason: str = "", skip: tuple[datetime, ...] = ()
    ) -> Changes:
        request = self._request(draft)
        if draft.repeat and draft.count > 1:
            zone = draft.start.tzinfo
            walls = [s.astimezone(zone).replace(tzinfo=None) for s in skip]
            booked = series_service.book_series(
                self.context,
                self.actor,
                request,
                self._rule(draft),
                skip=walls,
                override_reason=override_reason or None,
            )
            return booked.changes
        return appts.book_appointment(
            self.context,
            self.actor,
            request,
            override_reason=override_reason or None,
            from_waitlist=WaitlistEntryId(draft.waitlist_entry_id)
            if draft.waitlist_entry_id
            else None,
        ).changes

    def move(
        self,
        appointment_id: AppointmentId,
        version: int,
        provider_id: StaffId,
        start: datetime,
        end: datetime,
        override_reason: str = "",
        scope: str = "this",
        room_id: str = "",
        without_room: bool = False,
    ) -> Changes:
        if scope != "this":
            freed = series_service.edit_series(
                self.context,
                self.actor,
                appointment_id,
                series_service.SeriesScope(scope),
                expected_version=version,
                start=start,
                duration_minutes=round((end - start).total_seconds() / 60),
                provider_id=provider_id,
                room_id=room_id or None,
                override_reason=override_reason or None,
            )
            return freed.changes
        freed = appts.move_appointment(
            self.context,
            self.actor,
            AppointmentId(appointment_id),
            expected_version=version,
            start=start,
            end=end,
            provider_id=provider_id,
            room_id=room_id or None,
            override_reason=override_reason or None,
            without_room=without_room,
        )
        return freed.changes

    def set_status(
        self, appointment_id: AppointmentId, version: int, status: str, override_reason: str = ""
    ) -> Changes:
        target = AppointmentStatus(status)
        aid = AppointmentId(appointment_id)
        reason = override_reason or None
        if target is AppointmentStatus.ARRIVED:
            result = appts.check_in(
                self.context, self.actor, aid, expected_version=version, override_reason=reason
            )
        else:
            result = appts.change_status(
                self.context, self.actor, aid, target, expected_version=version
            )
        return getattr(result, "changes", result)

    def edit_note(self, appointment_id: AppointmentId, version: int, note: str) -> Changes:
        return appts.edit_note(
            self.context,
            self.actor,
            AppointmentId(appointment_id),
            note or None,
            expected_version=version,
        )

    def patient_file(self, patient_id: PatientId) -> PatientFileView:
        data = patient_file_service.patient_file(self.context, self.actor, PatientId(patient_id))
        p = data.patient
        names = {r.id: r.name for r in self.catalogue().types}

        def visit(v: Any) -> VisitRow:
            return VisitRow(
                v.appointment_id,
                v.start,
                v.end,
                v.provider_id,
                v.provider_name,
                v.type_name,
                v.status.value,
                translate("schedule.rows", STATUS_LABELS.get(v.status.value, v.status.value)),
                v.late_cancel,
            )

        return PatientFileView(
            patient_id=p.id,
            name=p.display_name,
            number=p.number_label,
            birth_date=p.dob,
            phone=p.phone or "",
            email=p.email or "",
            reminder=str(p.reminder.value if hasattr(p.reminder, "value") else p.reminder),
            upcoming=tuple(visit(v) for v in data.upcoming),
            past=tuple(visit(v) for v in data.past),
            attendance=data.attendance.sentence,
            no_shows=data.attendance.no_shows,
            late_cancels=data.attendance.late_cancels,
            waitlist=tuple(
                WaitlistRow(
                    id=r.id,
                    patient_id=r.patient_id,
                    patient_name=r.patient_name,
                    type_name=names.get(r.type_id, r.type_name),
                    provider_name="",
                    priority=r.priority,
                    note=r.note or "",
                    type_id=r.type_id,
                    provider_id=r.provider_id or "",
                )
                for r in data.waitlist
            ),
        )

    def attendance(self, patient_id: PatientId) -> str:
        return patient_file_service.attendance(
            self.context, self.actor, PatientId(patient_id)
        ).sentence

    def cancel(
        self, appointment_id: AppointmentId, version: int, reason: str, scope: str = "this"
    ) -> CancelOutcome:
        detail = appts.get_appointment(self.context, self.actor, appointment_id)
        if scope != "this":
            freed = series_service.cancel_series(
                self.context,
                self.actor,
                appointment_id,
                series_service.SeriesScope(scope),
                CancelReason(reason),
                expected_version=version,
            )
        else:
            freed = appts.cancel_appointment(
                self.context,
                self.actor,
                appointment_id,
                CancelReason(reason),
                expected_version=version,
            )
        types = {t.id: t.name for t in avail.list_types(self.context, self.actor)}
        offers = tuple(
            WaitlistRow(
                id=o.entry_id,
                patient_id=o.patient_id,
                patient_name=o.patient_name
                or translate("schedule.services_backend", "A waitlist patient"),
                type_name=types.get(o.type_id, ""),
                provider_name="",
                priority=o.priority,
                type_id=o.type_id,
                provider_id=o.provider_id,
            )
            for o in freed.offers
        )
        first = freed.offers[0] if freed.offers else None
        return CancelOutcome(
            freed.changes,
            offers,
            freed_provider_id=first.provider_id if first else detail.provider_id,
            freed_start=first.start if first else detail.start,
            freed_minutes=round((detail.end - detail.start).total_seconds() / 60),
        )

    def find_slots(
        self,
        type_id: AppointmentTypeId,
        provider_id: StaffId,
        after: datetime,
        preference: str,
        limit: int = 20,
    ) -> list[SlotRow]:
        from cicini_desktop.core.scheduling.slots import DayPart, Preferences

        found = slot_service.find_free_slots(
            self.context,
            self.actor,
            type_id,
            provider_id=provider_id or None,
            after=after,
            preferences=Preferences(day_part=DayPart(preference or "any")),
            limit=limit,
        )
        return [
            SlotRow(s.provider_id, s.provider_name, s.start, s.end, s.room_id or "") for s in found
        ]

    # --- waitlist ------------------------------------------------------------------------
    def waitlist(self) -> list[WaitlistRow]:
        names = {p.id: p.display_name for p in avail.providers(self.context, self.actor)}
        result = []
        for r in wl.list_waitlist(self.context, self.actor):
            result.append(
                WaitlistRow(
                    id=r.id,
                    patient_id=r.patient_id,
                    patient_name=r.patient_name,
                    type_name=r.type_name,
                    provider_name=names.get(r.provider_id or "", ""),
                    priority=r.priority,
                    preference=_preference(r.weekdays, r.earliest_minute, r.latest_minute),
                    note=r.note or "",
                    type_id=r.type_id,
                    provider_id=r.provider_id or "",
                )
            )
        return result

    def add_waitlist(
        self,
        patient_id: PatientId,
        type_id: AppointmentTypeId,
        provider_id: StaffId,
        priority: int,
        note: str,
    ) -> Changes:
        _entry, changes = wl.add_waitlist_entry(
            self.context,
            self.actor,
            wl.WaitlistInput(
                patient_id=patient_id,
                type_id=type_id,
                provider_id=provider_id or None,
                priority=priority,
                note=note or None,
            ),
        )
        return changes

    def edit_waitlist(self, entry_id: WaitlistEntryId, priority: int, note: str) -> Changes:
        current = next(r for r in wl.list_waitlist(self.context, self.actor) if r.id == entry_id)
        return wl.edit_waitlist_entry(
            self.context,
            self.actor,
            entry_id,
            wl.WaitlistInput(
                patient_id=current.patient_id,
                type_id=current.type_id,
                provider_id=current.provider_id,
                weekdays=current.weekdays,
                earliest_minute=current.earliest_minute,
                latest_minute=current.latest_minute,
                priority=priority,
                note=note or None,
                expires_on=current.expires_on,
            ),
            expected_version=current.version,
        )

    def remove_waitlist(self, entry_id: WaitlistEntryId) -> Changes:
        return wl.remove_waitlist_entry(self.context, self.actor, entry_id)

    def next_open_day(self, after: date, provider_ids: tuple[StaffId, ...]) -> date | None:
        """The first day after `after` (within 90 days) on which any of the providers works."""
        first = after + timedelta(days=1)
        for _chunk in range(0, 90, 15):
            last = first + timedelta(days=14)
            hours = views.days_hours(self.context, self.actor, first, last, list(provider_ids))
            for day in sorted(hours):
                if any(hours[day].spans.get(p) for p in provider_ids):
                    return day
            first = last + timedelta(days=1)
        return None

    def day_sheet_options(self) -> tuple[bool, bool]:
        options = desk_settings.day_sheet_options(self.context, self.actor)
        return options.phones, options.page_per_provider

    def patient_phones(self, patient_ids: tuple[PatientId, ...]) -> dict[str, str]:
        phones = {}
        for patient_id in patient_ids:
            phone = pats.get_patient(self.context, self.actor, patient_id).phone
            if phone:
                phones[patient_id] = phone
        return phones

    def day_sheet_printed(self) -> Changes:
        """Counts `day_sheet.printed` (a usage count, nothing about the sheet's content)."""
        return usage.record_day_sheet_printed(self.context, self.actor)

    def appointment_note(self, appointment_id: AppointmentId) -> str:
        return appts.get_appointment(self.context, self.actor, appointment_id).note or ""


def _sentence(conflict: Any) -> str:
    """The conflict's sentence as is: a Message, translated where it is shown (the dialogs,
    through gui/messages.localized)."""
    sentence = conflict.sentence
    return sentence() if callable(sentence) else sentence  # type: ignore[no-any-return]


def _preference(weekdays: frozenset[int], earliest: int, latest: int) -> str:
    names = [
        translate("schedule.services_backend", "Mon"),
        translate("schedule.services_backend", "Tue"),
        translate("schedule.services_backend", "Wed"),
        translate("schedule.services_backend", "Thu"),
        translate("schedule.services_backend", "Fri"),
        translate("schedule.services_backend", "Sat"),
        translate("schedule.services_backend", "Sun"),
    ]
    parts = []
    if weekdays:
        parts.append(", ".join(names[d] for d in sorted(weekdays)))
    if earliest > 0 or latest < 1440:
        parts.append(
            f"{earliest // 60:02d}:{earliest % 60:02d}–{latest // 60:02d}:{latest % 60:02d}"
        )
    return "; ".join(parts)
