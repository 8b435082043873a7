"""Several desks on one clinic server: the database itself keeps the schedule and the audit
trail right when two desks act at the same instant (separate processes, a real PostgreSQL)."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import psycopg
import pytest
from sqlalchemy import func, select

from cicini_desktop.core.errors import AuditChainError
from cicini_desktop.services.audit_integrity import purge_trail, verify_trail
from cicini_desktop.store.models import Appointment
from cicini_desktop.store.models.audit import AuditRecord
from cicini_desktop.store.server import ServerSettings
from tests.pg_cluster import APP, OWNER
from tests.pg_fixtures import server_values
from tests.services.scheduling import conftest as scheduling
from tests.services.server import desk_process

_template = scheduling._template
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic

pytestmark = pytest.mark.server_only

RACE_ROUNDS = 200


def _desk_arguments(clinic, pg_cluster, tmp_path, name):
    database = clinic.context.database.server.database
    values = server_values(pg_cluster, database)
    account = ServerSettings("127.0.0.1", pg_cluster.port, database, APP).account
    ids = {
        "manager": clinic.manager.staff_id,
        "organization": clinic.manager.organization_id,
        "providers": clinic.providers,
        "consult": clinic.consult,
    }
    return values, str(tmp_path / name), (account, pg_cluster.app_password), ids


def _collect(processes, results):
    reports = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    for status, payload in reports:
        assert status == "ok", payload
    return [payload for _, payload in reports]


@pytest.mark.slow
def test_two_desks_booking_the_same_slot_200_times_one_wins_each_time(
    clinic, pg_cluster, tmp_path
):
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    results = spawn.Queue()
    slots = desk_process.weekday_slots(RACE_ROUNDS)
    processes = []
    for name, patient in (("a", clinic.patient), ("b", clinic.other_patient)):
        values, data_dir, entry, ids = _desk_arguments(clinic, pg_cluster, tmp_path, name)
        processes.append(
            spawn.Process(
                target=desk_process.book_rounds,
                args=(values, data_dir, entry, ids, slots, patient, barrier, results),
            )
        )
    for process in processes:
        process.start()
    desk_a, desk_b = _collect(processes, results)

    assert len(desk_a) == len(desk_b) == RACE_ROUNDS
    for round_number, pair in enumerate(zip(desk_a, desk_b, strict=True)):
        assert sorted(pair).count("booked") == 1, (round_number, pair)
    with clinic.context.database.session() as session:
        booked = session.scalar(select(func.count()).select_from(Appointment))
    assert booked == RACE_ROUNDS  # one appointment per slot, never two
    losers = Counter(o for o in desk_a + desk_b if o != "booked")
    # The figure for the closing note: how often both desks passed the service's check at
    # once and the exclusion constraint decided ("taken"), against the check seeing the
    # winner's committed booking ("checked"). Both end in the conflict sentence.
    print(f"race: {RACE_ROUNDS} rounds, {dict(losers)}")
    assert sum(losers.values()) == RACE_ROUNDS


@pytest.mark.slow
def test_two_desks_writing_audit_records_at_once_keep_one_linear_chain(
    clinic, pg_cluster, tmp_path
):
    rounds = 60
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    results = spawn.Queue()
    with clinic.context.database.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditRecord))
    processes = []
    for name in ("a", "b"):
        values, data_dir, entry, ids = _desk_arguments(clinic, pg_cluster, tmp_path, name)
        processes.append(
            spawn.Process(
                target=desk_process.audit_rounds,
                args=(values, data_dir, entry, ids, rounds, barrier, results),
            )
        )
    for process in processes:
        process.start()
    _collect(processes, results)

    with clinic.context.database.session() as session:
        seqs = session.scalars(select(AuditRecord.seq).order_by(AuditRecord.seq)).all()
    assert len(seqs) == before + 2 * 2 * rounds
    assert seqs == list(range(1, len(seqs) + 1))  # no gap, no fork
    report = verify_trail(clinic.context)
    assert report.ok, report.explanation
    assert report.records == len(seqs)
    # Each record names the desk it came from: here the two desk processes' own ids.
    with clinic.context.database.session() as session:
        desks = session.scalars(
            select(AuditRecord.workstation).where(AuditRecord.seq > before).distinct()
        ).all()
    assert len(set(desks)) == 2
    assert None not in desks


def test_the_application_role_cannot_change_or_remove_audit_records(clinic, pg_cluster):
    database = clinic.context.database.server.database
    with pg_cluster.connect(database, APP) as connection:
        for statement in (
            "UPDATE audit_record SET action = 'x' WHERE seq = 1",
            "DELETE FROM audit_record WHERE seq = 1",
            "TRUNCATE audit_record",
            "DELETE FROM audit_control",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
        # Appending is what the desk does; an insert out of order is refused by the trigger.
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            connection.execute(
                "INSERT INTO audit_record (seq, occurred_at, action, outcome, actor_id, "
                "organization_id, device_category, os_family, os_major, app_version, details, "
                "prev_hash, record_hash) VALUES (1, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', "
                "'{}', 'x', 'y')"
            )
    # Even the schema's owner cannot rewrite the trail: the triggers refuse.
    with pg_cluster.connect(database, OWNER) as connection:
        with pytest.raises(psycopg.errors.RaiseException, match="update refused"):
            connection.execute("UPDATE audit_record SET action = 'x' WHERE seq = 1")
        with pytest.raises(psycopg.errors.RaiseException, match="delete refused"):
            connection.execute("DELETE FROM audit_record WHERE seq = 1")
        with pytest.raises(psycopg.errors.RaiseException):
            connection.execute("TRUNCATE audit_record")
    assert verify_trail(clinic.context).ok


def test_a_desk_does_not_purge_the_servers_trail_and_says_why(clinic):
    with pytest.raises(AuditChainError, match="append-only for every desk"):
        purge_trail(clinic.context, clinic.manager)
    assert verify_trail(clinic.context).ok


_COPY = (
    "INSERT INTO appointment (id, patient_id, provider_id, type_id, room_id, start_at, end_at, "
    "block_start, block_end, status, created_at, created_by, updated_at, updated_by, version, "
    "conflict_override) SELECT %s, patient_id, provider_id, type_id, room_id, start_at + %s, "
    "end_at + %s, block_start, block_end, %s, created_at, created_by, updated_at, updated_by, 1, "
    "%s FROM appointment WHERE id = %s"
)


def test_the_exclusion_constraint_refuses_an_overlap_whoever_writes_it(clinic, pg_cluster):
    from datetime import datetime

    from cicini_desktop.services.scheduling import appointments

    booked = appointments.book_appointment(
        clinic.context,
        clinic.manager,
        appointments.BookingRequest(
            clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, 9, 0)
        ),
    )
    database = clinic.context.database.server.database
    with pg_cluster.connect(database, APP) as connection:
        with pytest.raises(psycopg.errors.ExclusionViolation):
            connection.execute(_COPY, ("dup-1", 600, 600, "booked", False, booked.appointment_id))
        # Touching ends do not overlap; a cancelled row or an audited override holds no time.
        first = booked.appointment_id
        connection.execute(_COPY, ("after", 1800, 1800, "booked", False, first))
        connection.execute(_COPY, ("cancelled", 600, 600, "cancelled", False, first))
        connection.execute(_COPY, ("override", 600, 600, "booked", True, first))


def test_without_the_schedule_lock_the_server_still_lets_only_one_desk_book(
    clinic, monkeypatch
):
    """The services' lock skipped (as a writer that does not use it would): the database's
    exclusion constraint decides, and the loser gets the conflict sentence."""
    import threading
    from datetime import datetime, timedelta

    from cicini_desktop.core.errors import ConflictError
    from cicini_desktop.services.scheduling import appointments

    # Both ways the services take it: the statement of its own, and (on the server) the
    # column of the request's facts query that takes it in the same round trip.
    monkeypatch.setattr(appointments, "lock_for_writing", lambda session: None)
    without_lock = appointments._request_facts(False)
    monkeypatch.setattr(appointments, "_request_facts", lambda with_server_lock=False: without_lock)
    rounds = 5
    outcomes: list[list[str]] = [[] for _ in range(rounds)]
    barrier = threading.Barrier(2)

    def desk(patient: str) -> None:
        for i in range(rounds):
            request = appointments.BookingRequest(
                patient,
                clinic.providers[1],
                clinic.consult,
                datetime(2026, 3, 17, 9, 0) + timedelta(minutes=35 * i),
            )
            barrier.wait(timeout=30)
            try:
                appointments.book_appointment(clinic.context, clinic.manager, request)
                outcomes[i].append("booked")
            except ConflictError as error:
                outcomes[i].append("taken" if "another desk" in str(error) else "checked")

    threads = [
        threading.Thread(target=desk, args=(p,)) for p in (clinic.patient, clinic.other_patient)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for pair in outcomes:
        assert pair.count("booked") == 1, outcomes
    with clinic.context.database.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(Appointment.provider_id == clinic.providers[1])
        )
    assert count == rounds
    print("without the lock:", Counter(o for pair in outcomes for o in pair))
    # Both desks passed the services' check at once, and the constraint refused the second.
    assert any("taken" in pair for pair in outcomes), outcomes
