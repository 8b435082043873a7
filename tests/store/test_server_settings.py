"""The clinic server's connection rules, without a server: TLS verify-full off loopback,
no password in a DSN, SQLite's placeholders rewritten outside quoted text only."""

from __future__ import annotations

import pytest

from cicini_desktop.config import load_config
from cicini_desktop.core.errors import ConfigError
from cicini_desktop.store import client_cert
from cicini_desktop.store.client_cert import ClientCertificate
from cicini_desktop.store.server import (
    ServerSettings,
    connect_raw,
    owner_settings,
    qmark_to_format,
)


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


def _certificate() -> ClientCertificate:
    import trustme

    leaf = trustme.CA().issue_cert("desk.example", common_name="cicini_app")
    return ClientCertificate(leaf.cert_chain_pems[0].bytes(), leaf.private_key_pem.bytes())


def test_a_client_certificate_needs_tls_even_on_loopback_and_sends_no_password():
    certificate = _certificate()
    loopback = ServerSettings("127.0.0.1", auth="certificate")
    assert loopback.connect_arguments(certificate)["sslmode"] == "require"
    assert "password" not in loopback.connect_arguments(certificate)
    with_ca = ServerSettings("127.0.0.1", auth="certificate", ca_file="/etc/cicini/ca.pem")
    assert with_ca.connect_arguments(certificate)["sslmode"] == "verify-full"
    remote = ServerSettings("db.clinic.example", auth="certificate")
    assert remote.connect_arguments(certificate)["sslmode"] == "verify-full"
    assert remote.certificate_account.startswith(remote.account)
    assert remote.certificate_account != remote.account
    # Its repr (a traceback's locals, a log line) never shows the key.
    assert "PRIVATE" not in repr(certificate)
    assert ClientCertificate.from_secret(certificate.to_secret()) == certificate
    assert ClientCertificate.from_secret("not ours") is None


def test_without_memfd_a_certificate_is_refused_with_a_sentence(monkeypatch):
    """Windows and macOS: no in-memory file for libpq, and never a key file on disk."""
    monkeypatch.delattr(client_cert.os, "memfd_create", raising=False)
    settings = ServerSettings("127.0.0.1", port=1, auth="certificate")
    with pytest.raises(ConfigError) as raised:
        connect_raw(settings, _certificate())
    assert raised.value.user_message == client_cert.NOT_ON_THIS_SYSTEM


def test_the_auth_setting_takes_password_or_certificate(tmp_path):
    config = load_config(data_dir_flag=str(tmp_path)).with_values(
        store="postgresql", server__host="db.clinic.example"
    )
    assert ServerSettings.from_config(config).auth == "password"
    chosen = config.with_values(server__auth="certificate")
    assert ServerSettings.from_config(chosen).uses_certificate
    wrong = tmp_path / "desk.toml"
    wrong.write_text('store = "postgresql"\n[server]\nhost = "db"\nauth = "kerberos"\n')
    with pytest.raises(ConfigError, match=r"server\.auth"):
        load_config(data_dir_flag=str(tmp_path), env={"CICINI_CONFIG": str(wrong)})
