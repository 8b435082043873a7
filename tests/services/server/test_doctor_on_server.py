"""`cicini doctor` on a desk whose store is the clinic's PostgreSQL server (a real cluster
on loopback): the server's own checks instead of the file's, the audit chain verified on the
server, and a sentence (not a traceback, not the password) when the desk cannot get in."""

from __future__ import annotations

import pytest

from cicini_desktop.cli import main
from cicini_desktop.config import Config
from cicini_desktop.services import audit_integrity, doctor
from cicini_desktop.services.clinic import NewClinic
from cicini_desktop.services.doctor import Status
from cicini_desktop.store.server import ServerSettings
from cicini_desktop.store.vault import KeyVault

pytestmark = pytest.mark.server_only


@pytest.fixture
def own_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "CHECKS", list(doctor.CHECKS))
    doctor.register_check("audit chain", audit_integrity.check_audit_chain)


@pytest.mark.usefixtures("own_checks")
def test_a_healthy_desk_on_the_server(
    new_clinic: NewClinic, config: Config, vault: KeyVault
) -> None:
    results = {r.name: r for r in doctor.run_checks(config, vault)}
    assert list(results) == [
        "configuration",
        "clinic server",
        "migrations",
        "free disk",
        "sync",
        "audit chain",
    ]
    assert doctor.healthy(list(results.values())), results
    assert "127.0.0.1" in results["clinic server"].detail
    assert "on loopback" in results["clinic server"].detail
    assert "chain intact" in results["audit chain"].detail


@pytest.mark.usefixtures("own_checks")
def test_a_desk_without_its_password_is_told_what_to_do(
    new_clinic: NewClinic, config: Config, vault: KeyVault
) -> None:
    vault.forget_server_password(ServerSettings.from_config(config).account)
    results = {r.name: r for r in doctor.run_checks(config, vault)}
    assert results["clinic server"].status is Status.FAILED
    assert "cicini server password" in results["clinic server"].detail
    assert results["migrations"].status is Status.SKIPPED
    assert results["audit chain"].status is Status.SKIPPED


@pytest.mark.usefixtures("own_checks")
def test_a_wrong_password_fails_the_server_check_without_showing_it(
    new_clinic: NewClinic, config: Config, vault: KeyVault, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ServerSettings.from_config(config).account
    vault.set_server_password(account, "not-the-password-9f3e1c")
    code = main(["doctor"])
    out = capsys.readouterr()
    assert code != 0
    assert "[FAIL] clinic server" in out.out
    assert "refused the sign-in" in out.out
    assert "not-the-password-9f3e1c" not in out.out + out.err
    assert "Traceback" not in out.err
