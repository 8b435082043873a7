"""Hand a provisioned workstation to its desk account(s): `cicini provision --owner/--group`.

IT provisions as root; the app then runs as an ordinary desk account that must be able to
open what root created. Two models (packaging/README.md, "Deployment models"):

- `--owner USER` (one desk account per workstation): the data folder (0700) and every file in
  it (0600) belong to USER, and so does the key file (0600);
- `--group GROUP` (several OS accounts sharing one clinic): the data folder is setgid and
  group-owned (2770), its files 0660, so whatever any member creates stays usable by the
  others; the key file is 0640 (the group reads it, only its owner changes it) and the
  secrets beside it 0660. With both, USER owns and GROUP shares.

The recovery-key file stays IT's (root, 0600): it is for the safe, not for the desk. Both
models need a key file and an absolute data folder: a desk account can neither read root's
keystore nor reach root's home folder.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cicini_desktop.config import Config
from cicini_desktop.core.errors import ConfigError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.permissions import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    SHARED_FILE,
    SHARED_FOLDER,
)
from cicini_desktop.store.vault import secrets_path

log = logging.getLogger(__name__)
KEY_FILE_SHARED = 0o640


@dataclass(frozen=True)
class DeskAccess:
    """Who the workstation is handed to (uid/gid resolved up front, before any write)."""

    owner: str | None
    group: str | None
    uid: int
    gid: int

    @property
    def shared(self) -> bool:
        return self.group is not None

    def describe(self) -> str:
        if self.owner and self.group:
            return QT_TRANSLATE_NOOP("errors.desk_access", "account {owner}, group {group}").format(
                owner=self.owner, group=self.group
            )
        if self.group:
            return QT_TRANSLATE_NOOP("errors.desk_access", "group {group}").format(group=self.group)
        return QT_TRANSLATE_NOOP("errors.desk_access", "account {owner}").format(
            owner=str(self.owner)
        )


def resolve(owner: str | None, group: str | None) -> DeskAccess | None:
    """Check the names and that this process may give files away; None when neither given."""
    if owner is None and group is None:
        return None
    if not hasattr(os, "geteuid"):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "--owner and --group are for Linux and macOS; on Windows the installer "
                "sets the folder's access (see the IT guide).",
            )
        )
    import grp  # POSIX only: imported here so the CLI still loads on Windows
    import pwd

    try:
        user = pwd.getpwnam(owner) if owner else None
    except KeyError:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "--owner: there is no account named '{owner}' on this computer.",
            ).format(owner=str(owner))
        ) from None
    try:
        group_entry = grp.getgrnam(group) if group else None
    except KeyError:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "--group: there is no group named '{group}'; create it first ('groupadd "
                "{group}', then 'usermod -aG {group} ACCOUNT' for each desk account).",
            ).format(group=str(group))
        ) from None
    uid = user.pw_uid if user else 0
    gid = group_entry.gr_gid if group_entry else (user.pw_gid if user else 0)
    if os.geteuid() != 0 and (uid != os.geteuid() or gid not in [*os.getgroups(), os.getegid()]):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "--owner and --group hand the files to other accounts, which only an "
                "administrator may do; run provisioning as root (sudo).",
            )
        )
    return DeskAccess(owner, group, uid if owner else os.geteuid(), gid)


def require_key_file_and_folder(config: Config, access: DeskAccess) -> None:
    """Refuse a model the desk account could not open, before anything is written."""
    if config.key_file is None:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "Provisioning for {describe} needs 'key_file' under [settings] (for "
                "example /etc/cicini/cicini.key): the desk account cannot read this "
                "session's keystore.",
            ).format(describe=access.describe())
        )
    home = Path(os.path.expanduser("~"))
    data_dir = config.data_dir.expanduser().absolute()
    if data_dir == home or home in data_dir.parents:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "Provisioning for {describe} needs 'data_dir' under [settings] outside "
                "this account's home folder (for example /var/lib/cicini); {data_dir} is "
                "in it.",
            ).format(describe=access.describe(), data_dir=str(data_dir))
        )


def prepare_folder(config: Config, access: DeskAccess) -> None:
    """Before the clinic is created: the data folder with its final owner and mode, so the
    files created in it get the right group and mode from the start."""
    folder = config.data_dir
    folder.mkdir(parents=True, exist_ok=True)
    _own(folder, access, SHARED_FOLDER if access.shared else PRIVATE_FOLDER)


def hand_over(config: Config, access: DeskAccess) -> list[str]:
    """Give the data folder, its files and the key file to the desk account(s); returns
    what changed, one line each (paths only)."""
    changed: list[str] = []
    folder_mode = SHARED_FOLDER if access.shared else PRIVATE_FOLDER
    file_mode = SHARED_FILE if access.shared else PRIVATE_FILE
    count = 0
    for root, folders, files in os.walk(config.data_dir):
        here = Path(root)
        count += _own(here, access, folder_mode)
        for name in folders:
            count += _own(here / name, access, folder_mode)
        for name in files:
            count += _own(here / name, access, file_mode)
    if count:
        changed.append(f"{config.data_dir}: {count} item(s) given to {access.describe()}")
    key_file = config.key_file
    if key_file is not None:
        for path, mode in (
            (key_file, KEY_FILE_SHARED if access.shared else PRIVATE_FILE),
            (secrets_path(key_file), SHARED_FILE if access.shared else PRIVATE_FILE),
        ):
            if path.exists() and _own(path, access, mode):
                changed.append(f"{path}: given to {access.describe()} (mode {mode:o})")
    log.info("workstation handed over (%d change(s))", len(changed))
    return changed


def _own(path: Path, access: DeskAccess, mode: int) -> int:
    """chown/chmod one path; 1 if anything changed. Symlinks are never followed."""
    status = path.lstat()
    if stat.S_ISLNK(status.st_mode):
        return 0
    changed = 0
    if (status.st_uid, status.st_gid) != (access.uid, access.gid):
        os.chown(path, access.uid, access.gid, follow_symlinks=False)
        changed = 1
    # Compare with the setgid bit included: it is what makes a folder shared.
    if stat.S_IMODE(os.lstat(path).st_mode) != mode:
        os.chmod(path, mode)
        changed = 1
    return changed
