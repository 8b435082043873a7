"""`doctor` as a service: pluggable checks, one broken check never hides the others."""

from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

from cicini_desktop.config import Config
from cicini_desktop.services import doctor
from cicini_desktop.services.clinic import NewClinic
from cicini_desktop.services.doctor import DoctorRun, Status
from cicini_desktop.store.vault import KeyVault

pytestmark = pytest.mark.sqlite_only  # cicini doctor checks the encrypted file

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def own_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "CHECKS", list(doctor.CHECKS))


@pytest.mark.usefixtures("own_checks")
def test_registered_checks_get_an_open_context_and_failures_are_contained(
    new_clinic: NewClinic, config: Config, vault: KeyVault
) -> None:
    seen: list[str | None] = []

    def extra(run: DoctorRun) -> str:
        seen.append(run.require_context().organization_id)
        return "fine"

    def broken(run: DoctorRun) -> str:
        raise RuntimeError("boom")

    doctor.register_check("extra", extra)
    doctor.register_check("broken", broken)
    results = {result.name: result for result in doctor.run_checks(config, vault)}
    assert results["extra"].status is Status.OK
    assert seen == [new_clinic.context.organization_id]
    assert results["broken"].status is Status.FAILED
    assert "RuntimeError" in results["broken"].detail
    assert "boom" not in results["broken"].detail
    assert results["free disk"].status is Status.OK


@pytest.mark.usefixtures("own_checks")
def test_a_later_check_is_skipped_when_its_prerequisite_failed(
    new_clinic: NewClinic, config: Config, vault: KeyVault, memory_keyring
) -> None:
    doctor.register_check("extra", lambda run: run.require_context() and "fine")
    memory_keyring.entries.clear()
    results = {result.name: result for result in doctor.run_checks(config, vault)}
    assert results["keystore"].status is Status.FAILED
    assert results["key"].status is Status.SKIPPED
    assert results["extra"].status is Status.SKIPPED
    assert not doctor.healthy(list(results.values()))


def test_low_disk_space_fails_with_a_sentence(
    new_clinic: NewClinic, config: Config, vault: KeyVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10**9, 10**9, 5 * 1024**2))
    results = {result.name: result for result in doctor.run_checks(config, vault)}
    assert results["free disk"].status is Status.FAILED
    assert "Only 5 MB are free" in results["free disk"].detail
