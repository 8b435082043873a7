"""`doctor` on a desk of the clinic's PostgreSQL server: the connection instead of the file,
the file-only checks skipped as not applicable, the server's schema and the trail checked."""

from __future__ import annotations

import pytest

from cicini_desktop.config import Config
from cicini_desktop.services import audit_integrity, doctor
from cicini_desktop.services.clinic import NewClinic
from cicini_desktop.services.doctor import Status
from cicini_desktop.store.server import ServerSettings
from cicini_desktop.store.vault import KeyVault

pytestmark = pytest.mark.server_only


@pytest.fixture
def with_audit_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI registers the trail's check (cli/audit.py); the service test does the same.
    monkeypatch.setattr(doctor, "CHECKS", list(doctor.CHECKS))
    doctor.register_check("audit chain", audit_integrity.check_audit_chain)


@pytest.mark.usefixtures("with_audit_check")
def test_a_server_desk_is_healthy(new_clinic: NewClinic, config: Config, vault: KeyVault) -> None:
    del new_clinic
    results = {result.name: result for result in doctor.run_checks(config, vault)}
    settings = ServerSettings.from_config(config)
    assert results["database file"].status is Status.OK
    assert f"{settings.host}:{settings.port}" in results["database file"].detail
    for name in ("keystore", "key", "encryption integrity", "database integrity"):
        assert results[name].status is Status.SKIPPED, name
        assert "PostgreSQL server" in results[name].detail
    assert results["migrations"].status is Status.OK
    assert results["sync"].status is Status.OK
    assert results["audit chain"].status is Status.OK
    assert not [r for r in results.values() if r.status is Status.FAILED]


def test_a_wrong_desks_password_fails_in_a_sentence(
    new_clinic: NewClinic, config: Config, vault: KeyVault
) -> None:
    del new_clinic
    vault.set_server_password(ServerSettings.from_config(config).account, "not-the-password")
    results = {result.name: result for result in doctor.run_checks(config, vault)}
    failed = results["database file"]
    assert failed.status is Status.FAILED
    assert failed.exit_code
    assert "not-the-password" not in failed.detail
    assert "Traceback" not in failed.detail
    assert results["migrations"].status is Status.SKIPPED
