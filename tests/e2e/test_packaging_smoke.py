"""Smoke test of the frozen build: run the BUILT executables, never the source tree.

Skipped unless CICINI_PACKAGING_SMOKE=1 (it needs PyInstaller and minutes of build time).

    CICINI_PACKAGING_SMOKE=1 pytest -m slow tests/e2e/test_packaging_smoke.py

Optional:
    CICINI_PACKAGING_BUILD=dist/cicini   reuse this one-folder build instead of building
    CICINI_PACKAGING_DEB=dist/x.deb      also check the .deb and run the programs from its
                                         extracted /opt/cicini (that is what IT installs)

`.ci/packaging-smoke.sh` builds both and runs this file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cicini_desktop._version import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CICINI_PACKAGING_SMOKE") != "1",
        reason="packaging smoke test: set CICINI_PACKAGING_SMOKE=1 (builds with PyInstaller)",
    ),
]

TIMEOUT = 180  # seconds per program run; a cold start on a 2-core CI box takes a few


@pytest.fixture(scope="module")
def one_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder holding cicini, cicini-desktop: from the .deb, a given build, or built now."""
    deb = os.environ.get("CICINI_PACKAGING_DEB")
    given = os.environ.get("CICINI_PACKAGING_BUILD")
    if deb:
        root = tmp_path_factory.mktemp("deb-root")
        subprocess.run(["dpkg-deb", "-x", deb, str(root)], check=True, timeout=TIMEOUT)
        yield root / "opt" / "cicini"
    elif given:
        yield Path(given).resolve()
    else:
        out = tmp_path_factory.mktemp("build")
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "packaging" / "build.py"),
                "--no-installer",
                "--dist",
                str(out / "dist"),
                "--work",
                str(out / "work"),
            ],
            check=True,
            timeout=1800,
        )
        yield out / "dist" / "cicini"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox")


@pytest.fixture(scope="module")
def env(sandbox: Path) -> dict[str, str]:
    """A clean environment: no PYTHONPATH, no source tree, no desktop keystore."""
    home = sandbox / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home),
        "CICINI_MACHINE_CONFIG": str(sandbox / "etc" / "cicini" / "config.toml"),
        "QT_QPA_PLATFORM": "offscreen",
        # A headless box: every keyring call fails, so all secrets must go through key_file.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "LANG": "C.UTF-8",
    }


def run(
    folder: Path, program: str, args: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    executable = folder / program
    assert executable.exists(), f"{executable} is missing from the build"
    return subprocess.run(
        [str(executable), *args],
        env=env,
        cwd=cwd,  # never the source tree
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_bundle_holds_the_resources_and_no_test_tools(one_folder: Path) -> None:
    internal = one_folder / "_internal"
    migrations = internal / "cicini_desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert sorted(p.name for p in (migrations / "versions").glob("0001_*.py"))
    assert (internal / "resources" / "icons" / "cicini.svg").is_file()
    if (ROOT / "resources" / "common-passwords.txt").exists():
        assert (internal / "resources" / "common-passwords.txt").is_file()
    if (ROOT / "cicini_desktop" / "sync" / "openapi.yaml").exists():
        assert (internal / "cicini_desktop" / "sync" / "openapi.yaml").is_file()
    for unwanted in ("pytest", "hypothesis", "_pytest", "tkinter"):
        assert not (internal / unwanted).exists(), unwanted
    qt_libs = {p.name for p in (internal / "PySide6" / "Qt" / "lib").glob("libQt6*")}
    assert not any(
        name.startswith(("libQt6Qml", "libQt6Quick", "libQt6WebEngine")) for name in qt_libs
    )


MAX_FOLDER_BYTES = 120 * 1000**2  # issue 18: the installed folder at most 120 MB
MAX_DEB_BYTES = 60 * 1000**2  # and the .deb at most 60 MB


def _tree_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink())


def test_lean_folder(one_folder: Path) -> None:
    """One launcher, no collector, Qt catalogues only for shipped languages, no system
    libraries, no dangling links, no build-machine paths; and under the size budget."""
    assert _tree_bytes(one_folder) <= MAX_FOLDER_BYTES, _tree_bytes(one_folder)
    if sys.platform.startswith("linux"):
        assert (one_folder / "cicini-desktop").is_symlink()
        assert os.readlink(one_folder / "cicini-desktop") == "cicini"
    assert not (one_folder / "cicini-collector").exists()
    internal = one_folder / "_internal"
    assert not (internal / "cicini_desktop" / "sync" / "collector.py").exists()
    assert not list(internal.rglob("collector.pyc"))
    shipped = {
        path.stem.rsplit("_", 1)[-1]
        for folder in (ROOT / "cicini_desktop", ROOT / "resources")
        for path in folder.rglob("*_*.qm")
    }
    for catalogue in (internal / "PySide6" / "Qt" / "translations").glob("*.qm"):
        language = catalogue.stem.split("_", 1)[1]
        assert language.split("_")[0] in shipped, catalogue.name
    bundled = {p.name for p in internal.glob("lib*.so*")}
    allowed = ("libpython", "libpyside6", "libshiboken6", "libQt6", "libicu")
    assert not {name for name in bundled if not name.startswith(allowed)}, bundled
    for name in ("libqtiff.so", "libqwebp.so", "libqicns.so", "libqtga.so"):
        assert not list(internal.rglob(name)), name
    dangling = [p for p in one_folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling, dangling
    # The build machine's folders: its interpreter prefix and this checkout.
    build_paths = [sys.base_prefix.encode(), str(ROOT).encode() + b"/"]
    for path in internal.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert not any(prefix in data for prefix in build_paths), path


def test_deb_size() -> None:
    deb = os.environ.get("CICINI_PACKAGING_DEB")
    if not deb:
        pytest.skip("no .deb given (CICINI_PACKAGING_DEB)")
    assert Path(deb).stat().st_size <= MAX_DEB_BYTES, Path(deb).stat().st_size


@pytest.mark.parametrize("program", ["cicini", "cicini-desktop"])
def test_version(one_folder: Path, env: dict[str, str], sandbox: Path, program: str) -> None:
    result = run(one_folder, program, ["--version"], env, sandbox)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{program} {__version__}"


def test_runs_through_a_symlink_like_usr_bin(
    one_folder: Path, env: dict[str, str], sandbox: Path
) -> None:
    """The .deb links /usr/bin/cicini -> /opt/cicini/cicini; the bootloader must still find
    its _internal folder and pick the program by the real file's name."""
    links = sandbox / "usr-bin"
    links.mkdir(exist_ok=True)
    for program in ("cicini", "cicini-desktop"):
        link = links / program
        if not link.is_symlink():
            link.symlink_to(one_folder / program)
        result = run(links, program, ["--version"], env, sandbox)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"{program} {__version__}"


def test_collector_starts(one_folder: Path, env: dict[str, str], sandbox: Path) -> None:
    if not (one_folder / "cicini-collector").exists():
        pytest.skip("this build ships no reference collector")
    result = run(one_folder, "cicini-collector", ["--help"], env, sandbox)
    assert result.returncode == 0, result.stderr
    assert "--enrollment-code" in result.stdout


def test_provision_doctor_and_gui(one_folder: Path, env: dict[str, str], sandbox: Path) -> None:
    data = sandbox / "clinic-data"
    recovery = sandbox / "secure" / "recovery-key.txt"
    provision = sandbox / "provision.toml"
    provision.write_text(
        "\n".join(
            [
                f'recovery_key_file = "{recovery}"',
                "[organization]",
                'name = "Smoke Test Clinic"',
                'timezone = "Europe/Berlin"',
                "[manager]",
                'username = "it.admin"',
                'display_name = "IT Administrator"',
                'one_time_password = "Pale-Harbour-Violin-93"',
                "[settings]",
                f'data_dir = "{data}"',
                f'key_file = "{sandbox / "keys" / "cicini.key"}"',
                "idle_lock_minutes = 10",
                "",
            ]
        ),
        encoding="utf-8",
    )

    # The password blocklist (resources/common-passwords.txt) is bundled and read: a
    # 12-character password only the blocklist refuses is refused by the frozen build.
    weak = sandbox / "weak.toml"
    weak.write_text(provision.read_text().replace("Pale-Harbour-Violin-93", "$0m3th1ng123"))
    refused = run(
        one_folder, "cicini", ["provision", "--config", str(weak), "--check"], env, sandbox
    )
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "is refused" in refused.stderr

    first = run(one_folder, "cicini", ["provision", "--config", str(provision)], env, sandbox)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Provisioning finished." in first.stdout
    assert (data / "cicini.db").is_file()
    assert oct(recovery.stat().st_mode & 0o777) == "0o600"

    again = run(one_folder, "cicini", ["provision", "--config", str(provision)], env, sandbox)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing was changed" in again.stdout

    doctor = run(one_folder, "cicini", ["doctor"], env, sandbox)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr

    gui = run(one_folder, "cicini-desktop", ["--quit-after-first-window"], env, sandbox)
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert "Traceback" not in gui.stderr


@pytest.mark.keyring_integration
def test_provision_into_the_secret_service(
    one_folder: Path, env: dict[str, str], sandbox: Path
) -> None:
    """Without a key file the frozen build must reach the Secret Service over D-Bus
    (keyring's SecretService backend, secretstorage, jeepney, cryptography all bundled)."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon")
    folder = sandbox / "keyring-run"
    folder.mkdir()
    provision = folder / "provision.toml"
    provision.write_text(
        "\n".join(
            [
                f'recovery_key_file = "{folder / "recovery-key.txt"}"',
                "[organization]",
                'name = "Keyring Clinic"',
                'timezone = "Europe/Vienna"',
                "[manager]",
                'username = "pm.keyring"',
                'display_name = "Practice Manager"',
                'one_time_password = "Pale-Harbour-Violin-93"',
                "[settings]",
                f'data_dir = "{folder / "data"}"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    script = folder / "run.sh"
    script.write_text(
        "set -e\n"
        "printf 'smoke' | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n"
        f'"{one_folder / "cicini"}" provision --config "{provision}"\n'
        f'"{one_folder / "cicini"}" doctor\n'
    )
    keyring_env = {k: v for k, v in env.items() if k != "PYTHON_KEYRING_BACKEND"}
    keyring_env["CICINI_MACHINE_CONFIG"] = str(folder / "machine.toml")
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", str(script)],
        env=keyring_env,
        cwd=sandbox,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Provisioning finished." in result.stdout
    assert "SecretService" in result.stdout  # doctor names the keystore it used


def test_deb_layout() -> None:
    deb = os.environ.get("CICINI_PACKAGING_DEB")
    if not deb:
        pytest.skip("no .deb given (CICINI_PACKAGING_DEB)")
    listing = subprocess.run(
        ["dpkg-deb", "-c", deb], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "./opt/cicini/cicini-desktop",
        "./opt/cicini/cicini",
        "./usr/bin/cicini -> /opt/cicini/cicini",
        "./usr/bin/cicini-desktop -> /opt/cicini/cicini-desktop",
        "./usr/share/applications/cicini-desktop.desktop",
        "./usr/share/icons/hicolor/scalable/apps/cicini-desktop.svg",
        "./etc/cicini/config.toml.example",
    ):
        assert expected in listing, expected
    assert " root/root " in listing
    control = subprocess.run(
        ["dpkg-deb", "-I", deb], check=True, capture_output=True, text=True
    ).stdout
    assert f"Version: {__version__}" in control
    # No maintainer scripts: installing runs no code and never reaches the network.
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert script not in control


GERMAN_ORDER = ["Abel", "Ärztin", "Bäcker", "Müller", "Ober", "Özdemir", "Strauß", "Zimmermann"]


def test_german_text_in_the_frozen_build(
    one_folder: Path, env: dict[str, str], sandbox: Path
) -> None:
    """Issue 18: Qt's ICU data is cut down (packaging/build.py); inside the BUILT program,
    German collation of patient names (ICU's, and the app's own search folding), German dates
    through the window's helpers, a time zone's German name, and umlauts typed into a line
    edit still work. The check runs in the frozen program through a link of its name
    (packaging/text_check.py)."""
    import json

    link = sandbox / "text-check" / "cicini-text-check"
    link.parent.mkdir(exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(one_folder / "cicini")
    result = run(link.parent, "cicini-text-check", [], env, sandbox)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["collator_sorted"] == GERMAN_ORDER, report
    assert report["search_key_sorted"] == GERMAN_ORDER, report
    assert report["german_catalogue_loaded"] is True
    assert report["day_long"] == "Sonntag, 29. November 2026"
    assert report["day_short"] == "So. 29. Nov."
    assert report["time_zone_name"] == "Mitteleuropäische Normalzeit"
    assert report["typed"] == "MülßÄ"
    assert "Could not create collator" not in result.stderr
    # Left out on purpose (the app reads and writes UTF-8 only): the legacy converters.
    assert report["windows_1252_converter"] is False
    icu = list((one_folder / "_internal").rglob("libicudata.so.*"))
    assert icu
    assert all(p.stat().st_size < 3_000_000 for p in icu if not p.is_symlink())


def test_server_store_from_the_frozen_build(
    one_folder: Path, env: dict[str, str], sandbox: Path, pg_cluster: object
) -> None:
    """Issue 18: the packaged `cicini` opens a PostgreSQL clinic (psycopg's pure-Python
    binding on the system's libpq5): `server init` against the test cluster, then a desk
    configured with the lines it prints stores the desks' password (in the key file's
    secrets: no keystore here), passes `doctor --json` and signs the manager in."""
    import json
    import secrets

    from tests.pg_cluster import OWNER, Cluster

    assert isinstance(pg_cluster, Cluster)
    database = f"frozen_{secrets.token_hex(4)}"
    with pg_cluster.connect() as connection:
        connection.execute(f'CREATE DATABASE "{database}" OWNER {OWNER}')
    folder = sandbox / "server-store"
    folder.mkdir()
    role = f"desk_{secrets.token_hex(3)}"
    manager_password, desks_password = "Harbour-Maple-Violin-62", secrets.token_hex(16)

    def config(path: Path, extra: str = "") -> dict[str, str]:
        path.write_text(f'key_file = "{path.parent / "cicini.key"}"\n' + extra)
        return env | {"CICINI_MACHINE_CONFIG": str(path)}

    try:
        (folder / "it").mkdir()
        it_env = config(folder / "it" / "config.toml") | {
            "PGPASSWORD": pg_cluster.owner_password
        }
        dsn = f"postgresql://{OWNER}@127.0.0.1:{pg_cluster.port}/{database}"
        init = subprocess.run(
            [str(one_folder / "cicini"), "--data-dir", str(folder / "it" / "data"),
             "server", "init", "--dsn", dsn, "--app-role", role,
             "--org-name", "Praxis am See", "--timezone", "Europe/Berlin",
             "--manager-username", "mira", "--manager-display-name", "Mira M.",
             "--password-stdin"],
            input=f"{manager_password}\n{desks_password}\n", env=it_env, cwd=sandbox,
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
        assert init.returncode == 0, init.stdout + init.stderr
        assert 'store = "postgresql"' in init.stdout
        lines = [line.strip() for line in init.stdout.splitlines() if line.startswith("    ")]
        (folder / "desk").mkdir()
        desk_env = config(folder / "desk" / "config.toml", "\n".join(lines) + "\n")
        desk_env["CICINI_DATA_DIR"] = str(folder / "desk" / "data")

        def desk(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [str(one_folder / "cicini"), *args], input=stdin, env=desk_env, cwd=sandbox,
                capture_output=True, text=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip

        stored = desk(["server", "password", "--password-stdin"], desks_password + "\n")
        assert stored.returncode == 0, stored.stdout + stored.stderr
        doctor = desk(["doctor", "--json"])
        document = json.loads(doctor.stdout)
        assert doctor.returncode == 0, doctor.stdout + doctor.stderr
        assert document["healthy"] is True
        export = folder / "desk" / "setup.toml"
        signed = desk(
            ["setup", "export", "--to", str(export), "--user", "mira", "--password-stdin"],
            manager_password + "\n",
        )
        assert signed.returncode == 0, signed.stdout + signed.stderr
        assert 'username = "mira"' in export.read_text(encoding="utf-8")
    finally:
        pg_cluster.drop_database(database)
