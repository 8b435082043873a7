"""Clinic set-up services: audited by id, permission-checked, effects before saving,
archive instead of delete, holidays offered and applied only as picked, the checklist."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cicini_desktop.core.errors import (
    AffectedAppointmentsError,
    PermissionDeniedError,
    ValidationError,
)
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.scheduling import appointments, availability, effects, holidays
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.services.scheduling.checklist import setup_checklist
from tests.services.identity.conftest import audit_rows

ROTA = [(d, 540, 720) for d in range(5)] + [(d, 780, 1020) for d in range(5)]
TUESDAY = date(2026, 3, 17)


def book_tuesday_ten(clinic, provider=0):
    return appointments.book_appointment(
        clinic.context,
        clinic.manager,
        BookingRequest(
            clinic.patient, clinic.providers[provider], clinic.consult, datetime(2026, 3, 17, 10)
        ),
    ).appointment_id


def last_audit(clinic):
    return audit_rows(clinic.context)[-1]


def test_each_setup_change_is_audited_with_ids_only(clinic):
    ctx, manager = clinic.context, clinic.manager
    before = len(audit_rows(ctx))
    availability.set_clinic_hours(ctx, manager, [(0, 480, 720), (0, 780, 1080)])
    room_id, _ = availability.create_room(ctx, manager, "Room Seven", "treatment")
    availability.edit_room(ctx, manager, room_id, "Room Seven", "treatment", False)
    availability.set_rota(
        ctx,
        manager,
        clinic.providers[1],
        ROTA,
        effective_from=date(2026, 4, 6),
        breaks=[(0, 600, 615)],
        room_id=room_id,
    )
    availability.add_time_off(
        ctx, manager, clinic.providers[2], date(2026, 5, 4), date(2026, 5, 8), reason="training"
    )
    type_id, _ = availability.create_type(
        ctx, manager, availability.TypeInput("Vaccination", 10, "#22AA66")
    )
    availability.set_type_archived(ctx, manager, type_id, True)
    rows = audit_rows(ctx)[before:]
    assert [r["details"]["kind"] for r in rows] == [
        "hours",
        "room_created",
        "room_changed",
        "rota",
        "time_off",
        "type_created",
        "type_archived",
    ]
    assert rows[1]["target_id"] == room_id
    assert rows[3]["target_type"] == "provider"
    assert rows[3]["target_id"] == clinic.providers[1]
    assert rows[4]["details"]["reason"] == "training"
    text = repr(rows)
    for secret in ("Room Seven", "Vaccination", "treatment", "#22AA66"):
        assert secret not in text


def test_without_availability_manage_each_change_is_refused_and_audited(clinic):
    desk = clinic.actor(Permission.SCHEDULE_VIEW, Permission.APPOINTMENT_BOOK)
    ctx = clinic.context
    calls = [
        lambda: availability.set_clinic_hours(ctx, desk, [(0, 480, 720)]),
        lambda: availability.add_closure(ctx, desk, date(2026, 5, 1)),
        lambda: availability.set_rota(
            ctx, desk, clinic.providers[0], ROTA, effective_from=date(2026, 4, 1)
        ),
        lambda: availability.add_time_off(ctx, desk, clinic.providers[0], date(2026, 5, 1)),
        lambda: availability.create_room(ctx, desk, "X", "y"),
        lambda: availability.create_type(ctx, desk, availability.TypeInput("Y", 10)),
        lambda: availability.delete_type(ctx, desk, clinic.consult),
        lambda: holidays.apply_holidays(ctx, desk, [(date(2026, 5, 1), "Labour Day")]),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
        assert last_audit(clinic)["action"] == "access.denied"


def test_rota_rules_name_the_field_and_nothing_is_saved(clinic):
    ctx, manager, provider = clinic.context, clinic.manager, clinic.providers[0]
    before = availability.rota(ctx, manager, provider)
    cases = [
        (dict(intervals=[(0, 540, 720), (0, 700, 800)]), "rota", "overlaps"),
        (dict(intervals=[(0, 720, 540)]), "rota", "before the start"),
        (dict(intervals=ROTA, breaks=[(0, 1030, 1045)]), "breaks", "outside the working hours"),
        (dict(intervals=ROTA, valid_until=date(2026, 3, 1)), "valid_until", "before valid from"),
    ]
    for kwargs, field, words in cases:
        intervals = kwargs.pop("intervals")
        with pytest.raises(ValidationError, match=words) as caught:
            availability.set_rota(
                ctx, manager, provider, intervals, effective_from=date(2026, 4, 1), **kwargs
            )
        assert caught.value.field == field
    assert availability.rota(ctx, manager, provider) == before


def test_type_rules(clinic):
    ctx, manager = clinic.context, clinic.manager
    for data, field in [
        (availability.TypeInput("consultation", 15), "name"),  # differs only in case
        (availability.TypeInput("Short", 0), "duration"),
        (availability.TypeInput("Short", -10), "duration"),
        (availability.TypeInput("Odd", 17), "duration"),
        (availability.TypeInput("Blue", 15, colour="blue"), "colour"),
    ]:
        with pytest.raises(ValidationError) as caught:
            availability.create_type(ctx, manager, data)
        assert caught.value.field == field, caught.value.user_message
    names = [t.name for t in availability.list_types(ctx, manager, include_inactive=True)]
    assert names == ["Consultation", "Ultrasound"]
    with pytest.raises(ValidationError, match="exists already"):
        availability.create_room(ctx, manager, "ULTRASOUND 1", "ultrasound")


def test_a_type_in_use_is_archived_not_deleted(clinic):
    ctx, manager = clinic.context, clinic.manager
    book_tuesday_ten(clinic)
    outcome, _ = availability.delete_type(ctx, manager, clinic.consult)
    assert outcome == "archived"
    rows = {t.id: t for t in availability.list_types(ctx, manager, include_inactive=True)}
    assert not rows[clinic.consult].active
    assert clinic.consult not in {t.id for t in availability.list_types(ctx, manager)}
    unused, _ = availability.create_type(ctx, manager, availability.TypeInput("Unused", 20))
    assert availability.delete_type(ctx, manager, unused)[0] == "deleted"
    assert unused not in {
        t.id for t in availability.list_types(ctx, manager, include_inactive=True)
    }


def test_effects_before_saving_list_stranded_appointments_and_nothing_moves(clinic):
    ctx, manager = clinic.context, clinic.manager
    appointment = book_tuesday_ten(clinic)
    # Time off on that Tuesday: listed, refused without confirmation.
    preview = effects.preview_time_off(ctx, manager, clinic.providers[0], TUESDAY)
    assert [r.appointment_id for r in preview] == [appointment]
    assert preview[0].reason == "the provider has time off"
    with pytest.raises(AffectedAppointmentsError) as caught:
        availability.add_time_off(ctx, manager, clinic.providers[0], TUESDAY)
    assert [r.appointment_id for r in caught.value.appointments] == [appointment]
    assert availability.exceptions(ctx, manager, clinic.providers[0]) == []
    # Other providers' time off and closures elsewhere affect nothing.
    assert effects.preview_time_off(ctx, manager, clinic.providers[1], TUESDAY) == []
    assert effects.preview_closure(ctx, manager, date(2026, 3, 18)) == []
    # A part-day closure over 10:00, and opening hours starting at 11:00, both strand it.
    closure = effects.preview_closure(
        ctx, manager, TUESDAY, start_minute=9 * 60, end_minute=11 * 60
    )
    assert [r.reason for r in closure] == ["the clinic is closed"]
    hours = effects.preview_clinic_hours(ctx, manager, [(1, 660, 1080)])
    assert [r.reason for r in hours] == ["outside working hours"]
    plan = availability.RotaPlan(date(2026, 3, 16), ((1, 780, 1020),))
    assert [
        r.appointment_id for r in effects.preview_rota(ctx, manager, clinic.providers[0], plan)
    ] == [appointment]
    # Saving anyway, confirmed: the appointment stays where it was and is on the worklist.
    availability.add_time_off(ctx, manager, clinic.providers[0], TUESDAY, allow_affected=True)
    kept = appointments.get_appointment(ctx, manager, appointment)
    assert kept.start == datetime(2026, 3, 17, 10, tzinfo=kept.start.tzinfo)
    assert kept.status == "booked"
    assert [r.appointment_id for r in effects.worklist(ctx, manager)] == [appointment]
    assert last_audit(clinic)["details"]["count"] == 1


def test_holidays_are_offered_and_applied_only_as_picked(clinic):
    ctx, manager = clinic.context, clinic.manager
    country, _region = holidays.holiday_region(ctx, manager)
    assert country == "DE"  # from Europe/Berlin
    offers = holidays.holiday_suggestions(ctx, manager, 2026, "DE", "BE")
    days = {o.day: o for o in offers}
    assert date(2026, 12, 25) in days
    assert date(2026, 3, 8) in days  # International Women's Day, Berlin only
    assert date(2026, 3, 8) not in {
        o.day for o in holidays.holiday_suggestions(ctx, manager, 2026, "DE", "BY")
    }
    assert availability.closures(ctx, manager) == []  # nothing applied by offering
    ids, _ = holidays.apply_holidays(
        ctx, manager, [(date(2026, 12, 25), days[date(2026, 12, 25)].name)]
    )
    assert len(ids) == 1
    again, _ = holidays.apply_holidays(ctx, manager, [(date(2026, 12, 25), "Christmas Day")])
    assert again == []  # already closed
    assert [c.start_date for c in availability.closures(ctx, manager)] == [date(2026, 12, 25)]
    assert holidays.holiday_suggestions(ctx, manager, 2026, "DE", "BE")[-2].closed_already
    with pytest.raises(ValidationError) as caught:
        holidays.holiday_suggestions(ctx, manager, 2026, "XX", None)
    assert caught.value.field == "country"
    with pytest.raises(ValidationError) as caught:
        holidays.set_holiday_region(ctx, manager, "DE", "Atlantis")
    assert caught.value.field == "region"
    holidays.set_holiday_region(ctx, manager, "at", "9")
    assert holidays.holiday_region(ctx, manager) == ("AT", "9")


def test_checklist_names_what_is_missing(clinic):
    ctx, manager = clinic.context, clinic.manager
    checklist = setup_checklist(ctx, manager)
    assert checklist.complete
    assert checklist.bookable
    for type_id in (clinic.consult, clinic.scan):
        availability.set_type_archived(ctx, manager, type_id, True)
    availability.remove_rota(ctx, manager, clinic.providers[0], date(2026, 1, 1))
    checklist = setup_checklist(ctx, manager)
    assert not checklist.bookable
    missing = {s.key: s.sentence for s in checklist.missing}
    assert set(missing) == {"provider_hours", "appointment_types"}
    assert "1 provider(s) have no working hours" in missing["provider_hours"]


def test_the_setup_export_holds_no_patient_data_and_no_secrets(clinic):
    import tomli_w

    from cicini_desktop.services.clinic import clinic_identity
    from cicini_desktop.services.setup_transfer import export_setup

    appointment = book_tuesday_ten(clinic)
    availability.add_time_off(
        clinic.context, clinic.manager, clinic.providers[1], date(2026, 5, 4), reason="sick"
    )
    document = export_setup(clinic.context, clinic.manager, clinic_identity(clinic.context))
    text = tomli_w.dumps(document)
    for private in ("Müller", "Jürgen", "Lovelace", "1980-04-12", "+49301234567", appointment):
        assert private not in text
    assert "sick" not in text  # time off is not part of the set-up
    assert "password" not in text
    assert "hash" not in text
    assert {t["name"] for t in document["setup"]["appointment_types"]} == {
        "Consultation",
        "Ultrasound",
    }
    assert document["setup"]["rooms"] == [
        {"name": "Ultrasound 1", "kind": "ultrasound", "active": True}
    ]
