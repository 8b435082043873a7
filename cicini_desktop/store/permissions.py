"""Who may read the clinic's files: one desk account, or a group of desk accounts.

Two deployment models (packaging/README.md, "Deployment models"):

- **one desk account** (the default): the data folder is 0700 and every file in it 0600,
  owned by the account that runs the app;
- **a shared workstation**: several OS accounts in one group (e.g. `cicini`) use one clinic.
  IT makes the data folder group-owned and setgid (`chmod 2770`, which `cicini provision
  --group` does); files the app creates there are then 0660 and inherit the group, and the
  key file may be 0640 (readable by the group, written only by its owner).

Never readable by "others": a key file or database any account on the computer can read is
refused with a sentence saying how to fix it. On Windows the POSIX bits mean nothing; the
ACLs are set in `store/windows_acl.py` instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
from pathlib import Path

from cicini_desktop.core.errors import ConfigError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
SHARED_FILE = 0o660
PRIVATE_FOLDER = 0o700
SHARED_FOLDER = 0o2770  # setgid: files made inside keep the folder's group


def is_windows() -> bool:
    return sys.platform.startswith("win")


def shared_folder(folder: Path) -> bool:
    """True when `folder` is set up for a group of desk accounts (setgid, group rwx)."""
    if is_windows():
        return False
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and mode & stat.S_IRWXG == stat.S_IRWXG


def file_mode(folder: Path) -> int:
    """The mode for a new file of the clinic in `folder` (its database, manifest, ...)."""
    return SHARED_FILE if shared_folder(folder) else PRIVATE_FILE


def make_private(path: Path) -> None:
    """Set the mode a clinic file in its folder should have (errors ignored: best effort on
    a file this account does not own, which the group model allows)."""
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != file_mode(path.parent):
            os.chmod(path, file_mode(path.parent))


def make_folder(folder: Path) -> None:
    """Create a clinic folder: private, or shared like its parent when that one is shared."""
    shared = shared_folder(folder.parent)
    folder.mkdir(mode=SHARED_FOLDER if shared else PRIVATE_FOLDER, parents=True, exist_ok=True)
    if shared:  # mkdir's mode passes through the umask and never sets setgid by itself
        with contextlib.suppress(OSError):
            os.chmod(folder, SHARED_FOLDER)


def key_file_problem(path: Path, mode: int) -> str | None:
    """Why a key file with `mode` must not be used, or None. Owner-only (0600), or readable
    by its group too (0640, the shared workstation); never writable by the group, never
    anything for others."""
    if mode & stat.S_IRWXO:
        return QT_TRANSLATE_NOOP(
            "errors.desk_access",
            "{path}: the key file can be read by other users (mode {mode}); make it private "
            "with 'chmod 600 {path}' (or 'chmod 640' for a shared workstation's group).",
        ).format(path=str(path), mode=f"{stat.S_IMODE(mode):o}")
    if mode & (stat.S_IWGRP | stat.S_IXGRP):
        return QT_TRANSLATE_NOOP(
            "errors.desk_access",
            "{path}: the key file can be changed by its group (mode {mode}); "
            "use 'chmod 640 {path}'.",
        ).format(path=str(path), mode=f"{stat.S_IMODE(mode):o}")
    return None


def refuse_world_access(path: Path, what: str) -> None:
    """Refuse a clinic file every account on this computer could read; one this account
    owns (copied in by hand with a loose umask) is made private instead, with a log line."""
    if is_windows():
        return
    try:
        status = path.stat()
    except OSError:
        return  # missing files are reported by whoever needs them, with their own sentence
    if not status.st_mode & stat.S_IRWXO:
        return
    if status.st_uid == os.geteuid():
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IMODE(status.st_mode) & ~stat.S_IRWXO)
            log.warning("the %s was readable by every account; access for others removed", what)
            return
    raise ConfigError(
        QT_TRANSLATE_NOOP(
            "errors.desk_access",
            "{path}: the {what} can be read by every account on this computer (mode {mode}); "
            "run 'chmod o-rwx {path}' (the group model for shared workstations is in the IT "
            "guide).",
        ).format(path=str(path), what=what, mode=f"{stat.S_IMODE(status.st_mode):o}")
    )
