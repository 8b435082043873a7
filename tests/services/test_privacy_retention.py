"""The retention purge with fixed clocks: it removes exactly what the policy says."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.retention import Category, RetentionPolicy, erasure_blocked
from cicini_desktop.services import audit_integrity, privacy, retention
from cicini_desktop.services.context import Actor
from cicini_desktop.store import usage_sync
from cicini_desktop.store.models import (
    Appointment,
    AuditRecord,
    Patient,
    UsageCounter,
    UsageDaySent,
    WaitlistEntry,
)
from tests.services.scheduling import conftest as scheduling
from tests.services.scheduling.conftest import Clinic

_template = scheduling._template  # the scheduling fixtures, reused
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def at(year: int, month: int = 6, day: int = 1) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=UTC)


def add_patient(clinic: Clinic, name: str, created: datetime, *, restricted: bool = False) -> str:
    patient_id = new_id()
    with clinic.context.database.session_factory.begin() as session:
        session.add(
            Patient(
                id=patient_id,
                given_name=name,
                family_name="Retained",
                restricted=restricted,
                created_at=created,
                updated_at=created,
            )
        )
    return patient_id


def add_appointment(clinic: Clinic, patient_id: str, start: datetime) -> str:
    appointment_id = new_id()
    begin = int(start.timestamp())
    with clinic.context.database.session_factory.begin() as session:
        session.add(
            Appointment(
                id=appointment_id,
                patient_id=patient_id,
                provider_id=clinic.providers[1],
                type_id=clinic.consult,
                start_at=begin,
                end_at=begin + 1800,
                block_start=begin,
                block_end=begin + 1800,
                status="completed",
                note="kept note",
                created_at=begin,
                created_by=clinic.manager.staff_id,
                updated_at=begin,
                updated_by=clinic.manager.staff_id,
            )
        )
    return appointment_id


def configure(clinic: Clinic, **values: int) -> None:
    config = clinic.context.config
    clinic.context.config = dataclasses.replace(config, values={**config.values, **values})


def existing(clinic: Clinic, model: type, ids: list[str]) -> set[str]:
    with clinic.context.database.session() as session:
        return {i for i in ids if session.get(model, i) is not None}


def make_backups(clinic: Clinic, count: int) -> list[str]:
    folder = clinic.context.config.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(count):
        path = folder / f"pre-migration-000{number}-2026010{number}.db"
        path.write_bytes(b"not really a backup")
        os.utime(path, (1_700_000_000 + number, 1_700_000_000 + number))
        names.append(path.name)
    return names


def test_purge_removes_exactly_what_the_policy_says(clinic: Clinic, clock: FixedClock) -> None:
    assert clock.now() == NOW
    configure(clinic, **{"retention.inactive_patient_years": 5, "backup.keep_last": 3})
    # Appointment retention 10 years (cutoff 2016-03-16), inactive patients 5 (2021-03-16).
    gone_patient = add_patient(clinic, "Gone", at(2014))  # only a 2015 appointment
    old_appointment = add_appointment(clinic, gone_patient, at(2015))
    kept_patient = add_patient(clinic, "Recent", at(2014))  # a 2022 appointment: active
    kept_appointment = add_appointment(clinic, kept_patient, at(2022))
    fading = add_patient(clinic, "Fading", at(2014))  # 2019 appointment: kept, patient anonymised
    fading_appointment = add_appointment(clinic, fading, at(2019))
    never_booked = add_patient(clinic, "Never", at(2015))
    restricted = add_patient(clinic, "Held", at(2014), restricted=True)
    waiting = add_patient(clinic, "Waiting", at(2015))
    with clinic.context.database.session_factory.begin() as session:
        session.add(
            WaitlistEntry(
                id=new_id(),
                patient_id=waiting,
                type_id=clinic.consult,
                created_at=int(at(2026, 1).timestamp()),
                created_by=clinic.manager.staff_id,
            )
        )
        # Usage: a final day the server holds (older than 90 days), and an unsent one.
        session.add(UsageCounter(day="2025-01-01", counter="appointment.booked", count=3))
        session.add(
            UsageDaySent(
                day="2025-01-01",
                totals=usage_sync.encode_totals({"appointment.booked": 3}),
                sent_at=at(2025, 1, 3),
            )
        )
        session.add(UsageCounter(day="2025-01-02", counter="appointment.booked", count=1))
    backups = make_backups(clinic, 5)
    patients_all = [gone_patient, kept_patient, fading, never_booked, restricted, waiting]
    patients_all += [clinic.patient, clinic.other_patient]
    appointments_all = [old_appointment, kept_appointment, fading_appointment]
    system = Actor.system(str(clinic.context.organization_id))

    dry = retention.purge(clinic.context, system, dry_run=True)
    expected = {
        Category.APPOINTMENTS: 1,
        Category.INACTIVE_PATIENTS: 3,  # gone (deleted), never_booked (deleted), fading
        Category.AUDIT_RECORDS: 0,
        Category.NETWORK_HASHES: 0,
        Category.SENT_USAGE_DAYS: 1,
        Category.BACKUPS: 2,
    }
    assert dry.counts == expected
    assert existing(clinic, Patient, patients_all) == set(patients_all)
    assert existing(clinic, Appointment, appointments_all) == set(appointments_all)
    assert all((clinic.context.config.backup_dir / n).exists() for n in backups)
    assert audit_rows(clinic) == []

    done = retention.purge(clinic.context, system)

    assert done.counts == expected
    assert existing(clinic, Appointment, appointments_all) == {kept_appointment, fading_appointment}
    assert existing(clinic, Patient, patients_all) == set(patients_all) - {
        gone_patient,
        never_booked,
    }
    with clinic.context.database.session() as session:
        tombstone = session.get_one(Patient, fading)
        assert privacy.is_erased_patient(tombstone)
        assert session.get_one(Appointment, fading_appointment).note is None
        assert session.get_one(Patient, restricted).given_name == "Held"
        days = set(session.scalars(select(UsageCounter.day).where(UsageCounter.day < "2026")))
        assert days == {"2025-01-02"}
    assert sorted(p.name for p in clinic.context.config.backup_dir.iterdir()) == backups[2:]
    # Audited with counts only, one record per category it handled.
    details = {r.target_type: json.loads(r.details) for r in audit_rows(clinic)}
    assert details["appointment"] == {"removed": 1, "years": 10, "automatic": False}
    assert details["patient"] == {"removed": 3, "years": 5, "automatic": False}
    assert details["sync"]["removed"] == 1
    assert details["backup"]["removed"] == 2
    if clinic.context.database.is_server:
        assert "audit_trail" not in details  # the server's trail is IT's to purge, not a desk's
    else:
        assert details["audit_trail"]["removed"] == 0
    assert audit_integrity.verify_trail(clinic.context).ok
    # Applying it again finds nothing more.
    again = retention.purge(clinic.context, system, dry_run=True)
    assert set(again.counts.values()) == {0}


def audit_rows(clinic: Clinic) -> list[AuditRecord]:
    with clinic.context.database.session() as session:
        return list(
            session.scalars(
                select(AuditRecord).where(AuditRecord.action == AuditAction.RETENTION_PURGE.value)
            )
        )


def test_minimum_retention_extends_appointment_retention(clinic: Clinic) -> None:
    patient = add_patient(clinic, "Old", at(2000))
    appointment = add_appointment(clinic, patient, at(2012))  # 14 years ago
    privacy.set_minimum_retention_years(clinic.context, clinic.manager, 15)
    report = retention.purge(clinic.context, clinic.manager, dry_run=True)
    assert report.counts[Category.APPOINTMENTS] == 0
    privacy.set_minimum_retention_years(clinic.context, clinic.manager, 0)
    retention.purge(clinic.context, clinic.manager)
    assert existing(clinic, Appointment, [appointment]) == set()


@pytest.mark.sqlite_only  # the server's trail is append-only for desks (test_server_store)
def test_audit_trail_purge_is_delegated_and_chain_still_verifies(
    clinic: Clinic, clock: FixedClock
) -> None:
    with clinic.context.database.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditRecord))
    assert before
    clock.set(NOW + timedelta(days=365 * 7))
    report = retention.purge(clinic.context, clinic.manager)
    # All older than 6 years; the purge's own records of this run are the newest, kept.
    assert report.counts[Category.AUDIT_RECORDS] == before
    assert audit_integrity.verify_trail(clinic.context).ok


def test_automatic_purge_runs_once_a_day(clinic: Clinic, clock: FixedClock) -> None:
    assert retention.purge_if_due(clinic.context) is not None
    assert retention.purge_if_due(clinic.context) is None
    clock.advance(hours=25)
    assert retention.purge_if_due(clinic.context) is not None


def test_core_rules() -> None:
    rules = RetentionPolicy(appointment_years=10)
    assert rules.appointment_cutoff(NOW) == datetime(2016, 3, 16, 9, 0, tzinfo=UTC)
    assert not erasure_blocked(at(2020), NOW, 0)
    assert erasure_blocked(at(2020), NOW, 10)
    assert not erasure_blocked(at(2015), NOW, 10)
    assert not erasure_blocked(None, NOW, 10)
