"""The clinic server's connection rules, without a server: TLS verify-full off loopback,
no password in a DSN, SQLite's placeholders rewritten outside quoted text only."""

from __future__ import annotations

import pytest

from cicini_desktop.config import load_config
from cicini_desktop.core.errors import ConfigError
from cicini_desktop.store.server import ServerSettings, owner_settings, qmark_to_format


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.8.9.10", "/run/pg"])
def test_loopback_may_go_without_tls(host):
    arguments = ServerSettings(host).connect_arguments("pw")
    assert arguments["sslmode"] == "prefer"


@pytest.mark.parametrize("host", ["db.clinic.example", "192.0.2.10", "2001:db8::5", "10.0.0.1"])
def test_any_other_host_needs_verify_full(host):
    arguments = ServerSettings(host, ca_file="/etc/cicini/ca.pem").connect_arguments("pw")
    assert arguments["sslmode"] == "verify-full"
    assert arguments["sslrootcert"] == "/etc/cicini/ca.pem"
    assert ServerSettings(host).connect_arguments(None)["sslrootcert"] == "system"
    assert "password" not in ServerSettings(host).connect_arguments(None)


def test_the_settings_come_from_the_configuration_and_name_a_keystore_account(tmp_path):
    config = load_config(data_dir_flag=str(tmp_path)).with_values(
        store="postgresql", server__host="db.clinic.example", server__database="praxis"
    )
    settings = ServerSettings.from_config(config)
    assert settings.account == "server:cicini_app@db.clinic.example:5432/praxis"
    assert "db.clinic" not in settings.tag  # a folder name that names no host
    with pytest.raises(ConfigError, match=r"server\.host"):
        ServerSettings.from_config(config.with_values(server__host=""))


def test_an_owner_dsn_gets_verify_full_and_never_carries_a_password():
    parameters, settings = owner_settings("postgresql://cicini_owner@db.clinic.example/cicini")
    assert parameters["sslmode"] == "verify-full"
    assert (settings.user, settings.database) == ("cicini_owner", "cicini")
    parameters, _ = owner_settings("postgresql://cicini_owner@127.0.0.1:5433/cicini")
    assert "sslmode" not in parameters
    with pytest.raises(ConfigError, match="Leave the password out"):
        owner_settings("postgresql://cicini_owner:secret@db.clinic.example/cicini")
    with pytest.raises(ConfigError, match="not a PostgreSQL connection string"):
        owner_settings("nonsense")
    with pytest.raises(ConfigError, match="must be a number"):
        owner_settings("host=db.clinic.example port=abc")


def test_placeholders_are_rewritten_outside_quoted_text_only():
    assert qmark_to_format("SELECT ? WHERE a = '?' AND b LIKE 'x%'") == (
        "SELECT %s WHERE a = '?' AND b LIKE 'x%%'"
    )
    assert qmark_to_format("a = ? AND c = 'it''s ?' OR d % 2 = ?") == (
        "a = %s AND c = 'it''s ?' OR d %% 2 = %s"
    )
