"""Build Cicini Desktop for the platform this runs on.

    python packaging/build.py                  # one-folder build + the platform's installer
    python packaging/build.py --no-installer   # one-folder build only
    python packaging/build.py --reuse          # installer from an existing one-folder build

Linux:   dist/cicini/ (one folder) and dist/cicini-desktop_<version>_<arch>.deb (dpkg-deb).
Windows: dist/cicini/ and, when Inno Setup's ISCC.exe is found,
         dist/cicini-desktop-<version>-setup.exe.
macOS:   dist/Cicini Desktop.app (from the spec's BUNDLE); signing and notarisation are manual,
         see packaging/macos/README.md.
Nothing of Windows or macOS can be built on Linux (PyInstaller does not cross-compile).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT))

from cicini_desktop._version import __version__  # noqa: E402
from cicini_desktop.config import example_config_text  # noqa: E402

APP_FOLDER = "cicini"  # the COLLECT name in cicini.spec
DEB_PACKAGE = "cicini-desktop"
INSTALL_PREFIX = "/opt/cicini"
EXECUTABLES = ("cicini-desktop", "cicini", "cicini-collector")

# Libraries the one-folder build expects from the system (the graphics stack and the C
# library are never bundled: they must match the machine's drivers).
# The C library is the build machine's: PyInstaller bundles link against it, so the package
# needs at least that version (build on the oldest distribution you support).
DEB_DEPENDS = (
    "libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, "
    "libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libdbus-1-3"
)
DEB_RECOMMENDS = "gnome-keyring | kwalletmanager"


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run_pyinstaller(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("build: PyInstaller is missing; install it with: pip install '.[package]'")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / "pyinstaller"),
        str(PACKAGING / "cicini.spec"),
    ]
    log("PyInstaller: " + " ".join(command[3:]))
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own argv
    folder = dist / APP_FOLDER
    # The example configuration travels with every build (installers copy it out).
    (folder / "config.toml.example").write_text(example_config_text(), encoding="utf-8")
    return folder


# --- Linux: .deb ---------------------------------------------------------------------------


def _deb_architecture() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"],  # noqa: S607 - part of dpkg, like dpkg-deb
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def _desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Cicini Desktop",
            "GenericName=Clinic front desk",
            "Comment=Appointments, patients and staff for the clinic's front desk",
            "Exec=/usr/bin/cicini-desktop",
            "Icon=cicini-desktop",
            "Terminal=false",
            "Categories=Office;MedicalSoftware;Qt;",
            "Keywords=appointments;calendar;clinic;reception;",
            "StartupWMClass=cicini-desktop",
            "",
        ]
    )


def _control(version: str, architecture: str, installed_kib: int) -> str:
    return "\n".join(
        [
            f"Package: {DEB_PACKAGE}",
            f"Version: {version}",
            "Section: misc",
            "Priority: optional",
            f"Architecture: {architecture}",
            f"Installed-Size: {installed_kib}",
            f"Depends: libc6 (>= {platform.libc_ver()[1] or '2.31'}), {DEB_DEPENDS}",
            f"Recommends: {DEB_RECOMMENDS}",
            "Maintainer: Cicini <it-support@cicini.invalid>",
            "Description: Cicini Desktop, the clinic front-desk application",
            " Appointments, patients, staff and roles for a clinic's reception, with an",
            " encrypted local database (SQLCipher), an audit trail and aggregated usage sync.",
            " Installs under /opt/cicini; `cicini` is the IT command line (provision, doctor).",
            "",
        ]
    )


def _copy(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def _normalise_modes(tree: Path) -> None:
    """dpkg keeps modes as they are: 0755 for folders and programs, 0644 for the rest."""
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        library = path.suffix == ".so" or ".so." in path.name
        if path.is_dir() or library or os.access(path, os.X_OK):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def build_deb(folder: Path, dist: Path, work: Path, compression: str) -> Path:
    if shutil.which("dpkg-deb") is None:
        sys.exit("build: dpkg-deb is missing; install the 'dpkg' package to build the .deb")
    staging = work / "deb"
    if staging.exists():
        shutil.rmtree(staging)
    app = staging / INSTALL_PREFIX.lstrip("/")
    shutil.copytree(folder, app, symlinks=True)
    _normalise_modes(staging)

    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in EXECUTABLES:
        if (app / name).exists():
            # The bootloader resolves its own path, so a plain symlink finds _internal/.
            (bin_dir / name).symlink_to(f"{INSTALL_PREFIX}/{name}")

    share = staging / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / "cicini-desktop.desktop").write_text(_desktop_entry(), "utf-8")
    _copy(ICONS / "cicini.svg", share / "icons/hicolor/scalable/apps/cicini-desktop.svg")
    for size in (48, 256):
        png = ICONS / f"cicini-{size}.png"
        if png.exists():
            _copy(png, share / f"icons/hicolor/{size}x{size}/apps/cicini-desktop.png")
    docs = share / "doc" / DEB_PACKAGE
    _copy(PACKAGING / "README.md", docs / "README.md")
    (docs / "copyright").write_text("Copyright Cicini. Proprietary; all rights reserved.\n")

    etc = staging / "etc" / "cicini"
    etc.mkdir(parents=True)
    (etc / "config.toml.example").write_text(example_config_text(), encoding="utf-8")

    for path in (share, etc, bin_dir.parent):
        _normalise_modes(path)
    installed_kib = sum(
        p.lstat().st_size for p in staging.rglob("*") if p.is_file() and not p.is_symlink()
    )
    installed_kib //= 1024
    debian = staging / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(_control(__version__, _deb_architecture(), installed_kib))
    # The example is a conffile so a local edit survives upgrades. There are no maintainer
    # scripts: installing never runs code, and never touches the network.
    (debian / "conffiles").write_text("/etc/cicini/config.toml.example\n")
    for name in ("control", "conffiles"):
        (debian / name).chmod(0o644)

    output = dist / f"{DEB_PACKAGE}_{__version__}_{_deb_architecture()}.deb"
    command = ["dpkg-deb", "--root-owner-group", f"-Z{compression}"]
    if compression != "none":
        command.append("-z6" if compression != "zstd" else "-z9")
    command += ["--build", str(staging), str(output)]
    log("dpkg-deb: " + " ".join(command[1:]))
    subprocess.run(command, check=True)  # noqa: S603 - our own argv
    return output


# --- Windows: Inno Setup -------------------------------------------------------------------


def find_iscc() -> Path | None:
    candidates = [os.environ.get("ISCC", ""), shutil.which("ISCC") or ""]
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def build_windows_installer(folder: Path, dist: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        log(
            "Inno Setup (ISCC.exe) not found: the one-folder build is ready, the installer is "
            "not. Install Inno Setup 6 or set ISCC=path\\to\\ISCC.exe, then run build.py --reuse."
        )
        return None
    command = [
        str(iscc),
        f"/DAppVersion={__version__}",
        f"/DSourceDir={folder}",
        f"/DOutputDir={dist}",
        f"/DIconFile={ICONS / 'cicini.ico'}",
        str(PACKAGING / "windows" / "cicini.iss"),
    ]
    log("ISCC: " + " ".join(command[1:]))
    subprocess.run(command, check=True)  # noqa: S603 - our own argv
    return dist / f"cicini-desktop-{__version__}-setup.exe"


# --- main ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build Cicini Desktop for this platform.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument("--no-installer", action="store_true", help="one-folder build only")
    parser.add_argument(
        "--reuse", action="store_true", help="skip PyInstaller; package the existing build"
    )
    parser.add_argument(
        "--deb-compression",
        choices=("xz", "gzip", "zstd", "none"),
        default=os.environ.get("CICINI_DEB_COMPRESSION", "xz"),
        help="dpkg-deb compression (xz is smallest; gzip is fastest for CI)",
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()

    if args.reuse:
        folder = dist / APP_FOLDER
        if not (folder / "cicini").exists() and not (folder / "cicini.exe").exists():
            sys.exit(f"build: no one-folder build in {folder}; run without --reuse first")
    else:
        folder = run_pyinstaller(dist, work)
    log(f"one-folder build: {folder} ({time.monotonic() - started:.0f} s)")

    if not args.no_installer:
        if sys.platform.startswith("linux"):
            deb = build_deb(folder, dist, work, args.deb_compression)
            log(f"package: {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
        elif sys.platform.startswith("win"):
            setup = build_windows_installer(folder, dist)
            if setup is not None:
                log(f"installer: {setup}")
        elif sys.platform == "darwin":
            log("macOS: dist/Cicini Desktop.app is built; sign and notarise it as described in ")
            log("packaging/macos/README.md (that needs an Apple Developer ID on a Mac).")
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
