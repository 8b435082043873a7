from datetime import date

import pytest

from cicini_desktop.core.errors import PermissionDeniedError, StaleEditError, ValidationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.errors import DuplicatePatientError
from cicini_desktop.services.scheduling import patients
from cicini_desktop.services.scheduling.patients import PatientInput


def test_search_as_you_type_by_name_phone_and_birth_date(clinic):
    ctx, actor = clinic.context, clinic.manager
    patients.create_patient(ctx, actor, PatientInput("Jurgen", "Mueller-Lang", date(1975, 1, 2)))
    # accent- and case-insensitive prefixes, ranked
    for text in ("mül", "MUL", "jürg mül", "jur"):
        hits = patients.search_patients(ctx, actor, text)
        assert clinic.patient in [h.id for h in hits], text
    assert patients.search_patients(ctx, actor, "mül")[0].display_name == "Müller, Jürgen"
    # phone typed nationally or internationally, birth date typed as on a card
    for text in ("030 123", "+49301234", "0301234567", "12.04.1980", "1980"):
        assert [h.id for h in patients.search_patients(ctx, actor, text)] == [clinic.patient], text
    assert patients.search_patients(ctx, actor, "   ") == []
    assert patients.search_patients(ctx, actor, 'a" OR *') == []  # FTS syntax is quoted away


def test_duplicates_are_offered_not_silently_created(clinic):
    ctx, actor = clinic.context, clinic.manager
    same_person = PatientInput("jürgen", "MÜLLER", date(1980, 4, 12))
    with pytest.raises(DuplicatePatientError) as dup:
        patients.create_patient(ctx, actor, same_person)
    assert dup.value.existing_ids == (clinic.patient,)
    same_phone = PatientInput("Someone", "Else", phone="+49 30 1234567")
    with pytest.raises(DuplicatePatientError):
        patients.create_patient(ctx, actor, same_phone)
    new_id, changes = patients.create_patient(ctx, actor, same_person, allow_duplicate=True)
    assert changes.patients
    assert new_id != clinic.patient


def test_edit_is_refused_when_someone_else_saved_first(clinic):
    ctx, actor = clinic.context, clinic.manager
    row = patients.get_patient(ctx, actor, clinic.other_patient)
    data = PatientInput("Ada", "King", row.dob, email="ada@example.org", reminder="email")
    patients.edit_patient(ctx, actor, row.id, data, expected_version=row.version)
    with pytest.raises(StaleEditError, match="changed by someone else; reload it"):
        patients.edit_patient(ctx, actor, row.id, data, expected_version=row.version)
    assert patients.get_patient(ctx, actor, row.id).family_name == "King"
    assert [h.id for h in patients.search_patients(ctx, actor, "king")] == [row.id]
    assert patients.search_patients(ctx, actor, "lovelace") == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PatientInput("A", "B", phone="123"), "phone"),
        (PatientInput("A", "B", email="nope"), "email"),
        (PatientInput("A", "B", note="x" * 201), "note"),
        (PatientInput("", "B"), "given_name"),
        (PatientInput("A", "B", reminder="sms"), "reminder"),
        (PatientInput("A", "B", dob=date(2030, 1, 1)), "dob"),
    ],
)
def test_bad_patient_input_names_the_field(clinic, data, field):
    with pytest.raises(ValidationError) as error:
        patients.create_patient(clinic.context, clinic.manager, data)
    assert error.value.field == field


def test_patient_services_need_their_permissions(clinic):
    viewer = clinic.actor(Permission.PATIENT_VIEW)
    assert patients.search_patients(clinic.context, viewer, "ada")
    with pytest.raises(PermissionDeniedError):
        patients.create_patient(clinic.context, viewer, PatientInput("New", "Person"))
    with pytest.raises(PermissionDeniedError):
        patients.search_patients(clinic.context, clinic.actor(Permission.SCHEDULE_VIEW), "ada")


def test_many_matches_are_ranked_by_word_match_without_bm25(clinic, monkeypatch):
    ctx, actor = clinic.context, clinic.manager
    for given, family in (("Müllerine", "Adams"), ("Hans", "Müller"), ("Otto", "Müller")):
        patients.create_patient(ctx, actor, PatientInput(given, family))
    monkeypatch.setattr(patients, "CANDIDATES", 3)  # force the large-clinic path
    hits = patients.search_patients(ctx, actor, "müller")
    # the first three matches, whole-word matches first, then by name
    assert [h.display_name for h in hits] == [
        "Müller, Hans",
        "Müller, Jürgen",
        "Adams, Müllerine",
    ]
    assert patients.search_patients(ctx, actor, "m") == []  # searching starts at two


def test_a_correction_is_audited_with_the_patient_id_only(clinic):
    import json
    from dataclasses import replace

    from sqlalchemy import select

    from cicini_desktop.core.audit_actions import AuditAction
    from cicini_desktop.store.models.audit import AuditRecord

    ctx, actor = clinic.context, clinic.manager
    row = patients.get_patient(ctx, actor, clinic.patient)
    data = PatientInput(row.given_name, row.family_name, row.dob, phone="+49 30 7654321")
    with pytest.raises(ValidationError):  # refused edits leave no correction record
        patients.edit_patient(
            ctx, actor, row.id, replace(data, email="not an email"), expected_version=1
        )
    patients.edit_patient(ctx, actor, row.id, data, expected_version=row.version)
    with ctx.database.session() as session:
        records = list(
            session.scalars(
                select(AuditRecord).where(AuditRecord.action == AuditAction.PATIENT_CORRECTED)
            )
        )
    [record] = records
    assert (record.target_type, record.target_id, record.outcome) == (
        "patient",
        row.id,
        "success",
    )
    assert json.loads(record.details) == {}


def test_a_phone_prefix_many_patients_share_lists_the_first_numbers_in_order(clinic):
    # The prefix is a range of the phone index: every hit starts with it, in number order,
    # however many share it; typed nationally or internationally, the same patients.
    ctx, actor = clinic.context, clinic.manager
    for n in range(25):
        patients.create_patient(
            ctx, actor, PatientInput("Prefix", f"Sharer{n:02d}", phone=f"+49 171 55{n:05d}")
        )
    for typed in ("0171 55", "+49171 55", "017155"):
        hits = patients.search_patients(ctx, actor, typed, limit=10)
        phones = [h.phone for h in hits]
        assert len(hits) == 10, typed
        assert all(p and p.replace(" ", "").startswith("+4917155") for p in phones), typed
        assert phones == sorted(phones), typed
    one = patients.search_patients(ctx, actor, "0171 5500007")
    assert [h.family_name for h in one] == ["Sharer07"]
    assert patients.search_patients(ctx, actor, "0172") == []


def test_a_single_letter_beside_a_name_narrows_the_hits(clinic):
    ctx, actor = clinic.context, clinic.manager
    patients.create_patient(ctx, actor, PatientInput("Jürgen", "Zander", date(1970, 3, 4)))
    ids = lambda text: [h.id for h in patients.search_patients(ctx, actor, text)]  # noqa: E731
    assert clinic.patient in ids("jürgen m")
    assert clinic.patient not in ids("jürgen z")
    assert len(ids("jürgen z")) == 1
    assert ids("1970")  # a birth year, as it is typed
    assert ids("197") == ids("1970")
