"""`cicini server init | migrate-from | export` against a real PostgreSQL on loopback."""

from __future__ import annotations

import io
import secrets
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from cicini_desktop.cli import main
from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import maintenance, sessions
from cicini_desktop.services.audit_integrity import verify_trail
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.scheduling import appointments, availability, patients
from cicini_desktop.store.models import Appointment, Patient
from cicini_desktop.store.models.audit import AuditRecord
from cicini_desktop.store.vault import KeyVault
from tests.pg_cluster import OWNER
from tests.pg_fixtures import use_server_config_file
from tests.services.scheduling.conftest import add_staff

pytestmark = pytest.mark.server_only

MANAGER_PASSWORD = "a long and quiet river 42"
NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def empty_database(pg_cluster, store_kind):
    """An empty database owned by the owner role, as IT would create it."""
    del store_kind
    name = f"clinic_{secrets.token_hex(4)}"
    with pg_cluster.connect() as connection:
        connection.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    yield name
    pg_cluster.drop_database(name)


@pytest.fixture
def owner_dsn(pg_cluster, empty_database, monkeypatch):
    # The owner's password comes from libpq's environment, never from the command line.
    monkeypatch.setenv("PGPASSWORD", pg_cluster.owner_password)
    return f"postgresql://{OWNER}@127.0.0.1:{pg_cluster.port}/{empty_database}"


def _cli(monkeypatch, stdin: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def test_init_creates_schema_role_and_first_manager(
    owner_dsn, empty_database, pg_cluster, tmp_path, memory_keyring, monkeypatch, capsys
):
    role = f"desk_{secrets.token_hex(3)}"
    app_password = secrets.token_hex(16)
    code = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n{app_password}\n",
        "--data-dir", str(tmp_path / "desk"),
        "server", "init", "--dsn", owner_dsn, "--app-role", role,
        "--org-name", "Praxis am See", "--timezone", "Europe/Berlin",
        "--manager-username", "mira", "--manager-display-name", "Mira Manager",
        "--password-stdin",
    )  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f'user = "{role}"' in out.out
    assert app_password not in out.out + out.err
    # A desk with those settings and the password in its keystore signs the manager in.
    use_server_config_file(tmp_path / "desk.toml", pg_cluster, empty_database, monkeypatch)
    config = load_config(data_dir_flag=str(tmp_path / "desk")).with_values(server__user=role)
    context = open_clinic(config, KeyVault(backend=memory_keyring))
    try:
        session = sessions.sign_in(context, "mira", MANAGER_PASSWORD)
        assert session.actor.may(Permission.SETTINGS_MANAGE)
        assert verify_trail(context).ok
    finally:
        context.database.close()
    # Twice is refused in a sentence, nothing changed.
    again = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n{app_password}\n",
        "--data-dir", str(tmp_path / "desk"),
        "server", "init", "--dsn", owner_dsn, "--app-role", role,
        "--org-name", "Other", "--timezone", "Europe/Berlin",
        "--manager-username", "xavier", "--manager-display-name", "X", "--password-stdin",
    )  # fmt: skip
    assert again != 0
    assert "already holds a clinic" in capsys.readouterr().err


def _single_desk_clinic(tmp_path, memory_keyring):
    """A single-desk clinic in its encrypted file, with a patient and an appointment."""
    config = load_config(data_dir_flag=str(tmp_path / "single"))
    vault = KeyVault(backend=memory_keyring)
    maintenance.initialize_clinic(
        config,
        organization_name="Praxis am See",
        timezone="Europe/Berlin",
        manager_username="mira",
        manager_display_name="Mira Manager",
        password=MANAGER_PASSWORD,
        vault=vault,
        clock=FixedClock(NOW),
    )
    context = open_clinic(config, vault, FixedClock(NOW))
    try:
        actor = sessions.sign_in(context, "mira", MANAGER_PASSWORD).actor
        manager = add_staff(context, "Dr Provider", provider=True)
        availability.set_clinic_hours(context, actor, [(d, 480, 1080) for d in range(5)])
        availability.set_rota(
            context,
            actor,
            manager,
            [(d, 480, 1080) for d in range(5)],
            effective_from=date(2026, 1, 1),
        )
        type_id, _ = availability.create_type(
            context,
            actor,
            availability.TypeInput("Consult", 30, "#3A7BD5", provider_ids=frozenset({manager})),
        )
        patient, _ = patients.create_patient(
            context, actor, patients.PatientInput("Jürgen", "Müller", date(1980, 4, 12))
        )
        appointments.book_appointment(
            context,
            actor,
            appointments.BookingRequest(patient, manager, type_id, datetime(2026, 3, 17, 9, 0)),
        )
    finally:
        context.database.close()
    return config, vault


def test_migrate_from_sqlite_moves_every_row_and_continues_the_chain(
    owner_dsn, empty_database, pg_cluster, tmp_path, memory_keyring, monkeypatch, capsys
):
    config, vault = _single_desk_clinic(tmp_path, memory_keyring)
    source = open_clinic(config, vault)
    with source.database.session() as session:
        file_records = session.scalar(select(func.count()).select_from(AuditRecord))
    source.database.close()
    role = f"desk_{secrets.token_hex(3)}"
    code = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n{secrets.token_hex(16)}\n",
        "--data-dir", str(tmp_path / "single"),
        "server", "migrate-from", "--sqlite", "--dsn", owner_dsn, "--app-role", role,
        "--user", "mira", "--password-stdin",
    )  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "the row counts match" in out.out
    assert "Audit trail verified on the server" in out.out

    use_server_config_file(tmp_path / "desk.toml", pg_cluster, empty_database, monkeypatch)
    desk = load_config(data_dir_flag=str(tmp_path / "desk")).with_values(server__user=role)
    server = open_clinic(desk, vault)
    try:
        with server.database.session() as session:
            assert session.scalar(select(func.count()).select_from(Appointment)) == 1
            assert session.scalars(select(Patient.family_name)).all() == ["Müller"]
            # Every record of the file, plus the sign-ins and the move itself, in one chain.
            seqs = session.scalars(select(AuditRecord.seq).order_by(AuditRecord.seq)).all()
        assert len(seqs) > file_records
        assert seqs == list(range(1, len(seqs) + 1))
        report = verify_trail(server)
        assert report.ok, report.explanation
        # The server carries on the same chain: a new desk's record verifies after it.
        actor = sessions.sign_in(server, "mira", MANAGER_PASSWORD).actor
        assert [p.display_name for p in patients.search_patients(server, actor, "mül")] == [
            "Müller, Jürgen"
        ]
        assert verify_trail(server).ok
    finally:
        server.database.close()


def test_export_writes_an_encrypted_copy_that_opens_and_verifies(
    owner_dsn, empty_database, pg_cluster, tmp_path, memory_keyring, monkeypatch, capsys
):
    _, vault = _single_desk_clinic(tmp_path, memory_keyring)
    role = f"desk_{secrets.token_hex(3)}"
    moved = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n{secrets.token_hex(16)}\n",
        "--data-dir", str(tmp_path / "single"),
        "server", "migrate-from", "--sqlite", "--dsn", owner_dsn, "--app-role", role,
        "--user", "mira", "--password-stdin",
    )  # fmt: skip
    assert moved == 0
    capsys.readouterr()
    settings_file = use_server_config_file(
        tmp_path / "desk.toml", pg_cluster, empty_database, monkeypatch
    )
    settings_file.write_text(settings_file.read_text().replace("cicini_app", role))
    target = tmp_path / "copy" / "cicini.db"
    code = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n",
        "--data-dir", str(tmp_path / "desk"),
        "server", "export", "--to", str(target), "--user", "mira", "--password-stdin",
    )  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Recovery key of the copy" in out.out
    assert not target.read_bytes().startswith(b"SQLite format 3")  # encrypted
    monkeypatch.delenv("CICINI_CONFIG")
    copy = open_clinic(load_config(data_dir_flag=str(target.parent)), vault)
    try:
        with copy.database.session() as session:
            assert session.scalar(select(func.count()).select_from(Appointment)) == 1
        assert verify_trail(copy).ok
        actor = sessions.sign_in(copy, "mira", MANAGER_PASSWORD).actor
        assert [p.display_name for p in patients.search_patients(copy, actor, "mül")] == [
            "Müller, Jürgen"
        ]
    finally:
        copy.database.close()
    # IT may ask for the key in a file instead: then it is written there (0600), not shown.
    monkeypatch.setenv("CICINI_CONFIG", str(settings_file))
    key_file = tmp_path / "secure" / "copy-recovery-key.txt"
    again = _cli(
        monkeypatch,
        f"{MANAGER_PASSWORD}\n",
        "--data-dir", str(tmp_path / "desk"),
        "server", "export", "--to", str(tmp_path / "copy2" / "cicini.db"),
        "--recovery-key-file", str(key_file), "--user", "mira", "--password-stdin",
    )  # fmt: skip
    shown = capsys.readouterr()
    assert again == 0, shown.err
    assert key_file.stat().st_mode & 0o777 == 0o600
    written = key_file.read_text().strip()
    assert written
    assert written not in shown.out
    assert str(key_file) in shown.out
    # Each copy keeps its own key: the first one still opens from the keystore.
    monkeypatch.delenv("CICINI_CONFIG")
    for folder in (target.parent, tmp_path / "copy2"):
        opened = open_clinic(load_config(data_dir_flag=str(folder)), vault)
        try:
            assert verify_trail(opened).ok
        finally:
            opened.database.close()


def test_a_desk_never_migrates_the_server_it_says_so_and_server_migrate_does(
    owner_dsn, empty_database, pg_cluster, tmp_path, memory_keyring, monkeypatch, capsys
):
    from cicini_desktop.core.errors import MigrationError
    from cicini_desktop.store.migrations import HEAD_REVISION, upgrade
    from cicini_desktop.store.server import open_owner_database
    from cicini_desktop.store.server_roles import grant_application_role
    from tests.pg_cluster import APP
    from tests.pg_fixtures import server_config_for

    owner = open_owner_database(owner_dsn, tmp_path / "it")
    upgrade(owner, b"", "0009")  # a server left at the previous version
    grant_application_role(owner.engine, APP)
    owner.close()
    vault = KeyVault(backend=memory_keyring)
    desk = server_config_for(pg_cluster, empty_database, tmp_path / "desk", vault)
    with pytest.raises(MigrationError, match="cicini server migrate"):
        open_clinic(desk, vault)

    code = _cli(monkeypatch, "", "--data-dir", str(tmp_path / "it"), "server", "migrate",
                "--dsn", owner_dsn, "--app-role", APP)  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert f"revision {HEAD_REVISION}" in capsys.readouterr().out
    with pytest.raises(Exception, match="holds no clinic yet"):
        open_clinic(desk, vault)  # opens and migrates nothing: the schema is IT's, and current
