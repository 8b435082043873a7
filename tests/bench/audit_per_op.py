"""Run as `python -m tests.bench.audit_per_op FOLDER SIZE COUNT {key-file|keystore}`: audited
operations one at a time (one record, one commit, the chain head kept outside the database),
on a scratch copy of the clinic in FOLDER; prints one JSON line of milliseconds per operation.

With `keystore` the database key and the head key live in the OS keystore (keyring's Secret
Service in the private D-Bus session `measure_audit` starts, with its own gnome-keyring);
with `key-file` in the clinic's key file, as a kiosk set-up has them.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor


def main(folder: str, size: str, count: int, where: str) -> int:
    from cicini_desktop.core.clock import FixedClock
    from cicini_desktop.services.audit_integrity import ChainHeadStore, install_chain_head
    from cicini_desktop.services.unit_of_work import unit_of_work
    from cicini_desktop.store.database import open_database
    from cicini_desktop.store.vault import KeyVault
    from tests.bench.contexts import _context
    from tests.bench.generate import NOW, SIZES, Dataset

    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    dataset = Dataset(SIZES[size], Path(folder), meta)
    key = dataset.key()
    database = open_database(dataset.database_path, key)
    context = _context(dataset, database, FixedClock(NOW))
    if where == "keystore":
        vault = KeyVault()  # the Secret Service of this D-Bus session
        vault.store_key(database.database_id, key)
        context = dataclasses.replace(context, vault=vault)
    backend = "key file" if context.vault.uses_key_file else context.vault.describe()
    # The head starts from the trail as it is, kept with this vault's head key.
    ChainHeadStore(context.vault, database.database_id, database.path).reset(_newest(context))
    install_chain_head(context)
    actor = Actor(meta["manager_id"], meta["organization_id"], frozenset(Permission))

    def audited() -> None:
        with unit_of_work(context, actor) as tx:
            tx.audit(
                AuditAction.PERMISSION_GRANTED,
                target_type="staff",
                target_id=actor.staff_id,
                details={"permission": Permission.AUDIT_VIEW.value},
            )

    def counted() -> None:  # the same commit without an audit record: the baseline
        with unit_of_work(context, actor) as tx:
            tx.count(Counter.PATIENT_SEARCHED)

    samples: dict[str, list[float]] = {"audited": [], "counted": []}
    try:
        for index in range(count + 3):
            for name, operation in (("audited", audited), ("counted", counted)):
                started = time.perf_counter_ns()
                operation()
                if index >= 3:  # the first operations read the head key
                    samples[name].append((time.perf_counter_ns() - started) / 1e6)
    finally:
        database.close()
    print(json.dumps({**samples, "backend": backend}))
    return 0


def _newest(context: object) -> object:
    from cicini_desktop.store import audit_log

    with context.database.session() as session:  # type: ignore[attr-defined]
        return audit_log.newest(session)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
