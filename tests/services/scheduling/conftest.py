"""A small clinic for the scheduling services: Europe/Berlin, Mon-Fri 08:00-18:00,
three providers on a 09:00-12:00 + 13:00-17:00 rota, two types, an ultrasound room.

The clock stands at Monday 2026-03-16 09:00 UTC (10:00 in Berlin).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.clinic import create_clinic, open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import availability, patients
from cicini_desktop.store.models import Staff
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring, moved_entries
from tests.pg_cluster import Cluster
from tests.pg_fixtures import server_config_for, use_server_config_file

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
ROTA = [(d, 540, 720) for d in range(5)] + [(d, 780, 1020) for d in range(5)]


def add_staff(context: ServiceContext, name: str, *, provider: bool) -> str:
    staff_id = new_id()
    with context.database.session_factory.begin() as session:
        session.add(
            Staff(
                id=staff_id,
                organization_id=context.organization_id,
                username=name.lower().replace(" ", ""),
                username_key=name.lower().replace(" ", ""),
                display_name=name,
                password_hash="not-a-real-hash",
                active=True,
                is_provider=provider,
                colour="#123456",
                must_change_password=False,
                failed_attempts=0,
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
    return staff_id


@dataclass
class Clinic:
    context: ServiceContext
    manager: Actor
    providers: list[str]
    consult: str  # 30 min, 5 min buffer after
    scan: str  # 20 min, needs an ultrasound room
    room: str
    patient: str
    other_patient: str

    def actor(self, *permissions: Permission, scope: frozenset[str] | None = None) -> Actor:
        return Actor(
            self.manager.staff_id, self.manager.organization_id, frozenset(permissions), scope
        )


def _build(context: ServiceContext) -> Clinic:
    assert context.organization_id is not None
    manager_id = add_staff(context, "Mira Manager", provider=False)
    manager = Actor(manager_id, context.organization_id, frozenset(Permission))
    providers = [add_staff(context, f"Dr Provider {i}", provider=True) for i in range(3)]
    availability.set_clinic_hours(context, manager, [(d, 480, 1080) for d in range(5)])
    for provider in providers:
        availability.set_rota(context, manager, provider, ROTA, effective_from=date(2026, 1, 1))
    consult, _ = availability.create_type(
        context,
        manager,
        availability.TypeInput(
            "Consultation", 30, "#3A7BD5", buffer_after_minutes=5, provider_ids=frozenset(providers)
        ),
    )
    scan, _ = availability.create_type(
        context,
        manager,
        availability.TypeInput(
            "Ultrasound", 20, "#D53A7B", room_kind="ultrasound", provider_ids=frozenset(providers)
        ),
    )
    room, _ = availability.create_room(context, manager, "Ultrasound 1", "ultrasound")
    patient, _ = patients.create_patient(
        context,
        manager,
        patients.PatientInput("Jürgen", "Müller", date(1980, 4, 12), phone="030 1234567"),
    )
    other, _ = patients.create_patient(
        context, manager, patients.PatientInput("Ada", "Lovelace", date(1990, 12, 10))
    )
    return Clinic(context, manager, providers, consult, scan, room, patient, other)


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Clinic]:
    """Build the clinic once; each test gets a copy of its files (a fresh clinic costs ~1 s)."""
    root = tmp_path_factory.mktemp("scheduling-template")
    backend = MemoryKeyring()
    config = load_config(data_dir_flag=str(root / "data"))
    new = create_clinic(
        config,
        organization_name="Test Clinic",
        timezone="Europe/Berlin",
        vault=KeyVault(backend=backend),
        clock=FixedClock(NOW),
    )
    built = _build(new.context)
    new.context.database.close()
    return root / "data", dict(backend.entries), built


@pytest.fixture(scope="session")
def _pg_clinic_template(pg_cluster: Cluster, pg_template: str) -> tuple[str, Clinic]:
    """The same clinic on the server, built once into a database the tests copy."""
    name = pg_cluster.new_database(pg_template)
    folder = Path(tempfile.mkdtemp(prefix="cicini-pg-clinic-"))
    vault = KeyVault(backend=MemoryKeyring())
    config = server_config_for(pg_cluster, name, folder, vault)
    new = create_clinic(
        config,
        organization_name="Test Clinic",
        timezone="Europe/Berlin",
        vault=vault,
        clock=FixedClock(NOW),
    )
    built = _build(new.context)
    new.context.database.close()
    return name, built


@pytest.fixture
def clinic(
    store_kind: str,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    clock: FixedClock,
    request: pytest.FixtureRequest,
) -> Iterator[Clinic]:
    if store_kind == "postgresql":
        yield from _server_clinic(request, tmp_path, memory_keyring, clock)
        return
    data, entries, built = request.getfixturevalue("_template")
    shutil.copytree(data, tmp_path / "data")
    memory_keyring.entries.update(
        moved_entries(entries, data / "cicini.db", tmp_path / "data" / "cicini.db")
    )
    config = load_config(data_dir_flag=str(tmp_path / "data"))
    context = open_clinic(config, KeyVault(backend=memory_keyring), clock)
    yield replace(built, context=context)
    context.database.close()


def _server_clinic(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    clock: FixedClock,
) -> Iterator[Clinic]:
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    template, built = request.getfixturevalue("_pg_clinic_template")
    name = cluster.new_database(template)
    vault = KeyVault(backend=memory_keyring)
    config = server_config_for(cluster, name, tmp_path / "data", vault)
    use_server_config_file(
        tmp_path / "server-config.toml", cluster, name, request.getfixturevalue("monkeypatch")
    )
    context = open_clinic(config, vault, clock)
    try:
        yield replace(built, context=context)
    finally:
        context.database.close()
        cluster.drop_database(name)
