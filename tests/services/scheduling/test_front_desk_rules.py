"""Issue 16 service rules: check-in day (1), booking from the waitlist (2), notes (4),
local times that do not exist or happen twice (10, in Berlin, New York and Sydney),
phones in the clinic's country (11), input hygiene (12)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import PermissionDeniedError, ValidationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.errors import AmbiguousTimeError, NonexistentTimeError
from cicini_desktop.core.scheduling.status import AppointmentStatus as S
from cicini_desktop.services.scheduling import appointments, patients, waitlist
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.services.scheduling.front_desk_settings import set_clinic_country
from cicini_desktop.store.models import Organization
from cicini_desktop.store.models.audit import AuditRecord

BERLIN = ZoneInfo("Europe/Berlin")


def audit(clinic, action: AuditAction) -> list[AuditRecord]:
    with clinic.context.database.session() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def book(clinic, start: datetime, **kw) -> str:
    request = BookingRequest(clinic.patient, clinic.providers[0], clinic.consult, start)
    return appointments.book_appointment(
        clinic.context, clinic.manager, request, **kw
    ).appointment_id


def status(clinic, aid: str) -> S:
    return appointments.get_appointment(clinic.context, clinic.manager, aid).status


# --- 1. check-in only on the appointment's own day ----------------------------------------


def test_check_in_is_refused_on_another_day_and_a_manager_may_override_with_a_reason(clinic):
    ctx = clinic.context
    tomorrow = book(clinic, datetime(2026, 3, 17, 9, 0, tzinfo=BERLIN))
    with pytest.raises(ValidationError, match="This appointment is tomorrow; a patient can be"):
        appointments.check_in(ctx, clinic.manager, tomorrow, expected_version=None)
    with pytest.raises(ValidationError, match="is tomorrow"):
        appointments.change_status(ctx, clinic.manager, tomorrow, S.ARRIVED, expected_version=None)
    assert status(clinic, tomorrow) is S.BOOKED
    # A receptionist (no override permission) cannot override, even with a reason.
    desk = clinic.actor(Permission.SCHEDULE_VIEW, Permission.APPOINTMENT_CHECK_IN)
    with pytest.raises(PermissionDeniedError):
        appointments.check_in(
            ctx, desk, tomorrow, expected_version=None, override_reason="travelled overnight"
        )
    assert status(clinic, tomorrow) is S.BOOKED
    appointments.check_in(
        ctx, clinic.manager, tomorrow, expected_version=None, override_reason="travelled overnight"
    )
    assert status(clinic, tomorrow) is S.ARRIVED
    [record] = audit(clinic, AuditAction.CHECK_IN_OVERRIDDEN)
    assert (record.target_id, json.loads(record.details)) == (
        tomorrow,
        {"days": 1, "kind": "early"},
    )
    assert "overnight" not in record.details  # the reason is not in the audit trail


def test_the_day_is_the_clinics_not_utcs(clinic):
    """00:30 in Berlin on the 17th is still the 16th in UTC: at 23:45 UTC on the 16th it is
    00:45 on the 17th in Berlin, the appointment's day."""
    ctx = clinic.context
    aid = book(clinic, datetime(2026, 3, 17, 0, 30, tzinfo=BERLIN), override_reason="night")
    ctx.clock.set(datetime(2026, 3, 16, 22, 0, tzinfo=UTC))  # 23:00 on the 16th in Berlin
    with pytest.raises(ValidationError, match="tomorrow"):
        appointments.check_in(ctx, clinic.manager, aid, expected_version=None)
    ctx.clock.set(datetime(2026, 3, 16, 23, 45, tzinfo=UTC))
    appointments.check_in(ctx, clinic.manager, aid, expected_version=None)
    assert status(clinic, aid) is S.ARRIVED


# --- 2. booking from a waitlist entry closes it ----------------------------------------------


def test_booking_from_the_waitlist_closes_the_entry_in_the_same_transaction(clinic):
    ctx, actor = clinic.context, clinic.manager
    entry, _ = waitlist.add_waitlist_entry(
        ctx, actor, waitlist.WaitlistInput(clinic.other_patient, clinic.consult)
    )
    other = BookingRequest(
        clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 9)
    )
    with pytest.raises(ValidationError, match="for another patient"):
        appointments.book_appointment(ctx, actor, other, from_waitlist=entry)
    assert [r.id for r in waitlist.list_waitlist(ctx, actor)] == [entry]  # nothing booked
    request = BookingRequest(
        clinic.other_patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 9)
    )
    booked = appointments.book_appointment(ctx, actor, request, from_waitlist=entry)
    assert booked.changes.waitlist
    assert booked.changes.appointments
    assert waitlist.list_waitlist(ctx, actor) == []
    [record] = audit(clinic, AuditAction.WAITLIST_BOOKED)
    assert (record.target_type, record.target_id) == ("waitlist_entry", entry)
    detail = appointments.get_appointment(ctx, actor, booked.appointment_id)
    assert (detail.end - detail.start).seconds == 30 * 60  # the type's own length


# --- 4. notes ------------------------------------------------------------------------------


def test_a_note_is_edited_audited_by_id_and_a_long_one_refused_not_cut(clinic):
    ctx, actor = clinic.context, clinic.manager
    aid = book(clinic, datetime(2026, 3, 17, 9, tzinfo=BERLIN))
    version = appointments.get_appointment(ctx, actor, aid).version
    with pytest.raises(ValidationError, match="The note is 201 characters long; shorten it"):
        appointments.edit_note(ctx, actor, aid, "x" * 201, expected_version=version)
    assert appointments.get_appointment(ctx, actor, aid).note is None
    appointments.edit_note(ctx, actor, aid, "Bring the X-ray", expected_version=version)
    assert appointments.get_appointment(ctx, actor, aid).note == "Bring the X-ray"
    [record] = audit(clinic, AuditAction.APPOINTMENT_NOTE_EDITED)
    assert record.target_id == aid
    assert "X-ray" not in record.details


# --- 10. times that do not exist or happen twice --------------------------------------------

# zone, the spring-forward gap's wall time, the fall-back fold's wall time, and the UTC
# instants of the fold's first and second occurrence.
DST = [
    (
        "Europe/Berlin",
        datetime(2026, 3, 29, 2, 30),
        datetime(2026, 10, 25, 2, 30),
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ),
    (
        "America/New_York",
        datetime(2026, 3, 8, 2, 30),
        datetime(2026, 11, 1, 1, 30),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
    ),
    (
        "Australia/Sydney",
        datetime(2026, 10, 4, 2, 30),
        datetime(2026, 4, 5, 2, 30),
        datetime(2026, 4, 4, 15, 30, tzinfo=UTC),
        datetime(2026, 4, 4, 16, 30, tzinfo=UTC),
    ),
]


def set_zone(clinic, name: str) -> ZoneInfo:
    with clinic.context.database.session_factory.begin() as session:
        session.execute(update(Organization).values(timezone=name))
    clinic.context.zone_cache.clear()
    return ZoneInfo(name)


@pytest.mark.parametrize(("name", "gap", "fold", "first", "second"), DST)
def test_gap_refused_and_fold_explicit_for_naive_and_aware_times(
    clinic, name, gap, fold, first, second
):
    tz = set_zone(clinic, name)
    ctx, actor = clinic.context, clinic.manager
    for start in (gap, gap.replace(tzinfo=tz)):  # naive and aware alike
        with pytest.raises(NonexistentTimeError, match="does not exist in " + name):
            book(clinic, start, override_reason="Sunday clinic")
        with pytest.raises(NonexistentTimeError):
            appointments.check_appointment(
                ctx,
                actor,
                BookingRequest(clinic.patient, clinic.providers[0], clinic.consult, start),
            )
    with pytest.raises(AmbiguousTimeError, match="happens twice in " + name):
        book(clinic, fold, override_reason="Sunday clinic")
    request = BookingRequest(clinic.patient, clinic.providers[0], clinic.consult, fold, fold=1)
    booked = {
        "naive fold=1": appointments.book_appointment(
            ctx, actor, request, override_reason="Sunday clinic"
        ).appointment_id,
        "aware fold=0": book(clinic, fold.replace(tzinfo=tz), override_reason="Sunday clinic"),
    }
    starts = {
        key: appointments.get_appointment(ctx, actor, aid).start.astimezone(UTC)
        for key, aid in booked.items()
    }
    assert starts == {"naive fold=1": second, "aware fold=0": first}
    # A move to the gap (the GUI sends aware datetimes) is refused, not saved an hour later.
    aid = booked["aware fold=0"]
    with pytest.raises(NonexistentTimeError):
        appointments.move_appointment(
            ctx,
            actor,
            aid,
            expected_version=None,
            start=gap.replace(tzinfo=tz),
            override_reason="Sunday clinic",
        )
    assert appointments.get_appointment(ctx, actor, aid).start.astimezone(UTC) == first


# --- 11. phones in the clinic's country ------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "typed", "stored"),
    [
        ("Europe/Berlin", "030 1234567", "+49301234567"),
        ("America/New_York", "(212) 736-5000", "+12127365000"),
        ("Australia/Sydney", "02 9374 4000", "+61293744000"),
    ],
)
def test_national_numbers_read_in_the_country_of_the_clinics_zone(clinic, zone, typed, stored):
    set_zone(clinic, zone)
    pid, _ = patients.create_patient(
        clinic.context,
        clinic.manager,
        patients.PatientInput("Nat", "Ional", phone=typed),
        allow_duplicate=True,  # Berlin's number is the template patient's
    )
    assert patients.get_patient(clinic.context, clinic.manager, pid).phone == stored


def test_a_manager_may_set_the_country_and_search_finds_any_common_format(clinic):
    ctx, actor = clinic.context, clinic.manager
    for typed in (
        "030 1234567",
        "+49 30 1234567",
        "0049 30 1234567",
        "(030) 123-4567",
        "030/1234567",
    ):
        found = patients.search_patients(ctx, actor, typed)
        assert [p.id for p in found] == [clinic.patient], typed
    set_clinic_country(ctx, actor, "AT")  # a Viennese clinic on Berlin time
    pid, _ = patients.create_patient(
        ctx, actor, patients.PatientInput("Wi", "Ener", phone="01 5875400")
    )
    assert patients.get_patient(ctx, actor, pid).phone == "+4315875400"
    with pytest.raises(ValidationError, match="not a country code"):
        set_clinic_country(ctx, actor, "XX")
    with pytest.raises(PermissionDeniedError):
        set_clinic_country(ctx, clinic.actor(Permission.PATIENT_EDIT), "DE")


# --- 12. input hygiene -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        ("Ada\nLovelace", "line break, tab or other control character"),
        ("Ada\tL", "line break, tab or other control character"),
        ("Ada\x00", "line break, tab or other control character"),
        ("\u200b\u200b", "only invisible characters"),
        ("\u200d \ufeff", "only invisible characters"),
    ],
)
def test_control_and_invisible_only_names_are_refused(clinic, given, sentence):
    with pytest.raises(ValidationError, match=sentence):
        patients.create_patient(
            clinic.context, clinic.manager, patients.PatientInput(given, "Tester", date(1990, 1, 1))
        )


def test_real_names_with_joiners_and_accents_pass(clinic):
    pid, _ = patients.create_patient(
        clinic.context, clinic.manager, patients.PatientInput("Zoë", "O\u2019Brien-Ka\u200dr")
    )
    assert patients.get_patient(clinic.context, clinic.manager, pid).given_name == "Zoë"
