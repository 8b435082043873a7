"""The synthetic clinic: built once per (size, schema, generator version), then reused.

The clinic is created through the app's own `create_clinic`; staff and a sample of every other
kind of row go through the services; the bulk (patients, appointments, audit records, usage
counters) is written with `executemany` in big transactions into the same tables, with the
values the services would store (`check_samples` compares the two). Randomness is seeded, so
the same size gives the same clinic on every machine.

The cache lives in `<repo>/.bench-cache/` (git-ignored). A build goes to a temporary folder and
is renamed when complete, so an interrupted build is never reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.counters import Counter
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.bootstrap import create_database
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.keys import new_key
from cicini_desktop.store.migrations import head_revision
from cicini_desktop.store.vault import KeyVault, read_key_file

GENERATOR_VERSION = 4  # 4: the audit head is a file with its own key (issue 15)
REPO = Path(__file__).resolve().parents[2]
CACHE_ROOT = REPO / ".bench-cache"
TIMEZONE = "Europe/Berlin"
# The benchmark's "today": a Monday, so the busy day of the day view is a full working day.
TODAY = date(2026, 3, 16)
NOW = datetime(2026, 3, 16, 7, 30, tzinfo=UTC)  # 08:30 in Berlin, the front desk is open


@dataclass(frozen=True)
class Size:
    name: str
    patients: int
    appointments: int
    audit_records: int
    # Appointments are spread so that a working day is as busy in both sizes: the small
    # clinic has a hundredth of the appointments over a hundredth of the ten years.
    span_days: int
    providers: int = 20
    rooms: int = 8
    appointment_types: int = 12
    usage_days: int = 365
    seed: int = 20260316


SIZES: dict[str, Size] = {
    "large": Size("large", 500_000, 1_000_000, 1_000_000, span_days=3653),
    "small": Size("small", 5_000, 10_000, 10_000, span_days=37),
}


@dataclass
class Dataset:
    """A built clinic in the cache: where its files are and what the generator put in it."""

    size: Size
    folder: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "cicini.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "bench.key"

    @property
    def plain_path(self) -> Path:
        return self.folder / "plain.db"

    @property
    def config_file(self) -> Path:
        return self.folder / "config.toml"

    def key(self) -> bytes:
        return read_key_file(self.key_file)


_SCHEMA_SQL = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
)


def schema_rows(path: Path, key: bytes | None) -> set[tuple[str, str, str, str | None]]:
    """The schema a database holds (tables, indexes, triggers, FTS tables), as rows."""
    if key is None:
        from tests.bench.contexts import _connect_plain

        connection = _connect_plain(path)
    else:
        connection = connect_raw(path, key)
    try:
        return {
            (kind, name, table, _constraints_sorted(sql))
            for kind, name, table, sql in connection.execute(_SCHEMA_SQL).fetchall()
        }
    finally:
        connection.close()


def _constraints_sorted(sql: str | None) -> str | None:
    """A table that a batch migration rebuilt lists its constraints in an order that changes
    from run to run (a set's order under hash randomisation): sorted, the fingerprint stays
    the same for the same schema, and a cached clinic is reused instead of rebuilt."""
    if sql is None or not sql.startswith("CREATE TABLE") or "CONSTRAINT" not in sql:
        return sql
    head, _, body = sql.partition("(")
    parts = [part.strip() for part in body.rstrip().removesuffix(")").split(", \n")]
    columns = [part for part in parts if not part.startswith("CONSTRAINT")]
    constraints = sorted(part for part in parts if part.startswith("CONSTRAINT"))
    return f"{head}({', '.join(columns + constraints)})"


def _digest(rows: set[tuple[str, str, str, str | None]]) -> str:
    return hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()[:10]


def schema_hash(path: Path, key: bytes) -> str:
    return _digest(schema_rows(path, key))


def fresh_schema() -> set[tuple[str, str, str, str | None]]:
    """The schema the migrations make today, read from a new database in a temp folder."""
    with tempfile.TemporaryDirectory(prefix="cicini-bench-schema-") as folder:
        path, key = Path(folder) / "schema.db", new_key()
        create_database(path, key).close()
        return schema_rows(path, key)


def schema_fingerprint() -> str:
    """The Alembic head plus a hash of the schema its migrations make: the chain is
    pre-created and features fill revisions in place, so the head name alone would not
    change, while an edit that changes no table should not cost a rebuild."""
    return f"{head_revision()}-{_digest(fresh_schema())}"


def cache_folder(size: Size, fingerprint: str) -> Path:
    return CACHE_ROOT / f"{size.name}-{fingerprint}-g{GENERATOR_VERSION}"


def _adopt(size: Size, fingerprint: str, folder: Path, log: Callable[[str], None]) -> bool:
    """Reuse a cached clinic of another fingerprint when its tables are today's: the same
    schema, or one that differs in indexes only (features tune their indexes in place). Those
    are then dropped and created as the migrations now define them, in both copies, so the
    schema ends identical to a fresh migration's; the rows do not depend on indexes."""
    wanted = fresh_schema()
    for candidate in sorted(CACHE_ROOT.glob(f"{size.name}-*-g{GENERATOR_VERSION}")):
        meta_file = candidate / "meta.json"
        if candidate == folder or not meta_file.exists():
            continue
        dataset = Dataset(size, candidate)
        try:
            have = schema_rows(dataset.database_path, dataset.key())
        except Exception as error:  # a damaged cache entry is simply not reused
            log(f"not reusing {candidate.name}: {type(error).__name__}")
            continue
        stale, missing = have - wanted, wanted - have
        if any(row[0] != "index" for row in stale | missing):
            continue
        for path, key in ((dataset.database_path, dataset.key()), (dataset.plain_path, None)):
            _align_indexes(path, key, stale, missing)
        if schema_hash(dataset.database_path, dataset.key()) != fingerprint.rsplit("-", 1)[1]:
            continue
        log(f"adopting {candidate.name}: {len(missing)} index(es) re-created as migrated today")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        meta["schema"] = fingerprint
        meta.setdefault("indexes_realigned", []).extend(sorted(row[1] for row in missing))
        meta_file.write_text(json.dumps(meta, indent=2, default=str) + "\n", "utf-8")
        candidate.rename(folder)
        start_head_here(Dataset(size, folder))
        return True
    return False


def _align_indexes(path: Path, key: bytes | None, stale: set[Any], missing: set[Any]) -> None:
    if key is None:
        from tests.bench.contexts import _connect_plain

        connection = _connect_plain(path)
    else:
        connection = connect_raw(path, key)
    try:
        for _, name, _, _ in stale:
            connection.execute(f'DROP INDEX IF EXISTS "{name}"')
        for _, name, _, sql in missing:
            connection.execute(f'DROP INDEX IF EXISTS "{name}"')
            connection.execute(sql)
    finally:
        connection.close()


def start_head_here(dataset: Dataset) -> None:
    """The audit head key is named by the data folder (a drill elsewhere never shares it),
    and a clinic built in one folder is used in another (`.building` renamed, scratch
    copies): its head is started from its own trail there, as a manager's `cicini audit
    reset-head` would (the trail is the benchmark's own)."""
    from cicini_desktop.services.audit_integrity import ChainHeadStore
    from cicini_desktop.store import audit_log
    from cicini_desktop.store.database import open_database

    database = open_database(dataset.database_path, dataset.key(), migrate=False)
    try:
        with database.session() as session:
            newest = audit_log.newest(session)
    finally:
        database.close()
    vault = KeyVault(key_file=dataset.key_file)
    ChainHeadStore(vault, database.database_id, dataset.database_path).reset(newest)


def write_config(dataset: Dataset) -> None:
    """A config file of its own: the app started by the cold-start benchmark reads this."""
    dataset.config_file.write_text(
        f'data_dir = "{dataset.data_dir}"\n'
        f'key_file = "{dataset.key_file}"\n'
        f'log_dir = "{dataset.folder / "log"}"\n',
        encoding="utf-8",
    )


def isolate_environment(dataset: Dataset) -> dict[str, str]:
    """Point the app at the benchmark's clinic and nothing of the developer's."""
    env = {
        "CICINI_CONFIG": str(dataset.config_file),
        "CICINI_MACHINE_CONFIG": str(dataset.folder / "no-machine-config.toml"),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        # The schedule page's preferences (QSettings) of the benchmark, not the developer's.
        "XDG_CONFIG_HOME": str(dataset.folder / "settings"),
    }
    env.pop("CICINI_DATA_DIR", None)
    os.environ.update(env)
    os.environ.pop("CICINI_DATA_DIR", None)
    return env


@dataclass
class Build:
    """What a build step works with: the open clinic, the size, the seeded randomness."""

    context: ServiceContext
    size: Size
    rng: random.Random
    key: bytes
    clock: FixedClock
    meta: dict[str, Any]
    # Passed between steps but too big for the meta file (e.g. every patient id).
    scratch: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def bulk(self, *tables: str) -> Iterator[Any]:
        """A raw keyed connection for executemany in big transactions (the bulk path).

        The secondary indexes of `tables` are dropped for the load and created again from
        their own SQL afterwards (one sort instead of a million random inserts); the schema
        ends exactly as the migrations made it. Durability is off while building: a build
        that dies is never reused (it stays `.building`)."""
        connection = connect_raw(self.context.database.path, self.key)
        connection.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
        connection.execute("PRAGMA synchronous = OFF")
        marks = ", ".join("?" for _ in tables)
        indexes = connection.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
        try:
            for name, _ in indexes:
                connection.execute(f'DROP INDEX "{name}"')
            yield connection
            for _, sql in indexes:
                connection.execute(sql)
        finally:
            connection.close()


# A build step fills part of the clinic and returns what it made (ids, counts; "summary" is
# logged) for the meta file, or raises StepUnavailable when its feature is not written yet.
Step = Callable[[Build], dict[str, Any]]


class StepUnavailable(Exception):
    """The feature a step writes for does not exist yet; its rows are left out."""


def _steps() -> list[tuple[str, Step]]:
    from tests.bench import gen_appointments, gen_audit, gen_scheduling, sample_check

    return [
        ("plan", gen_scheduling.plan),
        ("staff", gen_scheduling.staff),
        ("schedule setup", gen_scheduling.setup),
        ("patients", gen_scheduling.patients),
        ("appointments", gen_appointments.appointments),
        ("audit", gen_audit.audit_records),
        ("usage", usage_counters),
        ("sample check", sample_check.check),
    ]


def build_or_reuse(size: Size, log: Callable[[str], None] = print) -> Dataset:
    fingerprint = schema_fingerprint()
    folder = cache_folder(size, fingerprint)
    meta_file = folder / "meta.json"
    CACHE_ROOT.mkdir(exist_ok=True)
    if meta_file.exists() or _adopt(size, fingerprint, folder, log):
        dataset = Dataset(size, folder, json.loads(meta_file.read_text(encoding="utf-8")))
        write_config(dataset)
        log(f"reusing cached {size.name} clinic: {folder.name}")
        return dataset
    building = CACHE_ROOT / f"{folder.name}.building"
    shutil.rmtree(building, ignore_errors=True)  # what an interrupted build left
    building.mkdir()
    dataset = Dataset(size, building)
    started = time.perf_counter()
    log(f"building the {size.name} clinic in {building} (one-time; cached afterwards)")
    meta = _build(dataset, log)
    meta["schema"] = fingerprint
    meta["build_seconds"] = round(time.perf_counter() - started, 1)
    meta["database_bytes"] = dataset.database_path.stat().st_size
    building.rename(folder)
    start_head_here(Dataset(size, folder))
    for stale in CACHE_ROOT.glob(f"{size.name}-*"):
        if stale != folder and not stale.name.endswith(".building"):
            # Another schema's clinic is of no more use once this one is complete.
            shutil.rmtree(stale, ignore_errors=True)
    dataset = Dataset(size, folder, meta)
    meta_file.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
    write_config(dataset)
    log(f"built in {meta['build_seconds']} s ({meta['database_bytes'] / 1e6:.0f} MB)")
    return dataset


def _build(dataset: Dataset, log: Callable[[str], None]) -> dict[str, Any]:
    size = dataset.size
    dataset.data_dir.mkdir(parents=True)
    config = load_config(data_dir_flag=str(dataset.data_dir), env={}).with_values(
        key_file=str(dataset.key_file), log_dir=str(dataset.folder / "log")
    )
    clock = FixedClock(NOW - timedelta(days=size.span_days))
    clinic = create_clinic(
        config,
        organization_name="Benchmark Clinic",
        timezone=TIMEZONE,
        vault=KeyVault(key_file=dataset.key_file),
        clock=clock,
    )
    context = clinic.context
    meta: dict[str, Any] = {
        "size": size.name,
        "generator_version": GENERATOR_VERSION,
        "today": TODAY.isoformat(),
        "now": NOW.isoformat(),
        "timezone": TIMEZONE,
        "organization_id": context.organization_id,
        "installation_id": context.installation_id,
        "steps": {},
    }
    build = Build(context, size, random.Random(size.seed), dataset.key(), clock, meta)
    try:
        for name, step in _steps():
            started = time.perf_counter()
            try:
                made = step(build)
            except StepUnavailable as missing:
                meta["steps"][name] = {"skipped": str(missing)}
                log(f"  {name}: skipped ({missing})")
                continue
            seconds = round(time.perf_counter() - started, 1)
            meta["steps"][name] = {"seconds": seconds, **made.pop("summary", {})}
            meta.update(made)
            log(f"  {name}: {seconds} s {meta['steps'][name]}")
        clock.set(NOW)
    finally:
        context.database.close()
    started = time.perf_counter()
    export_plain(dataset.database_path, dataset.key(), dataset.plain_path)
    meta["steps"]["plain_copy"] = {"seconds": round(time.perf_counter() - started, 1)}
    return meta


def insert_many(connection: Any, table: str, columns: list[str], rows: list[tuple]) -> None:
    marks = ", ".join("?" for _ in columns)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        rows,
    )


# Daily volumes of a busy 20-provider clinic: counter -> mean per working day (weekends 5 %).
_DAILY_USAGE: dict[Counter, int] = {
    Counter.APPOINTMENT_BOOKED: 380,
    Counter.APPOINTMENT_CANCELLED: 30,
    Counter.APPOINTMENT_CHECKED_IN: 330,
    Counter.APPOINTMENT_MOVED: 25,
    Counter.APPOINTMENT_STATUS_CHANGED: 700,
    Counter.APPOINTMENT_SERIES_BOOKED: 3,
    Counter.PATIENT_CREATED: 40,
    Counter.PATIENT_SEARCHED: 900,
    Counter.SLOT_FINDER_USED: 150,
    Counter.WAITLIST_ADDED: 4,
    Counter.CALENDAR_DAY_VIEW_OPENED: 600,
    Counter.CALENDAR_WEEK_VIEW_OPENED: 120,
    Counter.CALENDAR_MONTH_VIEW_OPENED: 10,
    Counter.DAY_SHEET_PRINTED: 20,
    Counter.SIGN_IN_SUCCEEDED: 45,
    Counter.SIGN_IN_FAILED: 3,
}


def usage_counters(build: Build) -> dict[str, Any]:
    """A year of counters, the rows `usage_counts.bump` makes: (UTC day, name, total)."""
    rows: list[tuple[str, str, int]] = []
    rng = build.rng
    for offset in range(build.size.usage_days, -1, -1):
        day = TODAY - timedelta(days=offset)
        weekend = day.weekday() >= 5
        for counter, mean in _DAILY_USAGE.items():
            expected = mean * (0.05 if weekend else 1.0)
            count = max(0, round(rng.gauss(expected, expected * 0.2)))
            if count:
                rows.append((day.isoformat(), counter.value, count))
    with build.bulk() as connection:
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO usage_counter (day, counter, count) VALUES (?, ?, ?) "
            "ON CONFLICT (day, counter) DO UPDATE SET count = count + excluded.count",
            rows,
        )
        connection.execute("COMMIT")
    sent = _mark_synced(build, rows)
    return {"summary": {"rows": len(rows), "days_marked_sent": sent}}


def _mark_synced(build: Build, rows: list[tuple[str, str, int]]) -> int:
    """Days before yesterday were accepted by the server (as `usage_sync.mark_sent` records
    after a 2xx), so the next document holds yesterday and today, as in daily use."""
    try:
        from cicini_desktop.store import usage_sync
    except ImportError:
        return 0
    per_day: dict[str, dict[str, int]] = {}
    for day, name, count in rows:
        per_day.setdefault(day, {})[name] = count
    cutoff = (TODAY - timedelta(days=1)).isoformat()
    with build.context.database.session_factory.begin() as session:
        for day, counters in per_day.items():
            if day < cutoff:
                sent_at = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(
                    days=1, hours=1
                )
                usage_sync.mark_sent(session, [(date.fromisoformat(day), counters)], sent_at)
    return sum(1 for day in per_day if day < cutoff)


def export_plain(encrypted: Path, key: bytes, plain: Path) -> None:
    """The same data in a plain SQLite file (SQLCipher's own export), for the ratio."""
    plain.unlink(missing_ok=True)
    connection = connect_raw(encrypted, key)
    try:
        connection.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(plain),))
        connection.execute("SELECT sqlcipher_export('plaintext')")
        connection.execute("DETACH DATABASE plaintext")
    finally:
        connection.close()
