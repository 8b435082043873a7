"""A desk signs in to the clinic server with a client certificate instead of a password
(pg_hba `hostssl ... cert`), the certificate and its key kept in the keystore only.

A throw-away cluster of its own with TLS on: a CA, the server's certificate and the desks'
client certificates are made here (trustme, on `cryptography`); the pg_hba line is the IT
guide's, pointed at loopback. IT stores the pair with `cicini server client-cert`, deletes
the files, and the desk opens the clinic and books; libpq gets the pair as anonymous
in-memory files that are gone once it is connected, and no file holding the key is left
anywhere under the desk's folders or /tmp. A wrong, missing or expired certificate gives
its sentence, in the desk and in `cicini doctor`, with no key material anywhere.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
import trustme
from cryptography import x509
from sqlalchemy import text

from cicini_desktop.cli import main
from cicini_desktop.config import Config, load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.services.clinic import create_clinic, open_clinic
from cicini_desktop.services.live_refresh import ChangeListener
from cicini_desktop.services.scheduling import appointments
from cicini_desktop.store import server as server_module
from cicini_desktop.store.server import ServerUnavailableError
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring
from tests.pg_cluster import APP, Cluster
from tests.pg_fixtures import migrated_template, started_cluster_or_skip
from tests.services.scheduling import conftest as scheduling

pytestmark = pytest.mark.server_only

GUIDE = Path(__file__).resolve().parents[3] / "packaging" / "README.md"
NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def _guide_hba_line() -> str:
    """The guide's `hostssl ... cert` line for the desks' role, pointed at loopback."""
    found = re.findall(r"`(hostssl +\S+ +\S+ +\S+ +cert)`", GUIDE.read_text(encoding="utf-8"))
    assert found, "the IT guide shows no `hostssl ... cert` line for the desks' role"
    _, database, role, _, method = found[0].split()
    assert role == APP
    assert database == "cicini"
    return f"hostssl all {role} 127.0.0.1/32 {method}"


def _own(path: Path, cluster: Cluster) -> None:
    if cluster.run_as is not None:
        import pwd

        user = pwd.getpwnam(cluster.run_as)
        os.chown(path, user.pw_uid, user.pw_gid)


@pytest.fixture(scope="module")
def tls() -> Iterator[tuple[Cluster, trustme.CA, str]]:
    """A cluster with TLS on, trusting `ca` for client certificates; the desks' role may
    sign in only with one (the guide's line first in pg_hba.conf); a migrated database."""
    cluster = started_cluster_or_skip()
    try:
        ca = trustme.CA()
        folder = cluster.root / "tls"
        folder.mkdir(mode=0o700)
        _own(folder, cluster)
        leaf = ca.issue_cert("127.0.0.1", "localhost")
        leaf.private_key_pem.write_to_path(str(folder / "server.key"))
        leaf.cert_chain_pems[0].write_to_path(str(folder / "server.crt"))
        ca.cert_pem.write_to_path(str(folder / "ca.crt"))
        for name in ("server.key", "server.crt", "ca.crt"):
            (folder / name).chmod(0o600)
            _own(folder / name, cluster)
        hba = cluster.data / "pg_hba.conf"
        hba.write_text(_guide_hba_line() + "\n" + hba.read_text(encoding="utf-8"))
        with cluster.connect() as admin:
            for setting, value in (
                ("ssl_cert_file", folder / "server.crt"),
                ("ssl_key_file", folder / "server.key"),
                ("ssl_ca_file", folder / "ca.crt"),
            ):
                admin.execute(f"ALTER SYSTEM SET {setting} = '{value}'")
            admin.execute("ALTER SYSTEM SET ssl = on")
            admin.execute("SELECT pg_reload_conf()")
            for _ in range(100):
                with cluster.connect() as probe:
                    if probe.execute("SHOW ssl").fetchone()[0] == "on":
                        break
                time.sleep(0.05)
            problems = admin.execute(
                "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL"
            ).fetchone()[0]
            assert problems == 0
        database = migrated_template(cluster, "cicini_tls")
        ca_file = cluster.root / "desk-ca.crt"  # the desks' server.ca_file
        ca.cert_pem.write_to_path(str(ca_file))
        yield cluster, ca, database
    finally:
        cluster.stop()


@pytest.fixture
def desk(
    tls: tuple[Cluster, trustme.CA, str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Config]:
    """A desk's configuration file (CICINI_CONFIG) for certificate sign-in, TLS verify-full
    against the test CA; a fresh copy of the migrated database."""
    cluster, _, template = tls
    database = cluster.new_database(template)
    table = {
        "store": "postgresql",
        "server": {
            "host": "127.0.0.1",
            "port": cluster.port,
            "database": database,
            "user": APP,
            "auth": "certificate",
            "ca_file": str(cluster.root / "desk-ca.crt"),
        },
    }
    path = tmp_path / "desk.toml"
    path.write_text(tomli_w.dumps(table), encoding="utf-8")
    monkeypatch.setenv("CICINI_CONFIG", str(path))
    yield load_config()
    cluster.drop_database(database)


def _it_files(folder: Path, leaf: trustme.LeafCert) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = folder / "desk.crt", folder / "desk.key"
    leaf.cert_chain_pems[0].write_to_path(str(certificate))
    leaf.private_key_pem.write_to_path(str(key))
    key.chmod(0o600)
    return certificate, key


def _key_body(leaf: trustme.LeafCert) -> bytes:
    """A line of the key's base64 body: found in any file or text holding the key."""
    return leaf.private_key_pem.bytes().splitlines()[1]


def _import(certificate: Path, key: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["server", "client-cert", "--cert", str(certificate), "--key", str(key)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _files_holding(needle: bytes, roots: list[Path], since: float) -> list[Path]:
    found = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode) or info.st_size > 4_000_000:
                        continue
                    if info.st_mtime < since:
                        continue
                    if needle in path.read_bytes():
                        found.append(path)
    return found


def test_a_desk_signs_in_with_its_certificate_from_the_keystore_and_books(
    desk: Config,
    tls: tuple[Cluster, trustme.CA, str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    started = time.time() - 1
    _, ca, _ = tls
    leaf = ca.issue_cert("desk-1.clinic.example", common_name=APP)
    certificate, key = _it_files(tmp_path / "it", leaf)
    said = _import(certificate, key, capsys)
    assert f"CN={APP}" in said
    assert "You may now delete" in said
    # IT deletes the files, as told.
    certificate.unlink()
    key.unlink()

    # Every connection gets the pair as anonymous in-memory files, owner-only, for the
    # moment of connecting; the test looks at them while libpq has them.
    seen: list[tuple[str, int]] = []
    real = server_module.certificate_files

    @contextlib.contextmanager
    def watched(pair):  # type: ignore[no-untyped-def]
        with real(pair) as (certificate_path, key_path):
            for path in (certificate_path, key_path):
                seen.append((os.readlink(path), stat.S_IMODE(os.stat(path).st_mode)))
            yield certificate_path, key_path

    monkeypatch.setattr(server_module, "certificate_files", watched)
    vault = KeyVault(backend=memory_keyring)
    new = create_clinic(
        desk, organization_name="Test Clinic", timezone="Europe/Berlin", vault=vault,
        clock=FixedClock(NOW),
    )  # fmt: skip
    try:
        built = scheduling._build(new.context)
        request = appointments.BookingRequest(
            built.patient, built.providers[0], built.consult, datetime(2026, 3, 17, 9, 0)
        )
        booked = appointments.book_appointment(new.context, built.manager, request)
        assert appointments.get_appointment(new.context, built.manager, booked.appointment_id)
        # The live-refresh listener (its own connection, its own thread) signs in the same way.
        listener = ChangeListener(new.context, lambda changes, ids: None).start()
        try:
            assert listener.connected.wait(10)
        finally:
            listener.stop()
        with new.context.database.session() as session:
            ssl, serial = session.execute(
                text("SELECT ssl, client_serial FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).one()
        assert ssl is True
        # The server saw this very certificate (client_dn is cut at 63 characters).
        assert (
            int(serial)
            == x509.load_pem_x509_certificate(leaf.cert_chain_pems[0].bytes()).serial_number
        )
    finally:
        new.context.database.close()

    assert len(seen) >= 4, "no connection was made with the certificate"
    assert {target.split(" ")[0] for target, _ in seen} == {
        "/memfd:cicini-client-cert",
        "/memfd:cicini-client-key",
    }
    assert {mode for _, mode in seen} == {0o600}
    # Gone once connected: no descriptor of this process is one of them any more.
    left = []
    for entry in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            if "cicini-client" in os.readlink(f"/proc/self/fd/{entry}"):
                left.append(entry)
    assert left == []
    # No file holding the key: not in the desk's folders (data, logs, home), nor in /tmp.
    roots = [Path(os.environ["HOME"]), desk.data_dir, tmp_path, Path("/tmp")]
    assert _files_holding(_key_body(leaf), roots, started) == []
    # Nor in what was logged.
    assert _key_body(leaf).decode() not in caplog.text


def test_a_wrong_missing_or_expired_certificate_gives_its_sentence(
    desk: Config,
    tls: tuple[Cluster, trustme.CA, str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, ca, _ = tls
    vault = KeyVault(backend=memory_keyring)
    clock = FixedClock(NOW)

    def refusal() -> str:
        with pytest.raises(ServerUnavailableError) as raised:
            open_clinic(desk, vault, clock)
        return raised.value.user_message

    # None in the keystore: libpq is not even asked.
    assert "No client certificate for the database role cicini_app" in refusal()
    assert main(["doctor"]) != 0
    assert "cicini server client-cert --cert FILE --key FILE" in capsys.readouterr().out

    keys: list[bytes] = []
    cases = {
        # issued by a CA the server does not trust
        "other-ca": trustme.CA().issue_cert("desk-1.clinic.example", common_name=APP),
        # the server's CA, but naming another role
        "other-role": ca.issue_cert("desk-1.clinic.example", common_name="someone_else"),
    }
    for name, leaf in cases.items():
        keys.append(_key_body(leaf))
        _import(*_it_files(tmp_path / name, leaf), capsys)
        sentence = refusal()
        assert "refused this desk's client certificate for role cicini_app" in sentence, name
        assert "cicini server client-cert" in sentence
        # `cicini doctor` says the same in its "clinic server" check.
        code = main(["doctor"])
        out = capsys.readouterr()
        assert code != 0
        assert "[FAIL] clinic server" in out.out
        assert "refused this desk's client certificate" in out.out
        assert "Traceback" not in out.err
        assert keys[-1].decode() not in out.out + out.err

    expired = ca.issue_cert(
        "desk-1.clinic.example",
        common_name=APP,
        not_before=datetime.now(UTC) - timedelta(days=30),
        not_after=datetime.now(UTC) - timedelta(days=1),
    )
    keys.append(_key_body(expired))
    _import(*_it_files(tmp_path / "expired", expired), capsys)
    assert "client certificate for role cicini_app expired on" in refusal()

    # `cicini doctor` says the same in its "clinic server" check.
    code = main(["doctor"])
    out = capsys.readouterr()
    assert code != 0
    assert "[FAIL] clinic server" in out.out
    assert "expired on" in out.out
    assert "Traceback" not in out.err
    for body in keys:
        assert body.decode() not in out.out + out.err + caplog.text
        log_files = list(desk.log_dir.glob("**/*")) if desk.log_dir.exists() else []
        for log_file in log_files:
            if log_file.is_file():
                assert body not in log_file.read_bytes()


def test_doctor_names_the_certificate_of_a_healthy_desk(
    desk: Config,
    tls: tuple[Cluster, trustme.CA, str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, ca, _ = tls
    leaf = ca.issue_cert(
        "desk-1.clinic.example", common_name=APP, not_after=datetime.now(UTC) + timedelta(days=9)
    )
    _import(*_it_files(tmp_path / "it", leaf), capsys)
    create_clinic(
        desk, organization_name="Test Clinic", timezone="Europe/Berlin",
        vault=KeyVault(backend=memory_keyring), clock=FixedClock(NOW),
    ).context.database.close()  # fmt: skip
    main(["doctor"])
    out = capsys.readouterr().out
    assert "[ ok ] clinic server" in out, out
    assert "client certificate valid until" in out
    assert "renew it within" in out


def test_bad_files_are_refused_with_a_sentence(
    desk: Config,
    tls: tuple[Cluster, trustme.CA, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, ca, _ = tls
    first = _it_files(tmp_path / "a", ca.issue_cert("a.example", common_name=APP))
    second = _it_files(tmp_path / "b", ca.issue_cert("b.example", common_name=APP))
    code = main(["server", "client-cert", "--cert", str(first[0]), "--key", str(second[1])])
    out = capsys.readouterr()
    assert code != 0
    assert "does not belong to the certificate" in out.err
    code = main(["server", "client-cert", "--cert", str(first[1]), "--key", str(first[1])])
    out = capsys.readouterr()
    assert code != 0
    assert "is not a PEM certificate" in out.err
    assert "PRIVATE KEY-----\n" not in out.err
    assert "Traceback" not in out.err
