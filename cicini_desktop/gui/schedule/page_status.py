"""Status changes (check-in with its day rule), cancelling, and offering freed time to the waitlist.

A mixin of `SchedulePage` (gui/schedule/page.py): it uses the page's model, grid, backend
and hub, and is only ever used through the page."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
)

from cicini_desktop.core.errors import CiciniError, ValidationError
from cicini_desktop.core.ids import AppointmentId
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import spoken_in_window
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import QueryOp, WriteOp
from cicini_desktop.gui.schedule.cancel_dialog import CancelDialog
from cicini_desktop.gui.schedule.rows import AppointmentRow, PatientHit, WaitlistRow
from cicini_desktop.gui.schedule.source import (
    CancelOutcome,
    SlotRow,
)
from cicini_desktop.gui.schedule.waitlist_offer import WaitlistOfferDialog

# Public names other modules and tests import from here (the page was one module once).

P = Permission


class StatusMixin:
    # --- status changes ----------
    def set_status(
        self, appointment_id: AppointmentId, status: str, override_reason: str = ""
    ) -> None:
        if not appointment_id:
            self.status_message.emit(
                translate(
                    "schedule.page", "Select an appointment first (click it or use the arrows)."
                )
            )
            return
        row = self.model.appointment(appointment_id) or self._arrival_row(appointment_id)
        if row is None:
            return
        version = row.version
        label = {
            "confirmed": translate("schedule.page_status", "confirmed"),
            "arrived": translate("schedule.page_status", "checked in"),
            "in_progress": translate("schedule.page_status", "marked in progress"),
            "completed": translate("schedule.page_status", "marked completed"),
            "no_show": translate("schedule.page_status", "marked as no-show"),
        }.get(status, status)

        def refused(error: CiciniError) -> None:
            # Check-in on another day: a manager may go ahead with a reason (audited).
            day_rule = isinstance(error, ValidationError) and error.field == "day"
            if day_rule and not override_reason and self.may(P.APPOINTMENT_OVERRIDE_CONFLICT):
                reason = self._ask_override(sentence(error))
                if reason:
                    self.set_status(appointment_id, status, reason)
                return
            show_error(
                self,
                translate("schedule.page_status", "The status was not changed"),
                sentence(error),
            )

        (
            WriteOp(
                self,
                lambda: self.backend.set_status(appointment_id, version, status, override_reason),
            )
            .success(
                lambda _c: self.status_message.emit(
                    translate("schedule.page_status", "{patient} {done}.").format(
                        patient=row.patient_name, done=label
                    )
                )
            )
            .failure(refused)
            .run(self.hub)
        )

    def _arrival_row(self, appointment_id: AppointmentId) -> AppointmentRow | None:
        return next((r for r in self.arrivals._rows if r.id == appointment_id), None)

    def cancel_appointment(self, appointment_id: AppointmentId) -> None:
        row = self.model.appointment(appointment_id)
        if row is None or self.catalogue is None:
            return
        dialog = CancelDialog(row, self.catalogue, self.model, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.reason()
        scope = self._ask_scope(row, "cancel") if row.series_id else "this"
        if scope is None:
            return
        version = row.version

        def cancelled(outcome: CancelOutcome) -> None:
            self.status_message.emit(
                translate("schedule.page_status", "Appointment of {patient} cancelled.").format(
                    patient=row.patient_name
                )
            )
            if outcome.offers:
                self.offer_waitlist(outcome, row)

        (
            WriteOp(self, lambda: self.backend.cancel(appointment_id, version, reason, scope))
            .title(translate("schedule.page_status", "The appointment was not cancelled"))
            .success(cancelled)
            .run(self.hub)
        )

    def offer_waitlist(self, outcome: CancelOutcome, row: AppointmentRow) -> None:
        dialog = WaitlistOfferDialog(outcome, self)
        self.offer_dialog = dialog

        def chosen() -> None:
            offer = dialog.chosen()
            if offer is not None:
                self.book_waitlist_offer(outcome, row, offer)

        dialog.accepted.connect(chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def book_waitlist_offer(
        self, outcome: CancelOutcome, row: AppointmentRow, offer: WaitlistRow
    ) -> None:
        """Book a waitlisted patient into freed time with *their* type's length; when that
        does not fit the freed time, say so and propose the next time that fits. Booking
        closes the waitlist entry (the service does it in the same transaction)."""
        provider_id = outcome.freed_provider_id or row.provider_id
        start = outcome.freed_start or row.start
        freed = outcome.freed_minutes or round(row.duration.total_seconds() / 60)
        types = self.catalogue.types if self.catalogue is not None else ()
        kind = next((t for t in types if t.id == offer.type_id), None)
        minutes = kind.duration_minutes if kind is not None else freed
        patient = PatientHit(offer.patient_id, offer.patient_name)

        def open_at(provider: str, when: datetime, notice: str) -> None:
            booking = self.open_booking(
                provider, when, minutes, patient=patient, type_id=offer.type_id
            )
            if booking is not None:
                booking.waitlist_entry_id = offer.id
                booking.show_notice(notice)

        if minutes <= freed:
            open_at(
                provider_id,
                start,
                translate(
                    "schedule.page_status",
                    "Booking from the waitlist: the entry is closed on booking.",
                ),
            )
            return
        type_name = (
            kind.name if kind is not None else translate("schedule.page_status", "this type")
        )

        def found(slots: list[SlotRow]) -> None:
            too_short = translate(
                "schedule.page_status",
                "A {type_name} takes {minutes} minutes; only {freed} minutes were freed.",
            ).format(type_name=type_name, minutes=minutes, freed=freed)
            if not slots:
                show_error(
                    self,
                    translate("schedule.page_status", "The freed time is too short"),
                    too_short
                    + translate(
                        "schedule.page_status",
                        " No later time fits in the next 90 days; the patient "
                        "stays on the waitlist.",
                    ),
                )
                return
            slot = slots[0]
            local = slot.start.astimezone(self.zone)
            open_at(
                slot.provider_id,
                slot.start,
                translate(
                    "schedule.page_status",
                    "{too_short} Proposed instead: the next time that fits, {spoken}. The "
                    "waitlist entry is closed on booking.",
                ).format(too_short=too_short, spoken=spoken_in_window(local)),
            )

        QueryOp(
            self,
            lambda: self.backend.find_slots(
                offer.type_id, provider_id, start - timedelta(seconds=1), "any", 1
            ),
        ).success(found).run(self.hub)
