"""Foundation commands: init, doctor, backup, restore, rekey, recover.

(Being written; see the Foundation issue.)
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    del subparsers
