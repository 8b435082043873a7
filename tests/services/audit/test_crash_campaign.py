"""Kill -9 at every point of the head bookkeeping, and at random moments of real front-desk
work: doctor and verify always pass with no repair command, nothing committed is lost, and a
record appended, changed or deleted behind the app's back is still found every time.

The campaign's number of kills is `CICINI_KILL_TRIALS` (20 by default, as in CI).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

import cicini_desktop.cli.audit  # noqa: F401  (registers the doctor's audit-chain check)
from cicini_desktop.config import Config, load_config
from cicini_desktop.core.audit_chain import ChainFields, network_commit, record_hash
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import doctor
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.services.clinic import create_clinic, open_clinic
from cicini_desktop.store.audit_head import head_path
from cicini_desktop.store.audit_log import COLUMNS
from cicini_desktop.store.database import connect_raw, sidecar_paths
from cicini_desktop.store.models import Role
from cicini_desktop.store.models.scheduling import Appointment, Patient
from cicini_desktop.store.vault import KeyVault
from tests.keyring_file import ENV_FILE, FileKeyring
from tests.services.scheduling.conftest import NOW, _build

ROOT = Path(__file__).resolve().parents[3]
TRIALS = int(os.environ.get("CICINI_KILL_TRIALS", "20"))
TAMPERS = ("append", "change", "delete")


@dataclass
class CrashClinic:
    root: Path
    config: Config
    vault: KeyVault
    journal: Path
    next_slot: int = 0
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def worker(self, *, crash_at: str | None = None, ops: int | None = None) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("CICINI_CRASH_AT", None)
        if crash_at:
            env["CICINI_CRASH_AT"] = crash_at
        first, self.next_slot = self.next_slot, self.next_slot + 3000
        args = [str(self.data_dir), str(self.journal), str(first)]
        if ops is not None:
            args.append(str(ops))
        return subprocess.Popen(
            [sys.executable, "-m", "tests.services.audit.crash_worker", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture
def crash_clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CrashClinic]:
    monkeypatch.setenv(ENV_FILE, str(tmp_path / "keyring.json"))
    backend = FileKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # `doctor` uses the default backend, as the CLI does
    config = load_config(data_dir_flag=str(tmp_path / "data"))
    vault = KeyVault(backend=backend)
    made = create_clinic(
        config, organization_name="Crash Clinic", timezone="Europe/Berlin", vault=vault,
        clock=FixedClock(NOW),
    )
    built = _build(made.context)
    made.context.database.close()
    (tmp_path / "clinic.json").write_text(
        json.dumps(
            {
                "manager": built.manager.staff_id,
                "permissions": [p.value for p in Permission],
                "providers": built.providers,
                "patient": built.patient,
                "consult": built.consult,
            }
        )
    )
    yield CrashClinic(tmp_path, config, vault, tmp_path / "journal.txt")
    keyring.set_keyring(previous)


# --- checks -------------------------------------------------------------------------------


def _committed_ops_missing(clinic: CrashClinic) -> int:
    """Journalled operations (each written after its service call returned) not in the DB."""
    if not clinic.journal.exists():
        return 0
    expected_status: dict[str, str] = {}
    expected_note: dict[str, str] = {}
    booked: set[str] = set()
    roles_made: set[str] = set()
    family_name: str | None = None
    for line in clinic.journal.read_text().splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue  # a line cut by the kill: its operation did commit, nothing to check
        if parts[0] == "booked":
            booked.add(parts[1])
        elif parts[0] == "status" and len(parts) == 3:
            expected_status[parts[1]] = parts[2]
        elif parts[0] == "note" and len(parts) == 3:
            expected_note[parts[1]] = parts[2]
        elif parts[0] == "role":
            roles_made.add(parts[1])
        elif parts[0] == "patient" and len(parts) == 3:
            family_name = parts[2]
    context = open_clinic(clinic.config, clinic.vault, FixedClock(NOW))
    try:
        with context.database.session() as session:
            rows = {
                row.id: row
                for row in session.scalars(
                    select(Appointment).where(Appointment.id.in_(list(booked)))
                )
            }
            found_roles = set(session.scalars(select(Role.id).where(Role.id.in_(roles_made))))
            names = list(session.scalars(select(Patient.family_name)))
    finally:
        context.database.close()
    lost = len(booked - set(rows))
    lost += sum(1 for i, s in expected_status.items() if i in rows and rows[i].status != s)
    # Notes and the patient's name are written again and again: the database may hold a
    # later value than the journal (committed, then killed before the journal line).
    lost += sum(
        1
        for i, n in expected_note.items()
        if i in rows and _number(rows[i].note) < _number(n)
    )
    lost += len(roles_made - found_roles)
    if family_name is not None:
        lost += max(_number(name) for name in names) < _number(family_name)
    return lost


def _number(text: str | None) -> int:
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    return int(digits) if digits else -1


def _healthy(clinic: CrashClinic) -> tuple[bool, str]:
    """doctor and verify, exactly as IT runs them (no repair step in between)."""
    results = doctor.run_checks(clinic.config, clinic.vault)
    failed = [r for r in results if r.status is doctor.Status.FAILED]
    if failed:
        return False, f"doctor: {failed[0].name}: {failed[0].detail}"
    context = open_clinic(clinic.config, clinic.vault, FixedClock(NOW))
    try:
        report = verify_trail(context)
    finally:
        context.database.close()
    return report.ok, report.sentence()


def _files(clinic: CrashClinic) -> list[Path]:
    database = clinic.config.database_path
    return [database, *sidecar_paths(database), head_path(database)]


def _snapshot(clinic: CrashClinic) -> dict[Path, bytes | None]:
    return {path: path.read_bytes() if path.exists() else None for path in _files(clinic)}


def _put_back(snapshot: dict[Path, bytes | None]) -> None:
    for path, data in snapshot.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def _tamper(clinic: CrashClinic, kind: str, rng: random.Random) -> None:
    """Someone with the database key (not the head key) edits the trail."""
    key = clinic.vault.load_key(json.loads(_manifest(clinic))["database_id"])
    connection = connect_raw(clinic.config.database_path, key)
    try:
        for trigger in ("insert", "update", "delete"):
            connection.execute(f"DROP TRIGGER IF EXISTS audit_record_append_only_{trigger}")
        newest = connection.execute("SELECT max(seq) FROM audit_record").fetchone()[0]
        if kind == "append":
            row = connection.execute(
                f"SELECT {COLUMNS} FROM audit_record WHERE seq = ?", (newest,)
            ).fetchone()
            fields = ChainFields(*row[:15])
            values = {f: getattr(fields, f) for f in fields.__slots__}
            values.update(seq=newest + 1, network_commit=network_commit(row[17], None))
            forged = ChainFields(**values)
            connection.execute(
                f"INSERT INTO audit_record ({COLUMNS}) VALUES ({', '.join('?' * 19)})",
                (*forged.values(), None, row[17], record_hash(row[17], forged), None),
            )
        elif kind == "change":
            seq = rng.randint(1, newest)
            connection.execute(
                "UPDATE audit_record SET outcome = 'denied' WHERE seq = ? AND outcome != 'denied'",
                (seq,),
            )
            connection.execute(
                "UPDATE audit_record SET outcome = 'success' WHERE seq = ? AND changes() = 0",
                (seq,),
            )
        else:
            connection.execute("DELETE FROM audit_record WHERE seq = ?", (newest,))
    finally:
        connection.close()


def _manifest(clinic: CrashClinic) -> str:
    return clinic.config.database_path.with_name("cicini.db.manifest.json").read_text()


def _tamper_detections(clinic: CrashClinic, rng: random.Random) -> int:
    """Each kind of tampering on the crashed-and-reopened clinic; the files put back after."""
    found = 0
    for kind in TAMPERS:
        snapshot = _snapshot(clinic)
        _tamper(clinic, kind, rng)
        healthy, _ = _healthy(clinic)
        found += not healthy
        _put_back(snapshot)
    return found


def _kill_and_wait(process: subprocess.Popen, timeout: float = 60) -> None:
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


# --- injected kills at each point ----------------------------------------------------------


@pytest.mark.parametrize(
    "point",
    [
        "pending:1",  # intent written, COMMIT not run: the transaction is lost, as it should be
        "pending:4",
        "commit:1",  # COMMIT done, head not written: the intent vouches for it
        "commit:5",
        "torn:2",  # the head write cut half-way through its slot
        "torn:7",
        "head:3",  # everything written
    ],
)
def test_a_kill_at_each_point_of_the_head_bookkeeping(crash_clinic: CrashClinic, point: str):
    process = crash_clinic.worker(crash_at=point)
    _kill_and_wait(process)
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    healthy, why = _healthy(crash_clinic)
    assert healthy, why
    assert _committed_ops_missing(crash_clinic) == 0
    assert _tamper_detections(crash_clinic, random.Random(point)) == len(TAMPERS)
    # and the app carries on from there, still healthy
    process = crash_clinic.worker(ops=4)
    process.wait(timeout=120)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert _healthy(crash_clinic)[0]


def test_verify_accepts_the_intent_left_by_a_kill_without_any_settling(
    crash_clinic: CrashClinic,
):
    """The head file exactly as the kill left it (committed head + intent) verifies, with a
    note; a forged record in its place does not."""
    process = crash_clinic.worker(crash_at="commit:2")
    _kill_and_wait(process)
    as_left = head_path(crash_clinic.config.database_path).read_bytes()
    context = open_clinic(crash_clinic.config, crash_clinic.vault, FixedClock(NOW))
    try:
        head_path(crash_clinic.config.database_path).write_bytes(as_left)  # undo the settling
        report = verify_trail(context)
    finally:
        context.database.close()
    assert report.ok, report.sentence()
    assert any("just before it stopped" in warning for warning in report.warnings)


# --- the campaign --------------------------------------------------------------------------


def test_kill_campaign(crash_clinic: CrashClinic):
    rng = random.Random(int(os.environ.get("CICINI_KILL_SEED", "15")))
    figures = {"trials": 0, "corrupt": 0, "lost": 0, "false_alarms": 0, "tamper_found": 0}
    problems: list[str] = []
    for _ in range(TRIALS):
        process = crash_clinic.worker()
        assert process.stdout is not None
        ready = process.stdout.readline()
        assert ready.strip() == "ready", process.stderr.read() if process.stderr else ""
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        figures["trials"] += 1
        try:
            healthy, why = _healthy(crash_clinic)
        except Exception as error:  # the database would not even open
            figures["corrupt"] += 1
            problems.append(f"corrupt: {type(error).__name__}: {error}")
            continue
        if not healthy:
            figures["false_alarms"] += 1
            problems.append(why)
        figures["lost"] += _committed_ops_missing(crash_clinic)
        figures["tamper_found"] += _tamper_detections(crash_clinic, rng)
    report = ", ".join(f"{name} {value}" for name, value in figures.items())
    print(f"\nkill campaign: {report} (of {len(TAMPERS) * TRIALS} tamperings)")
    if os.environ.get("CICINI_CAMPAIGN_REPORT"):
        Path(os.environ["CICINI_CAMPAIGN_REPORT"]).write_text(json.dumps(figures))
    assert not problems, problems[:3]
    assert (figures["corrupt"], figures["lost"], figures["false_alarms"]) == (0, 0, 0)
    assert figures["tamper_found"] == len(TAMPERS) * TRIALS


def test_head_bookkeeping_cost_per_audited_operation(crash_clinic: CrashClinic):
    """Measured, not asserted tightly (CI machines are shared): reported in the output and
    held to the 2 ms budget with room for a busy runner."""
    process = crash_clinic.worker(ops=200)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    figures = dict(part.split("=") for part in out.split() if "=" in part)
    mean, median, p95 = (float(figures[k]) for k in ("head_ms", "median_ms", "p95_ms"))
    print(
        f"\nhead bookkeeping per audited operation: mean {mean:.3f} ms, median {median:.3f} ms,"
        f" p95 {p95:.3f} ms over {figures['ops']} audited transactions"
    )
    # The budget is 2 ms; a shared CI runner gets slack on the median (CICINI_COST_SLACK).
    assert median < 2.0 * float(os.environ.get("CICINI_COST_SLACK", "3"))


def test_workers_share_the_head_without_false_alarms(crash_clinic: CrashClinic):
    """Two processes appending at once (the GUI and a CLI command): the post-commit write of
    one never loses the other's intent."""
    processes = [crash_clinic.worker(ops=30), crash_clinic.worker(ops=30)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert _healthy(crash_clinic)[0]
