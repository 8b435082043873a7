"""A front desk that keeps working until it is killed: the subject of the crash tests.

    python -m tests.services.audit.crash_worker DATA_DIR JOURNAL FIRST_SLOT [OPS]

Books, checks in, edits notes and cancels through the services (audited, counted, each in
its own transaction) with the file keyring of `tests/keyring_file.py`, and after each
operation *returns* appends a line to JOURNAL (so every journalled operation was committed).
Prints "ready" once the clinic is open. With OPS it stops after that many operations and
prints the mean head bookkeeping time per audited operation (`head_ms=...`).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.status import CancelReason
from cicini_desktop.services import roles
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import appointments, patients
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.store import audit_log
from cicini_desktop.store.vault import KeyVault
from tests.keyring_file import FileKeyring
from tests.services.scheduling.conftest import NOW

SLOTS_PER_DAY = 10  # per provider: 4 in the morning rota, 6 in the afternoon (40 min apart)
STARTS = [540, 580, 620, 660, 780, 820, 860, 900, 940, 980]  # minutes, clinic local time


def slot_start(index: int, providers: int) -> tuple[int, object]:
    """(provider index, aware start) of booking slot `index`: weekdays after NOW."""
    from zoneinfo import ZoneInfo

    # One booking per time (the same patient is booked each time), providers in turn.
    day_number, slot = divmod(index, SLOTS_PER_DAY)
    provider = index % providers
    day = NOW.date() + timedelta(days=1)
    day = _weekday(day, day_number)
    zone = ZoneInfo("Europe/Berlin")
    from datetime import datetime
    from datetime import time as wall

    minutes = STARTS[slot]
    start = datetime.combine(day, wall(minutes // 60, minutes % 60), zone)
    return provider, start


def _weekday(first: object, number: int) -> object:
    """The `number`-th weekday (Monday to Friday) from `first` on."""
    day = first
    while day.weekday() >= 5:  # type: ignore[attr-defined]
        day += timedelta(days=1)  # type: ignore[operator]
    weeks, rest = divmod(number, 5)
    day += timedelta(days=7 * weeks)  # type: ignore[operator]
    while rest:
        day += timedelta(days=1)  # type: ignore[operator]
        if day.weekday() < 5:  # type: ignore[attr-defined]
            rest -= 1
    return day


class _Timer:
    """Time spent in the head keeper (prepare + confirm) per operation."""

    def __init__(self, keeper: object) -> None:
        self.keeper = keeper
        self.total = 0.0
        self.calls = 0
        self.current = 0.0
        self.each: list[float] = []  # per audited transaction: prepare + confirm

    def prepare(self, base, head):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return self.keeper.prepare(base, head)  # type: ignore[attr-defined]
        finally:
            self.current = time.perf_counter() - started
            self.total += self.current

    def confirm(self, head):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            self.keeper.confirm(head)  # type: ignore[attr-defined]
        finally:
            spent = time.perf_counter() - started
            self.total += spent
            self.calls += 1
            self.each.append(self.current + spent)

    def abandon(self, head):  # type: ignore[no-untyped-def]
        self.keeper.abandon(head)  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    data_dir, journal_path, first = Path(argv[0]), Path(argv[1]), int(argv[2])
    limit = int(argv[3]) if len(argv) > 3 else None
    ids = json.loads((data_dir.parent / "clinic.json").read_text())
    config = load_config(data_dir_flag=str(data_dir))
    context = open_clinic(config, KeyVault(backend=FileKeyring()), FixedClock(NOW))
    assert context.organization_id is not None
    timer = None
    if limit is not None:
        from cicini_desktop.services.audit_integrity import head_store

        timer = _Timer(head_store(context))
        audit_log.set_head_keeper(context.database.engine, timer)  # type: ignore[arg-type]
    actor = Actor(ids["manager"], context.organization_id, frozenset(ids["permissions"]))
    receptionist = Actor(ids["manager"], context.organization_id, frozenset())
    providers = ids["providers"]
    journal = journal_path.open("a", encoding="utf-8", buffering=1)
    print("ready", flush=True)
    booked: list[str] = []

    def step(index: int) -> None:
        provider, start = slot_start(index, len(providers))
        made = appointments.book_appointment(
            context,
            actor,
            BookingRequest(ids["patient"], providers[provider], ids["consult"], start),
        )
        journal.write(f"booked {made.appointment_id}\n")
        booked.append(made.appointment_id)
        kind = index % 6
        if kind == 0 and booked:
            target = booked.pop(0)
            # The slots run over several days; check-in on another day needs a reason.
            appointments.check_in(
                context, actor, target, expected_version=None, override_reason="crash campaign"
            )
            journal.write(f"status {target} arrived\n")
        elif kind == 1 and booked:
            target = booked[-1]
            appointments.edit_note(context, actor, target, f"n{index}", expected_version=None)
            journal.write(f"note {target} n{index}\n")
        elif kind == 2 and booked:
            target = booked.pop()
            appointments.cancel_appointment(
                context, actor, target, CancelReason.PATIENT_REQUEST, expected_version=None
            )
            journal.write(f"status {target} cancelled\n")
        elif kind == 3:  # audited and counted: the usage counter's savepoint in the same tx
            role = roles.create_role(context, actor, f"Role {index}", [Permission.SCHEDULE_VIEW])
            journal.write(f"role {role}\n")
        elif kind == 4:  # audited correction of the patient record
            patients.edit_patient(
                context,
                actor,
                ids["patient"],
                patients.PatientInput("Jürgen", f"Müller{index}", date(1980, 4, 12)),
                expected_version=None,
            )
            journal.write(f"patient {ids['patient']} Müller{index}\n")
        else:  # a refused attempt: the denial is audited in a transaction of its own
            try:
                roles.create_role(context, receptionist, f"Refused {index}")
            except PermissionDeniedError:
                journal.write("denied\n")

    index, done = first, 0
    while limit is None or done < limit:
        try:
            step(index)
            done += 1
        except Exception as error:
            # Two processes at once: SQLite refuses a deferred transaction's upgrade with
            # "database is locked" (BEGIN IMMEDIATE is another engineer's change); that
            # operation did not happen and is not journalled. Anything else is a failure.
            if "locked" not in str(error):
                raise
        index += 1
    context.database.close()
    if timer is not None:
        each = sorted(timer.each) or [0.0]
        median = each[len(each) // 2] * 1000
        p95 = each[min(len(each) - 1, int(len(each) * 0.95))] * 1000
        mean = timer.total / max(timer.calls, 1) * 1000
        print(f"head_ms={mean:.3f} median_ms={median:.3f} p95_ms={p95:.3f} ops={timer.calls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
