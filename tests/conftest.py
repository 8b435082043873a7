"""Shared fixtures: real SQLCipher files in tmp_path, an in-process keyring, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest

from cicini_desktop.config import Config, load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.services.clinic import NewClinic, create_clinic
from cicini_desktop.services.context import ENV_CHECK_DATABASE_THREAD, ServiceContext
from cicini_desktop.services.worker import DatabaseWorker
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The whole suite runs with the database-thread check on (services/context.py): once a
# worker is attached, a session opened on any other thread raises WrongThreadError.
# Subprocesses (the CLI, the application) inherit it.
os.environ[ENV_CHECK_DATABASE_THREAD] = "1"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the developer's real config or keyring, or writes their folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(home / "no-machine-config.toml"))
    monkeypatch.delenv("CICINI_CONFIG", raising=False)
    monkeypatch.delenv("CICINI_DATA_DIR", raising=False)
    monkeypatch.setenv("CICINI_LANGUAGE", "en")  # never the developer's desktop language


@pytest.fixture
def store_kind() -> str:
    """Which store a clinic fixture builds on: the encrypted file, unless a suite
    parametrises it (tests/services/conftest.py runs the services on both)."""
    return "sqlite"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def vault(memory_keyring: MemoryKeyring) -> KeyVault:
    return KeyVault(backend=memory_keyring)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return load_config(data_dir_flag=str(tmp_path / "data"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 16, 9, 0, tzinfo=UTC))


@pytest.fixture
def new_clinic(config: Config, vault: KeyVault, clock: FixedClock) -> Iterator[NewClinic]:
    clinic = create_clinic(
        config, organization_name="Test Clinic", timezone="Europe/Berlin", vault=vault, clock=clock
    )
    yield clinic
    clinic.context.database.close()


@pytest.fixture
def context(new_clinic: NewClinic) -> ServiceContext:
    return new_clinic.context


@pytest.fixture
def worker(context: ServiceContext) -> Iterator[DatabaseWorker]:
    """The database worker, attached to `context`: from here on, touch the database through
    `context.worker.call(...)` (or before requesting this fixture)."""
    database_worker = DatabaseWorker()
    context.attach_worker(database_worker)
    yield database_worker
    context.detach_worker()
    database_worker.shutdown()


@pytest.fixture
def hub(worker: DatabaseWorker, qapp: object) -> Iterator[object]:
    from cicini_desktop.gui.operations import OperationHub

    operation_hub = OperationHub(worker)
    yield operation_hub
    operation_hub.shutdown()


pytest_plugins = ["tests.pg_fixtures"]
