"""The three steps the app runs apart: database, network (another thread), database."""

from __future__ import annotations

import threading

from cicini_desktop.core.reminders.vocabulary import Channel, OutboxStatus
from cicini_desktop.services.reminders import runner
from tests.services.reminders.conftest import add_patient, add_rule, book, configure, smtp_settings
from tests.services.reminders.helpers import outbox_rows, utc
from tests.services.reminders.test_email_runner import WEDNESDAY_1430


def _due(clinic, smtp, clock, patients=1):
    configure(clinic, smtp=smtp_settings(smtp.port))
    add_rule(clinic, Channel.EMAIL, 2 * 24 * 60)
    for i in range(patients):
        patient = add_patient(clinic, f"Greta{i}", "Sonnenschein", email=f"g{i}@patient.example")
        book(clinic, WEDNESDAY_1430, patient, provider=i)
    runner.run_due_reminders(clinic.context)
    clock.set(utc(2026, 3, 16, 13, 31))


def test_the_network_step_runs_on_another_thread_without_the_database(clinic, smtp, clock):
    _due(clinic, smtp, clock)
    phase = runner.prepare(clinic.context, batch=runner.BACKGROUND_BATCH)
    assert phase is not None
    assert len(phase.claimed) == 1
    assert outbox_rows(clinic.context)[0].status == OutboxStatus.SENDING
    box: dict[str, runner.Results] = {}
    thread = threading.Thread(target=lambda: box.update(results=runner.transmit(phase)))
    thread.start()
    thread.join(10)
    report = runner.conclude(clinic.context, phase, box["results"])
    assert report.sent == {"email": 1}
    assert len(smtp.box.delivered) == 1
    assert outbox_rows(clinic.context)[0].status == OutboxStatus.SENT


def test_a_stopped_run_gives_its_claims_back_untried(clinic, smtp, clock):
    _due(clinic, smtp, clock, patients=2)
    phase = runner.prepare(clinic.context)
    assert phase is not None
    assert len(phase.claimed) == 2
    results = runner.transmit(phase, should_stop=lambda: True)  # the app is closing
    runner.conclude(clinic.context, phase, results)
    rows = outbox_rows(clinic.context)
    assert {r.status for r in rows} == {OutboxStatus.PENDING}
    assert {r.attempts for r in rows} == {0}
    assert not smtp.box.attempts
    assert runner.run_due_reminders(clinic.context).sent == {"email": 2}


def test_reminders_off_prepares_nothing(clinic):
    assert runner.prepare(clinic.context) is None
