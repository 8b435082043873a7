"""The schedule page's front-desk actions: key, menu text, shortcut and the permission each needs.

The main window lists them in its menus and in Help > Shortcuts. Single-letter shortcuts
(`CALENDAR_ONLY_KEYS`) are bound to the calendar (and check-in also to the arrivals list),
never to the page: typing a C in a combo box or a table must reach that widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP

P = Permission


@dataclass(frozen=True, slots=True)
class ActionSpec:
    key: str
    text: str
    shortcut: str
    permission: Permission | None = None


# Every front-desk action, its shortcut, and the permission it needs (None: everyone).
ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "book",
        QT_TRANSLATE_NOOP("schedule.actions", "&Book at cursor…"),
        "Ctrl+N",
        P.APPOINTMENT_BOOK,
    ),
    ActionSpec("open", QT_TRANSLATE_NOOP("schedule.actions", "&Open appointment"), "Ctrl+O"),
    ActionSpec(
        "confirm", QT_TRANSLATE_NOOP("schedule.actions", "&Confirm"), "C", P.APPOINTMENT_EDIT
    ),
    ActionSpec(
        "arrived",
        QT_TRANSLATE_NOOP("schedule.actions", "Patient &arrived (check in)"),
        "A",
        P.APPOINTMENT_CHECK_IN,
    ),
    ActionSpec(
        "in_progress",
        QT_TRANSLATE_NOOP("schedule.actions", "&In progress"),
        "S",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "completed", QT_TRANSLATE_NOOP("schedule.actions", "Co&mpleted"), "D", P.APPOINTMENT_EDIT
    ),
    ActionSpec(
        "no_show", QT_TRANSLATE_NOOP("schedule.actions", "&No-show"), "X", P.APPOINTMENT_CANCEL
    ),
    ActionSpec(
        "cancel",
        QT_TRANSLATE_NOOP("schedule.actions", "Cance&l appointment…"),
        "Del",
        P.APPOINTMENT_CANCEL,
    ),
    ActionSpec(
        "reschedule",
        QT_TRANSLATE_NOOP("schedule.actions", "&Reschedule…"),
        "Ctrl+R",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "patient_file",
        QT_TRANSLATE_NOOP("schedule.actions", "Patient f&ile…"),
        "Ctrl+I",
        P.PATIENT_VIEW,
    ),
    ActionSpec(
        "cut",
        QT_TRANSLATE_NOOP("schedule.actions", "Cu&t appointment (to move it)"),
        "Ctrl+X",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "paste",
        QT_TRANSLATE_NOOP("schedule.actions", "Paste appointment at the cursor"),
        "Ctrl+V",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "earlier",
        QT_TRANSLATE_NOOP("schedule.actions", "Move earlier by one grid step"),
        "Ctrl+Up",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "later",
        QT_TRANSLATE_NOOP("schedule.actions", "Move later by one grid step"),
        "Ctrl+Down",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "to_left",
        QT_TRANSLATE_NOOP("schedule.actions", "Move to the column on the left"),
        "Ctrl+Left",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "to_right",
        QT_TRANSLATE_NOOP("schedule.actions", "Move to the column on the right"),
        "Ctrl+Right",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec(
        "undo",
        QT_TRANSLATE_NOOP("schedule.actions", "&Undo last move or resize"),
        "Ctrl+Z",
        P.APPOINTMENT_EDIT,
    ),
    ActionSpec("today", QT_TRANSLATE_NOOP("schedule.actions", "&Today"), "Ctrl+T"),
    ActionSpec(
        "previous", QT_TRANSLATE_NOOP("schedule.actions", "&Previous day/week/month"), "Alt+Left"
    ),
    ActionSpec("next", QT_TRANSLATE_NOOP("schedule.actions", "Ne&xt day/week/month"), "Alt+Right"),
    ActionSpec("goto", QT_TRANSLATE_NOOP("schedule.actions", "&Go to date…"), "Ctrl+G"),
    # Day, week (K: "Kalenderwoche"; W is the waitlist) and month on letters, not Ctrl+1..3:
    # AZERTY types its digits with Shift.
    ActionSpec("day", QT_TRANSLATE_NOOP("schedule.actions", "&Day view"), "Ctrl+Shift+D"),
    ActionSpec("week", QT_TRANSLATE_NOOP("schedule.actions", "&Week view"), "Ctrl+Shift+K"),
    ActionSpec("month", QT_TRANSLATE_NOOP("schedule.actions", "&Month overview"), "Ctrl+Shift+M"),
    ActionSpec(
        "providers", QT_TRANSLATE_NOOP("schedule.actions", "Choose p&roviders…"), "Ctrl+Shift+P"
    ),
    ActionSpec("find_slot", QT_TRANSLATE_NOOP("schedule.actions", "&Find a slot"), "Ctrl+F"),
    ActionSpec(
        "arrivals", QT_TRANSLATE_NOOP("schedule.actions", "Go to today's a&rrivals"), "Ctrl+Shift+A"
    ),
    ActionSpec(
        "waitlist", QT_TRANSLATE_NOOP("schedule.actions", "Go to the &waitlist"), "Ctrl+Shift+W"
    ),
    ActionSpec(
        "print", QT_TRANSLATE_NOOP("schedule.actions", "&Print or save day sheet…"), "Ctrl+P"
    ),
    ActionSpec("refresh", QT_TRANSLATE_NOOP("schedule.actions", "&Refresh"), "F5"),
    ActionSpec(
        "grid",
        QT_TRANSLATE_NOOP("schedule.actions", "Change time &grid (5/10/15 min)"),
        "Ctrl+Shift+G",
    ),
)
STATUS_KEYS = ("confirm", "arrived", "in_progress", "completed", "no_show")
STATUS_OF_ACTION = {
    "confirm": "confirmed",
    "arrived": "arrived",
    "in_progress": "in_progress",
    "completed": "completed",
    "no_show": "no_show",
}

# Keyboard moves act on the calendar's selection: bound to the calendar only, so Ctrl+X/V
# and Ctrl+arrows keep their usual meaning in text fields and lists.
MOVE_KEYS = frozenset({"cut", "paste", "earlier", "later", "to_left", "to_right"})
# Actions whose shortcut is one plain letter, and the keyboard moves: active only where the
# calendar has the focus.
CALENDAR_ONLY_KEYS = frozenset(s.key for s in ACTION_SPECS if len(s.shortcut) == 1) | MOVE_KEYS
