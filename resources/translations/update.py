"""Refresh the catalogues from the code, then compile them (run from the repository root):

    .venv/bin/python resources/translations/update.py          # lupdate + numerus fix-up + lrelease
    .venv/bin/python resources/translations/update.py --check  # exit 1 if a .qm is out of date

`pyside6-lupdate` collects every `translate(context, text)` and `QT_TRANSLATE_NOOP(context,
text)` of cicini_desktop/gui, and the `QT_TRANSLATE_NOOP` sentences of cicini_desktop/core,
cicini_desktop/services and cicini_desktop/store (core/messages.py), into cicini_<lang>.ts,
keeping the translations already made.
Its Python parser does not mark a `translate(..., None, n)` call as a plural message, so
every message whose source holds `%n` is marked `numerus="yes"` here afterwards (its
translation kept as the first form). English is the source language: its catalogue holds
only the plural messages (kept by this script), so "%n appointment(s)" reads "1 appointment" and
"2 appointments". `pyside6-lrelease` then writes cicini_<lang>.qm beside the .ts; the .qm
files are committed (the app runs from a checkout without a build step), and
tests/gui/i18n/test_catalogues.py checks they are what lrelease makes of the .ts today.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The GUI's translate() calls, and the QT_TRANSLATE_NOOP-marked sentences of core, services
# and store (errors and progress labels the window translates: core/messages.py).
SOURCES = tuple(ROOT / "cicini_desktop" / part for part in ("gui", "core", "services", "store"))
# English is the source language: its catalogue keeps only the plural messages.
LANGUAGES = {"de": False, "en": True}


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease of the interpreter running this (the venv's)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def python_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for folder in SOURCES for p in folder.rglob("*.py"))


def lupdate(language: str) -> Path:
    ts = HERE / f"cicini_{language}.ts"
    kept = plural_translations(ts) if ts.exists() else {}
    command = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *python_files()]
    subprocess.run(  # noqa: S603 - our own tool and file names, no shell
        [*command, "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    mark_plurals(ts, plural_only=LANGUAGES[language], kept=kept)
    return ts


Plurals = dict[tuple[str, str], tuple[list[str], bool]]


def plural_translations(ts: Path) -> Plurals:
    """(context, source) -> (the forms, finished) of every numerus message, which lupdate
    would flatten to one form."""
    kept: Plurals = {}
    for context in ET.parse(ts).getroot().findall("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            if message.get("numerus") != "yes" or translation is None:
                continue
            forms = [form.text or "" for form in translation.findall("numerusform")]
            finished = translation.get("type") != "unfinished"
            kept[(name, message.findtext("source") or "")] = (forms, finished)
    return kept


def mark_plurals(ts: Path, *, plural_only: bool, kept: Plurals) -> None:
    """Every `%n` message becomes a numerus message (lupdate's Python parser misses them);
    with `plural_only`, the other messages are dropped."""
    tree = ET.parse(ts)  # noqa: S314 - our own catalogue
    changed = False
    for context in tree.getroot().findall("context"):
        for message in context.findall("message"):
            if plural_only and "%n" not in (message.findtext("source") or ""):
                context.remove(message)
                changed = True
        if plural_only and not context.findall("message"):
            tree.getroot().remove(context)
    for context in tree.getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            if "%n" not in source or message.get("numerus") == "yes":
                continue
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation", type="unfinished")
            text = translation.text or ""
            forms, finished = kept.get((name, source), ([text, text], False))
            translation.text = None
            translation.attrib.pop("type", None)
            if not finished:
                translation.set("type", "unfinished")
            for form_text in forms:  # German and English: singular and plural
                form = ET.SubElement(translation, "numerusform")
                form.text = form_text
            changed = True
    if changed:
        ET.indent(tree, space="    ")
        with ts.open("wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
            out.write(b"\n")


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(  # noqa: S603 - our own tool and file names, no shell
        [tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def stale_catalogues() -> list[str]:
    """Names of the committed .qm files that differ from what lrelease makes of their .ts."""
    stale = []
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            ts, qm = HERE / f"cicini_{language}.ts", HERE / f"cicini_{language}.qm"
            fresh = Path(folder) / qm.name
            lrelease(ts, fresh)
            if not qm.exists() or not filecmp.cmp(fresh, qm, shallow=False):
                stale.append(qm.name)
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare the .qm files")
    args = parser.parse_args()
    if args.check:
        stale = stale_catalogues()
        for name in stale:
            print(f"{name} is out of date: run resources/translations/update.py")
        return 1 if stale else 0
    for language in LANGUAGES:
        ts = lupdate(language)
        lrelease(ts, HERE / f"cicini_{language}.qm")
        print(f"{ts.name} and its .qm updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
