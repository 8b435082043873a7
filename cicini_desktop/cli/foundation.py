"""Foundation commands: init, doctor, backup, restore, rekey, recover.

Thin: each parses its options, reads secrets from standard input (never from arguments,
which other users can see in the process list), calls one use case in `services` and
prints the outcome. Failures are `CiciniError`s; `cli.main` prints their sentence.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from pathlib import Path
from typing import TextIO

from cicini_desktop._version import __version__
from cicini_desktop.cli.progress import run_with_progress
from cicini_desktop.cli.recovery_key import show_recovery_key
from cicini_desktop.cli.signed_in import (
    SIGN_IN,
    checked_actor,
    read_password,
    sign_in_actor,
    username,
)
from cicini_desktop.config import Config
from cicini_desktop.core.errors import UsageError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import doctor, maintenance, sessions
from cicini_desktop.services.context import Actor, ServiceContext


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    # `--data-dir` is also accepted after the command name (`cicini doctor --data-dir X`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )

    init = subparsers.add_parser(
        "init",
        parents=[common],
        help="set up a new clinic: database, key, first practice manager",
        description="Create the encrypted database, its key and the first practice-manager "
        "account. Refuses to run over an existing database.",
    )
    init.add_argument("--org-name", required=True, metavar="NAME", help="the clinic's name")
    init.add_argument("--timezone", required=True, metavar="IANA_TZ", help="e.g. Europe/Berlin")
    init.add_argument("--manager-username", required=True, metavar="USER")
    init.add_argument("--manager-display-name", required=True, metavar="NAME")
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the manager's password from the first line of standard input",
    )
    init.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="write the recovery key to this new file (mode 0600) instead of printing it",
    )
    init.add_argument("--contact-email", metavar="EMAIL", help="the clinic's contact address")
    init.add_argument("--contact-phone", metavar="PHONE", help="the clinic's contact number")
    init.set_defaults(handler=run_init)

    check = subparsers.add_parser(
        "doctor",
        parents=[common],
        help="check configuration, keystore, key, integrity, migrations, disk and sync",
        description="Print a health report; exit 0 only when every check passes. The "
        "integrity checks read every page in use once (quick_check); --full also reads free "
        "pages and checks every index against its table (minutes on a large clinic).",
    )
    check.add_argument(
        "--full",
        action="store_true",
        help="the exhaustive integrity checks (cipher_integrity_check and integrity_check)",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document for monitoring agents (checks, sync state, healthy)",
    )
    check.set_defaults(handler=run_doctor)

    backup = subparsers.add_parser(
        "backup",
        parents=[common],
        help="write a consistent encrypted copy (safe while the app runs)",
    )
    backup.add_argument("--to", required=True, type=Path, metavar="FILE", dest="target")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        parents=[common, SIGN_IN],
        help="replace the database with a verified backup (the old file is kept aside)",
        description="Verify a backup, then replace the database with it. Close Cicini "
        "Desktop first. The replaced file is kept beside it as cicini.replaced-<time>.db.",
    )
    restore.add_argument("--from", required=True, type=Path, metavar="FILE", dest="source")
    restore.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help="read the backup's recovery key from standard input (a backup made before a key "
        "rotation, or restoring on a computer that never held the key)",
    )
    restore.set_defaults(handler=run_restore)

    rekey = subparsers.add_parser(
        "rekey",
        parents=[common, SIGN_IN],
        help="rotate the database key and issue a new recovery key",
        description="Re-encrypt the database with a new key. Close Cicini Desktop first. "
        "The previous recovery key stops working for the database (keep it for older backups).",
    )
    rekey.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="write the new recovery key to this new file (mode 0600) instead of printing it",
    )
    rekey.set_defaults(handler=run_rekey)

    recover = subparsers.add_parser(
        "recover",
        parents=[common],
        help="restore access with the recovery key (read from standard input)",
        description="Read the recovery key from standard input, check it against the "
        "database and store the key in this computer's keystore again.",
    )
    recover.set_defaults(handler=run_recover)


# --- helpers ----------------------------------------------------------------------------------


def _read_secret_line(prompt: str, what: str, *, whole_input: bool = False) -> str:
    """A secret from standard input (a prompt without echo when it is a terminal).

    A password is the first line as typed; a recovery key may span lines (spaces and line
    breaks between groups are ignored when it is parsed), so all of the input is read.
    """
    if sys.stdin is None:
        raise UsageError(f"No {what} was given on standard input; pipe it in and try again.")
    try:
        if sys.stdin.isatty():
            text = getpass.getpass(prompt)
        else:
            text = sys.stdin.read() if whole_input else sys.stdin.readline()
        text.encode("utf-8")  # UTF-8 mode reads undecodable bytes as surrogates
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise UsageError(f"The {what} on standard input is not valid UTF-8 text.") from None
    text = text.rstrip("\r\n")
    if not text.strip():
        raise UsageError(f"No {what} was given on standard input; pipe it in and try again.")
    return text


def manifest_exists(config: Config) -> bool:
    return config.database_path.with_name(config.database_path.name + ".manifest.json").exists()


def _show_recovery_key(recovery_key: str, file: Path | None, *, first: bool) -> None:
    show_recovery_key(
        recovery_key,
        file,
        label="Recovery key" if first else "New recovery key",
        lost="the data cannot be opened if this computer's keystore is lost",
    )


# --- commands ---------------------------------------------------------------------------------


def run_init(args: argparse.Namespace, config: Config) -> int:
    if not args.password_stdin and not (sys.stdin is not None and sys.stdin.isatty()):
        raise UsageError(
            "Give the manager's password on standard input with --password-stdin; "
            "it is never accepted as an argument."
        )
    password = _read_secret_line("Password for the practice manager: ", "password")
    done = maintenance.initialize_clinic(
        config,
        organization_name=args.org_name,
        timezone=args.timezone,
        manager_username=args.manager_username,
        manager_display_name=args.manager_display_name,
        password=password,
        recovery_key_file=args.recovery_key_file,
        contact_email=args.contact_email,
        contact_phone=args.contact_phone,
    )
    print(f"The clinic is set up in {done.database_path.parent}.")
    if done.manager_id is None:
        print("No manager account was made: this build has no staff feature yet.")
    _show_recovery_key(done.recovery_key, args.recovery_key_file, first=True)
    return 0


def run_doctor(args: argparse.Namespace, config: Config) -> int:
    facts: dict[str, object] = {}
    progress = _DoctorProgress(sys.stderr)
    try:
        results = doctor.run_checks(config, full=args.full, on_check=progress.show, facts=facts)
    finally:
        progress.clear()
    failed = [result for result in results if result.status is doctor.Status.FAILED]
    if args.json:
        document = {
            "version": __version__,
            "data_dir": str(config.data_dir),
            "full": bool(args.full),
            "healthy": not failed,
            "exit_code": (failed[0].exit_code or 1) if failed else 0,
            "checks": [result.as_json() for result in results],
            "sync": facts.get("sync"),
            "integrity_pass_seconds": facts.get("integrity_pass_seconds"),
        }
        print(json.dumps(document, indent=2))
        return int(document["exit_code"])  # type: ignore[call-overload]
    print(f"Cicini doctor: {config.data_dir}")
    width = max(len(result.name) for result in results)
    marks = {doctor.Status.OK: " ok ", doctor.Status.FAILED: "FAIL", doctor.Status.SKIPPED: "skip"}
    for result in results:
        print(f"  [{marks[result.status]}] {result.name.ljust(width)}  {result.detail}")
    if not failed:
        print("Healthy: every check passed.")
        return 0
    print(
        f"cicini: {len(failed)} check(s) failed, first '{failed[0].name}'; "
        "see the report above and fix that one first.",
        file=sys.stderr,
    )
    return failed[0].exit_code or 1


class _DoctorProgress:
    """One line on a terminal naming the check that runs (the integrity pass takes seconds
    on a large clinic); nothing when standard error is a file or a pipe."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream if stream is not None and stream.isatty() else None
        self._started = time.monotonic()
        self._width = 0

    def show(self, name: str) -> None:
        if self._stream is None:
            return
        line = f"cicini doctor: checking {name}... ({time.monotonic() - self._started:.0f} s)"
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        if self._stream is not None and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()


def run_backup(args: argparse.Namespace, config: Config) -> int:
    target = run_with_progress(
        maintenance.make_backup_steps(config, args.target), "Backing up the database"
    )
    print(f"Backup written to {target}.")
    return 0


def run_restore(args: argparse.Namespace, config: Config) -> int:
    # The password first (the first line of stdin), then the backup's recovery key if asked.
    username(args)
    password = read_password(args)
    old_key = None
    if args.recovery_key_stdin:
        old_key = _read_secret_line(
            "Recovery key of the backup's time: ", "recovery key", whole_input=True
        )
    if config.database_path.exists() or manifest_exists(config):
        actor = checked_actor(args, config, Permission.BACKUP_MANAGE, password=password)
        aside = maintenance.restore_backup(
            config, args.source, backup_recovery_key=old_key, actor=actor, on_reerased=_reerased
        )
    else:

        def authorize(context: ServiceContext) -> Actor:
            # Nobody to sign in against before: the restored clinic's own accounts decide.
            session = sign_in_actor(context, args, password=password)
            sessions.sign_out(context, session)
            return session.actor

        aside = maintenance.restore_backup(
            config, args.source, backup_recovery_key=old_key, authorize=authorize
        )
    if aside is None:
        print(f"The database was restored from {args.source} into {config.data_dir}.")
    else:
        print(
            f"The database was restored from {args.source}; the replaced file is kept at {aside}."
        )
    return 0


def _reerased(count: int) -> None:
    print(
        f"{count} person(s) erased after that backup was made were erased again (each "
        "erasure is recorded by internal id beside the database)."
    )


def run_rekey(args: argparse.Namespace, config: Config) -> int:
    actor = checked_actor(args, config, Permission.BACKUP_MANAGE)
    recovery_key = maintenance.rotate_key(
        config, recovery_key_file=args.recovery_key_file, actor=actor
    )
    print("The database key was rotated; the previous recovery key no longer opens the database.")
    _show_recovery_key(recovery_key, args.recovery_key_file, first=False)
    return 0


def run_recover(args: argparse.Namespace, config: Config) -> int:
    del args
    text = _read_secret_line("Recovery key: ", "recovery key", whole_input=True)
    head_lost = maintenance.recover_access(config, text)
    print("The recovery key opens the database; the key is stored in this computer again.")
    if head_lost:
        print(
            "The audit trail's chain head cannot be vouched for any more (its key was in the "
            "lost keystore): 'cicini doctor' reports it until a practice manager has checked "
            "the trail and runs 'cicini audit reset-head --user NAME'."
        )
    return 0
