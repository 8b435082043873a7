"""Sync commands for IT: `cicini enroll`, `cicini sync now|status|preview`.

The enrolment code is read from a prompt or, with `--code-stdin`, from standard input (never
from an argument: the process list and shell history). `enroll` needs a staff member's sign-in
with "enrol this installation" (`cli.signed_in`). The token goes to the keystore only.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from cicini_desktop.cli.signed_in import SIGN_IN, read_password, signed_in, username
from cicini_desktop.config import Config
from cicini_desktop.core.errors import SyncError, UsageError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import usage
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.sync.client import enroll, sync_now


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    enrol = subparsers.add_parser(
        "enroll",
        parents=[SIGN_IN],
        help="enrol this installation with a Cicini usage endpoint (signed in)",
        description="Exchange an enrolment code for this installation's token (kept in the "
        "system keystore, never in a file). The code is read from a prompt, or from standard "
        "input with --code-stdin (after the password line with --password-stdin); it is never "
        "accepted as an argument, where other users could read it.",
    )
    enrol.add_argument("--endpoint", required=True, metavar="URL", help="https://... address")
    enrol.add_argument(
        "--code-stdin", action="store_true", help="read the enrolment code from standard input"
    )
    enrol.add_argument("--code", metavar="-", help=argparse.SUPPRESS)  # old spelling: "-" only
    enrol.set_defaults(handler=run_enroll)

    sync = subparsers.add_parser("sync", help="send usage counts now, or show what is shared")
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION")
    actions.required = True
    now = actions.add_parser("now", help="send pending usage days now")
    now.set_defaults(handler=run_now)
    status = actions.add_parser("status", help="enrolment, last sync, pending days, plan")
    status.set_defaults(handler=run_status)
    preview = actions.add_parser("preview", help="print the exact JSON that would be sent next")
    preview.set_defaults(handler=run_preview)


@contextmanager
def _clinic(config: Config) -> Iterator[ServiceContext]:
    context = open_clinic(config)
    try:
        yield context
    finally:
        context.database.close()


def _when(instant: datetime | None) -> str:
    return instant.strftime("%Y-%m-%d %H:%M UTC") if instant else "never"


def _read_code(args: argparse.Namespace) -> str:
    if args.code is not None and args.code != "-":
        raise UsageError(
            "The enrolment code is never accepted as an argument (other users could read it); "
            "type it at the prompt, or pipe it in with --code-stdin."
        )
    from_stdin = args.code_stdin or args.code == "-"
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if not from_stdin and not interactive:
        raise UsageError("Give the enrolment code on standard input with --code-stdin.")
    try:
        code = getpass.getpass("Enrolment code: ") if not from_stdin else sys.stdin.readline()
        code.encode("utf-8")  # UTF-8 mode reads undecodable bytes as surrogates
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise UsageError("The enrolment code on standard input is not valid UTF-8 text.") from None
    code = code.strip()
    if not code:
        raise UsageError("No enrolment code was given; type it at the prompt or use --code-stdin.")
    return code


def run_enroll(args: argparse.Namespace, config: Config) -> int:
    username(args)
    password = read_password(args)  # the first line of stdin comes before the code
    code = _read_code(args)
    with signed_in(args, config, require=(Permission.SYNC_MANAGE,), password=password) as (
        context,
        _actor,
    ):
        enroll(context, args.endpoint, code)
        print("This installation is enrolled; usage counts will be sent to Cicini.")
        if not config["sync.endpoint"]:
            print("(sync.endpoint is not set; the enrolment address is used.)")
    return 0


def run_now(args: argparse.Namespace, config: Config) -> int:
    del args
    with _clinic(config) as context:
        report = sync_now(context, manual=True)
    if report.succeeded:
        print(report.sentence())
        if report.sent_days:
            print("Days sent: " + ", ".join(d.isoformat() for d in report.sent_days))
        return 0
    reason = f" (reason: {report.reason})" if report.reason else ""
    print(f"cicini: {report.sentence()}{reason}", file=sys.stderr)
    return SyncError.exit_code


def run_status(args: argparse.Namespace, config: Config) -> int:
    del args
    with _clinic(config) as context:
        status = usage.sync_status(context)
        endpoint = usage.effective_endpoint(context)
    plan = status.plan
    lines = [
        f"Sync:            {'on' if status.enabled else 'off'}",
        f"Endpoint:        {endpoint or 'not configured'}",
        f"Enrolled:        {'yes, ' + _when(status.enrolled_at) if status.enrolled else 'no'}",
        f"Last success:    {_when(status.last_success_at)}",
        f"Last run:        {status.last_outcome or 'none'}"
        + (f" ({status.last_reason})" if status.last_reason else ""),
        *([f"                 {status.last_run}"] if status.last_run else []),
        f"Pending days:    {status.pending_days}",
        f"Plan:            {plan.plan.name} ({plan.status.value}): "
        f"{plan.plan.active_providers} active providers, {plan.plan.staff_accounts} staff accounts",
    ]
    if plan.received is not None and plan.grace_ends is not None:
        valid, grace = _when(plan.received.valid_until), _when(plan.grace_ends)
        lines.append(f"Plan valid:      until {valid}; offline grace until {grace}")
    if status.halted:
        lines.append(f"Stopped:         {status.halted}; see 'cicini sync now'")
    if status.retry_not_before:
        lines.append(f"Next try after:  {_when(status.retry_not_before)}")
    print("\n".join(lines))
    return 0


def run_preview(args: argparse.Namespace, config: Config) -> int:
    del args
    with _clinic(config) as context:
        document = usage.next_document(context)
    if document is None:
        print("Nothing is queued: every counted day is already held by Cicini.", file=sys.stderr)
        return 0
    sys.stdout.write(document.decode("ascii") + "\n")
    return 0
