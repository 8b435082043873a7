"""This workstation's audit origin: device category, OS family and major version, app version,
and its network address, masked (/24 or /48) plus a keyed hash. The full address is never kept.

Detection is cheap and never fails: every probe reads a few small files or asks the OS once,
and anything unexpected yields "unknown" or None. The primary outbound address is found
without sending traffic: `connect()` on a UDP socket only picks a route and a source address.
"""

from __future__ import annotations

import ctypes
import hashlib
import hmac
import ipaddress
import logging
import os
import platform
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from cicini_desktop._version import __version__
from cicini_desktop.core.audit_entry import WorkstationInfo
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.masking import keyed_address_hash, mask_address
from cicini_desktop.store.vault import KeyVault, Secret

log = logging.getLogger(__name__)

# Documentation addresses (RFC 5737, RFC 3849): routable-looking, never answered.
_PROBE_V4 = ("192.0.2.1", 9)
_PROBE_V6 = ("2001:db8::1", 9)

# SMBIOS chassis types (DMTF DSP0134, 7.4.1).
_LAPTOP_CHASSIS = {8, 9, 10, 11, 12, 14, 18, 21, 30, 31, 32}
_DESKTOP_CHASSIS = {3, 4, 5, 6, 7, 13, 15, 16, 17, 19, 20, 22, 23, 24, 25, 28, 29, 33, 34, 35, 36}
_VM_VENDORS = (
    "qemu",
    "kvm",
    "vmware",
    "virtualbox",
    "innotek",
    "xen",
    "bochs",
    "parallels",
    "bhyve",
    "openstack",
    "google compute engine",
    "amazon ec2",
    "hyper-v",
    "virtual machine",
    "cloud hypervisor",
    "firecracker",
)
_DMI = Path("/sys/class/dmi/id")


def os_family() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("linux"):
        return "linux"
    return "other"


def os_major() -> str:
    """'11' for Windows 11, '14' for macOS 14, the kernel's major number on Linux."""
    try:
        family = os_family()
        if family == "windows":
            build = int(platform.version().split(".")[-1] or 0)
            release = platform.release()
            return "11" if release == "10" and build >= 22000 else release.split(".")[0]
        if family == "macos":
            return platform.mac_ver()[0].split(".")[0]
        release = platform.release()
        major = release.split(".")[0]
        return major if major.isdigit() and len(major) <= 4 else ""
    except (ValueError, OSError):
        return ""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip().lower()
    except OSError:
        return ""


def _linux_is_virtual() -> bool:
    if _read(Path("/sys/hypervisor/type")):
        return True
    identity = " ".join(
        _read(_DMI / name) for name in ("sys_vendor", "product_name", "bios_vendor")
    )
    if any(vendor in identity for vendor in _VM_VENDORS):
        return True
    if Path("/.dockerenv").exists() or Path("/run/.containerenv").exists():
        return True
    # The CPU flag a hypervisor sets (what systemd-detect-virt falls back to).
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return " hypervisor" in line
    except OSError:
        pass
    return False


def _linux_has_battery() -> bool:
    supplies = Path("/sys/class/power_supply")
    try:
        return any(
            _read(entry / "type") == "battery" and _read(entry / "scope") != "device"
            for entry in supplies.iterdir()
        )
    except OSError:
        return False


def _linux_category() -> str:
    if _linux_is_virtual():
        return "virtual_machine"
    chassis = _read(_DMI / "chassis_type")
    if chassis.isdigit():
        kind = int(chassis)
        if kind in _LAPTOP_CHASSIS:
            return "laptop"
        if kind in _DESKTOP_CHASSIS:
            return "laptop" if _linux_has_battery() else "desktop"
    if _linux_has_battery():
        return "laptop"
    return "desktop" if chassis else "unknown"


def _windows_category() -> str:  # pragma: no cover - exercised on Windows builds only
    class _PowerStatus(ctypes.Structure):
        _fields_ = [
            ("ACLineStatus", ctypes.c_byte),
            ("BatteryFlag", ctypes.c_byte),
            ("BatteryLifePercent", ctypes.c_byte),
            ("SystemStatusFlag", ctypes.c_byte),
            ("BatteryLifeTime", ctypes.c_ulong),
            ("BatteryFullLifeTime", ctypes.c_ulong),
        ]

    status = _PowerStatus()
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not kernel32.GetSystemPowerStatus(ctypes.byref(status)):
        return "unknown"
    no_battery = status.BatteryFlag & 0x80 or status.BatteryFlag == -1
    return "desktop" if no_battery else "laptop"


def _sysctl(name: str) -> str:  # pragma: no cover - macOS only
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            ["/usr/sbin/sysctl", "-n", name], capture_output=True, text=True, timeout=1
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip().lower()


def _macos_category() -> str:  # pragma: no cover - macOS only
    if _sysctl("kern.hv_vmm_present") == "1":
        return "virtual_machine"
    model = _sysctl("hw.model")
    if not model:
        return "unknown"
    return "laptop" if "book" in model else "desktop"


def device_category() -> str:
    """desktop | laptop | virtual_machine | unknown (never raises)."""
    try:
        family = os_family()
        if family == "linux":
            return _linux_category()
        if family == "windows":
            return _windows_category()
        if family == "macos":
            return _macos_category()
    except Exception as error:  # a probe must never stop the app
        log.debug("device category not detected: %s", type(error).__name__)
    return "unknown"


def _source_address(family: socket.AddressFamily, probe: tuple[str, int]) -> str | None:
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect(probe)  # UDP: chooses the route and source address, sends nothing
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if parsed.is_unspecified or parsed.is_loopback or parsed.is_link_local:
        return None
    return str(parsed)


def primary_address() -> str | None:
    """The address this workstation would use to reach the internet (IPv4 first), or None."""
    return _source_address(socket.AF_INET, _PROBE_V4) or _source_address(socket.AF_INET6, _PROBE_V6)


def network_secret(vault: KeyVault, database_id: str) -> bytes | None:
    """The per-installation HMAC secret for the address hash, made on first use.

    Kept in the keystore. In key-file set-ups without a keystore it is derived from the
    database key instead (still per installation, never stored). None if neither is there.
    """
    try:
        stored = vault.get_secret(database_id, Secret.AUDIT_NETWORK_HMAC)
        if stored is None:
            stored = secrets.token_hex(32)
            vault.set_secret(database_id, Secret.AUDIT_NETWORK_HMAC, stored)
        return bytes.fromhex(stored)
    except (CiciniError, ValueError):
        pass
    if vault.uses_key_file:
        try:
            key = vault.load_key(database_id)
        except CiciniError:
            return None
        return hmac.new(key, b"cicini audit network hash", hashlib.sha256).digest()
    return None


def masked_network(
    vault: KeyVault, database_id: str, address: str | None
) -> tuple[str | None, str | None]:
    """(masked network, keyed hash) of `address`; the address itself goes no further."""
    if address is None:
        return None, None
    try:
        masked = mask_address(address)
    except ValueError:
        return None, None
    secret = network_secret(vault, database_id)
    return masked, keyed_address_hash(secret, address) if secret else None


def detect_workstation(
    vault: KeyVault, database_id: str, *, address: str | bool | None = True
) -> WorkstationInfo:
    """This workstation as the audit trail sees it. `address`: True detects it; a string or
    None is used as given (tests, and set-ups where IT turns network detection off)."""
    if address is True:
        found = primary_address() if environment_allows_detection() else None
    else:
        found = address or None
    masked, keyed = masked_network(vault, database_id, found if isinstance(found, str) else None)
    return WorkstationInfo(
        masked_network=masked,
        network_hash=keyed,
        device_category=device_category(),
        os_family=os_family(),
        os_major=os_major(),
        app_version=__version__,
    )


def environment_allows_detection() -> bool:
    """IT may turn address detection off for a session with CICINI_NO_NETWORK_DETECTION=1."""
    return os.environ.get("CICINI_NO_NETWORK_DETECTION", "") not in {"1", "true", "yes"}
