"""Which Python and PySide6 pairs the project supports, and a refusal for the known-bad one.

PySide6 6.12.0 on CPython 3.11 drops a reference to `True` on every Python `emit()` (and to
`None` when a Python override of a virtual such as `customEvent` returns): after a few
hundred signals the interpreter aborts with `Fatal Python error: bool_dealloc` or
`none_dealloc`. CPython 3.12 made `True`, `False` and `None` immortal, which is why the same
wheel runs clean there; 6.11.3 runs clean on 3.11. pyproject.toml keeps the pair out of a
normal install, and the application refuses to start on it (a frozen build or a hand-made
environment could still bring it in) rather than crash in the middle of a receptionist's day.
"""

from __future__ import annotations

import sys

import PySide6

# (Python major.minor, PySide6 version) pairs that abort the interpreter.
KNOWN_BAD: frozenset[tuple[tuple[int, int], str]] = frozenset({((3, 11), "6.12.0")})
# The pairs the test suite has run on (README names them).
TESTED: frozenset[tuple[tuple[int, int], str]] = frozenset({((3, 11), "6.11.3")})


def running_pair() -> tuple[tuple[int, int], str]:
    return (sys.version_info[:2], PySide6.__version__)


def unsupported_pair_sentence() -> str | None:
    """A sentence for IT when this interpreter and PySide6 are a known-bad pair, else None."""
    python, pyside = running_pair()
    if (python, pyside) not in KNOWN_BAD:
        return None
    return (
        f"This installation pairs Python {python[0]}.{python[1]} with PySide6 {pyside}, which "
        "is known to crash during use. Install PySide6 6.11.3 (pip install "
        "'PySide6-Essentials==6.11.3'), or use Python 3.12 or newer."
    )
