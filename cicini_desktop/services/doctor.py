"""`cicini doctor`: a readable health report of one installation.

Checks run in order and share a `DoctorRun`: each may rely on what earlier ones found (the
manifest, the key, an open context) and says "skipped" when that is missing. Other features
add their own check with `register_check` (the audit trail adds "audit chain"):

    def check_audit_chain(run: DoctorRun) -> str:
        context = run.require_context()
        ...  # raise a CiciniError with one sentence when unhealthy
        return "12,345 records, chain intact"

    register_check("audit chain", check_audit_chain)

A check returns a short detail line when healthy and raises a `CiciniError` (its sentence
and exit code are reported) when not. Details hold paths, counts and ids only.

Speed (a large clinic is several GB): by default the integrity checks share ONE
`PRAGMA quick_check`, which reads every page in use (SQLCipher verifies each page's HMAC as
it decrypts it, so a tampered page fails it) and checks every b-tree, in one pass. `full=True`
(`cicini doctor --full`) runs the exhaustive pair once each: `cipher_integrity_check` (every
page of the file, free ones too) and `integrity_check` (indexes against their tables).
`on_check` is told each check's name before it runs (the CLI's progress line).

The integrity pass is I/O and SQLCipher work that releases the GIL; the audit chain's walk is
Python. So the pass starts in a thread as soon as the key is known, the other checks run
meanwhile, and the two integrity checks are evaluated last (reported in their usual place):
on two cores the doctor takes about the longer of the two instead of their sum.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from cicini_desktop.config import Config
from cicini_desktop.core.clock import Clock, SystemClock
from cicini_desktop.core.errors import (
    CiciniError,
    MigrationError,
    SyncError,
    TamperedDatabaseError,
)
from cicini_desktop.services.clinic import make_vault, open_clinic, uses_server
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.store.database import connect_raw, integrity_problems, quick_problems
from cicini_desktop.store.keys import key_matches_check_value
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.migrations import current_revision, head_revision
from cicini_desktop.store.server import ServerSettings
from cicini_desktop.store.vault import KeyVault

log = logging.getLogger(__name__)
MIN_FREE_BYTES = 100 * 1024 * 1024
# A backup and a pre-migration copy each need about the database's size again.
FREE_PER_DATABASE_BYTE = 2


class Status(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    exit_code: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": str(self.status),
            "detail": self.detail,
            "exit_code": self.exit_code,
            "seconds": round(self.seconds, 3),
        }


class Skipped(Exception):
    """A check cannot run because an earlier one failed; the text says which."""


class HealthProblem(CiciniError):
    exit_code = 1


@dataclass
class DoctorRun:
    """What the checks found so far; later checks read it."""

    config: Config
    vault: KeyVault
    clock: Clock
    manifest: Manifest | None = None
    key: bytes | None = None
    schema_current: bool = False
    server_reached: bool = False  # a desk on the clinic server: it opened
    full: bool = False
    # (cipher problems, structure problems) of the one integrity pass, shared by two checks
    integrity: tuple[list[str], list[str]] | None = None
    # machine-readable facts a check found (the sync state), for `doctor --json`
    facts: dict[str, object] = field(default_factory=dict)
    _context: ServiceContext | None = field(default=None, repr=False)
    _pass_thread: threading.Thread | None = field(default=None, repr=False)
    _pass_error: BaseException | None = field(default=None, repr=False)

    def require_manifest(self) -> Manifest:
        if self.manifest is None:
            raise Skipped("needs the database file check to pass")
        return self.manifest

    def require_key(self) -> bytes:
        if self.key is None:
            raise Skipped("needs the keystore and key checks to pass")
        return self.key

    def _run_integrity_pass(self, key: bytes) -> None:
        path = self.config.database_path
        started = time.monotonic()
        try:
            if self.full:
                self.integrity = integrity_problems(path, key)
            else:
                self.integrity = quick_problems(path, key)
        except BaseException as error:  # re-raised on the checks' thread
            self._pass_error = error
        elapsed = time.monotonic() - started
        self.facts["integrity_pass_seconds"] = round(elapsed, 3)
        log.debug("doctor: %s integrity pass in %.1f s", "full" if self.full else "quick", elapsed)

    def start_integrity_pass(self) -> None:
        """Start the pass beside the other checks (once the key is known to open the file)."""
        if self._pass_thread is None and self.key is not None:
            self._pass_thread = threading.Thread(
                target=self._run_integrity_pass,
                args=(self.key,),
                name="doctor-integrity",
                daemon=True,
            )
            self._pass_thread.start()

    def integrity_pass(self) -> tuple[list[str], list[str]]:
        """One pass over the file for both integrity checks (quick, or --full)."""
        if self.integrity is None:
            key = self.require_key()
            if self._pass_thread is None:
                self._run_integrity_pass(key)
            else:
                self._pass_thread.join()
            if self._pass_error is not None:
                raise self._pass_error
            assert self.integrity is not None
        return self.integrity

    def require_context(self) -> ServiceContext:
        """An open context (not migrated: doctor changes nothing). Closed by `run_checks`."""
        if not self.schema_current:
            raise Skipped("needs the database to open with a current schema")
        if self._context is None:
            self._context = open_clinic(self.config, self.vault, self.clock, migrate=False)
        return self._context

    def close(self) -> None:
        if self._context is not None:
            self._context.database.close()
            self._context = None


DoctorCheck = Callable[[DoctorRun], str]


def check_configuration(run: DoctorRun) -> str:
    sources = ", ".join(str(p) for p in run.config.sources) or "built-in defaults only"
    return f"read from {sources}; data folder {run.config.data_dir}"


def check_database_file(run: DoctorRun) -> str:
    run.manifest = Manifest.read(run.config.database_path)
    return f"{run.config.database_path} (database id {run.manifest.database_id})"


def check_keystore(run: DoctorRun) -> str:
    manifest = run.require_manifest()
    key = run.vault.load_key(manifest.database_id)
    run.key = key
    return f"key found in the {run.vault.describe()}"


def check_key(run: DoctorRun) -> str:
    manifest = run.require_manifest()
    key = run.require_key()
    try:
        connect_raw(run.config.database_path, key).close()
    except CiciniError:
        run.key = None  # later checks need a key that opens the file
        raise
    run.start_integrity_pass()
    if not key_matches_check_value(key, manifest.key_check):
        return "the key opens the database (the manifest's key check is stale)"
    return "the key opens the database"


def check_cipher_integrity(run: DoctorRun) -> str:
    cipher, _ = run.integrity_pass()
    if cipher:
        raise TamperedDatabaseError(
            f"{run.config.database_path} has been altered or damaged ({len(cipher)} page(s) "
            "failed their integrity check); restore it from a backup with 'cicini restore', "
            "and keep the damaged file for IT."
        )
    if run.full:
        return "every page of the file passes its HMAC check"
    return "every page in use passes its HMAC check ('--full' also reads free pages)"


def check_structure_integrity(run: DoctorRun) -> str:
    _, structure = run.integrity_pass()
    if structure:
        raise TamperedDatabaseError(
            f"{run.config.database_path} has been altered or damaged (its structure check "
            "failed); restore it from a backup with 'cicini restore', and keep the damaged "
            "file for IT."
        )
    if run.full:
        return "integrity_check ok"
    return "quick_check ok ('--full' also checks every index against its table)"


def check_migrations(run: DoctorRun) -> str:
    on_server = uses_server(run.config)
    if on_server and not run.server_reached:
        raise Skipped("needs the clinic server check to pass")
    if not on_server:
        run.require_key()
    context = open_clinic(run.config, run.vault, run.clock, migrate=False)
    try:
        current = current_revision(context.database)
    finally:
        context.database.close()
    head = head_revision()
    if current != head and on_server:
        raise MigrationError(
            f"The clinic server's schema is at revision {current}, this app expects {head}; "
            "IT runs 'cicini server migrate --dsn ...' as the owner role (after a pg_dump), "
            "then every desk works again."
        )
    if current != head:
        raise MigrationError(
            f"The database schema is at revision {current}, this app expects {head}; run "
            "'cicini migrate' (it makes a backup first) or start Cicini Desktop once."
        )
    run.schema_current = True
    return f"schema at revision {head}"


def check_server(run: DoctorRun) -> str:
    """A desk on the clinic's PostgreSQL server: the settings, the password in this
    computer's keystore, the connection (TLS verify-full off loopback) and the schema's
    owner-side set-up, by opening the clinic as the desk does (nothing is changed)."""
    from cicini_desktop.services.server_store import settings

    server = settings(run.config)  # a sentence when server.host is missing
    signed_in_with = _server_credential(run, server)
    context = open_clinic(run.config, run.vault, run.clock, migrate=False)
    context.database.close()
    run.server_reached = True
    tls = "on loopback" if server.is_loopback else "TLS verify-full"
    return (
        f"{server.host}:{server.port}, database {server.database} as {server.user} ({tls}, "
        f"{signed_in_with})"
    )


# A client certificate this close to its end is reported while it still works.
CERTIFICATE_WARNING_DAYS = 30


def _server_credential(run: DoctorRun, server: ServerSettings) -> str:
    """The desk's password or client certificate is in the keystore (and the certificate
    still valid): a sentence saying what to do when not. Never a word of the key."""
    from cicini_desktop.store.client_cert import NOT_ON_THIS_SYSTEM, supported
    from cicini_desktop.store.server import CLIENT_CERT_MISSING, expired_certificate

    if not server.uses_certificate:
        if run.vault.server_password(server.account) is None:
            raise HealthProblem(
                f"No password for the database role {server.user} is kept in this computer's "
                "keystore; run 'cicini server password' as the desk's account."
            )
        return "password"
    if not supported():
        raise HealthProblem(NOT_ON_THIS_SYSTEM)
    certificate = run.vault.server_client_certificate(server.certificate_account)
    if certificate is None:
        raise HealthProblem(CLIENT_CERT_MISSING.format(user=server.user))
    # The real clock, not the run's: the server judges the certificate by it, in the TLS
    # handshake, as the desk does before connecting (store/server.py).
    now = datetime.now(UTC)
    until = certificate.not_valid_after
    if until <= now:
        raise HealthProblem(expired_certificate(server, certificate))
    days = (until - now).days
    soon = f"; renew it within {days} day(s)" if days < CERTIFICATE_WARNING_DAYS else ""
    return f"client certificate valid until {until:%Y-%m-%d}{soon}"


def check_free_disk(run: DoctorRun) -> str:
    folder = run.config.data_dir
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    database = run.config.database_path
    size = database.stat().st_size if database.exists() else 0
    needed = max(MIN_FREE_BYTES, FREE_PER_DATABASE_BYTE * size)
    if free < needed:
        raise HealthProblem(
            f"Only {free // (1024 * 1024)} MB are free on the disk of {run.config.data_dir}; "
            f"free at least {needed // (1024 * 1024)} MB so backups and updates can run."
        )
    return f"{free / 1024**3:.1f} GB free"


def check_sync(run: DoctorRun) -> str:
    """The usage sync's state (for monitoring agents too): fails only when sync has stopped
    by itself (a revoked token, a refused installation) and needs someone to act."""
    from cicini_desktop.services import usage

    context = run.require_context()
    try:
        status = usage.sync_status(context)
    except CiciniError as error:  # the keystore (token) is out of reach: say so, not fail
        run.facts["sync"] = {"state": "unknown", "reason": error.user_message}
        return f"state unknown: {error.user_message}"
    facts: dict[str, object] = {
        "enabled": status.enabled,
        "endpoint_set": bool(status.endpoint),
        "enrolled": status.enrolled,
        "pending_days": status.pending_days,
        "last_success_at": _iso(status.last_success_at),
        "last_outcome": status.last_outcome,
        "halted": status.halted,
        "retry_not_before": _iso(status.retry_not_before),
        "plan": status.plan.plan.name,
        "plan_status": str(status.plan.status),
    }
    run.facts["sync"] = facts
    if not status.enabled or not status.endpoint:
        facts["state"] = "off"
        return "off (no endpoint set); usage stays on this computer"
    if status.halted:
        facts["state"] = "halted"
        raise SyncError(
            f"Usage sync has stopped ({status.halted}); see 'cicini sync status' for what "
            "to do, then 'cicini sync now'."
        )
    if not status.enrolled:
        facts["state"] = "not enrolled"
        return "endpoint set, not enrolled yet ('cicini sync enroll')"
    facts["state"] = "ok"
    last = _iso(status.last_success_at) or "never"
    return f"enrolled; last success {last}; {status.pending_days} day(s) waiting to be sent"


def _iso(moment: object) -> str | None:
    return moment.isoformat(timespec="seconds") if hasattr(moment, "isoformat") else None


CHECKS: list[tuple[str, DoctorCheck]] = [
    ("configuration", check_configuration),
    ("database file", check_database_file),
    ("keystore", check_keystore),
    ("key", check_key),
    ("encryption integrity", check_cipher_integrity),
    ("database integrity", check_structure_integrity),
    ("migrations", check_migrations),
    ("free disk", check_free_disk),
    ("sync", check_sync),
]


# A desk on the clinic server has no database file, key or pages of its own: the server's
# files are IT's (pg_amcheck, pg_dump and the server's monitoring; see the IT guide).
SERVER_CHECKS: list[tuple[str, DoctorCheck]] = [
    ("configuration", check_configuration),
    ("clinic server", check_server),
    ("migrations", check_migrations),
    ("free disk", check_free_disk),
    ("sync", check_sync),
]
ONLY_ON_A_FILE = frozenset(name for name, _ in CHECKS) - frozenset(n for n, _ in SERVER_CHECKS)


# Evaluated after every other check (their pass runs in a thread meanwhile), reported in place.
DEFERRED = frozenset({"encryption integrity", "database integrity"})


def register_check(name: str, check: DoctorCheck) -> None:
    """Add a check (run after the built-in ones); registering a name twice replaces it."""
    for index, (existing, _) in enumerate(CHECKS):
        if existing == name:
            CHECKS[index] = (name, check)
            return
    CHECKS.append((name, check))


def run_checks(
    config: Config,
    vault: KeyVault | None = None,
    clock: Clock | None = None,
    *,
    full: bool = False,
    on_check: Callable[[str], None] | None = None,
    facts: dict[str, object] | None = None,
) -> list[CheckResult]:
    """Run every check in order. `facts` (if given) receives what checks found for
    machines (the sync state under "sync")."""
    run = DoctorRun(config, vault or make_vault(config), clock or SystemClock(), full=full)
    checks = list(CHECKS)
    if uses_server(config):
        # The built-in file checks give way to the server's; registered ones (the audit
        # chain) run on either store.
        checks = list(SERVER_CHECKS) + [
            (name, check)
            for name, check in CHECKS
            if name not in ONLY_ON_A_FILE and name not in dict(SERVER_CHECKS)
        ]
    order = [c for c in checks if c[0] not in DEFERRED] + [c for c in checks if c[0] in DEFERRED]
    results: list[CheckResult] = []
    try:
        for name, check in order:
            if on_check is not None:
                on_check(name)
            started = time.monotonic()
            try:
                detail = check(run)
            except Skipped as skipped:
                results.append(CheckResult(name, Status.SKIPPED, str(skipped)))
            except CiciniError as error:
                results.append(
                    CheckResult(name, Status.FAILED, error.user_message, error.exit_code)
                )
                log.debug("doctor: check %r failed (exit %s)", name, error.exit_code)
            except Exception as error:  # one broken check must not hide the others
                log.exception("doctor check %r failed unexpectedly", name)
                results.append(
                    CheckResult(
                        name,
                        Status.FAILED,
                        f"The check stopped with an unexpected {type(error).__name__}; "
                        "details are in the log file.",
                        1,
                    )
                )
            else:
                results.append(CheckResult(name, Status.OK, detail))
            results[-1] = replace(results[-1], seconds=time.monotonic() - started)
    finally:
        if run._pass_thread is not None:
            run._pass_thread.join()  # never leave a connection open behind the caller
        run.close()
        if facts is not None:
            facts.update(run.facts)
    position = {name: index for index, (name, _) in enumerate(checks)}
    return sorted(results, key=lambda result: position[result.name])


def healthy(results: list[CheckResult]) -> bool:
    return all(result.status is Status.OK for result in results)
