"""Windows: "owner-only" made real with NTFS ACLs (pywin32), behind a platform check.

On Linux and macOS the POSIX mode bits do this job (store/permissions.py) and every
function here does nothing. On Windows:

- `protect_secret_file`: the key file and the recovery-key file get a protected DACL
  (inheritance cut) granting full control to the current account and SYSTEM only;
- `protect_machine_folder`: `%PROGRAMDATA%\\Cicini` (the machine-wide config.toml) gets
  Administrators and SYSTEM full control, Users read and execute, so no ordinary account can
  create or change the config file (the inherited PROGRAMDATA ACL lets any user create files);
- `secret_file_problem`: a sentence when a secret file's DACL grants read access to Everyone,
  Authenticated Users or Users (checked when the key file is read), else None.

NOT YET TESTED ON WINDOWS in CI (no Windows build exists yet); the tests in
tests/store/test_windows_acl.py run on Windows only and are skipped elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP

WINDOWS = sys.platform.startswith("win")


def _modules() -> tuple[Any, Any, Any]:
    import ntsecuritycon  # type: ignore[import-not-found]
    import win32api  # type: ignore[import-not-found]
    import win32security  # type: ignore[import-not-found]

    return ntsecuritycon, win32api, win32security


def _current_user_sid() -> Any:
    con, win32api, win32security = _modules()
    del con
    token = win32security.OpenProcessToken(win32api.GetCurrentProcess(), win32security.TOKEN_QUERY)
    return win32security.GetTokenInformation(token, win32security.TokenUser)[0]


def _well_known(name: str) -> Any:
    _, _, win32security = _modules()
    return win32security.CreateWellKnownSid(getattr(win32security, name), None)


def _set_protected_dacl(path: Path, grants: list[tuple[Any, int]], *, folder: bool) -> None:
    con, _, win32security = _modules()
    dacl = win32security.ACL()
    inherit = con.OBJECT_INHERIT_ACE | con.CONTAINER_INHERIT_ACE if folder else 0
    for sid, mask in grants:
        dacl.AddAccessAllowedAceEx(win32security.ACL_REVISION_DS, inherit, mask, sid)
    win32security.SetNamedSecurityInfo(
        str(path),
        win32security.SE_FILE_OBJECT,
        win32security.DACL_SECURITY_INFORMATION | win32security.PROTECTED_DACL_SECURITY_INFORMATION,
        None,
        None,
        dacl,
        None,
    )


def protect_secret_file(path: Path) -> None:
    """Full control for this account and SYSTEM, nobody else (no inherited entries)."""
    if not WINDOWS:
        return
    con, _, _ = _modules()
    grants = [
        (_current_user_sid(), con.FILE_ALL_ACCESS),
        (_well_known("WinLocalSystemSid"), con.FILE_ALL_ACCESS),
    ]
    _set_protected_dacl(path, grants, folder=False)


def protect_machine_folder(folder: Path) -> None:
    """Administrators and SYSTEM change the machine-wide settings; users only read them."""
    if not WINDOWS:
        return
    con, _, _ = _modules()
    folder.mkdir(parents=True, exist_ok=True)
    grants = [
        (_well_known("WinBuiltinAdministratorsSid"), con.FILE_ALL_ACCESS),
        (_well_known("WinLocalSystemSid"), con.FILE_ALL_ACCESS),
        (_well_known("WinBuiltinUsersSid"), con.FILE_GENERIC_READ | con.FILE_GENERIC_EXECUTE),
    ]
    _set_protected_dacl(folder, grants, folder=True)


_BROAD_GROUPS = ("WinWorldSid", "WinAuthenticatedUserSid", "WinBuiltinUsersSid")


def secret_file_problem(path: Path) -> str | None:
    """A sentence when a broad group may read `path` (Windows only), else None."""
    if not WINDOWS:
        return None
    con, _, win32security = _modules()
    descriptor = win32security.GetNamedSecurityInfo(
        str(path), win32security.SE_FILE_OBJECT, win32security.DACL_SECURITY_INFORMATION
    )
    dacl = descriptor.GetSecurityDescriptorDacl()
    if dacl is None:  # a NULL DACL grants everyone everything
        return QT_TRANSLATE_NOOP(
            "errors.desk_access",
            "{path}: the file has no access list, so every account can read it.",
        ).format(path=str(path))
    broad = {str(_well_known(name)) for name in _BROAD_GROUPS}
    for index in range(dacl.GetAceCount()):
        (ace_type, _flags), mask, sid = dacl.GetAce(index)
        allowed = ace_type == win32security.ACCESS_ALLOWED_ACE_TYPE
        if allowed and str(sid) in broad and mask & con.FILE_READ_DATA:
            return QT_TRANSLATE_NOOP(
                "errors.desk_access",
                "{path}: other accounts on this computer can read the file; run "
                "'cicini provision' again or remove their access in its Security tab.",
            ).format(path=str(path))
    return None
