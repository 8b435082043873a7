"""Composition root: config -> vault -> database -> services -> window.

The only module that wires layers together. Store failures (wrong key, missing keyring
entry, tampered file, ...) are shown as dialogs with a sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import tempfile
from collections.abc import Sequence

from cicini_desktop._version import __version__
from cicini_desktop.config import Config, load_config
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.logging_setup import configure_logging

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cicini-desktop", description="Cicini Desktop")
    parser.add_argument("--version", action="version", version=f"cicini-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (overrides config)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a demo clinic (in a temporary folder unless --data-dir)",
    )
    parser.add_argument(
        "--quit-after-first-window", action="store_true", help=argparse.SUPPRESS
    )  # smoke tests and the cold-start benchmark
    return parser.parse_args(argv)


def resolve_config(args: argparse.Namespace) -> Config:
    data_dir = args.data_dir
    if args.demo and not data_dir:
        data_dir = tempfile.mkdtemp(prefix="cicini-demo-")
    return load_config(data_dir_flag=data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        config = resolve_config(args)
    except CiciniError as error:
        print(f"cicini-desktop: {error.user_message}", file=sys.stderr)
        return error.exit_code
    with contextlib.suppress(OSError):
        configure_logging(config.log_dir, config["log_level"])
    from cicini_desktop.gui.application import run_gui

    return run_gui(
        config,
        demo=args.demo,
        quit_after_first_window=args.quit_after_first_window,
        make_sync=_sync_for,
    )


def _sync_for(context: object) -> object:
    """One usage sync for the GUI's background runner (the gui may not import sync)."""
    from cicini_desktop.sync.client import run_mode

    return lambda mode, sleep: run_mode(context, mode, sleep)  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
