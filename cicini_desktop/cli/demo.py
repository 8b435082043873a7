"""`cicini demo`: create the invented demo clinic in a data folder.

    cicini demo --data-dir /tmp/demo-clinic            # small: the clinic `--demo` opens
    cicini-desktop --data-dir /tmp/demo-clinic --demo  # then open it, signed in

The demo's key is kept in a key file inside the demo folder (the data is invented), so the
demo also works on machines without a desktop keystore. `--size large` is the benchmark
clinic (20 providers, 500,000 patients, 1,000,000 appointments): it is built by the
benchmark generator of a source checkout (`python -m tests.bench.run`), not by the installed
app, because it writes rows in bulk rather than through the services.
"""

from __future__ import annotations

import argparse

from cicini_desktop.cli.progress import run_with_progress
from cicini_desktop.config import Config
from cicini_desktop.core.errors import UsageError
from cicini_desktop.services.demo import DEMO_MANAGER, DEMO_PASSWORD, build_demo


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = subparsers.add_parser(
        "demo",
        help="create an invented demo clinic (6 providers, 300 patients, two weeks booked)",
        description="Create the demo clinic in the data folder through the real services. "
        "Refuses to run over an existing database.",
    )
    demo.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )
    demo.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small: the demo clinic; large: see the benchmark generator",
    )
    demo.add_argument("--quiet", action="store_true", help="no progress line")
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, config: Config) -> int:
    if args.size == "large":
        raise UsageError(
            "The large clinic is the benchmark clinic; build it from a source checkout with "
            "'python -m tests.bench.run' (it writes a million rows in bulk)."
        )
    config = config.with_values(key_file=str(config.data_dir / "demo.key"))
    demo = run_with_progress(build_demo(config), "Creating the demo clinic", quiet=args.quiet)
    demo.context.database.close()
    print(
        f"Demo clinic created in {config.data_dir}: {len(demo.provider_ids)} providers, "
        f"{len(demo.patient_ids)} patients, {demo.appointments} appointments.\n"
        f"Open it with: cicini-desktop --data-dir {config.data_dir} --demo\n"
        f"Demo manager: {DEMO_MANAGER} / {DEMO_PASSWORD} (invented data only)."
    )
    return 0
