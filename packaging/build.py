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
import re
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
EXECUTABLES = ("cicini-desktop", "cicini")  # on Linux cicini-desktop is a link to cicini

def _deb_depends(table: Path) -> str:
    """packaging/deb-depends.txt as a Depends field: "debian | ubuntu" where they differ."""
    groups = []
    for line in table.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            debian, ubuntu = words
            groups.append(debian if debian == ubuntu else f"{debian} | {ubuntu}")
    return ", ".join(groups)


DEB_DEPENDS = _deb_depends(PACKAGING / "deb-depends.txt")
# A Secret Service provider for the keystore (not a GUI to manage one).
DEB_RECOMMENDS = "gnome-keyring | kwalletd6 | kwalletd5 | keepassxc"



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
    if sys.platform.startswith("linux"):
        # One launcher (cicini.spec): the desktop program is the same file by another name.
        (folder / "cicini-desktop").unlink(missing_ok=True)
        (folder / "cicini-desktop").symlink_to("cicini")
        scrub_build_paths(folder)
        replace_icu_data(folder, work)
        # PyInstaller links top-level names to Qt libraries the spec pruned: drop those links.
        for link in folder.rglob("*"):
            if link.is_symlink() and not link.exists():
                link.unlink()
    # The example configuration travels with every build (installers copy it out).
    (folder / "config.toml.example").write_text(example_config_text(), encoding="utf-8")
    return folder


# ICU's data library (31 MB: collation, conversion, locale and time-zone tables for every
# language) is cut down to what Qt needs for the languages the app ships (1.5 MB): the root
# collation (ucadata.icu) and each shipped language's collation, so QCollator and
# QString::localeAwareCompare sort "Ärztin" with the A's as German expects (QFileDialog sorts
# file names with it); the time-zone names (QTimeZone::displayName: "Mitteleuropäische
# Normalzeit"); the locale index and root. Dates and numbers (QLocale), case mapping, text
# boundaries and IDNA use Qt's own tables or ICU's built-in properties and need none of it.
# Left out: the legacy text converters (QStringDecoder("windows-1252") is invalid; the app
# reads and writes UTF-8 only) and every other language's tables. The items are taken out of
# the wheel's own library with icupkg (Debian: icu-devtools) and linked into a library of the
# same name and symbol. Without icupkg (or nm) the data is replaced by an empty package, and
# ICU reports missing data (QCollator then compares code points: the frozen build's text
# test fails, tests/e2e/test_packaging_smoke.py).
_ICU_STUB_C = r"""
#include <stdint.h>
struct icu_common_data {
    uint16_t header_size; uint8_t magic1, magic2;
    uint16_t info_size, reserved_word;
    uint8_t big_endian, charset_family, sizeof_uchar, reserved_byte;
    uint8_t data_format[4], format_version[4], data_version[4];
    uint8_t padding[8];
    uint32_t entries;
};
__attribute__((visibility("default"), aligned(16)))
const struct icu_common_data SYMBOL = {
    32, 0xda, 0x27, 20, 0,
    0 /* little endian */, 0 /* ASCII */, 2, 0,
    {'C', 'm', 'n', 'D'}, {1, 0, 0, 0}, {0, 0, 0, 0}, {0}, 0
};
"""
# The cut-down package, linked in as the data symbol ICU looks for (icudt<version>_dat).
_ICU_DATA_C = r"""
__asm__(
    ".section .rodata\n"
    ".globl SYMBOL\n"
    ".type SYMBOL, @object\n"
    ".balign 16\n"
    "SYMBOL:\n"
    ".incbin \"PACKAGE\"\n"
    ".size SYMBOL, . - SYMBOL\n"
    ".section .note.GNU-stack,\"\",@progbits\n");
"""
_QM_LANGUAGE = re.compile(r"_([a-z]{2,3})(?:_[A-Z]{2})?\.qm$")


def shipped_languages() -> list[str]:
    """The languages of the app's own catalogues (as packaging/cicini.spec computes them)."""
    return sorted(
        {
            match.group(1)
            for folder in (ROOT / "cicini_desktop", ROOT / "resources")
            for path in folder.rglob("*.qm")
            if (match := _QM_LANGUAGE.search(path.name))
        }
    )


def icu_items_to_keep(items: list[str], languages: list[str]) -> list[str]:
    """The ICU data items Qt needs for `languages` (see the comment above)."""
    always = {
        "root.res", "res_index.res", "pool.res",
        "coll/root.res", "coll/res_index.res", "coll/ucadata.icu",
        "zone/root.res", "zone/res_index.res", "zone/pool.res",
        "metaZones.res", "timezoneTypes.res", "zoneinfo64.res",
    }  # fmt: skip
    wanted = always | {
        f"{tree}{language}.res" for tree in ("", "coll/", "zone/") for language in languages
    }
    return sorted(item for item in items if item in wanted)


def _icu_symbol(library: Path) -> tuple[str, int, int] | None:
    """(name, file offset, size) of the icudt<version>_dat symbol, read with nm/readelf."""
    nm, readelf = shutil.which("nm"), shutil.which("readelf")
    if nm is None or readelf is None:
        return None
    symbols = subprocess.run(  # noqa: S603 - our own argv
        [nm, "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", symbols, re.MULTILINE)
    if found is None:
        return None
    address, size, name = int(found[1], 16), int(found[2], 16), found[3]
    sections = subprocess.run(  # noqa: S603 - our own argv
        [readelf, "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return name, address - section_address + section_offset, size
    return None


def _cut_icu_package(library: Path, work: Path) -> Path | None:
    """A package holding only the items Qt needs, or None when the tools are missing."""
    icupkg = shutil.which("icupkg")
    symbol = _icu_symbol(library)
    if icupkg is None or symbol is None:
        return None
    name, offset, size = symbol
    package_name = name.removesuffix("_dat") + "l"  # icudt73l: little-endian, ASCII
    folder = work / "icu-data"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "items").mkdir(parents=True)
    with library.open("rb") as stream:
        stream.seek(offset)
        full = folder / "full" / f"{package_name}.dat"
        full.parent.mkdir()
        full.write_bytes(stream.read(size))
    listed = subprocess.run(  # noqa: S603 - our own argv
        [icupkg, "-l", str(full)], capture_output=True, text=True, check=True
    ).stdout.split()
    keep = icu_items_to_keep(listed, shipped_languages())
    (folder / "keep.txt").write_text("\n".join(keep) + "\n")
    subprocess.run(  # noqa: S603 - our own argv
        [icupkg, "-d", str(folder / "items"), "-x", str(folder / "keep.txt"), str(full)],
        check=True, capture_output=True,
    )  # fmt: skip
    cut = folder / f"{package_name}.dat"  # the package's name is its file's name
    subprocess.run(  # noqa: S603 - our own argv
        [icupkg, "-tl", "-s", str(folder / "items"), "-a", str(folder / "keep.txt"),
         "new", str(cut)],
        check=True, capture_output=True,
    )  # fmt: skip
    log(f"ICU data: kept {len(keep)} of {len(listed)} items ({', '.join(shipped_languages())})")
    return cut


def replace_icu_data(folder: Path, work: Path) -> None:
    for library in folder.rglob("libicudata.so.*"):
        if library.is_symlink():
            continue
        version = library.name.rsplit(".", 1)[-1]
        compiler = shutil.which("cc") or shutil.which("gcc")
        if compiler is None:
            log("no C compiler: ICU's full data library stays (31 MB more)")
            return
        work.mkdir(parents=True, exist_ok=True)
        symbol = f"icudt{version}_dat"
        package = _cut_icu_package(library, work)
        source = work / "icudata.c"
        if package is None:
            log("no icupkg/nm (apt install icu-devtools binutils): ICU data EMPTIED; German "
                "collation and time-zone names fall back to code points and ids")  # fmt: skip
            source.write_text(_ICU_STUB_C.replace("SYMBOL", symbol))
        else:
            source.write_text(
                _ICU_DATA_C.replace("SYMBOL", symbol).replace("PACKAGE", str(package.resolve()))
            )
        built = work / library.name
        subprocess.run(  # noqa: S603 - our own argv
            [compiler, "-shared", "-fPIC", "-O2", "-s", f"-Wl,-soname,{library.name}",
             "-o", str(built), str(source)],
            check=True,
        )  # fmt: skip
        saved = library.stat().st_size - built.stat().st_size
        shutil.copyfile(built, library)
        size = built.stat().st_size / 1e6
        log(f"ICU data library cut to {size:.1f} MB ({saved / 1e6:.0f} MB saved)")


def scrub_build_paths(folder: Path) -> None:
    """The build machine's paths (RUNPATH of Python's extension modules, the compiled-in
    prefix of libpython) overwritten in place. The bootloader sets the library path and
    Python's home itself, so they were never used; they only told where the build ran.

    Only the folders are overwritten, with slashes and the install prefix of the same
    length; the last component stays ("…/3.11.7"), because the linker shares string tails:
    PY_VERSION "3.11.7" is the end of the prefix string in libpython."""
    replacements: dict[bytes, bytes] = {}
    for prefix in {sys.base_prefix, sys.prefix, str(ROOT)}:
        head, _, _last = prefix.rstrip("/").rpartition("/")
        head += "/"
        new_head = INSTALL_PREFIX if len(head) > len(INSTALL_PREFIX) else ""
        new_head = new_head.ljust(len(head), "/")
        replacements[prefix.encode()] = (new_head + prefix[len(head) :]).encode()
    changed = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        if not (path.suffix == ".so" or ".so." in path.name):
            continue
        data = path.read_bytes()
        new = data
        for old, replacement in replacements.items():
            assert len(old) == len(replacement)
            new = new.replace(old, replacement)
        if new != data:
            mode = path.stat().st_mode
            path.chmod(mode | 0o200)
            path.write_bytes(new)
            path.chmod(mode)
            changed += 1
    log(f"build paths scrubbed from {changed} file(s)")


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
            "Description: clinic front-desk application",
            " Appointments, patients, staff and roles for a clinic's reception, with an",
            " encrypted local database (SQLCipher), an audit trail and aggregated usage sync.",
            " Installs under /opt/cicini; cicini is the IT command line (provision, doctor).",
            " .",
            " Removing or purging this package never deletes the clinic's data or keys:",
            " the data folder (data_dir, e.g. /var/lib/cicini or ~/.local/share/Cicini),",
            " /etc/cicini/config.toml, the key file and its secrets, logs and keystore",
            " entries stay. Purge removes only /etc/cicini/config.toml.example. See",
            " /usr/share/doc/cicini-desktop/README.md, section 8.",
            "",
        ]
    )


def _copy(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def _normalise_modes(tree: Path) -> None:
    """dpkg keeps modes as they are: 0755 for folders and programs, 0644 for the rest,
    shared libraries included (Debian policy 8.1; lintian: shared-library-is-executable)."""
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        library = path.suffix == ".so" or ".so." in path.name
        if path.is_dir() or (not library and os.access(path, os.X_OK)):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _manual_page(name: str, summary: str) -> str:
    return (
        f'.TH {name.upper()} 1 "" "{__version__}" "Cicini Desktop"\n'
        f".SH NAME\n{name} \\- {summary}\n"
        f".SH SYNOPSIS\n.B {name}\n[\\fB\\-\\-help\\fR] [\\fIoptions\\fR]\n"
        ".SH DESCRIPTION\n"
        f"Run \\fB{name} \\-\\-help\\fR for the options. The IT deployment guide, with\n"
        "every command, setting and exit code, is\n"
        ".I /usr/share/doc/cicini-desktop/README.md\n.\n"
        ".SH FILES\n/etc/cicini/config.toml (machine-wide settings)\n"
    )


def _write_gzip(target: Path, text: str) -> None:
    import gzip

    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as handle:
        handle.write(text.encode("utf-8"))
    target.chmod(0o644)


def _write_changelog(target: Path) -> None:
    """A Debian changelog (lintian: no-changelog), gzip -9n so the build is reproducible."""
    import gzip

    stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(_source_date()))
    text = (
        f"{DEB_PACKAGE} ({__version__}) stable; urgency=medium\n\n"
        "  * Release; see the IT deployment guide (README.md) for what changed.\n\n"
        f" -- Cicini <it-support@cicini.invalid>  {stamp}\n"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as handle:
        handle.write(text.encode("utf-8"))
    target.chmod(0o644)


def _source_date() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or int(time.time())


def _md5sums(staging: Path) -> str:
    import hashlib

    lines = []
    for path in sorted(staging.rglob("*")):
        if path.is_symlink() or not path.is_file() or "DEBIAN" in path.relative_to(staging).parts:
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()  # noqa: S324 - dpkg's format
        lines.append(f"{digest}  {path.relative_to(staging).as_posix()}\n")
    return "".join(lines)


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
    (docs / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: cicini-desktop\n\n"
        f"Files: *\nCopyright: {time.gmtime(_source_date()).tm_year} Cicini\n"
        "License: proprietary\n"
        " All rights reserved.\n"
    )
    _write_changelog(docs / "changelog.gz")
    for name, summary in (
        ("cicini", "administration command line of Cicini Desktop (provision, doctor, migrate)"),
        ("cicini-desktop", "the clinic front-desk application"),
    ):
        _write_gzip(share / "man" / "man1" / f"{name}.1.gz", _manual_page(name, summary))

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
    (debian / "md5sums").write_text(_md5sums(staging))
    for name in ("control", "conffiles", "md5sums"):
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
