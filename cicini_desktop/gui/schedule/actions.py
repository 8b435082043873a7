"""The schedule page's front-desk actions: key, menu text, shortcut and the permission each needs.

The main window lists them in its menus and in Help > Shortcuts. Single-letter shortcuts
(`CALENDAR_ONLY_KEYS`) are bound to the calendar (and check-in also to the arrivals list),
never to the page: typing a C in a combo box or a table must reach that widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.core.permissions import Permission

P = Permission


@dataclass(frozen=True, slots=True)
class ActionSpec:
    key: str
    text: str
    shortcut: str
    permission: Permission | None = None


# Every front-desk action, its shortcut, and the permission it needs (None: everyone).
ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("book", "&Book at cursor…", "Ctrl+N", P.APPOINTMENT_BOOK),
    ActionSpec("open", "&Open appointment", "Ctrl+O"),
    ActionSpec("confirm", "&Confirm", "C", P.APPOINTMENT_EDIT),
    ActionSpec("arrived", "Patient &arrived (check in)", "A", P.APPOINTMENT_CHECK_IN),
    ActionSpec("in_progress", "&In progress", "S", P.APPOINTMENT_EDIT),
    ActionSpec("completed", "Co&mpleted", "D", P.APPOINTMENT_EDIT),
    ActionSpec("no_show", "&No-show", "X", P.APPOINTMENT_CANCEL),
    ActionSpec("cancel", "Cance&l appointment…", "Del", P.APPOINTMENT_CANCEL),
    ActionSpec("reschedule", "&Reschedule…", "Ctrl+R", P.APPOINTMENT_EDIT),
    ActionSpec("patient_file", "Patient f&ile…", "Ctrl+I", P.PATIENT_VIEW),
    ActionSpec("cut", "Cu&t appointment (to move it)", "Ctrl+X", P.APPOINTMENT_EDIT),
    ActionSpec("paste", "Paste appointment at the cursor", "Ctrl+V", P.APPOINTMENT_EDIT),
    ActionSpec("earlier", "Move earlier by one grid step", "Ctrl+Up", P.APPOINTMENT_EDIT),
    ActionSpec("later", "Move later by one grid step", "Ctrl+Down", P.APPOINTMENT_EDIT),
    ActionSpec("to_left", "Move to the column on the left", "Ctrl+Left", P.APPOINTMENT_EDIT),
    ActionSpec("to_right", "Move to the column on the right", "Ctrl+Right", P.APPOINTMENT_EDIT),
    ActionSpec("undo", "&Undo last move or resize", "Ctrl+Z", P.APPOINTMENT_EDIT),
    ActionSpec("today", "&Today", "Ctrl+T"),
    ActionSpec("previous", "&Previous day/week/month", "Alt+Left"),
    ActionSpec("next", "Ne&xt day/week/month", "Alt+Right"),
    ActionSpec("goto", "&Go to date…", "Ctrl+G"),
    ActionSpec("day", "&Day view", "Ctrl+1"),
    ActionSpec("week", "&Week view", "Ctrl+2"),
    ActionSpec("month", "&Month overview", "Ctrl+3"),
    ActionSpec("providers", "Choose p&roviders…", "Ctrl+Shift+P"),
    ActionSpec("find_slot", "&Find a slot", "Ctrl+F"),
    ActionSpec("arrivals", "Go to today's a&rrivals", "Ctrl+Shift+A"),
    ActionSpec("waitlist", "Go to the &waitlist", "Ctrl+Shift+W"),
    ActionSpec("print", "&Print or save day sheet…", "Ctrl+P"),
    ActionSpec("refresh", "&Refresh", "F5"),
    ActionSpec("grid", "Change time &grid (5/10/15 min)", "Ctrl+Shift+G"),
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
