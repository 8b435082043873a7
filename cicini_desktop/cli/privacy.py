"""`cicini privacy export|erase|restrict|unrestrict --patient UUID | --staff UUID`,
`cicini privacy minimum-retention [--years N]` and `cicini purge [--dry-run]`.

Commands that honour privacy requests and apply the retention policy with the same rules as
the app. Each acts as a signed-in staff member (`--user NAME`, `cli.signed_in`), is checked
against that account's permissions and audited under its id. Output names ids and counts
only, never a person's details.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

from cicini_desktop.cli.progress import run_with_progress
from cicini_desktop.cli.signed_in import SIGN_IN, signed_in
from cicini_desktop.config import Config
from cicini_desktop.core.errors import PrivacyRefusedError, UsageError
from cicini_desktop.services import privacy, retention
from cicini_desktop.services.privacy import Subject


def _uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an id (a UUID)") from None


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )
    subject = argparse.ArgumentParser(add_help=False)
    who = subject.add_mutually_exclusive_group(required=True)
    who.add_argument("--patient", type=_uuid, metavar="UUID", help="the patient's id")
    who.add_argument("--staff", type=_uuid, metavar="UUID", help="the staff member's id")

    group = subparsers.add_parser(
        "privacy",
        help="privacy requests: access export, erasure, restriction",
        description="Honour a person's privacy request; every request is audited by kind only.",
    )
    commands = group.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    export = commands.add_parser(
        "export",
        parents=[common, subject, SIGN_IN],
        help="write everything held about the person as JSON and a text PDF",
    )
    export.add_argument("--to", required=True, type=Path, metavar="FOLDER", dest="target")
    export.set_defaults(handler=run_export)

    erase = commands.add_parser(
        "erase", parents=[common, subject, SIGN_IN], help="erase the person's personal data (final)"
    )
    erase.add_argument("--yes", action="store_true", help="confirm: erasure cannot be undone")
    erase.set_defaults(handler=run_erase)

    for name, restricted, text in (
        ("restrict", True, "restrict processing of a patient's record"),
        ("unrestrict", False, "lift the restriction of a patient's record"),
    ):
        command = commands.add_parser(name, parents=[common, subject, SIGN_IN], help=text)
        command.set_defaults(handler=run_restriction, restricted=restricted)

    minimum = commands.add_parser(
        "minimum-retention",
        parents=[common, SIGN_IN],
        help="show or set the years appointment records must be kept before erasure",
    )
    minimum.add_argument("--years", type=int, metavar="N", help="0 means no minimum")
    minimum.set_defaults(handler=run_minimum)

    purge = subparsers.add_parser(
        "purge",
        parents=[common, SIGN_IN],
        help="apply the retention policy (appointments, patients, audit, usage, backups)",
        description="Remove what the retention settings no longer allow to keep; audited "
        "with counts only.",
    )
    purge.add_argument("--dry-run", action="store_true", help="only count what would go")
    purge.set_defaults(handler=run_purge)


def _subject(args: argparse.Namespace) -> tuple[Subject, str]:
    if args.patient is not None:
        return Subject.PATIENT, str(args.patient)
    return Subject.STAFF, str(args.staff)


def run_export(args: argparse.Namespace, config: Config) -> int:
    subject, subject_id = _subject(args)
    target: Path = args.target.expanduser()
    if not target.is_dir():
        raise UsageError(f"{target} is not a folder; create it or give another --to folder.")
    with signed_in(args, config) as (context, actor):
        json_path, pdf_path = privacy.write_access_export(
            context, actor, subject, subject_id, target
        )
    print(f"Access export of {subject.value} {subject_id} written to {json_path} and {pdf_path}.")
    return 0


def run_erase(args: argparse.Namespace, config: Config) -> int:
    subject, subject_id = _subject(args)
    if not args.yes:
        raise UsageError("Erasure cannot be undone; run the command again with --yes to confirm.")
    with signed_in(args, config) as (context, actor):
        if subject is Subject.PATIENT:
            privacy.erase_patient(context, actor, subject_id)
        else:
            privacy.erase_staff(context, actor, subject_id)
    print(f"Personal data of {subject.value} {subject_id} erased.")
    return 0


def run_restriction(args: argparse.Namespace, config: Config) -> int:
    subject, subject_id = _subject(args)
    if subject is not Subject.PATIENT:
        raise PrivacyRefusedError(
            "Restriction applies to patient records; to stop a staff account, deactivate it."
        )
    with signed_in(args, config) as (context, actor):
        changes = privacy.set_restriction(context, actor, subject_id, restricted=args.restricted)
    state = "restricted" if args.restricted else "no longer restricted"
    already = "" if changes.any() else " (it already was)"
    print(f"Patient {subject_id} is {state}{already}.")
    return 0


def run_minimum(args: argparse.Namespace, config: Config) -> int:
    with signed_in(args, config) as (context, actor):
        if args.years is not None:
            privacy.set_minimum_retention_years(context, actor, args.years)
        years = privacy.minimum_retention_years(context, actor)
    if years:
        print(f"Patients with an appointment in the last {years} year(s) cannot be erased.")
    else:
        print("No minimum retention: any patient may be erased.")
    return 0


def run_purge(args: argparse.Namespace, config: Config) -> int:
    with signed_in(args, config) as (context, actor):
        report = run_with_progress(
            retention.purge_steps(context, actor, dry_run=args.dry_run),
            "Applying the retention policy",
        )
    for line in report.lines():
        print(line)
    if report.dry_run:
        print("Dry run: nothing was changed.")
    return 0
