"""`cicini`: the admin/IT command line.

Each command group lives in its own module with a `register(subparsers)` function; this
module parses the global options, loads the configuration and turns every domain error into
one sentence on stderr with the error's own exit code. No traceback ever reaches the user:
unexpected failures are logged (redacted) and summarised.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence

from cicini_desktop._version import __version__
from cicini_desktop.cli import audit as audit_commands
from cicini_desktop.cli import demo as demo_commands
from cicini_desktop.cli import foundation, migrate, provision
from cicini_desktop.cli import privacy as privacy_commands
from cicini_desktop.cli import reminders as reminder_commands
from cicini_desktop.cli import server as server_commands
from cicini_desktop.cli import setup as setup_commands
from cicini_desktop.cli import sync as sync_commands
from cicini_desktop.config import load_config
from cicini_desktop.core.errors import CiciniError, FileAccessError, UsageError
from cicini_desktop.logging_setup import configure_logging

log = logging.getLogger(__name__)

# Command-group modules, in the order their commands appear in --help.
COMMAND_GROUPS: list[Callable[[argparse._SubParsersAction], None]] = [  # type: ignore[type-arg]
    foundation.register,
    migrate.register,
    provision.register,
    setup_commands.register,
    sync_commands.register,
    audit_commands.register,
    demo_commands.register,
    privacy_commands.register,
    reminder_commands.register,
    server_commands.register,
]

EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage + message and exits 2; keep it to one clear sentence.
        self.exit(2, f"cicini: {message}; run 'cicini --help' for the list of commands.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cicini",
        description="Cicini Desktop administration for IT and practice managers.",
    )
    parser.add_argument("--version", action="version", version=f"cicini {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="data folder (overrides config and CICINI_DATA_DIR)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for register in COMMAND_GROUPS:
        register(subparsers)
    return parser


def _refuse_undecodable(argv: Sequence[str]) -> None:
    """An argument that is not UTF-8 arrives with surrogate escapes; say so in a sentence
    instead of failing later, deep inside, with an encoding error."""
    for argument in argv:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError("An argument is not valid UTF-8 text; type it again.") from None
        if "\x00" in argument:  # no path or name can hold one; the OS would refuse it later
            raise UsageError("An argument contains a NUL character; type it again.")


def _file_problem(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    why = error.strerror or type(error).__name__
    return (
        f"{where}cannot be used ({why.lower()}); check that the folder exists, is a folder, "
        "and that this account may read and write it (data_dir, log_dir)."
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _refuse_undecodable(argv)
    except UsageError as error:
        print(f"cicini: {error.user_message}", file=sys.stderr)
        return error.exit_code
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(data_dir_flag=args.data_dir)
        # A read-only log folder must not stop an IT command.
        with contextlib.suppress(OSError):
            configure_logging(config.log_dir, config["log_level"])
        result: int = args.handler(args, config)
        return result
    except CiciniError as error:
        print(f"cicini: {error.user_message}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        # Permissions, a file where a folder should be, a full disk: one sentence.
        log.warning("'cicini %s' stopped: %s", args.command, type(error).__name__)
        print(f"cicini: {_file_problem(error)}", file=sys.stderr)
        return FileAccessError.exit_code
    except RecursionError:
        print("cicini: the input is nested too deeply to be read.", file=sys.stderr)
        return UsageError.exit_code
    except KeyboardInterrupt:
        print("cicini: interrupted; nothing more was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        log.exception("unexpected failure in 'cicini %s'", args.command)
        print(
            f"cicini: an unexpected error stopped the command ({type(error).__name__}); "
            "details are in the log file, and nothing was changed unless the command said so.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    raise SystemExit(main())
