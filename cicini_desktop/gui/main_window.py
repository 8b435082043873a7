"""The main window: navigation, menus with shortcuts, status bar, the demo banner.

Pages appear by permission: Schedule, Patients and Waitlist for the front desk; Staff,
Roles, Audit and Settings only for those allowed (the services refuse anyway; hiding them
keeps the window honest). Every menu action has a shortcut, and Help > Shortcuts lists
them all. The window follows the system palette: no hard-coded colours except meaning
(status badges, the current-time line, warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop._version import __version__
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import day_short, time_of
from cicini_desktop.gui.palette_colours import (
    BANNER_BACKGROUND,
    BANNER_TEXT,
    high_contrast,
    when_contrast_changes,
)
from cicini_desktop.gui.shortcuts import set_shortcut

P = Permission


@dataclass(frozen=True)
class PageSpec:
    """A navigation entry: who may see it and how to build it (lazily, on first visit)."""

    key: str
    title: str
    shortcut: str
    permissions: tuple[Permission, ...]  # any one of them is enough
    build: Callable[[], QWidget]
    accessible: str = ""
    # Wiring the window does once the page exists (the schedule's menus and status line).
    # (Called with the window, which may still be in its constructor: the first page is
    # built there.)
    on_built: Callable[[QMainWindow, QWidget], None] | None = None


# The manager screens: a user needs one of these permissions to see the page at all.
PAGE_PERMISSIONS: dict[str, tuple[Permission, ...]] = {
    "schedule": (P.SCHEDULE_VIEW,),
    "patients": (P.PATIENT_VIEW,),
    "waitlist": (P.SCHEDULE_VIEW, P.WAITLIST_MANAGE),
    "staff": (P.STAFF_MANAGE,),
    "roles": (P.ROLE_MANAGE,),
    "audit": (P.AUDIT_VIEW,),
    "settings": (P.SETTINGS_MANAGE, P.SYNC_MANAGE),
    "privacy": (P.PRIVACY_MANAGE,),
    "backups": (P.BACKUP_MANAGE,),
    "reminders": (P.REMINDER_VIEW,),
    "reminder_rules": (P.REMINDER_MANAGE,),
    "setup": (P.AVAILABILITY_MANAGE,),
}
MANAGER_PAGES = ("staff", "roles", "audit", "settings")


@dataclass
class WindowState:
    clinic_name: str
    user_label: str = ""
    permissions: frozenset[Permission] = field(default_factory=frozenset)
    demo: bool = False


class MainWindow(QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        clinic_name: str,
        user_label: str = "",
        parent: QWidget | None = None,
        *,
        permissions: frozenset[Permission] | None = None,
        pages: list[PageSpec] | None = None,
        demo: bool = False,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = WindowState(clinic_name, user_label, permissions or frozenset(), demo)
        self._now = now or datetime.now
        self.setWindowTitle(
            translate("main_window", "Cicini Desktop — {clinic_name}").format(
                clinic_name=clinic_name
            )
            + (translate("main_window", " — DEMO DATA") if demo else "")
        )
        self.setAccessibleName(translate("main_window", "Cicini Desktop main window"))
        self.resize(1400, 860)
        self.page_specs: dict[str, PageSpec] = {}
        self.pages: dict[str, QWidget] = {}
        self.nav_actions: dict[str, QAction] = {}

        self.nav = QListWidget()
        self.nav.setAccessibleName(translate("main_window", "Navigation"))
        self.nav.setFixedWidth(130)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(translate("main_window", "Current page"))
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel(
            translate(
                "main_window",
                "DEMO DATA — an invented clinic: every patient and appointment here is made up. "
                "Changes are kept in a temporary folder only.",
            )
        )
        self.banner.setAccessibleName(translate("main_window", "Demo data banner"))
        self.banner.setWordWrap(True)
        self._style_banner()
        when_contrast_changes(self._style_banner)  # high contrast switched while open
        self.banner.setVisible(demo)
        outer.addWidget(self.banner)
        # Shown when a manager changed this member's access while they were signed in.
        self.access_notice = QLabel("")
        self.access_notice.setAccessibleName(translate("main_window", "Access changed"))
        self.access_notice.setWordWrap(True)
        self.access_notice.setContentsMargins(10, 6, 10, 6)
        self.access_notice.setVisible(False)
        outer.addWidget(self.access_notice)
        outer.addLayout(body, 1)
        central = QWidget()
        central.setLayout(outer)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        for spec in pages or []:
            self.add_page(spec)
        if not self.page_specs:
            placeholder = QLabel(
                translate(
                    "main_window", "{clinic_name}\n\nNothing to show for this account."
                ).format(clinic_name=clinic_name)
            )
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setAccessibleName(translate("main_window", "Welcome"))
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self._nav_changed)
        if self.nav.count():
            self.nav.setCurrentRow(0)

    # --- pages -----------------------------------------------------------------------------
    def may_see(self, key: str, permissions: tuple[Permission, ...] | None = None) -> bool:
        needed = permissions or PAGE_PERMISSIONS.get(key, ())
        return any(p in self.state.permissions for p in needed)

    def add_page(self, spec: PageSpec) -> None:
        """Adds a navigation entry, unless the user lacks every permission it needs."""
        if not self.may_see(spec.key, spec.permissions):
            return
        self.page_specs[spec.key] = spec
        index = self.nav.count()
        item = QListWidgetItem(spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        item.setToolTip(f"{spec.title} ({spec.shortcut})")
        item.setSizeHint(QSize(140, 34))
        self.nav.addItem(item)
        action = QAction(f"&{spec.title}", self)
        set_shortcut(action, spec.shortcut)
        action.triggered.connect(lambda _c=False, i=index: self.nav.setCurrentRow(i))
        self.go_menu.addAction(action)
        self.nav_actions[spec.key] = action

    def show_page(self, key: str) -> QWidget | None:
        """Switches to a page by key; None when the user may not see it."""
        if key not in self.page_specs:
            return None
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
        return self.pages.get(key)

    def _nav_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        page = self.pages.get(key)
        if page is None:
            page = self.page_specs[key].build()
            page.setAccessibleName(
                page.accessibleName()
                or translate("main_window", "{title} page").format(title=self.page_specs[key].title)
            )
            self.pages[key] = page
            self.stack.addWidget(page)
            spec = self.page_specs[key]
            if spec.on_built is not None:
                spec.on_built(self, page)
        self.stack.setCurrentWidget(page)
        self._sync_page_menus(key)

    # --- menus -------------------------------------------------------------------------------
    def _action(
        self, menu: object, text: str, shortcut: str, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        set_shortcut(action, shortcut)
        action.triggered.connect(lambda _c=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(translate("main_window", "&File"))
        self.lock_action = self._action(
            self.file_menu,
            translate("main_window", "&Lock screen"),
            "Ctrl+L",
            self.lock_requested.emit,
        )
        self.sign_out_action = self._action(
            self.file_menu,
            translate("main_window", "Sign &out"),
            "Ctrl+Shift+Q",
            self.sign_out_requested.emit,
        )
        self.file_menu.addSeparator()
        quit_action = self._action(
            self.file_menu, translate("main_window", "&Quit"), "Ctrl+Q", self.close
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.schedule_menu = bar.addMenu(translate("main_window", "&Schedule"))
        self.appointment_menu = bar.addMenu(translate("main_window", "&Appointment"))
        self.go_menu = bar.addMenu(translate("main_window", "&Go"))
        help_menu = bar.addMenu(translate("main_window", "&Help"))
        self._action(
            help_menu, translate("main_window", "&Keyboard shortcuts"), "F1", self.show_shortcuts
        )
        about = self._action(
            help_menu,
            translate("main_window", "&About Cicini Desktop"),
            "Ctrl+Shift+F1",
            self._show_about,
        )
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _style_banner(self, *_changed: object) -> None:
        """Fixed colours (4.5:1 or more on either palette); the system's own under high
        contrast."""
        self.banner.setStyleSheet(
            "QLabel { font-weight: bold; padding: 6px 10px; }"
            if high_contrast()
            else f"QLabel {{ background: {BANNER_BACKGROUND}; color: {BANNER_TEXT}; "
            "font-weight: bold; padding: 6px 10px; border-bottom: 1px solid #c9a227; }"
        )

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def attach_schedule_actions(self, actions: dict[str, QAction]) -> None:
        """Puts the schedule page's actions (and their shortcuts) into the menus."""
        self.schedule_menu.clear()
        self.appointment_menu.clear()
        view_keys = (
            "today", "previous", "next", "goto", None, "day", "week", "month", None,
            "providers", "grid", "refresh", None, "print",
        )  # fmt: skip
        appointment_keys = (
            "book", "open", "reschedule", "patient_file", None,
            "confirm", "arrived", "in_progress", "completed", "no_show", "cancel", None,
            "cut", "paste", "earlier", "later", "to_left", "to_right", None,
            "undo", None, "find_slot", "arrivals", "waitlist",
        )  # fmt: skip
        for menu, keys in (
            (self.schedule_menu, view_keys),
            (self.appointment_menu, appointment_keys),
        ):
            for key in keys:
                if key is None:
                    menu.addSeparator()
                elif key in actions and actions[key].isVisible():
                    menu.addAction(actions[key])

    def _sync_page_menus(self, key: str) -> None:
        on_schedule = key == "schedule"
        self.schedule_menu.menuAction().setVisible(on_schedule)
        self.appointment_menu.menuAction().setVisible(on_schedule)

    def all_actions(self) -> list[tuple[str, str, str]]:
        """(menu, action text, shortcut) of every menu action: what Help > Shortcuts shows."""
        rows: list[tuple[str, str, str]] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            for action in menu.actions():  # type: ignore[attr-defined]
                if action.isSeparator() or not action.isVisible():
                    continue
                rows.append(
                    (
                        menu_action.text().replace("&", ""),
                        action.text().replace("&", ""),
                        action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                    )
                )
        return rows

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.all_actions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            translate("main_window", "About Cicini Desktop"),
            translate(
                "main_window", "Cicini Desktop {version__}\nMedical appointment software."
            ).format(version__=__version__),
        )

    # --- status bar ----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self.state.user_label)
        self.user_label.setAccessibleName(translate("main_window", "Signed-in user"))
        self.clinic_label = QLabel(self.state.clinic_name)
        self.clinic_label.setAccessibleName(translate("main_window", "Clinic"))
        self.date_label = QLabel("")
        self.date_label.setAccessibleName(translate("main_window", "Today's date"))
        self.sync_label = QLabel(translate("main_window", "Sync: not set up"))
        self.sync_label.setAccessibleName(translate("main_window", "Sync state"))
        self.busy_label = QLabel("")
        self.busy_label.setAccessibleName(translate("main_window", "Working"))
        for label in (
            self.busy_label,
            self.user_label,
            self.clinic_label,
            self.date_label,
            self.sync_label,
        ):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self._tick()
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _tick(self) -> None:
        now = self._now()
        self.date_label.setText(f"{day_short(now)} {now.year}, {time_of(now)}")

    def set_user(self, label: str) -> None:
        self.state.user_label = label
        self.user_label.setText(label)

    def set_sync_state(self, text: str) -> None:
        self.sync_label.setText(translate("main_window", "Sync: {text}").format(text=text))

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(translate("main_window", "Working…") if busy else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():
            page.close()
        super().closeEvent(event)


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("main_window", "Keyboard shortcuts"))
        self.setAccessibleName(translate("main_window", "Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "main_window",
                "Every action has a key. Single letters (C, A, S, D, X) act on the selected "
                "appointment while the schedule has focus; arrows move the cursor in the calendar "
                "and Enter books or opens.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(translate("main_window", "Shortcut list"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("main_window", "Menu"),
                translate("main_window", "Action"),
                translate("main_window", "Shortcut"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for index, (menu, text, key) in enumerate(rows):
            for column, value in enumerate((menu, text, key)):
                self.table.setItem(index, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 620)
