"""The last build step: the services make one patient and one booking, and their rows are
compared with what the bulk generator writes for the same input. A difference means the
bulk rows no longer look like the app's own, and the build says so (meta "sample_check")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from cicini_desktop.core.roles import BUILT_IN_PERMISSIONS, BuiltInRole
from cicini_desktop.services.context import Actor
from tests.bench import gen_schedule_rows as rows
from tests.bench.gen_scheduling import _module
from tests.bench.generate import NOW, Build

PHONE = "+4917099900011"


def check(build: Build) -> dict[str, Any]:
    patients = _module("cicini_desktop.services.scheduling.patients")
    appointments = _module("cicini_desktop.services.scheduling.appointments")
    slots = _module("cicini_desktop.services.scheduling.slots")
    build.clock.set(NOW)
    meta, context = build.meta, build.context
    actor = Actor(
        meta["receptionist_ids"][0],
        meta["organization_id"],
        BUILT_IN_PERMISSIONS[BuiltInRole.RECEPTIONIST],
    )
    stamp = int(NOW.timestamp())
    verdicts: dict[str, str] = {}

    patient_id, _ = patients.create_patient(
        context,
        actor,
        patients.PatientInput(
            "Sample",
            "Benchmark",
            dob=date(1980, 4, 12),
            phone=PHONE,
            reminder=patients.Reminder.SMS,
        ),
        allow_duplicate=True,
    )
    actual = _row(build, "patient", "id", patient_id)[0]
    expected = rows.patient_row(
        patient_id, "Sample", "Benchmark", "1980-04-12", PHONE, None, "sms", stamp, actual[-1]
    )
    verdicts["patient"] = _compare(actual, expected)

    index = [t.name for t in rows.TYPES].index("Ultrasound")
    spec, type_id = rows.TYPES[index], meta["type_ids"][index]
    found = slots.find_free_slots(
        context, actor, type_id, after=NOW + timedelta(days=120), days=60, limit=1
    )
    if not found:
        verdicts["appointment"] = "not compared: no free slot found"
        return {"sample_check": verdicts, "summary": verdicts}
    slot = found[0]
    booked = appointments.book_appointment(
        context,
        actor,
        appointments.BookingRequest(patient_id, slot.provider_id, type_id, slot.start),
    )
    start = int(slot.start.timestamp())
    room = meta["room_ids"][[name for name, _ in rows.ROOMS].index("Ultrasound")]
    expected = rows.appointment_row(
        booked.appointment_id,
        patient_id,
        slot.provider_id,
        type_id,
        room,
        start,
        start + 60 * spec.minutes,
        spec.buffer_after,
        "booked",
        None,
        (stamp, actor.staff_id),
        (stamp, actor.staff_id),
        1,
    )
    got = _row(build, "appointment", "id", booked.appointment_id)[0]
    verdicts["appointment"] = _compare(got, expected)
    history = _row(build, "appointment_history", "appointment_id", booked.appointment_id)
    expected = rows.history_row(
        booked.appointment_id, stamp, actor.staff_id, "created", None, "booked", None
    )
    verdicts["history"] = _compare((None, *history[0][1:]), expected)
    return {"sample_check": verdicts, "summary": verdicts}


def _row(build: Build, table: str, key: str, value: str) -> list[tuple[Any, ...]]:
    with build.context.database.session() as session:
        return [
            tuple(r)
            for r in session.execute(text(f"SELECT * FROM {table} WHERE {key} = :v"), {"v": value})
        ]


def _compare(got: tuple[Any, ...], expected: tuple[Any, ...]) -> str:
    if tuple(got) == tuple(expected):
        return "identical"
    # Columns added after the generator (appointment.conflict_override) are left to their
    # defaults by the bulk rows; the service's row must hold the same defaults there.
    later = tuple(got[len(expected) :])
    if tuple(got[: len(expected)]) == tuple(expected) and all(v in (0, None) for v in later):
        return "identical"
    differing = [i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b]
    return f"differs in columns {differing}: service {[got[i] for i in differing]}"
