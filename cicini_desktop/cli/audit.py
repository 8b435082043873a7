"""`cicini audit verify | purge [--dry-run] | export --to FILE [--since DATE] [--until DATE]
| reset-head`.

`verify` reveals nothing but the trail's integrity (as `doctor` does) and needs no sign-in;
`purge`, `export` and `reset-head` act as a signed-in staff member (`cli.signed_in`), checked
against that account's permissions and audited under its id. Also registers the audit-chain
check of `cicini doctor`.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cicini_desktop.cli.progress import run_with_progress
from cicini_desktop.cli.signed_in import SIGN_IN, signed_in
from cicini_desktop.config import Config
from cicini_desktop.core.errors import AuditChainError, UsageError
from cicini_desktop.services import audit, audit_integrity, doctor
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import ServiceContext

doctor.register_check("audit chain", audit_integrity.check_audit_chain)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )
    group = subparsers.add_parser(
        "audit",
        help="verify, purge or export the audit trail",
        description="The tamper-evident audit trail: verify its hash chain, apply the "
        "retention settings, or export it to CSV.",
    )
    commands = group.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    verify = commands.add_parser(
        "verify",
        parents=[common],
        help="walk the hash chain: OK, or the first broken record and why",
    )
    verify.set_defaults(handler=run_verify)

    purge = commands.add_parser(
        "purge",
        parents=[common, SIGN_IN],
        help="remove records older than retention.audit_years (leaves a verifiable anchor)",
    )
    purge.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    purge.set_defaults(handler=run_purge)

    export = commands.add_parser(
        "export",
        parents=[common, SIGN_IN],
        help="write the trail (ids only) to a new CSV file",
        description="Dates are days in the clinic's time zone; --until is inclusive.",
    )
    export.add_argument("--to", required=True, type=Path, metavar="FILE", dest="target")
    export.add_argument("--since", type=_day, metavar="YYYY-MM-DD")
    export.add_argument("--until", type=_day, metavar="YYYY-MM-DD")
    export.set_defaults(handler=run_export)

    reset = commands.add_parser(
        "reset-head",
        parents=[common, SIGN_IN],
        help="vouch for the trail as it is now, after IT looked into a head finding",
        description="Start the chain head kept outside the database again (for example after "
        "the keystore holding its key was lost, or the data folder was moved). Audited under "
        "your id with the finding it replaced; needs 'read the audit trail' and 'change clinic "
        "settings'.",
    )
    reset.set_defaults(handler=run_reset_head)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD") from None


def _open(config: Config) -> ServiceContext:
    return open_clinic(config)


def run_verify(args: argparse.Namespace, config: Config) -> int:
    del args
    context = _open(config)
    try:
        report = run_with_progress(
            audit_integrity.verify_steps(context), "Checking the audit trail"
        )
    finally:
        context.database.close()
    if not report.ok:
        raise AuditChainError(report.problem())
    print(report.sentence())
    for warning in report.warnings:
        print(f"Note: {warning}.")
    return 0


def run_purge(args: argparse.Namespace, config: Config) -> int:
    with signed_in(args, config) as (context, actor):
        outcome = audit_integrity.purge_trail(context, actor, dry_run=args.dry_run)
    print(outcome.sentence())
    return 0


def run_reset_head(args: argparse.Namespace, config: Config) -> int:
    with signed_in(args, config) as (context, actor):
        report = audit_integrity.reset_head(context, actor)
    if not report.ok:
        raise AuditChainError(report.problem())
    print(f"The chain head now vouches for the trail as it is. {report.sentence()}")
    return 0


def run_export(args: argparse.Namespace, config: Config) -> int:
    target: Path = args.target.expanduser()
    if target.exists():
        raise UsageError(f"{target} already exists; choose a new file name for the export.")
    if args.since and args.until and args.until < args.since:
        raise UsageError("--until is before --since; give the earlier date first.")
    with signed_in(args, config) as (context, actor):
        zone = ZoneInfo(audit.clinic_timezone(context))
        since = datetime.combine(args.since, time(), zone) if args.since else None
        until = (
            datetime.combine(args.until + timedelta(days=1), time(), zone) if args.until else None
        )
        count = run_with_progress(
            audit.export_csv_steps(
                context, actor, target, audit.AuditFilter(since=since, until=until)
            ),
            "Exporting the audit trail",
        )
    print(f"{count} audit record(s) exported to {target}.")
    return 0
