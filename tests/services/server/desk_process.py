"""One reception desk in its own process, on the clinic server (for the race tests).

`run_desk(...)` is the target of a spawned process: it opens the clinic with the server
settings and password given, then for every round waits at the shared barrier (so both desks
act at the same instant) and does the round's work, reporting outcomes through the queue.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime, timedelta
from typing import Any

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def _open(values: dict[str, Any], data_dir: str, password_entry: tuple[str, str]) -> Any:
    from cicini_desktop.config import load_config
    from cicini_desktop.core.clock import FixedClock
    from cicini_desktop.services.clinic import open_clinic
    from cicini_desktop.store.vault import SERVICE, KeyVault
    from tests.keyring_memory import MemoryKeyring

    backend = MemoryKeyring()
    backend.entries[(SERVICE, password_entry[0])] = password_entry[1]
    config = load_config(data_dir_flag=data_dir).with_values(**values)
    return open_clinic(config, KeyVault(backend=backend), FixedClock(NOW))


def book_rounds(
    values: dict[str, Any],
    data_dir: str,
    password_entry: tuple[str, str],
    clinic_ids: dict[str, Any],
    slots: list[tuple[int, str]],  # (provider index, naive local start as ISO text)
    patient: str,
    barrier: Any,
    results: Any,
) -> None:
    """Book each slot at the same instant as the other desk; report booked/taken/checked."""
    from cicini_desktop.core.errors import ConflictError
    from cicini_desktop.core.permissions import Permission
    from cicini_desktop.services.context import Actor
    from cicini_desktop.services.scheduling import appointments

    outcomes: list[str] = []
    try:
        context = _open(values, data_dir, password_entry)
        actor = Actor(clinic_ids["manager"], clinic_ids["organization"], frozenset(Permission))
        for provider, start in slots:
            request = appointments.BookingRequest(
                patient,
                clinic_ids["providers"][provider],
                clinic_ids["consult"],
                datetime.fromisoformat(start),
            )
            barrier.wait(timeout=60)
            try:
                appointments.book_appointment(context, actor, request)
                outcomes.append("booked")
            except ConflictError as error:
                # "another desk booked it a moment ago": both passed the check at once and
                # the server's exclusion constraint decided; otherwise the check saw it.
                outcomes.append("taken" if "another desk" in str(error) else "checked")
        context.database.close()
        results.put(("ok", outcomes))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def audit_rounds(
    values: dict[str, Any],
    data_dir: str,
    password_entry: tuple[str, str],
    clinic_ids: dict[str, Any],
    rounds: int,
    barrier: Any,
    results: Any,
) -> None:
    """Append audited records at the same instants as the other desk."""
    from cicini_desktop.core.audit_actions import AuditAction
    from cicini_desktop.core.permissions import Permission
    from cicini_desktop.services.context import Actor
    from cicini_desktop.services.unit_of_work import unit_of_work

    try:
        context = _open(values, data_dir, password_entry)
        actor = Actor(clinic_ids["manager"], clinic_ids["organization"], frozenset(Permission))
        for _ in range(rounds):
            barrier.wait(timeout=60)
            with unit_of_work(context, actor) as tx:
                tx.audit(AuditAction.SETTINGS_CHANGED, target_type="setting", target_id="x")
                tx.audit(AuditAction.SETTINGS_CHANGED, target_type="setting", target_id="y")
        context.database.close()
        results.put(("ok", rounds))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def weekday_slots(count: int) -> list[tuple[int, str]]:
    """`count` distinct bookable consult slots (30 min + 5 min buffer) of the first provider
    from Tue 17 March (one provider: a patient is never booked twice at one time)."""
    starts = [9 * 60 + 35 * i for i in range(5)] + [13 * 60 + 35 * i for i in range(6)]
    slots: list[tuple[int, str]] = []
    day = datetime(2026, 3, 17)
    while len(slots) < count:
        if day.weekday() < 5:
            for minute in starts:
                slots.append((0, (day + timedelta(minutes=minute)).isoformat()))
        day += timedelta(days=1)
    return slots[:count]
