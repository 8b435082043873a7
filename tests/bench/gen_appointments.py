"""Build step: ten years of appointments with their history, in realistic statuses.

Placement is per provider and day inside the rota (minus time off and closures), never
overlapping, with buffers and rooms respected, so the conflict check and the slot finder see a
consistent schedule. The count is then made exact: surplus past appointments are dropped at
random, a shortfall is made up with cancelled appointments in slots that were rebooked.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.bench import gen_schedule_rows as rows
from tests.bench.gen_scheduling import BATCH, _module, span_dates, write_rows
from tests.bench.generate import NOW, TODAY, Build

HOUR = 3600


def appointments(build: Build) -> dict[str, Any]:
    _module("cicini_desktop.store.models.scheduling")
    from zoneinfo import ZoneInfo

    from tests.bench.generate import TIMEZONE

    rng, meta, size = build.rng, build.meta, build.size
    tz = ZoneInfo(TIMEZONE)
    provider_ids: list[str] = meta["provider_ids"]
    first, last = span_dates(build)
    rotas = [rows.ROTAS[i % len(rows.ROTAS)] for i in range(len(provider_ids))]
    away = {
        i: [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in meta["time_off"][p]]
        for i, p in enumerate(provider_ids)
    }
    closed = {d for y in range(first.year, last.year + 1) for d in rows.holidays(y)}
    rooms_of_kind: dict[str, list[int]] = {}
    for index, (_, kind) in enumerate(rows.ROOMS):
        rooms_of_kind.setdefault(kind, []).append(index)
    weights = [t.weight for t in rows.TYPES]

    placements: list[rows.Placement] = []
    day = first
    while day <= last:
        if day not in closed:
            working = [
                i for i in range(len(provider_ids)) if not any(a <= day <= b for a, b in away[i])
            ]
            placements.extend(
                rows.place_day(
                    rng,
                    tz,
                    day,
                    working,
                    rotas,
                    rows.fill_rate(day, TODAY),
                    weights,
                    rooms_of_kind,
                )
            )
        day += timedelta(days=1)
    placed = len(placements)
    extra = _make_exact(rng, placements, size.appointments)
    placements.sort(key=lambda p: p.start)
    written = _write(build, placements, extra)
    busy = _busiest_provider_count(placements)
    return {
        "counts": {
            "patients": size.patients,
            "appointments": written,
            "audit records": size.audit_records,
        },
        "busy_day": TODAY.isoformat(),
        "summary": {"placed": placed, "appointments": written, "on busy day": busy},
    }


def _make_exact(rng: Any, placements: list[rows.Placement], target: int) -> set[int]:
    """Drop surplus past appointments at random, or mark rebooked slots (cancelled twins)."""
    now = int(NOW.timestamp())
    extra: set[int] = set()
    if len(placements) > target:
        past = [i for i, p in enumerate(placements) if p.start < now - 2 * 86400]
        drop = set(rng.sample(past, min(len(past), len(placements) - target)))
        placements[:] = [p for i, p in enumerate(placements) if i not in drop]
    shortfall = target - len(placements)
    if shortfall > 0:
        twins = [placements[i] for i in rng.choices(range(len(placements)), k=shortfall)]
        start = len(placements)
        placements.extend(
            rows.Placement(t.provider, t.type_index, t.start, t.end, None) for t in twins
        )
        extra = set(range(start, start + shortfall))
    return extra


def _busiest_provider_count(placements: list[rows.Placement]) -> int:
    low = int(datetime.combine(TODAY, datetime.min.time(), UTC).timestamp())
    return sum(1 for p in placements if low <= p.start < low + 86400)


def _write(build: Build, placements: list[rows.Placement], extra: set[int]) -> int:
    rng, meta = build.rng, build.meta
    patient_ids: list[str] = build.scratch["patient_ids"]
    provider_ids: list[str] = meta["provider_ids"]
    type_ids: list[str] = meta["type_ids"]
    room_ids: list[str] = meta["room_ids"]
    desk = meta.get("receptionist_ids") or [meta["manager_id"]]
    now = int(NOW.timestamp())
    patients = len(patient_ids)
    appointments: list[tuple[Any, ...]] = []
    history: list[tuple[Any, ...]] = []
    written = 0
    with build.bulk("appointment", "appointment_history") as connection:
        for index, p in enumerate(placements):
            spec = rows.TYPES[p.type_index]
            appointment_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            # A few patients come often, most rarely.
            patient = patient_ids[int(patients * rng.random() ** 2)]
            booked_by = rng.choice(desk)
            created = min(now - 60, p.start - rng.randrange(HOUR, 45 * 86400))
            steps = _status_path(rng, p, now, cancelled_twin=index in extra)
            status, reason = "booked", None
            history.append(
                rows.history_row(
                    appointment_id, created, booked_by, "created", None, "booked", None
                )
            )
            updated, updated_by = created, booked_by
            for to_status, at, why in steps:
                by = rng.choice(desk) if to_status != "in_progress" else provider_ids[p.provider]
                at = max(at, updated)
                history.append(
                    rows.history_row(appointment_id, at, by, "status", status, to_status, why)
                )
                status, reason, updated, updated_by = to_status, why, at, by
            appointments.append(
                rows.appointment_row(
                    appointment_id,
                    patient,
                    provider_ids[p.provider],
                    type_ids[p.type_index],
                    room_ids[p.room] if p.room is not None else None,
                    p.start,
                    p.end,
                    spec.buffer_after,
                    status,
                    reason,
                    (created, booked_by),
                    (updated, updated_by),
                    1 + len(steps),
                )
            )
            if len(appointments) >= BATCH:
                written += len(appointments)
                _flush(connection, appointments, history)
        written += len(appointments)
        _flush(connection, appointments, history)
    return written


def _flush(connection: Any, appointments: list[Any], history: list[Any]) -> None:
    write_rows(connection, "appointment", appointments)
    write_rows(connection, "appointment_history", history)


def _status_path(
    rng: Any, p: rows.Placement, now: int, *, cancelled_twin: bool
) -> list[tuple[str, int, str | None]]:
    """The transitions an appointment went through (core's workflow), with when."""
    confirm = [("confirmed", p.start - 86400, None)] if rng.random() < 0.5 else []
    if cancelled_twin:
        return [*confirm, ("cancelled", p.start - rng.randrange(HOUR, 3 * 86400), "rescheduled")]
    if now <= p.start < now + 1200 and rng.random() < 0.6:  # in the waiting room already
        return [*confirm, ("arrived", now - rng.randrange(60, 900), None)]
    if p.start >= now:
        outcome = _pick(rng, rows.FUTURE)
        if outcome == "booked":
            return []
        if outcome == "confirmed":
            return [("confirmed", min(now, p.start - 86400), None)]
        return [("cancelled", min(now, p.start - HOUR), rng.choice(rows.CANCEL_REASONS))]
    if p.end > now:  # under way right now
        return [*confirm, ("arrived", p.start - 300, None), ("in_progress", p.start, None)]
    outcome = _pick(rng, rows.PAST)
    if outcome == "cancelled":
        return [
            *confirm,
            (
                "cancelled",
                p.start - rng.randrange(HOUR, 3 * 86400),
                rng.choice(rows.CANCEL_REASONS),
            ),
        ]
    if outcome == "no_show":
        return [*confirm, ("no_show", p.end + 900, None)]
    return [
        *confirm,
        ("arrived", p.start - 300, None),
        ("in_progress", p.start, None),
        ("completed", p.end, None),
    ]


def _pick(rng: Any, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), list(shares.values()))[0]
