"""`cicini reminders run | status | set-secret`, in process, on the test clinic's folder."""

from __future__ import annotations

import io

from cicini_desktop.cli import main
from cicini_desktop.store.vault import SERVICE
from tests.services.reminders.conftest import configure


def _data_dir(clinic) -> str:
    return str(clinic.context.database.path.parent)


def test_run_prints_one_sentence_and_status_counts(clinic, capsys):
    configure(clinic)
    assert main(["--data-dir", _data_dir(clinic), "reminders", "run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Reminders: 0 sent, 0 failed")
    assert main(["--data-dir", _data_dir(clinic), "reminders", "status"]) == 0
    assert "Replies:      0 waiting for a person" in capsys.readouterr().out


def test_run_says_when_reminders_are_off(clinic, capsys):
    assert main(["--data-dir", _data_dir(clinic), "reminders", "run"]) == 0
    assert "switched off" in capsys.readouterr().out


def test_set_secret_reads_stdin_into_the_keystore(clinic, capsys, monkeypatch, memory_keyring):
    monkeypatch.setattr("sys.stdin", io.StringIO("token-from-stdin\n"))
    assert main(["--data-dir", _data_dir(clinic), "reminders", "set-secret", "sms-token"]) == 0
    assert "token-from-stdin" not in capsys.readouterr().out
    assert any(
        service == SERVICE and account.endswith(":sms-auth-token") and value == "token-from-stdin"
        for (service, account), value in memory_keyring.entries.items()
    )


def test_a_bad_batch_is_one_sentence(clinic, capsys):
    assert main(["--data-dir", _data_dir(clinic), "reminders", "run", "--batch", "0"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("cicini: Give --batch")
    assert "Traceback" not in err
