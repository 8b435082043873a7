"""Shortcuts that work on QWERTZ and AZERTY keyboards as on QWERTY.

Qt matches a shortcut by the character typed, so a letter is the key with that label on any
layout. What breaks elsewhere: a character that needs AltGr or Shift on a German or French
keyboard ([ ] { } / \\ | @ ~ = + ? ; : . and friends, and on AZERTY every digit: its number
row types & é " ' ( - è _ ç à, the digits with Shift), a hand-made undo/redo pair (Ctrl+Z
and Ctrl+Y trade places on QWERTZ), and two actions on one key (Qt then runs neither).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from tests.gui.frontdesk.conftest import open_window, settle

K = Qt.Key
# Keys whose character needs AltGr or Shift on QWERTZ (German) or AZERTY (French) keyboards.
NOT_ON_EVERY_LAYOUT = {
    K.Key_BracketLeft, K.Key_BracketRight, K.Key_BraceLeft, K.Key_BraceRight,
    K.Key_Backslash, K.Key_Bar, K.Key_At, K.Key_AsciiTilde, K.Key_Slash, K.Key_Equal,
    K.Key_Plus, K.Key_Question, K.Key_Semicolon, K.Key_Colon, K.Key_Apostrophe,
    K.Key_QuoteDbl, K.Key_QuoteLeft, K.Key_Less, K.Key_Greater, K.Key_NumberSign,
    K.Key_Dollar, K.Key_Percent, K.Key_Ampersand, K.Key_AsciiCircum, K.Key_Underscore,
    K.Key_ParenLeft, K.Key_ParenRight, K.Key_Asterisk, K.Key_Exclam, K.Key_Period,
    K.Key_section, K.Key_degree,
}  # fmt: skip
# AZERTY's number row: Ctrl+1 there is Ctrl+Shift+& (Alt+1 likewise).
DIGITS_NEED_SHIFT_ON_AZERTY = {getattr(K, f"Key_{d}") for d in range(10)}
# Letters, F-keys and named keys (arrows, Delete, Return, ...) are fine; so is the
# comma (unshifted on QWERTY, QWERTZ and AZERTY) and the minus.
ALLOWED_PUNCTUATION = {K.Key_Comma, K.Key_Minus}
WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def combos(sequence: QKeySequence) -> list[Qt.Key]:
    return [sequence[i].key() for i in range(sequence.count())]


def every_shortcut(window: QWidget) -> list[tuple[str, QKeySequence, object]]:
    """(name, key sequence, owner) of every action and QShortcut in the window."""
    found: list[tuple[str, QKeySequence, object]] = []
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            found.append((action.text().replace("&", ""), sequence, action))
    for shortcut in window.findChildren(QShortcut):
        for sequence in shortcut.keys():  # noqa: SIM118 - QShortcut.keys(), not a dict
            found.append((shortcut.parent().objectName() or "shortcut", sequence, shortcut))
    return found


def build_every_page(qtbot, window, hub) -> None:
    for key in list(window.page_specs):
        window.show_page(key)
        settle(qtbot, hub)
    window.show_page("schedule")


def test_no_shortcut_needs_altgr_or_a_shifted_character_on_qwertz_or_azerty(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    build_every_page(qtbot, window, hub)
    shortcuts = every_shortcut(window)
    assert len(shortcuts) > 40  # the walk found the window's shortcuts at all
    bad = []
    for name, sequence, _owner in shortcuts:
        for key in combos(sequence):
            if key in NOT_ON_EVERY_LAYOUT or key in DIGITS_NEED_SHIFT_ON_AZERTY or (
                ord(" ") < key.value < 0x7F
                and not chr(key.value).isalpha()
                and key not in ALLOWED_PUNCTUATION
            ):
                bad.append(f"{name}: {sequence.toString()}")
    assert bad == []


def test_the_check_refuses_what_azerty_and_qwertz_cannot_type_as_one_chord():
    """The refusal list itself: Ctrl+digit and Alt+digit (AZERTY), Ctrl+/ (QWERTZ)."""
    for written in ("Ctrl+1", "Alt+0", "Ctrl+Shift+3", "Ctrl+/", "Ctrl+."):
        (key,) = combos(QKeySequence(written))
        assert key in NOT_ON_EVERY_LAYOUT | DIGITS_NEED_SHIFT_ON_AZERTY, written
    for written in ("Ctrl+Shift+D", "F2", "Ctrl+,", "Alt+Left"):
        (key,) = combos(QKeySequence(written))
        assert key not in NOT_ON_EVERY_LAYOUT | DIGITS_NEED_SHIFT_ON_AZERTY, written


def test_the_views_and_pages_are_on_letters_and_f_keys(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    page = window.pages["schedule"]
    views = {k: page.actions_by_key[k].shortcut().toString() for k in ("day", "week", "month")}
    assert views == {"day": "Ctrl+Shift+D", "week": "Ctrl+Shift+K", "month": "Ctrl+Shift+M"}
    assert window.page_specs["schedule"].shortcut == "F2"


def test_undo_is_the_platform_standard_and_nothing_sits_on_a_redo_key(qtbot, clinic, hub):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    build_every_page(qtbot, window, hub)
    page = window.pages["schedule"]
    undo = page.actions_by_key["undo"]
    assert undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Z") in undo.shortcuts()
    redo_keys = {s.toString() for s in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)}
    redo_keys |= {"Ctrl+Y", "Ctrl+Shift+Z"}
    on_redo = [
        f"{name}: {sequence.toString()}"
        for name, sequence, _ in every_shortcut(window)
        if sequence.toString() in redo_keys
    ]
    assert on_redo == []  # (a Redo would take them from QKeySequence.StandardKey.Redo)
    for key in ("cut", "paste", "print", "find_slot"):
        standard = page.actions_by_key[key].shortcuts()
        assert len(standard) >= 1
        assert standard[0].toString() in ("Ctrl+X", "Ctrl+V", "Ctrl+P", "Ctrl+F")


def test_no_two_actions_share_a_key_where_both_would_be_active(qtbot, clinic, hub):
    """Qt runs neither of two shortcuts on one key in the same scope ("ambiguous")."""
    window = open_window(qtbot, clinic, hub, clinic.manager)
    build_every_page(qtbot, window, hub)
    scopes: dict[tuple[int, str], list[str]] = defaultdict(list)
    for name, sequence, owner in every_shortcut(window):
        context = owner.shortcutContext() if isinstance(owner, QAction) else owner.context()
        if isinstance(owner, QAction):
            widgets = owner.associatedObjects() or [window]
            holder = widgets[0]
        else:
            holder = owner.parent()
        scope = (
            id(window)
            if context in WINDOW_WIDE
            else id(holder)
        )
        if name:
            scopes[(scope, sequence.toString())].append(name)
    # A window-wide key must not also be taken by a page's own action.
    window_keys = {key for (scope, key) in scopes if scope == id(window)}
    clashes = [
        f"{key}: {names}"
        for (scope, key), names in scopes.items()
        if len(set(names)) > 1 or (scope != id(window) and key in window_keys)
    ]
    assert clashes == []
