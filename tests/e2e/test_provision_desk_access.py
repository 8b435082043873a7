"""`cicini provision --owner/--group` as root: the desk account(s) can open what root made.

Runs the real CLI as root (in this process), then the desk accounts in subprocesses with
their own uid/gid (Python's `user=`/`group=`/`extra_groups=`): `nobody` is the desk account,
`daemon` stands for a second receptionist's account, in the group or not. Skipped unless
the tests run as root (CI does).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from cicini_desktop.cli import main as cli_main
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="hands files to other accounts: needs root (CI runs the suite as root)",
)

DESK = "nobody"
SHARED_GROUP = "nogroup"  # nobody's own group on Debian; daemon joins it by extra_groups
OTHER = "daemon"
MANAGER_PASSWORD = "Quiet-Lantern-Orchard-58"
DESK_PASSWORD = "Amber-Harbour-Violin-31"

SIGN_IN_AND_CHANGE = textwrap.dedent(
    """
    import sys
    from cicini_desktop.config import load_config
    from cicini_desktop.services import sessions
    from cicini_desktop.services.clinic import open_clinic
    context = open_clinic(load_config())
    try:
        session = sessions.sign_in(context, sys.argv[1], sys.argv[2])
        print("must change:", session.must_change_password)
        session = sessions.change_own_password(context, session, sys.argv[2], sys.argv[3])
        print("changed:", not session.must_change_password)
        sessions.sign_out(context, session)
    finally:
        context.database.close()
    """
)


@pytest.fixture
def world() -> Iterator[Path]:
    """A folder every account can traverse (pytest's tmp_path is root's, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="cicini-desk-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _provision_file(world: Path) -> Path:
    file = world / "provision.toml"
    file.write_text(
        textwrap.dedent(
            f"""
            recovery_key_file = "{world / "it" / "recovery-key.txt"}"
            [organization]
            name = "Praxis am Markt"
            timezone = "Europe/Berlin"
            [manager]
            username = "pm.weber"
            display_name = "Practice Manager"
            one_time_password = "{MANAGER_PASSWORD}"
            [[staff]]
            username = "desk1"
            display_name = "Front Desk One"
            roles = ["Receptionist"]
            one_time_password = "{DESK_PASSWORD}"
            [[staff]]
            username = "desk2"
            display_name = "Front Desk Two"
            roles = ["Receptionist"]
            one_time_password = "{DESK_PASSWORD}"
            [settings]
            data_dir = "{world / "var" / "cicini"}"
            key_file = "{world / "etc" / "cicini.key"}"
            """
        ),
        encoding="utf-8",
    )
    file.chmod(0o600)
    return file


def _provision(
    world: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *flags: str
) -> tuple[int, str, str]:
    (world / "etc").mkdir(exist_ok=True)
    (world / "etc").chmod(0o755)
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(world / "etc" / "config.toml"))
    code = cli_main(["provision", "--config", str(_provision_file(world)), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _as(
    world: Path, user: str, args: list[str], *, group: str | None = None, extra: list[str] = ()
) -> subprocess.CompletedProcess[str]:
    entry = pwd.getpwnam(user)
    home = world / "home" / user
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "PYTHONPATH": str(REPO),
        "CICINI_MACHINE_CONFIG": str(world / "etc" / "config.toml"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no keystore at the desk
    }
    return subprocess.run(
        [sys.executable, *args],
        user=entry.pw_uid,
        group=grp.getgrnam(group).gr_gid if group else entry.pw_gid,
        extra_groups=[grp.getgrnam(name).gr_gid for name in extra],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _readable_by_venv(world: Path) -> None:
    """The suite's interpreter and source must be usable by the desk accounts (a Python under
    root's 0700 home is not); the packaged flow in .ci/deb-desk-flow.sh covers that case."""
    try:
        probe = _as(world, DESK, ["-c", "import cicini_desktop"])
    except PermissionError:
        pytest.skip(f"{sys.executable} cannot be run by other accounts on this machine")
    if probe.returncode != 0:
        pytest.skip(f"the source in {REPO} cannot be imported by other accounts here")


def test_owner_model_one_desk_account(
    world: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _readable_by_venv(world)
    code, out, err = _provision(world, monkeypatch, capsys, "--owner", DESK)
    assert code == 0, err
    assert "desk access:" in out
    data = world / "var" / "cicini"
    desk = pwd.getpwnam(DESK)
    assert data.stat().st_uid == desk.pw_uid
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        assert path.stat().st_uid == desk.pw_uid, path
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    key = world / "etc" / "cicini.key"
    assert key.stat().st_uid == desk.pw_uid
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    recovery = world / "it" / "recovery-key.txt"
    assert recovery.stat().st_uid == 0  # IT's, not the desk's

    doctor = _as(world, DESK, ["-m", "cicini_desktop.cli", "doctor"])
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    signed = _as(world, DESK, ["-c", SIGN_IN_AND_CHANGE, "desk1", DESK_PASSWORD, "New-Pass-77-x"])
    assert signed.returncode == 0, signed.stderr
    assert "must change: True" in signed.stdout
    assert "changed: True" in signed.stdout

    # Another account cannot even read the key file.
    other = _as(world, OTHER, ["-m", "cicini_desktop.cli", "doctor"])
    assert other.returncode != 0
    assert "Traceback" not in other.stdout + other.stderr

    # Provisioning again changes nothing and keeps the desk's ownership.
    code, out, err = _provision(world, monkeypatch, capsys, "--owner", DESK)
    assert code == 0, err
    assert "Already provisioned: nothing was changed." in out
    assert data.stat().st_uid == desk.pw_uid


def test_group_model_several_accounts_share_one_clinic(
    world: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _readable_by_venv(world)
    code, _out, err = _provision(world, monkeypatch, capsys, "--group", SHARED_GROUP)
    assert code == 0, err
    data = world / "var" / "cicini"
    gid = grp.getgrnam(SHARED_GROUP).gr_gid
    assert data.stat().st_gid == gid
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
    key = world / "etc" / "cicini.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o640
    assert key.stat().st_gid == gid
    for path in data.rglob("*"):
        assert path.stat().st_gid == gid, path
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o660, path

    # Two OS accounts of the group sign in one after the other and both write.
    first = _as(world, DESK, ["-c", SIGN_IN_AND_CHANGE, "desk1", DESK_PASSWORD, "New-Pass-77-x"])
    assert first.returncode == 0, first.stderr
    second = _as(
        world,
        OTHER,
        ["-c", SIGN_IN_AND_CHANGE, "desk2", DESK_PASSWORD, "New-Pass-88-y"],
        extra=[SHARED_GROUP],
    )
    assert second.returncode == 0, second.stderr
    assert "changed: True" in second.stdout
    for path in data.rglob("*"):  # files either account created stay the group's
        assert path.stat().st_gid == gid, path
        assert not path.stat().st_mode & stat.S_IRWXO, path
    doctor = _as(world, DESK, ["-m", "cicini_desktop.cli", "doctor"])
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr

    # An account outside the group is refused with a sentence.
    outsider = _as(world, OTHER, ["-m", "cicini_desktop.cli", "doctor"])
    assert outsider.returncode != 0
    assert "Traceback" not in outsider.stdout + outsider.stderr

    # A key file opened up to everyone is refused, even for the group.
    key.chmod(0o644)
    refused = _as(world, DESK, ["-m", "cicini_desktop.cli", "doctor"])
    assert "can be read by other users" in refused.stdout
    key.chmod(0o640)


def test_owner_needs_a_key_file_and_an_existing_account(
    world: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _provision(world, monkeypatch, capsys, "--owner", "no-such-desk-account")
    assert code == 2
    assert "no account named" in err
    file = _provision_file(world)
    file.write_text(file.read_text().replace(f'key_file = "{world / "etc" / "cicini.key"}"', ""))
    code = cli_main(["provision", "--config", str(file), "--owner", DESK])
    err = capsys.readouterr().err
    assert code == 2
    assert "needs 'key_file'" in err
    assert not (world / "var").exists()  # refused before anything was written
