"""The audit chain head file: what the app vouches for, kept outside the database.

Beside the database (`cicini.db.audit-head`, mode 0600) and authenticated with an HMAC key
that is not the database key (see `services.audit_integrity` for where the key lives). It
holds two things:

- `committed`: the newest record whose transaction is known to have committed;
- `pending`: the heads of transactions that were about to commit (written *before* COMMIT,
  while SQLite's write lock is held, so they are serialised like the commits themselves).

After COMMIT the committed head moves forward and the pending entry goes. A kill between
COMMIT and that write leaves the pending entry: `verify` then accepts a database whose
newest record is exactly a pending head reached by an intact chain from the committed one,
and nothing else (a record added, changed or removed behind the app's back is still found).

Cost: no rename and no fsync per write. The file has two fixed-size slots written in turn
with a generation number; a torn write spoils only the slot being written, and the reader
takes the newest slot whose HMAC checks. Writers take an exclusive `flock` on the file (the
post-commit write of one process can race the pre-commit write of another).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from cicini_desktop.core.audit_chain import ChainHead
from cicini_desktop.store.permissions import file_mode, make_private

log = logging.getLogger(__name__)

SLOT_BYTES = 1024
FORMAT = 2
MAX_PENDING = 6  # outstanding intents kept; more only after repeated crashes in a row
_DOMAIN = b"cicini audit head v2|"


def head_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".audit-head")


class HeadFileError(Exception):
    """The head file exists but no slot verifies: altered, foreign, or the key is wrong."""


@dataclass(frozen=True)
class HeadState:
    database_id: str
    committed: ChainHead | None  # None only before the first record was confirmed
    pending: tuple[ChainHead, ...] = ()
    generation: int = 0

    def vouches_for(self, base: ChainHead | None) -> bool:
        """Is `base` (the newest record before a transaction) a head the app wrote?"""
        if base is None:
            return self.committed is None
        return base == self.committed or base in self.pending

    def with_pending(self, head: ChainHead) -> HeadState:
        pending = (*tuple(p for p in self.pending if p != head), head)
        return replace(self, pending=pending[-MAX_PENDING:])

    def confirmed(self, head: ChainHead) -> HeadState:
        if self.committed is not None and self.committed.seq >= head.seq:
            return replace(self, pending=tuple(p for p in self.pending if p != head))
        pending = tuple(p for p in self.pending if p.seq > head.seq)
        return replace(self, committed=head, pending=pending)

    def body(self) -> bytes:
        data = {
            "v": FORMAT,
            "db": self.database_id,
            "gen": self.generation,
            "c": None if self.committed is None else [self.committed.seq, self.committed.hash],
            "p": [[p.seq, p.hash] for p in self.pending],
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=True).encode("ascii")

    @classmethod
    def from_body(cls, body: bytes) -> HeadState:
        data = json.loads(body)
        if data["v"] != FORMAT:
            raise ValueError("format")
        committed = None if data["c"] is None else _head(data["c"])
        return cls(
            str(data["db"]),
            committed,
            tuple(_head(item) for item in data["p"]),
            int(data["gen"]),
        )


def _head(item: object) -> ChainHead:
    if not isinstance(item, list) or len(item) != 2:
        raise ValueError("head")
    seq, digest = int(item[0]), str(item[1])
    if seq < 1 or len(digest) != 64:
        raise ValueError("head")
    return ChainHead(seq, digest)


def _sign(key: bytes, body: bytes) -> str:
    return hmac.new(key, _DOMAIN + body, hashlib.sha256).hexdigest()


def _encode_slot(key: bytes, state: HeadState) -> bytes:
    body = state.body()
    text = body + b"\n" + _sign(key, body).encode("ascii") + b"\n"
    if len(text) > SLOT_BYTES:
        raise ValueError("audit head state too large")  # MAX_PENDING keeps it well below
    return text.ljust(SLOT_BYTES, b" ")


def _decode_slot(key: bytes, raw: bytes) -> HeadState | None:
    body, _, rest = raw.partition(b"\n")
    signature = rest.split(b"\n", 1)[0].strip()
    if not body or not hmac.compare_digest(_sign(key, body).encode("ascii"), signature):
        return None
    try:
        return HeadState.from_body(body)
    except (ValueError, KeyError, TypeError):
        return None


# --- crash injection (tests only) ---------------------------------------------------------

_CRASH_ENV = "CICINI_CRASH_AT"
_crash_counts: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Kill this process (SIGKILL) at the named point when `CICINI_CRASH_AT` asks for it.

    `CICINI_CRASH_AT=pending` kills at the first hit; `pending:3` at the third. The crash
    tests use it to stop the app exactly between COMMIT and the head write, and so on.
    """
    wanted = os.environ.get(_CRASH_ENV)
    if not wanted:
        return
    point, _, count = wanted.partition(":")
    if point != name:
        return
    _crash_counts[name] = _crash_counts.get(name, 0) + 1
    if _crash_counts[name] >= int(count or "1"):
        sys.stdout.flush()
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


# --- the file -----------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(descriptor: int, *, exclusive: bool) -> Iterator[None]:
    if sys.platform.startswith("win"):  # pragma: no cover - exercised on Windows builds only
        import msvcrt

        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def _read_slots(descriptor: int, key: bytes) -> HeadState | None:
    """The newest verifying slot; None for an empty file; HeadFileError if none verifies."""
    raw = os.pread(descriptor, 2 * SLOT_BYTES, 0) if hasattr(os, "pread") else _read_all(descriptor)
    if not raw.strip():
        return None
    states = [
        state
        for state in (
            _decode_slot(key, raw[:SLOT_BYTES]),
            _decode_slot(key, raw[SLOT_BYTES : 2 * SLOT_BYTES]),
        )
        if state is not None
    ]
    if not states:
        raise HeadFileError("no slot of the audit head file verifies")
    return max(states, key=lambda state: state.generation)


def _read_all(descriptor: int) -> bytes:  # pragma: no cover - platforms without pread
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, 2 * SLOT_BYTES)


def _write_slot(descriptor: int, key: bytes, state: HeadState) -> None:
    data = _encode_slot(key, state)
    offset = (state.generation % 2) * SLOT_BYTES
    if os.environ.get(_CRASH_ENV, "").partition(":")[0] == "torn":
        # Crash test: half a slot reaches the file, then the process dies.
        os.pwrite(descriptor, data[: SLOT_BYTES // 2], offset)
        crash_point("torn")
    if hasattr(os, "pwrite"):
        os.pwrite(descriptor, data, offset)
    else:  # pragma: no cover - Windows
        os.lseek(descriptor, offset, os.SEEK_SET)
        os.write(descriptor, data)


class HeadFile:
    """Read and update one head file with one key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def read(self, key: bytes) -> HeadState | None:
        """The state, or None when there is no head file; HeadFileError when it is altered."""
        try:
            descriptor = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return None
        try:
            with _locked(descriptor, exclusive=False):
                return _read_slots(descriptor, key)
        finally:
            os.close(descriptor)

    def update(
        self, key: bytes, change: Callable[[HeadState | None], HeadState | None]
    ) -> HeadState | None:
        """Read, change and write under the exclusive lock. `change` returns None to leave
        the file as it is. HeadFileError (nothing written) when the file does not verify."""
        try:
            descriptor = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            # Only the first record of a new trail gets here (serialised by the database's
            # write lock); never leave an empty file behind, it would read as "no head".
            first = change(None)
            if first is not None:
                self.replace_all(key, first)
            return first
        try:
            with _locked(descriptor, exclusive=True):
                current = _read_slots(descriptor, key)
                wanted = change(current)
                if wanted is None:
                    return current
                generation = (current.generation if current is not None else 0) + 1
                wanted = replace(wanted, generation=generation)
                _write_slot(descriptor, key, wanted)
                return wanted
        finally:
            os.close(descriptor)

    def replace_all(self, key: bytes, state: HeadState) -> None:
        """Start the file again with `state` (explicit resets: set-up, restore, rekey)."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        descriptor = os.open(self.path, flags, file_mode(self.path.parent))
        try:
            with _locked(descriptor, exclusive=True):
                # Generation 1 lives in slot 1; the next write (generation 2) goes to slot 0.
                whole = b" " * SLOT_BYTES + _encode_slot(key, replace(state, generation=1))
                os.ftruncate(descriptor, 0)
                if hasattr(os, "pwrite"):
                    os.pwrite(descriptor, whole, 0)
                else:  # pragma: no cover - Windows
                    os.lseek(descriptor, 0, os.SEEK_SET)
                    os.write(descriptor, whole)
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
        make_private(self.path)
