"""Exactly once: two running instances on one database never send the same row twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.services.reminders.outbox import claim_one, plan_reminders
from cicini_desktop.services.reminders.settings import read_settings
from cicini_desktop.store.models import AuditRecord
from tests.services.reminders.conftest import (
    add_patient,
    add_rule,
    book,
    configure,
    smtp_settings,
)
from tests.services.reminders.helpers import outbox_rows, utc

BERLIN = ZoneInfo("Europe/Berlin")
REPO = Path(__file__).resolve().parents[3]
SLOTS = [
    (9, 0),
    (9, 35),
    (10, 10),
    (10, 45),
    (11, 20),
    (13, 0),
    (13, 35),
    (14, 10),
    (14, 45),
    (15, 20),
    (15, 55),
]


def _many_appointments(clinic) -> int:
    count = 0
    for provider in range(3):
        for hour, minute in SLOTS:
            patient = add_patient(
                clinic, f"Given{count}", f"Family{count}", email=f"p{count}@patient.example"
            )
            book(
                clinic,
                datetime(2026, 3, 18, hour, minute, tzinfo=BERLIN),
                patient,
                provider=provider,
            )
            count += 1
    return count


def _runner(clinic, tmp_path: Path, name: str, instant: datetime, processes: int):
    keyring_json = tmp_path / "keyring.json"
    ready = tmp_path / "ready"
    ready.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.services.reminders.runner_process",
            str(clinic.context.database.path.parent),
            str(keyring_json),
            instant.isoformat(),
            str(ready),
            name,
            str(processes),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_on_one_database_send_every_row_exactly_once(
    clinic, smtp, memory_keyring, tmp_path
):
    configure(clinic, smtp=smtp_settings(smtp.port))
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60, late_minutes=12 * 60)
    total = _many_appointments(clinic)
    smtp.box.delay = 0.03  # a slow server, so the two runs overlap
    (tmp_path / "keyring.json").write_text(
        json.dumps({f"{s}\x00{a}": v for (s, a), v in memory_keyring.entries.items()})
    )
    # Monday 16:30 UTC: every 48-hour reminder of Wednesday is due; nothing is planned yet,
    # so the two processes also race to plan.
    instant = utc(2026, 3, 16, 16, 30)
    runs = [_runner(clinic, tmp_path, name, instant, 2) for name in ("a", "b")]
    reports = []
    for run in runs:
        out, err = run.communicate(timeout=240)
        assert run.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))

    sent = [r["sent"].get("email", 0) for r in reports]
    assert sum(sent) == total, reports
    assert all(n > 0 for n in sent), reports  # both really ran at once
    ids = smtp.box.message_ids()
    assert len(ids) == total
    assert len(set(ids)) == total
    rows = outbox_rows(clinic.context)
    assert len(rows) == total
    assert {r.status for r in rows} == {OutboxStatus.SENT}
    with clinic.context.database.session() as session:
        targets = session.scalars(
            select(AuditRecord.target_id).where(AuditRecord.action == "reminder.sent")
        ).all()
    assert sorted(targets) == sorted(r.id for r in rows)


def test_of_two_claims_on_one_row_exactly_one_wins(clinic, clock):
    configure(clinic)
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    patient = add_patient(clinic, "Greta", "Sonnenschein", email="greta@patient.example")
    book(clinic, datetime(2026, 3, 18, 14, 30, tzinfo=BERLIN), patient)
    database = clinic.context.database
    moment = int(utc(2026, 3, 16, 13, 31).timestamp())
    with database.session_factory.begin() as session:
        settings = read_settings(session)
        assert plan_reminders(session, settings, BERLIN, moment - 3600 * 4) == 1
    [row] = outbox_rows(clinic.context)
    wins = []
    for token in ("first", "second"):
        with database.session_factory.begin() as session:
            wins.append(claim_one(session, row.id, token, moment))
    assert wins == [True, False]
    assert outbox_rows(clinic.context)[0].claim_token == "first"


def test_on_postgresql_the_claim_skips_rows_another_instance_locked():
    from sqlalchemy.dialects import postgresql

    from cicini_desktop.services.reminders.outbox import locked_due_statement

    sql = str(
        locked_due_statement(1000, [Channel.EMAIL, Channel.SMS], 10).compile(
            dialect=postgresql.dialect()
        )
    )
    assert sql.rstrip().endswith("FOR UPDATE SKIP LOCKED")
    assert "reminder_outbox.status" in sql
    assert "appointment.version" in sql
