"""One reminder runner in its own process, for the exactly-once test.

    python -m tests.services.reminders.runner_process DATA_DIR KEYRING_JSON INSTANT READY_DIR NAME

Opens the clinic with the keystore entries given, waits until every process of the test is
ready (so their runs overlap), runs one pass and prints its report as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.reminders.runner import run_due_reminders
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring


def main(argv: list[str]) -> int:
    data_dir, keyring_json, instant, ready_dir, name, expected = argv
    backend = MemoryKeyring()
    for key, value in json.loads(Path(keyring_json).read_text()).items():
        service, _, account = key.partition("\x00")
        backend.entries[(service, account)] = value
    context = open_clinic(
        load_config(data_dir_flag=data_dir),
        KeyVault(backend=backend),
        FixedClock(datetime.fromisoformat(instant)),
    )
    ready = Path(ready_dir)
    (ready / name).touch()
    deadline = time.monotonic() + 60
    while len(list(ready.iterdir())) < int(expected) and time.monotonic() < deadline:
        time.sleep(0.005)
    report = run_due_reminders(context, batch=1000)
    context.database.close()
    print(json.dumps({"sent": report.sent, "planned": report.planned, "busy": report.busy}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
