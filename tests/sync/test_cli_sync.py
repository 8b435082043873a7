"""`cicini enroll` and `cicini sync now|status|preview`, in process, against the collector."""

from __future__ import annotations

import io
import json

import pytest

from cicini_desktop.cli import main
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import PermissionDeniedError, UsageError
from cicini_desktop.services import staff
from tests.sync.conftest import CODE, count, local_totals, server_totals

PASSWORD = "correct horse battery staple 42"
SIGN_IN = ["--user", "ian.it", "--password-stdin", "--code-stdin"]


@pytest.fixture
def manager(context) -> str:
    """The practice manager (no "enrol this installation" by default) and an IT account."""
    manager_id = str(
        staff.create_first_manager(
            context, username="mira.manager", display_name="Mira", password=PASSWORD
        )
    )
    staff.create_staff(
        context,
        _manager_actor(context, manager_id),
        staff.NewStaff(
            username="ian.it",
            display_name="Ian",
            password=PASSWORD,
            assignments=(staff.RoleAssignment(_role(context, "IT Administrator")),),
            must_change_password=False,
        ),
    )
    return manager_id


def test_enrol_preview_send_status(context, collector, capsys, monkeypatch, manager) -> None:
    data = ["--data-dir", str(context.config.data_dir)]
    count(context, Counter.DAY_SHEET_PRINTED, 2)

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{CODE}\n"))
    assert main([*data, "enroll", "--endpoint", collector.url, *SIGN_IN]) == 0
    out = capsys.readouterr()
    assert "enrolled" in out.out
    assert CODE not in out.out + out.err

    assert main([*data, "sync", "preview"]) == 0
    preview = capsys.readouterr().out.rstrip("\n")
    document = json.loads(preview)
    assert document["days"][0]["counters"] == {"day_sheet.printed": 2, "staff.created": 2}
    assert preview == json.dumps(document, sort_keys=True, separators=(",", ":"))

    assert main([*data, "sync", "now"]) == 0
    assert "sent" in capsys.readouterr().out
    assert collector.collector.requests[-1] == document  # preview showed exactly what went
    assert server_totals(collector, context.installation_id)["2026-03-16"] == {
        "day_sheet.printed": 2,
        "staff.created": 2,
    }
    # The CLI ran on the real clock: the March day is final and past retention, so purged.
    assert "2026-03-16" not in local_totals(context)

    assert main([*data, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "Enrolled:        yes" in status
    assert "Development" in status


def test_enrol_needs_a_sign_in_and_never_takes_the_code_as_an_argument(
    context, collector, capsys, monkeypatch, manager
) -> None:
    data = ["--data-dir", str(context.config.data_dir), "enroll", "--endpoint", collector.url]
    monkeypatch.setattr("sys.stdin", io.StringIO(CODE + "\n"))
    assert main([*data, "--code-stdin"]) == UsageError.exit_code
    assert "--user" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main([*data, "--user", "mira.manager", "--password-stdin", "--code", CODE]) == 2
    err = capsys.readouterr().err
    assert "never accepted as an argument" in err
    assert CODE not in err
    # the practice manager's role does not hold "enrol this installation": refused, audited
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{CODE}\n"))
    code = main([*data, "--user", "mira.manager", "--password-stdin", "--code-stdin"])
    assert code == PermissionDeniedError.exit_code
    assert "enrol this installation" in capsys.readouterr().err


def _manager_actor(context, manager_id):
    from cicini_desktop.core.permissions import Permission
    from cicini_desktop.services.context import Actor

    return Actor(manager_id, context.organization_id, frozenset(Permission))


def _role(context, name):
    from cicini_desktop.services import roles

    listed = roles.list_roles(context, _manager_actor(context, "x"))
    return next(role.id for role in listed if role.name == name)


def test_wrong_code_is_one_sentence(context, collector, capsys, monkeypatch, manager) -> None:
    data = ["--data-dir", str(context.config.data_dir)]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\nnope-nope\n"))
    code = main([*data, "enroll", "--endpoint", collector.url, *SIGN_IN])
    err = capsys.readouterr().err
    assert code == 20
    assert err.startswith("cicini: The enrolment code was refused")
    assert "Traceback" not in err


def test_sync_now_without_endpoint(context, capsys) -> None:
    assert main(["--data-dir", str(context.config.data_dir), "sync", "now"]) == 20
    assert "turned off or no sync endpoint" in capsys.readouterr().err
