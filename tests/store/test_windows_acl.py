"""NTFS ACLs for the key file, recovery key and machine config (run on Windows only)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cicini_desktop.store import windows_acl
from cicini_desktop.store.vault import read_key_file, write_key_file

on_windows = pytest.mark.skipif(
    not sys.platform.startswith("win"),
    reason="NTFS ACLs exist on Windows only; no Windows build or runner exists yet",
)


def test_elsewhere_the_acl_functions_change_nothing(tmp_path: Path) -> None:
    if sys.platform.startswith("win"):
        pytest.skip("this is the non-Windows behaviour")
    secret = tmp_path / "key"
    secret.write_text("x")
    secret.chmod(0o600)
    windows_acl.protect_secret_file(secret)
    windows_acl.protect_machine_folder(tmp_path / "machine")
    assert not (tmp_path / "machine").exists()
    assert windows_acl.secret_file_problem(secret) is None
    assert secret.stat().st_mode & 0o777 == 0o600


@on_windows
def test_a_written_key_file_is_readable_by_this_account_and_system_only(tmp_path: Path) -> None:
    key_file = tmp_path / "cicini.key"
    write_key_file(key_file, bytes(range(32)))
    assert windows_acl.secret_file_problem(key_file) is None
    assert read_key_file(key_file) == bytes(range(32))


@on_windows
def test_a_key_file_users_can_read_is_refused(tmp_path: Path) -> None:
    import ntsecuritycon  # type: ignore[import-not-found]
    import win32security  # type: ignore[import-not-found]

    from cicini_desktop.core.errors import ConfigError

    key_file = tmp_path / "cicini.key"
    write_key_file(key_file, bytes(range(32)))
    users = win32security.CreateWellKnownSid(win32security.WinBuiltinUsersSid, None)
    grants = [(users, ntsecuritycon.FILE_ALL_ACCESS)]
    windows_acl._set_protected_dacl(key_file, grants, folder=False)
    with pytest.raises(ConfigError, match="other accounts"):
        read_key_file(key_file)


@on_windows
def test_the_machine_folder_is_read_only_for_users(tmp_path: Path) -> None:
    import win32security  # type: ignore[import-not-found]

    folder = tmp_path / "Cicini"
    windows_acl.protect_machine_folder(folder)
    descriptor = win32security.GetNamedSecurityInfo(
        str(folder), win32security.SE_FILE_OBJECT, win32security.DACL_SECURITY_INFORMATION
    )
    dacl = descriptor.GetSecurityDescriptorDacl()
    assert dacl.GetAceCount() == 3
