"""The key vault: a lost or locked keystore stops with a sentence and never harms the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cicini_desktop.config import Config
from cicini_desktop.core.errors import (
    ConfigError,
    DatabaseExistsError,
    KeyMissingError,
    KeystoreUnavailableError,
    WrongKeyError,
)
from cicini_desktop.services.clinic import NewClinic, create_clinic, open_clinic
from cicini_desktop.services.maintenance import recover_access
from cicini_desktop.store.keys import format_recovery_key, new_key
from cicini_desktop.store.vault import SERVICE, KeyVault, read_key_file, write_key_file
from tests.keyring_memory import MemoryKeyring
from tests.store.conftest import file_digest


@pytest.fixture
def closed_clinic(new_clinic: NewClinic) -> NewClinic:
    new_clinic.context.database.close()
    return new_clinic


def test_the_key_lives_under_the_service_with_the_database_uuid(
    closed_clinic: NewClinic, memory_keyring: MemoryKeyring
) -> None:
    database_id = closed_clinic.context.database.database_id
    stored = memory_keyring.entries[(SERVICE, database_id)]
    assert len(bytes.fromhex(stored)) == 32


def test_keystore_unavailable_is_a_clear_error_and_the_file_is_untouched(
    closed_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    before = file_digest(config.database_path)
    memory_keyring.unavailable = True
    with pytest.raises(KeystoreUnavailableError, match="keystore cannot be reached"):
        open_clinic(config, vault)
    with pytest.raises(DatabaseExistsError):
        create_clinic(config, organization_name="Other", timezone="UTC", vault=vault)
    assert file_digest(config.database_path) == before


def test_a_deleted_entry_is_a_clear_error_and_recover_restores_access(
    closed_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    before = file_digest(config.database_path)
    memory_keyring.entries.clear()
    with pytest.raises(KeyMissingError, match="recovery key"):
        open_clinic(config, vault)
    # A missing key is never read as "first run": no new database over the old one.
    with pytest.raises(DatabaseExistsError):
        create_clinic(config, organization_name="Other", timezone="UTC", vault=vault)
    assert file_digest(config.database_path) == before
    assert not memory_keyring.entries

    recover_access(config, closed_clinic.recovery_key, vault)
    reopened = open_clinic(config, vault)
    try:
        assert reopened.organization_id == closed_clinic.context.organization_id
    finally:
        reopened.database.close()


def test_recover_refuses_a_recovery_key_of_another_database(
    closed_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.entries.clear()
    with pytest.raises(WrongKeyError, match="does not open this clinic's database"):
        recover_access(config, format_recovery_key(new_key()), vault)
    assert not memory_keyring.entries


def test_recover_with_the_keystore_locked_says_so(
    closed_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.unavailable = True
    with pytest.raises(KeystoreUnavailableError):
        recover_access(config, closed_clinic.recovery_key, vault)


def test_a_damaged_keystore_entry_asks_for_the_recovery_key(
    closed_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring: MemoryKeyring
) -> None:
    database_id = closed_clinic.context.database.database_id
    memory_keyring.entries[(SERVICE, database_id)] = "not hex"
    with pytest.raises(KeyMissingError, match="damaged"):
        open_clinic(config, vault)


def test_a_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.key"
    write_key_file(path, new_key())
    assert (path.stat().st_mode & 0o777) == 0o600
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        read_key_file(path)


def test_a_malformed_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.key"
    write_key_file(path, new_key())
    path.write_text("abc\n")
    with pytest.raises(ConfigError, match="64 hex"):
        read_key_file(path)


def test_a_missing_key_file_is_key_missing(tmp_path: Path) -> None:
    with pytest.raises(KeyMissingError, match="does not exist"):
        KeyVault(key_file=tmp_path / "absent.key").load_key("any")


def test_a_clinic_on_a_key_file_reopens_without_keyring(config: Config, tmp_path: Path) -> None:
    key_config = config.with_values(key_file=str(tmp_path / "kiosk.key"))
    vault = KeyVault(key_file=key_config.key_file)
    clinic = create_clinic(key_config, organization_name="Kiosk", timezone="UTC", vault=vault)
    clinic.context.database.close()
    context = open_clinic(key_config, KeyVault(key_file=key_config.key_file))
    context.database.close()


def test_a_key_file_provisioned_by_it_is_used_not_overwritten(
    config: Config, tmp_path: Path
) -> None:
    key_file = tmp_path / "kiosk.key"
    key = new_key()
    write_key_file(key_file, key)
    key_config = config.with_values(key_file=str(key_file))
    vault = KeyVault(key_file=key_file)
    clinic = create_clinic(key_config, organization_name="Kiosk", timezone="UTC", vault=vault)
    clinic.context.database.close()
    assert read_key_file(key_file) == key
    assert clinic.recovery_key == format_recovery_key(key)
