"""This workstation's audit origin: device category, OS family, masked network.

PLACEHOLDER until the audit-trail work lands (network masking and keyed hash).
"""

from __future__ import annotations

import platform
import sys

from cicini_desktop._version import __version__
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.store.vault import KeyVault


def os_family() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("linux"):
        return "linux"
    return "other"


def detect_workstation(vault: KeyVault, database_id: str) -> WorkstationInfo:
    del vault, database_id
    major = platform.release().split(".")[0] if platform.release() else ""
    return WorkstationInfo(
        masked_network=None,
        network_hash=None,
        device_category="unknown",
        os_family=os_family(),
        os_major=major,
        app_version=__version__,
    )
