"""Keyboard shortcuts that do not depend on the keyboard layout.

Qt matches a shortcut by the character a key produces, so Ctrl+Z is the key labelled Z on a
QWERTY, QWERTZ or AZERTY keyboard alike (on QWERTZ it sits where QWERTY has Y). What goes
wrong on other layouts is (1) a shortcut on a character that needs AltGr or Shift there
([ ] { } / \\ | @ ~ = + ? ; : on QWERTZ, . and the digits 0-9 on AZERTY): it cannot be typed
as written, and
(2) undo and redo written by hand, which differ by platform. So:

- the actions that have a platform standard (undo, cut, paste, print, find, open, new, help,
  delete) take QKeySequence's standard bindings (`StandardKey`), on every platform the
  keys its users expect;
- every other shortcut is a letter, an F-key, an arrow or another named key, with Ctrl, Alt
  or Shift; never a digit (AZERTY's number row types & é " ' ( - è _ ç à, the digits with
  Shift, so Ctrl+1 is not one key press there); tests/gui/frontdesk/test_shortcut_layouts.py
  refuses anything else.

The written form (e.g. "Ctrl+Z") stays the one the Help > Keyboard shortcuts list and the
tool tips show; README.md lists them all.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut

Std = QKeySequence.StandardKey

# The written shortcut -> the platform's standard action it stands for.
STANDARD: dict[str, QKeySequence.StandardKey] = {
    "Ctrl+Z": Std.Undo,
    "Ctrl+X": Std.Cut,
    "Ctrl+V": Std.Paste,
    "Ctrl+P": Std.Print,
    "Ctrl+F": Std.Find,
    "Ctrl+O": Std.Open,
    "Ctrl+N": Std.New,
    "F1": Std.HelpContents,
    "Del": Std.Delete,
}


def sequences(text: str) -> list[QKeySequence]:
    """The key sequences for a written shortcut: the platform's standard bindings where the
    action has a standard, else the written keys (portable names, never translated)."""
    standard = STANDARD.get(text)
    if standard is not None:
        bindings = QKeySequence.keyBindings(standard)
        if bindings:
            return list(bindings)
    return [QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)]


def set_shortcut(target: QAction | QShortcut, text: str) -> None:
    if isinstance(target, QShortcut):
        target.setKeys(sequences(text))
    else:
        target.setShortcuts(sequences(text))
