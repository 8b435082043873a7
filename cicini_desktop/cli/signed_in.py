"""A staff member's sign-in for CLI commands that read or change personal data or the trail.

Whoever can use the workstation's OS account can run `cicini`; that is not authority over
patient data. These commands therefore act as a signed-in account: `--user NAME` and the
password from a prompt (no echo) or, for scripts, the first line of standard input with
`--password-stdin` (never an argument: other users see the process list). The sign-in goes
through the identity services (delays, lock-out and audit as in the app), every service call
is checked against that account's permissions, and its records carry that account's id.

Reusable by any command group (set-up and staff commands included):

    def register(subparsers):
        command = subparsers.add_parser("x", parents=[common, SIGN_IN])
    def run_x(args, config):
        with signed_in(args, config) as (context, actor):
            some_service(context, actor, ...)

`signed_in(..., require=Permission.X)` also refuses (audited) before anything runs, for
operations whose service runs outside the context (restore, rekey).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from cicini_desktop.config import Config
from cicini_desktop.core.errors import UsageError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import sessions
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require as require_permission

SIGN_IN = argparse.ArgumentParser(add_help=False)
_group = SIGN_IN.add_argument_group("sign-in (a staff account whose role allows the command)")
_group.add_argument("--user", metavar="NAME", help="your Cicini username")
_group.add_argument(
    "--password-stdin",
    action="store_true",
    help="read your password from the first line of standard input (scripts)",
)


def read_password(args: argparse.Namespace, *, prompt: str = "Password: ") -> str:
    """The password: a prompt without echo on a terminal, else stdin with --password-stdin."""
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if not getattr(args, "password_stdin", False) and not interactive:
        raise UsageError(
            "Give your password on standard input with --password-stdin (or run the command "
            "in a terminal to be asked for it); it is never accepted as an argument."
        )
    if sys.stdin is None:
        raise UsageError("No password was given on standard input; pipe it in and try again.")
    try:
        text = getpass.getpass(prompt) if interactive else sys.stdin.readline()
        text.encode("utf-8")  # UTF-8 mode reads undecodable bytes as surrogates
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise UsageError("The password on standard input is not valid UTF-8 text.") from None
    text = text.rstrip("\r\n")
    if not text:
        raise UsageError("No password was given on standard input; pipe it in and try again.")
    return text


def username(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None)
    if not name or not name.strip():
        raise UsageError(
            "This command needs a staff member's sign-in: add --user NAME (and your password "
            "at the prompt, or --password-stdin)."
        )
    return str(name)


def sign_in_actor(
    context: ServiceContext, args: argparse.Namespace, *, password: str | None = None
) -> sessions.StaffSession:
    """Sign `--user` in on `context` (audited like the app's sign-in); raises
    AuthenticationError for a wrong name or password, a lock or a throttle."""
    name = username(args)
    secret = password if password is not None else read_password(args)
    session = sessions.sign_in(context, name, secret)
    if session.must_change_password:
        sessions.sign_out(context, session)
        raise UsageError(
            "This account must choose a new password first; sign in to Cicini Desktop once, "
            "then run the command again."
        )
    return session


@contextmanager
def signed_in(
    args: argparse.Namespace,
    config: Config,
    *,
    require: tuple[Permission, ...] = (),
    password: str | None = None,
) -> Iterator[tuple[ServiceContext, Actor]]:
    """Open the clinic, sign `--user` in, check `require` (audited refusal), yield the
    context and the account's actor; sign out and close afterwards, whatever happens."""
    name = username(args)  # before opening anything: a missing --user is a usage error
    del name
    secret = password if password is not None else read_password(args)
    context = open_clinic(config)
    try:
        session = sign_in_actor(context, args, password=secret)
        try:
            for permission in require:
                require_permission(context, session.actor, permission, target_type="session")
            yield context, session.actor
        finally:
            sessions.sign_out(context, session)
    finally:
        context.database.close()


def checked_actor(
    args: argparse.Namespace, config: Config, *require: Permission, password: str | None = None
) -> Actor:
    """Sign in, check `require`, sign out: the actor, for operations that need the database
    closed while they run (restore, rekey) and record their audit under this id."""
    with signed_in(args, config, require=require, password=password) as (_, actor):
        return actor
