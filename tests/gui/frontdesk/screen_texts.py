"""What a person (or a screen reader) reads on a window: every text of every widget in it.

Used by the German-screens test (no English source string shown) and the accessible-name
walk. Texts come from the widgets themselves, not from the code: labels, buttons, group
titles, tab titles, combo items, list items, table headers, menus, place-holders, tool
tips, window titles and accessible names and descriptions.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from cicini_desktop.gui.i18n import translations_dir

TAG = re.compile(r"<[^>]+>")
GUI = Path(__file__).resolve().parents[3] / "cicini_desktop" / "gui"


def normalise(text: str) -> str:
    """Mnemonics, mark-up, shortcut hints and end punctuation do not make a string new."""
    text = TAG.sub(" ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":…").strip()


def english_sources(language: str = "de") -> set[str]:
    """The catalogue's English source strings whose translation reads differently (so the
    same word in both languages, such as "Status" or "Name", is not counted), and every
    sentence-like string literal of the GUI's code that is not in the catalogue at all (a
    string someone forgot to wrap in translate())."""
    tree = ET.parse(translations_dir() / f"cicini_{language}.ts")  # noqa: S314
    sources: set[str] = set()
    catalogued: set[str] = set()
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = translation.findall("numerusform") if translation is not None else []
        translated = [f.text or "" for f in forms] or [translation.text or ""]  # type: ignore[union-attr]
        catalogued.add(normalise(source))
        if "{" in source or "%n" in source:
            continue  # filled in: the widget shows the filled text, never this
        if all(normalise(t) != normalise(source) for t in translated):
            sources.add(normalise(source))
    sources |= code_sentences() - catalogued
    return {s for s in sources if len(s) > 1}


def code_sentences() -> set[str]:
    """String literals of cicini_desktop/gui with at least two words of letters."""
    found: set[str] = set()
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = normalise(node.value)
                if len(re.findall(r"[A-Za-z]{2,}", text)) >= 2 and "{" not in text:
                    found.add(text)
    return found


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for root and every widget in it."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}.{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        add(widget, "windowTitle", widget.windowTitle() if widget.isWindow() else "")
        add(widget, "accessibleName", widget.accessibleName())
        add(widget, "accessibleDescription", widget.accessibleDescription())
        add(widget, "toolTip", widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, (QLineEdit, QTextEdit)):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QAbstractSpinBox):
            add(widget, "specialValue", widget.specialValueText())
            for part in ("suffix", "prefix"):
                getter = getattr(widget, part, None)
                if getter is not None:
                    add(widget, part, getter())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, "item", widget.itemText(index))
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget, "tab", widget.tabText(index))
        if isinstance(widget, QListWidget):
            for index in range(widget.count()):
                add(widget, "item", widget.item(index).text())
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(header.columnCount()):
                add(widget, "header", header.text(column))
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            header = (
                widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            )
            for column in range(header.count()):
                value = model.headerData(
                    column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                )
                add(widget, "header", value if isinstance(value, str) else "")
        if isinstance(widget, (QMenuBar, QMenu)):
            for action in widget.actions():
                add(widget, "action", action.text())
                if action.menu() is not None:
                    for inner in action.menu().actions():  # type: ignore[union-attr]
                        add(widget, "action", inner.text())
                        add(widget, "actionTip", inner.toolTip())
    for action in root.findChildren(QMenu):
        for inner in action.actions():
            add(action, "action", inner.text())
    return found


def english_shown(root: QWidget, english: set[str]) -> list[str]:
    return sorted(
        {f"{where}: {text!r}" for where, text in widget_texts(root) if normalise(text) in english}
    )
