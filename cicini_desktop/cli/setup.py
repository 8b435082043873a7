"""`cicini setup export --to FILE`: the clinic's set-up as a provisioning file.

Opening hours, closures, holiday region, rooms, appointment types, staff accounts with their
roles and providers' weekly hours, in the format `cicini provision --config` reads, so a
group of clinics can copy a set-up. Never patient data, appointments, time off, passwords or
keys: to provision from it, add `recovery_key_file`, the manager's `one_time_password` and one
for each [[staff]] account (the header of the file says so).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import tomli_w

from cicini_desktop.cli.signed_in import SIGN_IN, signed_in
from cicini_desktop.config import Config
from cicini_desktop.core.errors import ExportError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.clinic import clinic_identity
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.setup_transfer import export_setup

HEADER = (
    "# Cicini clinic set-up, written by 'cicini setup export'. No patient data, no secrets.\n"
    "# To provision a new clinic from it ('cicini provision --config FILE'), add\n"
    '#   recovery_key_file = "/path/for/the/recovery-key.txt"   (at the top)\n'
    '#   one_time_password = "..." under [manager] and in each [[staff]] table\n'
    "# (each must be changed at first sign-in).\n"
)


def export_text(context: ServiceContext, actor: Actor) -> str:
    """The set-up document as TOML text (what `setup export` writes)."""
    return HEADER + tomli_w.dumps(export_setup(context, actor, clinic_identity(context)))


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    if os.name == "posix":
        os.chmod(path, 0o600)


def run_export(args: argparse.Namespace, config: Config) -> int:
    target = Path(args.to)
    # Staff names and usernames are in it: a signed-in member who may see staff and the
    # schedule exports it, and the sign-in is audited under their id.
    with signed_in(
        args, config, require=(Permission.STAFF_VIEW, Permission.SCHEDULE_VIEW)
    ) as (context, actor):
        text = export_text(context, actor)
    try:
        # Usernames and display names are in it: readable by its owner only.
        _write_private(target, text)
    except OSError as error:
        raise ExportError(
            f"The set-up could not be written to {target} ({error.strerror}); choose another file."
        ) from None
    print(f"Set-up written to {target}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "setup",
        help="the clinic's set-up (opening hours, types, rooms, staff, weekly hours)",
        description="Export the clinic's set-up in the provisioning file's format.",
    )
    commands = parser.add_subparsers(dest="setup_command", metavar="SUBCOMMAND")
    commands.required = True
    export = commands.add_parser(
        "export",
        parents=[SIGN_IN],
        help="write the set-up as a provisioning file (no patient data, no secrets)",
        description=(
            "Write opening hours, closures, rooms, appointment types, staff accounts with "
            "roles and providers' weekly hours to FILE, in the format of 'cicini provision'. "
            "Signed in as a member who may view staff and the schedule (--user NAME)."
        ),
    )
    export.add_argument("--to", required=True, metavar="FILE", help="the file to write")
    export.set_defaults(handler=run_export)
