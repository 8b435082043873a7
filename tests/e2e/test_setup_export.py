"""`cicini setup export` and the set-up part of `cicini provision`: a round trip through
the real CLI entry (export, provision into a fresh folder, export again: identical)."""

from __future__ import annotations

import io
import stat
import tomllib
from pathlib import Path

import pytest
import tomli_w

from cicini_desktop.cli import main as cli_main
from cicini_desktop.config import load_config
from cicini_desktop.services import sessions
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import availability as avail

MANAGER_PASSWORD = "Quiet-Lantern-Orchard-58"
STAFF_PASSWORD = "amber kettle meadow 71"

SETUP = """
[setup]
holiday_country = "DE"
holiday_region = "BE"

[setup.opening_hours]
mon = ["08:00-12:00", "13:00-18:00"]
tue = ["08:00-18:00"]
fri = ["08:00-14:00"]

[[setup.closures]]
start = 2026-12-24
end = 2026-12-26
label = "Christmas"

[[setup.closures]]
start = 2026-11-11
from = "12:00"
label = "Team meeting"

[[setup.rooms]]
name = "Room 1"
kind = "Treatment"

[[setup.rooms]]
name = "Ultrasound"
kind = "ultrasound"
active = false

[[setup.appointment_types]]
name = "Consultation"
duration = 15
colour = "#4f86e0"
buffer_after = 5
providers = ["anna", "jonas"]

[[setup.appointment_types]]
name = "Scan"
duration = 30
colour = "#d53a7b"
room_kind = "ultrasound"
providers = ["jonas"]

[[setup.provider_hours]]
provider = "anna"
valid_from = 2026-01-05
room = "Room 1"
hours = { mon = ["08:00-12:00", "13:00-17:00"], tue = ["08:00-16:00"] }
breaks = { tue = ["12:00-12:30"] }

[[setup.provider_hours]]
provider = "jonas"
valid_from = 2026-01-05
valid_until = 2026-06-30
hours = { mon = ["09:00-12:00"] }
hours_b = { fri = ["08:00-14:00"] }
breaks_b = { fri = ["10:00-10:15"] }

[[staff]]
username = "anna"
display_name = "Dr. Anna Berger"
roles = ["Clinician"]
provider = true
colour = "#3a7bd5"
one_time_password = "{pw}"

[[staff]]
username = "jonas"
display_name = "Dr. Jonas Keller"
roles = ["Clinician"]
provider = true
one_time_password = "{pw}"

[[staff]]
username = "desk"
display_name = "Rita Reception"
roles = ["Receptionist"]
one_time_password = "{pw}"
""".replace("{pw}", STAFF_PASSWORD)


def head(folder: Path) -> str:
    return "\n".join(
        [
            f'recovery_key_file = "{folder / "recovery-key.txt"}"',
            "[organization]",
            'name = "Praxis am Markt"',
            'timezone = "Europe/Berlin"',
            "[manager]",
            'username = "pm.weber"',
            'display_name = "Practice Manager"',
            f'one_time_password = "{MANAGER_PASSWORD}"',
            "[settings]",
            f'data_dir = "{folder / "data"}"',
            f'key_file = "{folder / "cicini.key"}"',
            "",
        ]
    )


def provision(
    folder: Path, text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(folder / "machine.toml"))
    file = folder / "provision.toml"
    file.write_text(text, encoding="utf-8")
    code = cli_main(["provision", "--config", str(file)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


MANAGER_OWN_PASSWORD = "Copper-Heron-Meadow-73"


def manager_chose_a_password(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The provisioned manager's one-time password is replaced at first sign-in (as the
    app's sign-in dialog makes them do); the CLI then accepts their own password."""
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(folder / "machine.toml"))
    context = open_clinic(load_config())
    try:
        session = sessions.sign_in(context, "pm.weber", MANAGER_PASSWORD)
        if session.must_change_password:
            sessions.change_own_password(
                context, session, MANAGER_PASSWORD, MANAGER_OWN_PASSWORD
            )
    finally:
        context.database.close()


def export(folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> str:
    manager_chose_a_password(folder, monkeypatch)
    target = folder / "setup-export.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO(MANAGER_OWN_PASSWORD + "\n"))
    code = cli_main(
        ["setup", "export", "--to", str(target), "--user", "pm.weber", "--password-stdin"]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    return target.read_text(encoding="utf-8")


def test_provision_export_round_trip(tmp_path, monkeypatch, capsys):
    first = tmp_path / "first"
    code, out, err = provision(first, head(first) + SETUP, monkeypatch, capsys)
    assert code == 0, err
    assert STAFF_PASSWORD not in out + err
    exported = export(first, monkeypatch, capsys)
    assert STAFF_PASSWORD not in exported
    assert MANAGER_PASSWORD not in exported
    document = tomllib.loads(exported)
    assert document["setup"]["opening_hours"]["mon"] == ["08:00-12:00", "13:00-18:00"]
    assert {t["name"] for t in document["setup"]["appointment_types"]} == {"Consultation", "Scan"}
    assert [s["username"] for s in document["staff"]] == ["anna", "desk", "jonas"]
    assert document["manager"]["username"] == "pm.weber"

    # Running the same file again changes nothing.
    code, out, err = provision(first, head(first) + SETUP, monkeypatch, capsys)
    assert code == 0, err
    assert "Already provisioned: nothing was changed." in out, out

    # The export, completed with the secrets it leaves out, provisions a fresh folder...
    second = tmp_path / "second"
    document["recovery_key_file"] = str(second / "recovery-key.txt")
    document["manager"]["one_time_password"] = MANAGER_PASSWORD
    for member in document["staff"]:
        member["one_time_password"] = STAFF_PASSWORD
    document["settings"] = {"data_dir": str(second / "data"), "key_file": str(second / "k.key")}
    code, out, err = provision(second, tomli_w.dumps(document), monkeypatch, capsys)
    assert code == 0, err
    # ... into the same set-up: the second export is identical to the first.
    assert export(second, monkeypatch, capsys) == exported

    # Accounts created by provisioning must change their one-time password first.
    monkeypatch.setenv("CICINI_MACHINE_CONFIG", str(second / "machine.toml"))
    context = open_clinic(load_config())
    try:
        session = sessions.sign_in(context, "desk", STAFF_PASSWORD)
        assert session.must_change_password
        system = Actor.system(context.organization_id or "")
        plans = {
            p.effective_from.isoformat(): p
            for provider in avail.providers(context, system)
            if provider.display_name.startswith("Dr. Jonas")
            for p in avail.rota_plans(context, system, provider.id)
        }
        assert plans["2026-01-05"].week_b == ((4, 480, 840),)
        assert plans["2026-01-05"].breaks_b == ((4, 600, 615),)
    finally:
        context.database.close()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ('mon = ["08:00-12:00", "13:00-18:00"]', 'mon = ["08:00-12:00", "11:00-18:00"]'),
            "overlaps",
        ),
        (("duration = 15", "duration = 17"), "time grid"),
        (('colour = "#4f86e0"', 'colour = "blue-ish"'), "not a colour"),
        (('holiday_region = "BE"', 'holiday_region = "XX"'), "Region"),
        (
            ('breaks = { tue = ["12:00-12:30"] }', 'breaks = { tue = ["17:00-17:30"] }'),
            "outside the working hours",
        ),
        (("valid_until = 2026-06-30", "valid_until = 2025-06-30"), "before valid from"),
    ],
)
def test_bad_setup_is_one_sentence_and_changes_nothing(
    tmp_path, monkeypatch, capsys, change, words
):
    folder = tmp_path / "bad"
    old, new = change
    assert old in SETUP
    code, out, err = provision(folder, head(folder) + SETUP.replace(old, new), monkeypatch, capsys)
    assert code == 2, (out, err)
    assert words in err
    assert "Traceback" not in err
    assert not (folder / "data").exists()


def test_export_needs_a_signed_in_member(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "clinic"
    code, _out, err = provision(folder, head(folder) + SETUP, monkeypatch, capsys)
    assert code == 0, err
    target = folder / "export.toml"
    code = cli_main(["setup", "export", "--to", str(target)])
    captured = capsys.readouterr()
    assert code != 0
    assert "--user" in captured.err
    assert "Traceback" not in captured.err
    assert not target.exists()
