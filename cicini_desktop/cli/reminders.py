"""`cicini reminders run | status | set-secret`: reminders for a machine that is always on.

`run` does one pass (plan, send what is due, read SMS replies) and exits: schedule it every
few minutes (the IT guide shows a systemd timer and a Windows scheduled task). Several
instances may run at once on one database; none sends a row twice. Secrets are read from
standard input, so they stay out of the process list and shell history, and go to this
machine's keystore only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from cicini_desktop.config import Config
from cicini_desktop.core.errors import UsageError
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.desk import desk_view
from cicini_desktop.services.reminders.runner import run_due_reminders


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = subparsers.add_parser(
        "reminders", help="send due appointment reminders; reminder status and secrets"
    )
    actions = group.add_subparsers(dest="reminders_action", metavar="ACTION")
    actions.required = True
    run = actions.add_parser(
        "run", help="one pass: plan, send what is due, read SMS replies (for a scheduled task)"
    )
    run.add_argument("--batch", type=int, default=200, metavar="N", help="at most N sends")
    run.set_defaults(handler=run_run)
    status = actions.add_parser("status", help="counts of today's reminders, failures, replies")
    status.set_defaults(handler=run_status)
    secret = actions.add_parser(
        "set-secret",
        help="store the SMTP password or SMS token in this machine's keystore (from stdin)",
    )
    secret.add_argument("which", choices=["smtp-password", "sms-token"])
    secret.set_defaults(handler=run_set_secret)


@contextmanager
def _clinic(config: Config) -> Iterator[ServiceContext]:
    context = open_clinic(config)
    try:
        yield context
    finally:
        context.database.close()


def _system(context: ServiceContext) -> Actor:
    assert context.organization_id is not None
    return Actor.system(context.organization_id)


def run_run(args: argparse.Namespace, config: Config) -> int:
    if not 1 <= args.batch <= 5000:
        raise UsageError("Give --batch between 1 and 5000.")
    with _clinic(config) as context:
        report = run_due_reminders(context, batch=args.batch)
    print(report.sentence())
    return 0


def run_status(args: argparse.Namespace, config: Config) -> int:
    del args
    with _clinic(config) as context:
        view = desk_view(context, _system(context))
    sent = sum(1 for r in view.today if r.status.value == "sent")
    due = sum(1 for r in view.today if r.status.value in ("pending", "sending"))
    print(f"Today:        {sent} sent, {due} still due")
    print(f"Failures:     {len(view.failures)} in the last 7 days")
    print(f"Replies:      {len(view.replies)} waiting for a person")
    return 0


def run_set_secret(args: argparse.Namespace, config: Config) -> int:
    value = sys.stdin.readline().strip()
    with _clinic(config) as context:
        if args.which == "smtp-password":
            reminder_settings.set_smtp_password(context, _system(context), value)
        else:
            reminder_settings.set_sms_token(context, _system(context), value)
    print("Stored in this machine's keystore." if value else "Removed from the keystore.")
    return 0
