"""Composition root: config -> vault -> database -> worker -> services -> window.

The only module that wires the layers together, in the order the house is built:

1. configuration (defaults, machine file, user file, environment, flags) and logging;
2. the Qt application, refused on a Python/PySide6 pair known to crash (gui/qt_support.py);
3. the one database worker (services/worker.py) and the hub that hands it the GUI's work;
4. the clinic's database, opened on that worker: the key from the vault (or the recovery
   dialog), the onboarding wizard on first run, or a demo clinic;
5. the worker attached to the service context: from here on, only it touches the database;
6. the usage sync (the gui layer may not import sync: it receives the function from here);
7. sign-in, then the window (`FrontDesk`); at exit, everything in reverse order.

Store failures (wrong key, missing keyring entry, tampered file, ...) are shown as dialogs
with a sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cicini_desktop._version import __version__
from cicini_desktop.config import Config, default_log_dir, load_config
from cicini_desktop.core.errors import CiciniError, DatabaseNotFoundError
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
        import tempfile  # only for a demo: not on the start path

        data_dir = tempfile.mkdtemp(prefix="cicini-demo-")
    return load_config(data_dir_flag=data_dir)


def sync_function(context: Any) -> Callable[..., Any]:
    """One usage sync for the GUI's background runner (the gui may not import sync)."""
    from cicini_desktop.sync.client import run_mode

    return lambda mode, sleep: run_mode(context, mode, sleep)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        config = resolve_config(args)
    except CiciniError as error:
        return report_config_error(error, interactive=not args.quit_after_first_window)
    with contextlib.suppress(OSError):
        configure_logging(config.log_dir, config["log_level"])
    from cicini_desktop.gui.qt_support import unsupported_pair_sentence

    refusal = unsupported_pair_sentence()
    if refusal is not None:
        print(f"cicini-desktop: {refusal}", file=sys.stderr)
        return 2
    return run(config, demo=args.demo, quit_after_first_window=args.quit_after_first_window)


def report_config_error(error: CiciniError, *, interactive: bool) -> int:
    """A refused setting (file, key, what is expected): on stderr, in the log of the user
    log folder (the configured one is unknown), and in a dialog, since a program started
    from the menu has no terminal to print to."""
    with contextlib.suppress(OSError):
        configure_logging(default_log_dir())
    log.error("cicini-desktop cannot start, the configuration is refused: %s", error.user_message)
    print(f"cicini-desktop: {error.user_message}", file=sys.stderr)
    if interactive:
        from cicini_desktop.gui.application import show_config_error

        show_config_error(error.user_message)
    return error.exit_code


def run(
    config: Config,
    *,
    demo: bool = False,
    quit_after_first_window: bool = False,
    make_sync: Callable[[Any], Callable[..., Any]] | None = sync_function,
) -> int:
    # A clinic to open: its sign-in dialog is painted first, before SQLAlchemy, the models
    # and keyring are imported (gui/first_window.py); the clinic opens behind it.
    first = None
    if not demo and config.database_path.exists():
        from cicini_desktop.gui.first_window import show_sign_in_first

        first = show_sign_in_first(announce=quit_after_first_window)
    from cicini_desktop.gui import application as desk
    from cicini_desktop.gui.first_window import qt_application
    from cicini_desktop.gui.live_refresh import start_live_refresh
    from cicini_desktop.gui.operations import OperationHub, wait_for
    from cicini_desktop.services.clinic import clinic_facts, database_exists
    from cicini_desktop.services.worker import DatabaseWorker

    interactive = not quit_after_first_window
    app = qt_application()
    worker = DatabaseWorker()
    hub = OperationHub(worker)
    context = None
    listener = None
    try:
        try:
            if demo:
                opened = desk.open_demo(config, hub, show_progress=interactive)
            elif database_exists(config):
                # (A lost key's recovery dialog opens over the waiting sign-in dialog.)
                opened = desk.open_existing(config, hub, interactive=interactive)
            elif interactive:
                opened = desk.onboard(config, hub)
            else:
                raise DatabaseNotFoundError(
                    f"No clinic is set up in {config.data_dir} yet. "
                    "Run 'cicini init' or start with --demo."
                )
            if opened is None:
                return 0
            context = opened.context
            context.attach_worker(worker)
            listener = start_live_refresh(context, hub)  # other desks' changes (server)
            if quit_after_first_window and opened.signed_in is None:
                return desk.show_sign_in_and_quit(app, context, hub, first)
            facts = wait_for(hub, lambda: clinic_facts(context))
            desk.apply_clinic_locale(facts)
        except CiciniError as error:
            if first is not None:
                first.hide()
            return desk.report_open_failure(error, interactive=interactive)
        signed_in = opened.signed_in or desk.ask_sign_in(context, hub, first)
        if signed_in is None:
            return 0
        run_sync = make_sync(context) if make_sync is not None and interactive else None
        front_desk = desk.FrontDesk(context, hub, facts, demo=demo, run_sync=run_sync)
        front_desk.open(signed_in)
        if opened.open_after:
            front_desk.open_setup_step(opened.open_after)
        if quit_after_first_window:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app.quit)
        code = app.exec()
        front_desk.shutdown()
        return code
    finally:
        if listener is not None:
            listener.stop()
        hub.shutdown()
        if context is not None:
            database = context.database
            worker.submit(database.close)
        worker.shutdown()


if __name__ == "__main__":
    raise SystemExit(main())
