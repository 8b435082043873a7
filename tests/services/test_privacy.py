"""Privacy requests on a real encrypted clinic: erasure, access export, restriction."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.errors import PermissionDeniedError, PrivacyRefusedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.logging_setup import configure_logging
from cicini_desktop.services import audit_integrity, privacy, usage
from cicini_desktop.services.privacy import Subject
from cicini_desktop.services.scheduling import appointments, patients, waitlist
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.models import (
    Appointment,
    AuditRecord,
    Patient,
    Staff,
    UsageCounter,
    WaitlistEntry,
)
from tests.services.scheduling import conftest as scheduling
from tests.services.scheduling.conftest import Clinic, add_staff

_template = scheduling._template  # the scheduling fixtures, reused
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic

EMAIL = "juergen.mueller@example.org"
PATIENT_NOTE = "Prefers quiet xyzzy room"
APPOINTMENT_NOTE = "Bring zaphod scans"
WAITLIST_NOTE = "Call quuxly first"
# Personal values of the fixture patient "Jürgen Müller", born 1980-04-12, 030 1234567;
# lower-case, with the accent-folded forms the search index stores.
PATIENT_NEEDLES = (
    "jürgen",
    "jurgen",
    "müller",
    "muller",
    "1980-04-12",
    "1234567",
    EMAIL,
    "xyzzy",
    "zaphod",
    "quuxly",
)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    path = configure_logging(tmp_path / "logs", "debug")
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(level)


def book(clinic: Clinic, when: datetime, patient: str, note: str | None = None) -> str:
    request = BookingRequest(patient, clinic.providers[0], clinic.consult, when, note=note)
    return appointments.book_appointment(clinic.context, clinic.manager, request).appointment_id


def enrich(clinic: Clinic) -> dict[str, list[str]]:
    """Give the fixture patient an email, a note, appointments and a waitlist entry; the
    other patient gets some of their own."""
    context, manager = clinic.context, clinic.manager
    row = patients.get_patient(context, manager, clinic.patient)
    patients.edit_patient(
        context,
        manager,
        clinic.patient,
        patients.PatientInput(
            row.given_name,
            row.family_name,
            row.dob,
            phone=row.phone,
            email=EMAIL,
            reminder=patients.Reminder.EMAIL,
            note=PATIENT_NOTE,
        ),
        expected_version=row.version,
    )
    mine = [
        book(clinic, datetime(2026, 3, 17, 9, 0), clinic.patient, APPOINTMENT_NOTE),
        book(clinic, datetime(2026, 3, 18, 9, 0), clinic.patient),
    ]
    theirs = [book(clinic, datetime(2026, 3, 17, 10, 0), clinic.other_patient, "Other note")]
    entry, _ = waitlist.add_waitlist_entry(
        context, manager, waitlist.WaitlistInput(clinic.patient, clinic.consult, note=WAITLIST_NOTE)
    )
    other_entry, _ = waitlist.add_waitlist_entry(
        context, manager, waitlist.WaitlistInput(clinic.other_patient, clinic.consult)
    )
    return {"appointments": mine, "theirs": theirs, "waitlist": [entry], "other_wl": [other_entry]}


def server_hits(clinic: Clinic, needles: tuple[str, ...]) -> list[str]:
    """The same scan on the clinic server: every column of every table of the schema (the
    server keeps no search index of its own; its trigram indexes are over these columns)."""
    hits: list[str] = []
    with clinic.context.database.engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        ).scalars()
        for table in list(tables):
            result = connection.exec_driver_sql(f'SELECT * FROM "{table}"')
            columns = list(result.keys())
            for row in result:
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    for needle in needles:
                        if needle.encode() in blob.lower():
                            hits.append(f"{table}.{column}: {needle}")
    return hits


def database_hits(clinic: Clinic, needles: tuple[str, ...]) -> list[str]:
    """Every (table.column, needle) where a needle appears in the decrypted database:
    every table including FTS shadow tables, plus the search index vocabulary."""
    context = clinic.context
    if context.database.is_server:
        return server_hits(clinic, needles)
    key = context.vault.load_key(context.database.manifest.database_id)
    connection = connect_raw(context.database.path, key)
    hits: list[str] = []
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        assert "patient_fts_data" in tables
        assert "patient_fts_content" in tables
        for table in tables:
            if table == "patient_fts":
                continue  # the virtual table itself: its shadow tables are scanned below
            columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    lowered = blob.lower()
                    for needle in needles:
                        if needle.encode() in lowered:
                            hits.append(f"{table}.{column}: {needle}")
        connection.execute(
            "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, patient_fts, row)"
        )
        terms = {r[0] for r in connection.execute("SELECT term FROM temp.vocab")}
        hits.extend(f"fts vocabulary: {n}" for n in needles if n in terms)
    finally:
        connection.close()
    return hits


def raw_file_hits(path: Path, needles: tuple[str, ...]) -> list[str]:
    found = []
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes().lower()
            found.extend(f"{file.name}: {n}" for n in needles if n.encode() in data)
    return found


def audit_rows(clinic: Clinic, action: AuditAction) -> list[AuditRecord]:
    with clinic.context.database.session() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action.value)))


# --- erasure ------------------------------------------------------------------------------


def test_erased_patient_leaves_no_personal_value_anywhere(clinic: Clinic, log_file: Path) -> None:
    made = enrich(clinic)
    assert database_hits(clinic, PATIENT_NEEDLES)  # the scan does find them before

    changes = privacy.erase_patient(clinic.context, clinic.manager, clinic.patient)

    assert changes.patients
    assert changes.appointments
    assert database_hits(clinic, PATIENT_NEEDLES) == []
    assert raw_file_hits(clinic.context.database.path, PATIENT_NEEDLES) == []
    log_text = "".join(p.read_text(errors="replace") for p in log_file.parent.iterdir()).lower()
    assert not [n for n in PATIENT_NEEDLES if n in log_text]
    document = (usage.next_document(clinic.context) or b"").lower()
    assert not [n for n in PATIENT_NEEDLES if n.encode() in document]
    assert audit_integrity.verify_trail(clinic.context).ok
    # The schedule keeps the time occupied, anonymously; the waitlist entry is gone.
    with clinic.context.database.session() as session:
        kept = session.scalars(select(Appointment).where(Appointment.id.in_(made["appointments"])))
        assert [(a.patient_id, a.note) for a in kept] == [(clinic.patient, None)] * 2
        assert session.get(WaitlistEntry, made["waitlist"][0]) is None
        assert session.get(WaitlistEntry, made["other_wl"][0]) is not None
        tombstone = session.get(Patient, clinic.patient)
        assert tombstone is not None
        assert privacy.is_erased_patient(tombstone)
        other = session.get(Patient, clinic.other_patient)
        assert other is not None
        assert other.family_name == "Lovelace"
        assert (
            session.scalar(
                select(UsageCounter.count).where(UsageCounter.counter == "privacy.request_handled")
            )
            == 1
        )
    assert patients.search_patients(clinic.context, clinic.manager, "Müller") == []
    assert [p.id for p in patients.search_patients(clinic.context, clinic.manager, "Love")] == [
        clinic.other_patient
    ]
    [record] = audit_rows(clinic, AuditAction.PRIVACY_REQUEST_HANDLED)
    assert (record.target_type, record.target_id) == ("patient", clinic.patient)
    assert json.loads(record.details) == {"request": "erase", "subject": "patient"}
    with pytest.raises(PrivacyRefusedError):
        privacy.erase_patient(clinic.context, clinic.manager, clinic.patient)


def test_patient_without_appointments_is_deleted(clinic: Clinic) -> None:
    privacy.erase_patient(clinic.context, clinic.manager, clinic.other_patient)
    with clinic.context.database.session() as session:
        assert session.get(Patient, clinic.other_patient) is None
    assert database_hits(clinic, ("lovelace", "1990-12-10")) == []


def test_minimum_retention_refuses_erasure_with_a_reason(clinic: Clinic) -> None:
    enrich(clinic)
    privacy.set_minimum_retention_years(clinic.context, clinic.manager, 10)
    with pytest.raises(PrivacyRefusedError, match="at least 10 year"):
        privacy.erase_patient(clinic.context, clinic.manager, clinic.patient)
    row = patients.get_patient(clinic.context, clinic.manager, clinic.patient)
    assert row.email == EMAIL
    [refused] = audit_rows(clinic, AuditAction.PRIVACY_REQUEST_HANDLED)
    assert refused.outcome == AuditOutcome.FAILURE.value
    # Without appointments, nothing needs keeping.
    loner, _ = patients.create_patient(
        clinic.context, clinic.manager, patients.PatientInput("Solo", "Person", date(1970, 1, 2))
    )
    privacy.erase_patient(clinic.context, clinic.manager, loner)
    privacy.set_minimum_retention_years(clinic.context, clinic.manager, 0)
    privacy.erase_patient(clinic.context, clinic.manager, clinic.patient)


def test_erasure_needs_the_privacy_permission(clinic: Clinic) -> None:
    receptionist = clinic.actor(Permission.PATIENT_VIEW, Permission.PATIENT_EDIT)
    with pytest.raises(PermissionDeniedError):
        privacy.erase_patient(clinic.context, receptionist, clinic.patient)
    assert patients.get_patient(clinic.context, clinic.manager, clinic.patient).family_name


def test_erased_staff_member_keeps_only_the_internal_id(clinic: Clinic, log_file: Path) -> None:
    staff_id = add_staff(clinic.context, "Zebulon Quartermaine", provider=False)
    with clinic.context.database.session_factory.begin() as session:
        session.get_one(Staff, staff_id).password_hash = "$argon2id$v=19$zebhash"
    needles = ("zebulon", "quartermaine", "zebhash")
    assert database_hits(clinic, needles)

    privacy.erase_staff(clinic.context, clinic.manager, staff_id)

    assert database_hits(clinic, needles) == []
    assert not [n for n in needles if n in log_file.read_text().lower()]
    with clinic.context.database.session() as session:
        staff = session.get(Staff, staff_id)
        assert staff is not None
        assert not staff.active
        assert staff.password_hash == ""
    [record] = audit_rows(clinic, AuditAction.PRIVACY_REQUEST_HANDLED)
    assert (record.target_type, record.target_id) == ("staff", staff_id)
    assert audit_integrity.verify_trail(clinic.context).ok
    with pytest.raises(PrivacyRefusedError):
        privacy.erase_staff(clinic.context, clinic.manager, clinic.manager.staff_id)


# --- access export ------------------------------------------------------------------------


def test_patient_export_holds_all_of_theirs_and_nothing_of_anyone_else(clinic: Clinic) -> None:
    made = enrich(clinic)
    data = privacy.export_patient(clinic.context, clinic.manager, clinic.patient)

    assert data["patient"]["email"] == EMAIL
    assert data["patient"]["note"] == PATIENT_NOTE
    assert data["patient"]["date_of_birth"] == "1980-04-12"
    assert data["reminder_preferences"]["channel"] == "email"
    assert sorted(a["id"] for a in data["appointments"]) == sorted(made["appointments"])
    assert {a["type"] for a in data["appointments"]} == {"Consultation"}
    assert {a["status"] for a in data["appointments"]} == {"booked"}
    assert all(a["start"] and a["end"] for a in data["appointments"])
    assert [w["id"] for w in data["waitlist"]] == made["waitlist"]
    text = json.dumps(data, ensure_ascii=False)
    for foreign in (
        clinic.other_patient,
        "Lovelace",
        "Other note",
        "Mira Manager",
        "Dr Provider",
        *made["theirs"],
        *made["other_wl"],
    ):
        assert foreign not in text
    [record] = audit_rows(clinic, AuditAction.PRIVACY_REQUEST_HANDLED)
    assert json.loads(record.details) == {"request": "access", "subject": "patient"}


def test_staff_export_holds_record_roles_and_their_audit_records(clinic: Clinic) -> None:
    staff_id = add_staff(clinic.context, "Zebulon Quartermaine", provider=True)
    data = privacy.export_staff(clinic.context, clinic.manager, staff_id)
    assert data["staff"]["display_name"] == "Zebulon Quartermaine"
    text = json.dumps(data)
    assert "Mira Manager" not in text
    assert "not-a-real-hash" not in text
    # The export itself is an audit record about them: the next export includes it.
    again = privacy.export_staff(clinic.context, clinic.manager, staff_id)
    assert [r["action"] for r in again["audit_records"]] == ["privacy.request_handled"]
    assert all(staff_id in (r["actor_id"], r["target_id"]) for r in again["audit_records"])


def test_access_export_files_are_private_json_and_pdf(clinic: Clinic, tmp_path: Path) -> None:
    enrich(clinic)
    folder = tmp_path / "out"
    folder.mkdir()
    json_path, pdf_path = privacy.write_access_export(
        clinic.context, clinic.manager, Subject.PATIENT, clinic.patient, folder
    )
    assert json.loads(json_path.read_text())["patient"]["email"] == EMAIL
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert EMAIL.encode() in pdf
    assert "Müller".encode("latin-1") in pdf
    for path in (json_path, pdf_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- restriction --------------------------------------------------------------------------


def test_restriction_blocks_edits_reminders_and_bulk_exports(clinic: Clinic) -> None:
    enrich(clinic)
    context, manager = clinic.context, clinic.manager
    assert [r.patient_id for r in privacy.reminder_recipients(context, manager)] == [clinic.patient]
    privacy.set_restriction(context, manager, clinic.patient, restricted=True)

    row = patients.get_patient(context, manager, clinic.patient)
    assert row.restricted
    edit = patients.PatientInput("Changed", row.family_name, row.dob, row.phone, row.email)
    with pytest.raises(PrivacyRefusedError, match="restricted"):
        patients.edit_patient(context, manager, clinic.patient, edit, expected_version=row.version)
    assert privacy.reminder_recipients(context, manager) == []
    assert clinic.patient not in privacy.bulk_export_patient_ids(context, manager)
    assert clinic.other_patient in privacy.bulk_export_patient_ids(context, manager)
    # The person's own access right is not restricted.
    assert privacy.export_patient(context, manager, clinic.patient)["patient"]["restricted"]

    privacy.set_restriction(context, manager, clinic.patient, restricted=False)
    row = patients.get_patient(context, manager, clinic.patient)
    patients.edit_patient(context, manager, clinic.patient, edit, expected_version=row.version)
    kinds = [
        json.loads(r.details)["request"]
        for r in audit_rows(clinic, AuditAction.PRIVACY_REQUEST_HANDLED)
    ]
    assert kinds == ["restrict", "access", "unrestrict"]


def test_minimum_retention_setting_is_validated(clinic: Clinic) -> None:
    assert privacy.minimum_retention_years(clinic.context, clinic.manager) == 0
    privacy.set_minimum_retention_years(clinic.context, clinic.manager, 6)
    assert privacy.minimum_retention_years(clinic.context, clinic.manager) == 6
    with pytest.raises(Exception, match="between 0 and"):
        privacy.set_minimum_retention_years(clinic.context, clinic.manager, -1)


def test_the_access_export_pdf_is_in_the_clinics_language(clinic: Clinic, tmp_path: Path) -> None:
    from dataclasses import replace

    from cicini_desktop.services.scheduling import front_desk_settings as desk

    enrich(clinic)
    data = privacy.export_patient(clinic.context, clinic.manager, clinic.patient)
    german = privacy.export_text_lines(data, "de")
    assert german[0].startswith("Cicini-Auskunftsexport: Patient ")
    assert german[1].startswith("Erstellt ")
    assert any(line.strip().startswith("Nachname: ") for line in german)
    english = privacy.export_text_lines(data, "en")
    assert english[0].startswith("Cicini access export: patient ")
    assert any(line.strip().startswith("family name: ") for line in english)
    # A Berlin clinic that chose nothing gets German; choosing English gives English.
    first = tmp_path / "first"
    first.mkdir()
    _, pdf_path = privacy.write_access_export(
        clinic.context, clinic.manager, Subject.PATIENT, clinic.patient, first
    )
    assert b"Cicini-Auskunftsexport" in pdf_path.read_bytes()
    current = desk.front_desk_settings(clinic.context, clinic.manager)
    desk.save_front_desk_settings(
        clinic.context, clinic.manager, replace(current, locale=desk.ClinicLocale("en"))
    )
    second = tmp_path / "second"
    second.mkdir()
    _, pdf_path = privacy.write_access_export(
        clinic.context, clinic.manager, Subject.PATIENT, clinic.patient, second
    )
    assert b"Cicini access export: patient" in pdf_path.read_bytes()
