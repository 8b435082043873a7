"""The translation catalogues: complete, in step with the code, and compiled.

CI fails when a shipped language has an unfinished message, when a `translate()` call of
the GUI is missing from the catalogue (lupdate was not run, or its Python parser skipped the
call), when a translation drops a placeholder the code fills in, or when a committed .qm is
not what `pyside6-lrelease` makes of its .ts today.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cicini_desktop.gui.i18n import SHIPPED_LANGUAGES, translations_dir

ROOT = Path(__file__).resolve().parents[3]
GUI = ROOT / "cicini_desktop" / "gui"
# core, services and store mark their user-facing sentences with core/messages.QT_TRANSLATE_NOOP.
MARKED = (GUI, *(ROOT / "cicini_desktop" / part for part in ("core", "services", "store")))
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%n")


def catalogue(language: str) -> ET.ElementTree:
    return ET.parse(translations_dir() / f"cicini_{language}.ts")  # noqa: S314 - our own file


def messages(language: str) -> list[tuple[str, str, ET.Element]]:
    out = []
    for context in catalogue(language).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            out.append((name, message.findtext("source") or "", message))
    return out


def translations_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def calls_in_code() -> set[tuple[str, str]]:
    """(context, text) of every translate()/QT_TRANSLATE_NOOP() with literal arguments."""
    found: set[tuple[str, str]] = set()
    for path in (p for folder in MARKED for p in folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            context, text = node.args[0], node.args[1]
            if name in ("translate", "QT_TRANSLATE_NOOP") and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, text)
            ):
                found.add((context.value, text.value))  # type: ignore[union-attr]
    return found


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_no_message_of_a_shipped_language_is_unfinished(language):
    unfinished = [
        f"{context}: {source!r}"
        for context, source, message in messages(language)
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in translations_of(message))
    ]
    assert unfinished == [], f"{len(unfinished)} unfinished in cicini_{language}.ts"


def test_every_translate_call_of_the_gui_is_in_the_catalogue():
    in_catalogue = {(context, source) for context, source, _ in messages("de")}
    missing = sorted(calls_in_code() - in_catalogue)
    assert len(calls_in_code()) > 900  # the walk found the calls at all
    assert missing == [], "run resources/translations/update.py: " + repr(missing[:10])


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    lost = []
    for context, source, message in messages(language):
        wanted = sorted(set(PLACEHOLDER.findall(source)) - {"%n"})
        for text in translations_of(message):
            if sorted(set(PLACEHOLDER.findall(text)) - {"%n"}) != wanted:
                lost.append(f"{context}: {source!r} -> {text!r}")
    assert lost == []


def test_plural_messages_have_a_singular_and_a_plural_form_in_english_and_german():
    for language in ("en", "de"):
        plural = [(s, m) for _, s, m in messages(language) if m.get("numerus") == "yes"]
        assert len(plural) >= 10
        for source, message in plural:
            forms = translations_of(message)
            assert (len(forms) == 2 and forms[0] != forms[1]) or "Treffer" in forms[0], source


def test_the_committed_qm_files_are_what_lrelease_makes_of_the_ts():
    spec = importlib.util.spec_from_file_location(
        "update_translations", translations_dir() / "update.py"
    )
    assert spec is not None
    assert spec.loader is not None
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    assert update.stale_catalogues() == []
