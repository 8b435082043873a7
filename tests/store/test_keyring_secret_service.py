"""The key vault against a real Secret Service (gnome-keyring over D-Bus).

Run with `.ci/keyring-tests.sh` (a private D-Bus session with an unlocked gnome-keyring).
Anywhere else these tests skip, saying why: they run only with CICINI_REQUIRE_SECRET_SERVICE=1
(the script sets it), and then a missing Secret Service is a failure, not a skip.
"""

from __future__ import annotations

import os

import keyring.backend
import pytest

from cicini_desktop.config import Config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.errors import KeyMissingError
from cicini_desktop.core.ids import new_id
from cicini_desktop.services.clinic import create_clinic, open_clinic
from cicini_desktop.store.keys import new_key
from cicini_desktop.store.vault import SERVICE, KeyVault, Secret

pytestmark = pytest.mark.keyring_integration


def _unavailable(reason: str) -> None:
    if os.environ.get("CICINI_REQUIRE_SECRET_SERVICE") == "1":
        pytest.fail(f"a Secret Service was required but {reason}")
    pytest.skip(f"no usable Secret Service ({reason}); run .ci/keyring-tests.sh")


@pytest.fixture
def secret_service() -> keyring.backend.KeyringBackend:
    if os.environ.get("CICINI_REQUIRE_SECRET_SERVICE") != "1":
        # Never write to a developer's own desktop keyring by accident.
        pytest.skip("talks to a real Secret Service; run .ci/keyring-tests.sh")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        _unavailable("DBUS_SESSION_BUS_ADDRESS is unset")
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()
        _ = SecretService.Keyring.priority  # raises when the service cannot be used
        probe = f"probe-{new_id()}"
        backend.set_password(SERVICE, probe, "probe")
        assert backend.get_password(SERVICE, probe) == "probe"
        backend.delete_password(SERVICE, probe)
    except Exception as error:
        _unavailable(f"{type(error).__name__}: {error}")
    return backend


def test_a_database_key_round_trips_and_deleting_it_is_key_missing(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    vault = KeyVault(backend=secret_service)
    database_id = new_id()
    key = new_key()
    vault.store_key(database_id, key)
    try:
        # A second vault (as a second process would) reads the same entry.
        assert KeyVault(backend=secret_service).load_key(database_id) == key
        assert secret_service.get_password(SERVICE, database_id) == key.hex()
        vault.set_secret(database_id, Secret.SYNC_TOKEN, "token-value")
        assert vault.get_secret(database_id, Secret.SYNC_TOKEN) == "token-value"
    finally:
        vault.forget_key(database_id)
        vault.delete_secret(database_id, Secret.SYNC_TOKEN)
    with pytest.raises(KeyMissingError, match="recovery key"):
        vault.load_key(database_id)
    vault.forget_key(database_id)  # forgetting twice is harmless


def test_a_real_database_opens_with_the_key_from_the_secret_service(
    secret_service: keyring.backend.KeyringBackend, config: Config, clock: FixedClock
) -> None:
    vault = KeyVault(backend=secret_service)
    clinic = create_clinic(
        config,
        organization_name="Keyring Clinic",
        timezone="Europe/Berlin",
        vault=vault,
        clock=clock,
    )
    database_id = clinic.context.database.database_id
    clinic.context.database.close()
    try:
        context = open_clinic(config, KeyVault(backend=secret_service), clock)
        try:
            assert context.organization_id == clinic.context.organization_id
        finally:
            context.database.close()
        vault.forget_key(database_id)
        with pytest.raises(KeyMissingError):
            open_clinic(config, KeyVault(backend=secret_service), clock)
    finally:
        vault.forget_key(database_id)
        for secret in Secret:
            vault.delete_secret(database_id, secret)
