"""Restores cannot hurt production: a drill elsewhere shares nothing that is written, a
restore never replaces another live database's key entry, a bad file is refused before
anything moves, a lost manifest is rebuilt from the recovery key, and erasures made after a
backup are made again when it is restored."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cicini_desktop.config import Config, load_config
from cicini_desktop.core.errors import BackupError, PermissionDeniedError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import privacy
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.services.clinic import NewClinic, open_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.maintenance import (
    make_backup,
    recover_access,
    restore_backup,
    rotate_key,
)
from cicini_desktop.store.audit_head import head_path
from cicini_desktop.store.manifest import Manifest, manifest_path
from cicini_desktop.store.models import Patient
from cicini_desktop.store.vault import KeyVault

pytestmark = pytest.mark.sqlite_only  # restoring the encrypted file


@pytest.fixture
def production(new_clinic: NewClinic) -> NewClinic:
    new_clinic.context.database.close()
    return new_clinic


def _verifies(config: Config, vault: KeyVault) -> bool:
    context = open_clinic(config, vault)
    try:
        report = verify_trail(context)
        return report.ok
    finally:
        context.database.close()


def _drill(tmp_path: Path) -> Config:
    return load_config(data_dir_flag=str(tmp_path / "drill"))


def test_a_drill_in_another_folder_never_touches_production(
    production, config, vault, tmp_path
) -> None:
    backup = make_backup(config, tmp_path / "b.db", vault)
    head_before = head_path(config.database_path).read_bytes()
    entries_before = dict(vault.backend.entries)  # type: ignore[attr-defined]
    drill = _drill(tmp_path)
    restore_backup(drill, backup, vault)
    assert _verifies(drill, vault)
    assert head_path(config.database_path).read_bytes() == head_before
    # production's entries are exactly as they were (the drill only added its own head key)
    after = vault.backend.entries  # type: ignore[attr-defined]
    assert {k: after[k] for k in entries_before} == entries_before
    assert _verifies(config, vault)
    # the drill keeps working, production still verifies
    context = open_clinic(drill, vault)
    context.database.close()
    assert _verifies(config, vault)


def test_an_old_backup_restored_elsewhere_after_a_rekey_leaves_production_openable(
    production, config, vault, tmp_path
) -> None:
    old = make_backup(config, tmp_path / "old.db", vault)
    old_recovery_key = production.recovery_key
    rotate_key(config, vault)
    database_id = production.context.database.database_id
    current = vault.load_key(database_id)
    drill = _drill(tmp_path)
    restore_backup(drill, old, vault, backup_recovery_key=old_recovery_key)
    assert vault.load_key(database_id) == current  # never overwritten
    assert _verifies(config, vault)  # production opens and verifies
    assert _verifies(drill, vault)  # the drill was re-keyed to the stored key


@pytest.mark.parametrize("damage", ["empty", "cut", "random", "foreign"])
def test_a_bad_file_is_refused_before_anything_moves(
    production, config, vault, tmp_path, damage
) -> None:
    good = make_backup(config, tmp_path / "good.db", vault)
    bad = tmp_path / f"{damage}.db"
    if damage == "empty":
        bad.write_bytes(b"")
    elif damage == "cut":
        bad.write_bytes(good.read_bytes()[:4096 * 2])
    elif damage == "random":
        bad.write_bytes(bytes(range(256)) * 64)
    else:
        bad.write_bytes(good.read_bytes())
        Manifest(new_id(), Manifest.read(good).key_check).write(bad)
    if damage != "foreign":
        manifest_path(bad).write_text(manifest_path(good).read_text())
    before = config.database_path.stat().st_ino
    with pytest.raises(BackupError):
        restore_backup(config, bad, vault)
    assert config.database_path.stat().st_ino == before
    assert not list(config.data_dir.glob("cicini.replaced-*"))
    assert not list(config.data_dir.glob("*.restoring"))


def test_restoring_needs_the_permission(production, config, vault, tmp_path) -> None:
    backup = make_backup(config, tmp_path / "b.db", vault)
    organization = production.context.organization_id or ""
    manager = Actor(new_id(), organization, frozenset(Permission) - {Permission.BACKUP_MANAGE})
    with pytest.raises(PermissionDeniedError):
        restore_backup(config, backup, vault, actor=manager)
    with pytest.raises(PermissionDeniedError):
        rotate_key(config, vault, actor=manager)


@pytest.mark.parametrize("damage", ["missing", "garbage", "other id"])
def test_recover_rebuilds_a_lost_or_damaged_manifest(
    production, config, vault, memory_keyring, damage
) -> None:
    database_id = production.context.database.database_id
    manifest = manifest_path(config.database_path)
    if damage == "missing":
        manifest.unlink()
    elif damage == "garbage":
        manifest.write_text("{not json")
    else:
        Manifest(new_id(), Manifest.read(config.database_path).key_check).write(
            config.database_path
        )
    recover_access(config, production.recovery_key, vault)
    assert Manifest.read(config.database_path).database_id == database_id
    assert _verifies(config, vault)  # same id, same folder: the head key is found again


def _add_patient(config: Config, vault: KeyVault) -> str:
    context = open_clinic(config, vault)
    patient_id = new_id()
    moment = datetime(2026, 1, 5, tzinfo=UTC)
    try:
        with context.database.session_factory.begin() as session:
            session.add(
                Patient(
                    id=patient_id,
                    given_name="Quintessa",
                    family_name="Vandermolen",
                    dob=date(1977, 7, 7),
                    reminder="none",
                    restricted=False,
                    created_at=moment,
                    updated_at=moment,
                )
            )
    finally:
        context.database.close()
    return patient_id


def test_a_restore_older_than_an_erasure_erases_again_and_says_so(
    production, config, vault, tmp_path
) -> None:
    patient_id = _add_patient(config, vault)
    backup = make_backup(config, tmp_path / "before-erasure.db", vault)
    context = open_clinic(config, vault)
    try:
        system = Actor.system(context.organization_id or "")
        privacy.erase_patient(context, system, patient_id)
    finally:
        context.database.close()
    heard: list[int] = []
    restore_backup(config, backup, vault, on_reerased=heard.append)
    assert heard == [1]
    context = open_clinic(config, vault)
    try:
        with context.database.session() as session:
            patient = session.get(Patient, patient_id)
            # gone (no appointments to keep) or anonymised: never back with a name
            assert patient is None or patient.given_name != "Quintessa"
            names = session.query(Patient.given_name).all()
            assert ("Quintessa",) not in names
        assert verify_trail(context).ok
    finally:
        context.database.close()
    tombstones = config.database_path.with_name("cicini.db.erasures").read_text()
    assert "Quintessa" not in tombstones
    assert patient_id in tombstones
