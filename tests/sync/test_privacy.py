"""Privacy of every payload: documented keys, vocabulary names, integers, no personal data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.usage_document import DAY_KEYS, DOCUMENT_KEYS
from cicini_desktop.services import usage
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.scheduling.patients import PatientInput, create_patient
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import create_first_manager
from cicini_desktop.sync.client import enroll, sync_now
from tests.sync.conftest import CODE, FAST, SHORT, count, no_sleep, point_at

PERSONAL = [
    "Praxis Dr. Sommer",
    "Greta Sommer",
    "greta@praxis-sommer.example",
    "+49 30 1234567",
    "Jonas Müller",
    "jonas.mueller@example.org",
    "+4917612345678",
    "allergic to penicillin",
    "gsommer",
]


@pytest.fixture
def personal_clinic(tmp_path: Path, vault):
    from cicini_desktop.config import load_config

    config = load_config(data_dir_flag=str(tmp_path / "personal"))
    clinic = create_clinic(
        config,
        organization_name=PERSONAL[0],
        timezone="Europe/Berlin",
        vault=vault,
        clock=FixedClock(datetime(2026, 3, 16, 9, 0, tzinfo=UTC)),
        contact_name=PERSONAL[1],
        contact_email=PERSONAL[2],
        contact_phone=PERSONAL[3],
    )
    yield clinic.context
    clinic.context.database.close()


def assert_clean(raw: bytes) -> None:
    text = raw.decode("ascii")
    for value in PERSONAL:
        assert value.lower() not in text.lower()
    document = json.loads(raw)
    assert set(document) == DOCUMENT_KEYS
    for day in document["days"]:
        assert set(day) == DAY_KEYS
        for name, value in day["counters"].items():
            assert name in {c.value for c in Counter}
            assert type(value) is int


def test_payloads_carry_no_personal_data(personal_clinic, collector) -> None:
    context = personal_clinic
    create_first_manager(
        context, username=PERSONAL[8], display_name=PERSONAL[1], password="a long passphrase 42!"
    )
    actor = sign_in(context, PERSONAL[8], "a long passphrase 42!").actor
    create_patient(
        context,
        actor,
        PatientInput(
            given_name="Jonas",
            family_name="Müller",
            phone=PERSONAL[6],
            email=PERSONAL[5],
            note=PERSONAL[7],
        ),
    )
    point_at(context, collector.url)
    enroll(context, collector.url, CODE, SHORT)
    preview = usage.next_document(context)
    assert preview is not None
    assert_clean(preview)
    sync_now(context, policy=FAST, timeouts=SHORT, sleep=no_sleep)
    assert collector.collector.requests
    for document in collector.collector.requests:
        assert_clean(json.dumps(document).encode("ascii"))
    assert_clean(usage.sync_status(context).last_document.encode("ascii"))


def test_a_days_document_stays_under_4_kb(context) -> None:
    for counter in Counter:
        count(context, counter, 2**31 - 2)  # every counter, the largest totals
    document = usage.next_document(context)
    assert document is not None
    assert len(json.loads(document)["days"]) == 1
    assert len(document) < 4096
