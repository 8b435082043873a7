"""`cicini enroll` and `cicini sync now|status|preview`, in process, against the collector."""

from __future__ import annotations

import io
import json

from cicini_desktop.cli import main
from cicini_desktop.core.counters import Counter
from tests.sync.conftest import CODE, count, local_totals, server_totals


def test_enrol_preview_send_status(context, collector, capsys, monkeypatch) -> None:
    data = ["--data-dir", str(context.config.data_dir)]
    count(context, Counter.DAY_SHEET_PRINTED, 2)

    monkeypatch.setattr("sys.stdin", io.StringIO(CODE + "\n"))
    assert main([*data, "enroll", "--endpoint", collector.url, "--code", "-"]) == 0
    out = capsys.readouterr()
    assert "enrolled" in out.out
    assert CODE not in out.out + out.err

    assert main([*data, "sync", "preview"]) == 0
    preview = capsys.readouterr().out.rstrip("\n")
    document = json.loads(preview)
    assert document["days"][0]["counters"] == {"day_sheet.printed": 2}
    assert preview == json.dumps(document, sort_keys=True, separators=(",", ":"))

    assert main([*data, "sync", "now"]) == 0
    assert "sent" in capsys.readouterr().out
    assert collector.collector.requests[-1] == document  # preview showed exactly what went
    assert server_totals(collector, context.installation_id) == {
        "2026-03-16": {"day_sheet.printed": 2}
    }
    # The CLI ran on the real clock: the March day is final and past retention, so purged.
    assert local_totals(context) == {}

    assert main([*data, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "Enrolled:        yes" in status
    assert "Development" in status


def test_wrong_code_is_one_sentence(context, collector, capsys) -> None:
    data = ["--data-dir", str(context.config.data_dir)]
    code = main([*data, "enroll", "--endpoint", collector.url, "--code", "nope-nope"])
    err = capsys.readouterr().err
    assert code == 20
    assert err.startswith("cicini: The enrolment code was refused")
    assert "Traceback" not in err


def test_sync_now_without_endpoint(context, capsys) -> None:
    assert main(["--data-dir", str(context.config.data_dir), "sync", "now"]) == 20
    assert "turned off or no sync endpoint" in capsys.readouterr().err
