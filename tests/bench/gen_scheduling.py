"""Build steps for staff and the schedule: providers, rooms, types, rotas, patients, bookings.

Staff, rooms, types and rotas are few and go through the services (their rows are the
services' own). Patients and appointments are bulk rows; a sample of each is also made
through the service and compared (`generate.check_samples`).
"""

from __future__ import annotations

import importlib
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services.context import Actor
from cicini_desktop.store.models import Base
from tests.bench import gen_schedule_rows as rows
from tests.bench.generate import TODAY, Build, StepUnavailable
from tests.bench.names import FIRST_NAMES, LAST_NAMES

PASSWORD = "bench-Passphrase-{i}-quiet-harbour"
BATCH = 50_000
COLOURS = ("#4a78c2", "#c2584a", "#4ac27a", "#c2a84a", "#8a4ac2", "#4ab8c2", "#c24a94")


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        raise StepUnavailable(f"{name} does not exist yet") from missing


def manager_actor(build: Build) -> Actor:
    organization_id = build.context.organization_id
    assert organization_id is not None
    return Actor(build.meta["manager_id"], organization_id, frozenset(Permission))


def plan(build: Build) -> dict[str, Any]:
    """The clinic synced once and holds a plan for 25 providers (the trial allows 3)."""
    usage = _module("cicini_desktop.services.usage")
    from cicini_desktop.core.plan import Plan
    from cicini_desktop.core.sync_protocol import UsageAnswer
    from tests.bench.generate import NOW

    valid_until = NOW + timedelta(days=365)
    answer = UsageAnswer(frozenset(), Plan("Clinic", 25, 40, valid_until))
    usage.record_accepted(build.context, [], answer)
    return {"summary": {"plan": "Clinic, 25 providers, 40 staff"}}


def staff(build: Build) -> dict[str, Any]:
    """The first manager, 3 receptionists and the providers, through the staff service."""
    staff_service = _module("cicini_desktop.services.staff")
    from sqlalchemy import select

    from cicini_desktop.store.models import Role

    context = build.context
    manager_id = staff_service.create_first_manager(
        context, username="manager", display_name="Mira Manager", password=PASSWORD.format(i=0)
    )
    build.meta["manager_id"] = manager_id
    with context.database.session() as session:
        roles = {r.built_in: r.id for r in session.scalars(select(Role))}
    actor = manager_actor(build)
    receptionist_ids = []
    for i in range(3):
        receptionist_ids.append(
            staff_service.create_staff(
                context,
                actor,
                staff_service.NewStaff(
                    username=f"desk{i + 1}",
                    display_name=f"{FIRST_NAMES[i + 40]} {LAST_NAMES[i + 40]}",
                    password=PASSWORD.format(i=100 + i),
                    assignments=(staff_service.RoleAssignment(roles[BuiltInRole.RECEPTIONIST]),),
                ),
            )
        )
    provider_ids = []
    for i in range(build.size.providers):
        provider_ids.append(
            staff_service.create_staff(
                context,
                actor,
                staff_service.NewStaff(
                    username=f"dr{i + 1:02d}",
                    display_name=f"Dr. {FIRST_NAMES[i]} {LAST_NAMES[i]}",
                    password=PASSWORD.format(i=i + 1),
                    assignments=(staff_service.RoleAssignment(roles[BuiltInRole.CLINICIAN]),),
                    is_provider=True,
                    colour=COLOURS[i % len(COLOURS)],
                ),
            )
        )
    return {
        "receptionist_ids": receptionist_ids,
        "provider_ids": provider_ids,
        "summary": {"providers": len(provider_ids), "receptionists": len(receptionist_ids)},
    }


def setup(build: Build) -> dict[str, Any]:
    """Clinic hours, holidays, rooms, types, rotas and time off: all through the services."""
    av = _module("cicini_desktop.services.scheduling.availability")
    context, actor, rng = build.context, manager_actor(build), build.rng
    provider_ids: list[str] = build.meta["provider_ids"]
    first, last = span_dates(build)
    av.set_clinic_hours(context, actor, rows.CLINIC_HOURS)
    closures = 0
    for year in range(first.year, last.year + 1):
        for holiday in rows.holidays(year):
            if first <= holiday <= last:
                av.add_closure(context, actor, holiday, label="Public holiday")
                closures += 1
    room_ids = [av.create_room(context, actor, name, kind)[0] for name, kind in rows.ROOMS]
    type_ids = [
        av.create_type(
            context,
            actor,
            av.TypeInput(
                name=spec.name,
                duration_minutes=spec.minutes,
                colour=spec.colour,
                buffer_after_minutes=spec.buffer_after,
                room_kind=spec.room_kind,
                provider_ids=frozenset(provider_ids),
            ),
        )[0]
        for spec in rows.TYPES
    ]
    time_off: dict[str, list[tuple[str, str]]] = {}
    for index, provider_id in enumerate(provider_ids):
        rota = rows.ROTAS[index % len(rows.ROTAS)]
        intervals = [(d, a, b) for d, spans in sorted(rota.items()) for a, b in spans]
        _set_rota(build, av, provider_id, intervals, first)
        spans = rows.time_off(rng, first, last)
        if index < 18:  # "today" is busy: at most two providers are away on it
            spans = [(a, b) for a, b in spans if not a <= TODAY <= b]
        for a, b in spans:
            av.add_time_off(context, actor, provider_id, a, b)
        time_off[provider_id] = [(a.isoformat(), b.isoformat()) for a, b in spans]
    return {
        "room_ids": room_ids,
        "type_ids": type_ids,
        "time_off": time_off,
        "summary": {"closures": closures, "rooms": len(room_ids), "types": len(type_ids)},
    }


def _set_rota(
    build: Build, av: Any, provider_id: str, intervals: list[tuple[int, int, int]], first: date
) -> None:
    """Through `set_rota`; should the service fail, the same rows through the ORM, noted."""
    from sqlalchemy.exc import StatementError

    from cicini_desktop.store.models import ProviderRotaRow

    try:
        av.set_rota(
            build.context, manager_actor(build), provider_id, intervals, effective_from=first
        )
        return
    except StatementError as error:
        build.meta.setdefault("service_failures", {})["set_rota"] = str(error.orig)[:200]
    with build.context.database.session_factory.begin() as session:
        for weekday, start, end in intervals:
            session.add(
                ProviderRotaRow(
                    provider_id=provider_id,
                    weekday=weekday,
                    start_minute=start,
                    end_minute=end,
                    effective_from=first,
                )
            )


def span_dates(build: Build) -> tuple[date, date]:
    """The ten years (or the small clinic's weeks): nine tenths past, one tenth ahead."""
    days = build.size.span_days
    first = TODAY - timedelta(days=days - days // 10)
    return first, first + timedelta(days=days - 1)


def patients(build: Build) -> dict[str, Any]:
    """Bulk patients (the FTS index is filled by the table's own triggers)."""
    _module("cicini_desktop.services.scheduling.patients")
    rng, count = build.rng, build.size.patients
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(count)]
    created_at = int(datetime.combine(span_dates(build)[0], time(8), UTC).timestamp())
    with build.bulk("patient") as connection:
        batch: list[tuple[Any, ...]] = []
        for row in rows.patient_rows(rng, count, ids, created_at):
            batch.append(row)
            if len(batch) >= BATCH:
                write_rows(connection, "patient", batch)
        write_rows(connection, "patient", batch)
    build.scratch["patient_ids"] = ids
    sample = [ids[i] for i in range(0, count, max(1, count // 50))]
    return {"patient_ids_sample": sample, "summary": {"patients": count}}


def write_rows(connection: Any, table: str, batch: list[tuple[Any, ...]]) -> None:
    if not batch:
        return
    # Rows name the columns in model order; columns added later (with a server default,
    # e.g. appointment.conflict_override) come last and are left to their default.
    columns = [c.name for c in Base.metadata.tables[table].columns][: len(batch[0])]
    marks = ", ".join("?" for _ in columns)
    connection.execute("BEGIN")
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)
    connection.execute("COMMIT")
    batch.clear()
