"""The schedule page: toolbar, day/week grid or month overview, and the side panels.

It owns the front-desk actions (table in `actions.py`) with their shortcuts; the main window
lists them in its menus and in Help > Shortcuts. This module builds the page, loads and
navigates; the other jobs are mixins, one module each: `page_providers` (preferences and
providers shown), `page_moves` (drag, reschedule, keyboard moves, undo), `page_status`
(status, check-in, cancel, waitlist offers), `page_printing` (day sheet). Dialogs live in
their own modules and stay importable from here. Data comes from a `ScheduleBackend`
through the operation helpers; the page reloads only when a write touched appointments,
availability, patients or the waitlist, and only when it is visible (otherwise on the next
show).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.ids import AppointmentId, AppointmentTypeId, PatientId, StaffId
from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import (
    day_long,
    day_short,
    month_year,
    week_number,
    week_start,
)
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.schedule.actions import (
    ACTION_SPECS,
    CALENDAR_ONLY_KEYS,
    STATUS_KEYS,
    STATUS_OF_ACTION,
    ActionSpec,
)
from cicini_desktop.gui.schedule.appointment_dialog import (
    AppointmentDialog,
    status_allowed,
    status_refusal,
)
from cicini_desktop.gui.schedule.appointment_list import AppointmentList
from cicini_desktop.gui.schedule.arrivals import ArrivalsPanel
from cicini_desktop.gui.schedule.booking_dialog import BookingDialog, booked_sentence
from cicini_desktop.gui.schedule.calendar_grid import CalendarGrid, day_range
from cicini_desktop.gui.schedule.cancel_dialog import CancelDialog
from cicini_desktop.gui.schedule.day_notice import DayNotice
from cicini_desktop.gui.schedule.editors import DateField
from cicini_desktop.gui.schedule.month_view import MonthView, month_grid_start
from cicini_desktop.gui.schedule.page_moves import MovesMixin
from cicini_desktop.gui.schedule.page_printing import PrintingMixin
from cicini_desktop.gui.schedule.page_providers import ProvidersMixin
from cicini_desktop.gui.schedule.page_status import StatusMixin
from cicini_desktop.gui.schedule.patient_file import PatientFile
from cicini_desktop.gui.schedule.print_dialog import PrintDialog
from cicini_desktop.gui.schedule.rows import (
    PatientHit,
    ProviderRow,
    ScheduleSnapshot,
    WaitlistRow,
)
from cicini_desktop.gui.schedule.slot_finder import SlotFinderPanel
from cicini_desktop.gui.schedule.source import (
    Catalogue,
    ScheduleBackend,
    SlotRow,
)
from cicini_desktop.gui.schedule.undo import UndoEntry
from cicini_desktop.gui.schedule.visible_first import merged, on_screen_ids
from cicini_desktop.gui.schedule.waitlist_offer import WaitlistOfferDialog
from cicini_desktop.gui.schedule.waitlist_panel import WaitlistPanel
from cicini_desktop.gui.shortcuts import set_shortcut

# Public names other modules and tests import from here (the page was one module once).
__all__ = [
    "ACTION_SPECS",
    "CALENDAR_ONLY_KEYS",
    "STATUS_KEYS",
    "STATUS_OF_ACTION",
    "ActionSpec",
    "AppointmentDialog",
    "CancelDialog",
    "PrintDialog",
    "SchedulePage",
    "UndoEntry",
    "WaitlistOfferDialog",
]

P = Permission
SCHEDULE_CHANGES = ("appointments", "availability", "patients", "waitlist", "staff")

ARRIVALS_FRESH_S = 60.0


class SchedulePage(ProvidersMixin, MovesMixin, StatusMixin, PrintingMixin, QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        backend: ScheduleBackend,
        hub: OperationHub,
        *,
        timezone: ZoneInfo,
        now: Callable[[], datetime],
        staff_id: str,
        permissions: frozenset[Permission],
        clinic_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from cicini_desktop.gui.schedule.model import ScheduleModel

        self.setAccessibleName(translate("schedule.page", "Schedule page"))
        self.backend = backend
        self.hub = hub
        self.zone = timezone
        self.now = now
        self.staff_id = staff_id
        self.permissions = permissions
        self.clinic_name = clinic_name
        self.catalogue: Catalogue | None = None
        self.mode = "day"
        self.current = now().astimezone(timezone).date()
        self.day_provider_ids: list[str] = []
        self.week_provider_ids: list[str] = []
        self.undo_stack: list[UndoEntry] = []
        self.cut_id = ""  # an appointment cut with Ctrl+X, waiting for Ctrl+V
        self.pending_selection = ""  # selected once the day it is on has loaded
        self._scrolled_for: tuple[object, ...] = ()
        self._dirty = True
        self._generation = 0
        self._loaded_generation = 0  # the generation whose snapshot the model holds
        # The generation whose columns in view are painted (a wide day view reads them
        # first, then the others: gui/schedule/visible_first.py).
        self._shown_generation = 0
        self._after_paint: Callable[[], None] | None = None
        # Today's arrivals are read again after a change, on a new day or when a minute old
        # (another desk's check-ins), not on every navigation: the day and week views then
        # read only their own range.
        self._arrivals_stale = True
        self._arrivals_day: date | None = None
        self._arrivals_read_at = 0.0
        self.settings = QSettings("Cicini", "Cicini Desktop")

        self.model = ScheduleModel(timezone, self)
        self.grid = CalendarGrid(self.model, now)
        self.grid.painted.connect(self._run_after_paint)
        self._paint_missed = QTimer(self)
        self._paint_missed.setSingleShot(True)
        self._paint_missed.setInterval(100)
        self._paint_missed.timeout.connect(self._run_after_paint)
        self.month = MonthView(lambda: self.now().astimezone(self.zone).date())
        self.views = QStackedWidget()
        self.views.addWidget(self.grid)
        self.views.addWidget(self.month)
        self.arrivals = ArrivalsPanel(timezone, now)
        self.waitlist = WaitlistPanel(
            backend, hub, lambda: self.catalogue, P.WAITLIST_MANAGE in permissions
        )
        self.slot_finder = SlotFinderPanel(backend, hub, timezone, now)
        self.side = QTabWidget()
        self.side.setAccessibleName(translate("schedule.page", "Side panels"))
        self.side.addTab(self.arrivals, translate("schedule.page", "Arrivals"))
        self.side.addTab(self.waitlist, translate("schedule.page", "Waitlist"))
        self.side.addTab(self.slot_finder, translate("schedule.page", "Find a slot"))
        # The painted grid's appointments as a list that screen readers read.
        self.appointment_list = AppointmentList(self.model, self.grid)
        self.side.addTab(self.appointment_list, translate("schedule.page", "List"))

        self.actions_by_key: dict[str, QAction] = {}
        self._build_actions()
        toolbar = self._build_toolbar()
        splitter = QSplitter()
        splitter.addWidget(self.views)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        # At 1366 px six provider columns still fit beside the side panels; when they do
        # not, the grid scrolls sideways under its fixed header.
        splitter.setSizes([1100, 260])
        self.legend = QLabel(
            translate(
                "schedule.page",
                "White: working hours · Grey: closed · Hatched: break or time off · "
                "Red line: now · "
                "Short blocks: Conf. = confirmed, Started = in progress, Done = "
                "completed.\n"
                "Drag over free time to book; drag an appointment to move it, its lower edge to "
                "change its length; right-click for more; F1 lists every shortcut.",
            )
        )
        self.legend.setAccessibleName(
            translate("schedule.page", "How to read and use the calendar")
        )
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(toolbar)
        # The one place for "why is there nothing to book": the closed-day notice, and an
        # empty-state widget from outside (show_empty_state, e.g. a set-up checklist).
        self.notice = DayNotice(self.go_to)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)

        self.grid.book_requested.connect(self.open_booking)
        self.grid.move_requested.connect(lambda i, p, s: self.request_move(i, p, s))
        self.grid.resize_requested.connect(self.request_resize)
        self.grid.open_requested.connect(self.open_appointment)
        self.appointment_list.open_requested.connect(self.open_appointment)
        self.grid.context_requested.connect(self._context_menu)
        self.grid.selection_changed.connect(lambda _id: self._update_actions())
        self.month.day_activated.connect(self._month_day_chosen)
        self.arrivals.check_in_requested.connect(lambda i: self.set_status(i, "arrived"))
        self.arrivals.show_requested.connect(self.show_appointment)
        self.slot_finder.book_requested.connect(self._book_slot)
        self.waitlist.book_requested.connect(self._book_from_waitlist)
        hub.operation_did_execute.connect(self._on_changes)
        self._restore_preferences()
        self._update_actions()

    # --- permissions ----------
    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    # --- actions and toolbar ----------
    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "book": self.grid.book_at_cursor,
            "open": lambda: self.open_appointment(self.selected_id()),
            "cancel": lambda: self.cancel_appointment(self.selected_id()),
            "reschedule": lambda: self.open_reschedule(self.selected_id()),
            "patient_file": self._patient_file_of_selection,
            "cut": self.cut_selected,
            "paste": self.paste_at_cursor,
            "earlier": lambda: self.nudge(-1, 0),
            "later": lambda: self.nudge(1, 0),
            "to_left": lambda: self.nudge(0, -1),
            "to_right": lambda: self.nudge(0, 1),
            "undo": self.undo,
            "today": lambda: self.go_to(self.now().astimezone(self.zone).date()),
            "previous": lambda: self.step(-1),
            "next": lambda: self.step(1),
            "goto": self._focus_date,
            "day": lambda: self.set_mode("day"),
            "week": lambda: self.set_mode("week"),
            "month": lambda: self.set_mode("month"),
            "providers": self._choose_providers_dialog,
            "find_slot": self._show_slot_finder,
            "arrivals": self._show_arrivals,
            "waitlist": lambda: self._show_side(self.waitlist),
            "print": self.print_dialog,
            "refresh": self.refresh,
            "grid": self._cycle_grid,
        }
        for key in STATUS_KEYS:
            handlers[key] = lambda _checked=False, key=key: self.set_status(
                self._status_target(key), STATUS_OF_ACTION[key]
            )
        for spec in ACTION_SPECS:
            text = translate("schedule.actions", spec.text)
            action = QAction(text, self)
            set_shortcut(action, spec.shortcut)
            action.setObjectName(f"action_{spec.key}")
            action.setToolTip(f"{text.replace('&', '')} ({spec.shortcut})")
            handler = handlers[spec.key]
            action.triggered.connect(lambda _checked=False, h=handler: h())
            if spec.permission is not None and not self.may(spec.permission):
                action.setEnabled(False)
                action.setVisible(False)
            if spec.key in CALENDAR_ONLY_KEYS:
                # A plain letter belongs to whatever widget has the focus (a combo box
                # searches its items, a table its rows): it acts on an appointment only in
                # the calendar, and check-in also in the arrivals list.
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.grid.addAction(action)
                if spec.key == "arrived":
                    self.arrivals.tree.addAction(action)
            else:
                # Other shortcuts act anywhere on the page, never in dialogs.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
            self.actions_by_key[spec.key] = action

    def _tool(self, key: str, text: str | None = None) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.actions_by_key[key])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if text:
            button.setText(text)
        button.setAccessibleName(self.actions_by_key[key].text().replace("&", ""))
        return button

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self._tool("today", translate("schedule.page", "Today")))
        bar.addWidget(self._tool("previous", "◀"))
        bar.addWidget(self._tool("next", "▶"))
        self.date_edit = DateField()
        self.date_edit.setAccessibleName(translate("schedule.page", "Go to date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd dd.MM.yyyy")
        self.date_edit.setToolTip(
            translate("schedule.page", "Type a date or open the calendar (Ctrl+G)")
        )
        self.date_edit.setDate(_qdate(self.current))
        self.date_edit.dateChanged.connect(lambda d: self.go_to(d.toPython()))
        date_label = QLabel(translate("schedule.page", "Date:"))
        date_label.setBuddy(self.date_edit)
        bar.addWidget(date_label)
        bar.addWidget(self.date_edit)
        self.title = QLabel("")
        self.title.setAccessibleName(translate("schedule.page", "Showing"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        bar.addWidget(self.title, 1)
        self.mode_group = QButtonGroup(self)
        for key, text in (
            ("day", translate("schedule.page", "Day")),
            ("week", translate("schedule.page", "Week")),
            ("month", translate("schedule.page", "Month")),
        ):
            # Plain checkable buttons: a tool button bound to an action would re-trigger
            # the other views' actions when the exclusive group unchecks them.
            action = self.actions_by_key[key]
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(key == self.mode)
            button.setAccessibleName(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(lambda _c=False, k=key: self.set_mode(k))
            self.mode_group.addButton(button)
            setattr(self, f"{key}_button", button)
            bar.addWidget(button)
        self.providers_button = QToolButton()
        self.providers_button.setText(translate("schedule.page", "Providers ▾"))
        self.providers_button.setAccessibleName(translate("schedule.page", "Choose providers"))
        self.providers_button.setToolTip(
            translate("schedule.page", "Choose which providers are shown (Ctrl+Shift+P)")
        )
        self.providers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.providers_menu = QMenu(self.providers_button)
        self.providers_button.setMenu(self.providers_menu)
        bar.addWidget(self.providers_button)
        self.grid_combo = QComboBox()
        self.grid_combo.setAccessibleName(translate("schedule.page", "Time grid"))
        for minutes in (5, 10, 15):
            self.grid_combo.addItem(
                translate("schedule.page", "{minutes} min grid").format(minutes=minutes), minutes
            )
        self.grid_combo.setCurrentIndex(2)
        self.grid_combo.currentIndexChanged.connect(
            lambda _i: self._set_grid(int(self.grid_combo.currentData()))
        )
        grid_label = QLabel(translate("schedule.page", "Time grid:"))
        grid_label.setBuddy(self.grid_combo)
        bar.addWidget(grid_label)
        bar.addWidget(self.grid_combo)
        bar.addWidget(self._tool("print", translate("schedule.page", "Print…")))
        return bar

    def selected_id(self) -> str:
        return self.grid.selected_id

    def _status_target(self, key: str) -> str:
        if key == "arrived" and self.arrivals.tree.hasFocus() and self.arrivals.selected_id():
            return self.arrivals.selected_id()
        return self.selected_id() or (self.arrivals.selected_id() if key == "arrived" else "")

    def _update_actions(self) -> None:
        """Only what the selected appointment's status allows is enabled (item 6)."""
        row = self.model.appointment(self.selected_id())
        for key in (*STATUS_KEYS, "cancel"):
            action = self.actions_by_key[key]
            if not action.isVisible():
                continue
            if row is None:
                # Check-in may still act on the arrivals list's selection.
                action.setEnabled(key == "arrived")
                action.setToolTip(action.text().replace("&", ""))
            else:
                allowed = status_allowed(row, key)
                action.setEnabled(allowed)
                action.setToolTip(
                    action.text().replace("&", "") if allowed else status_refusal(row, key)
                )
        movable = row is not None and row.status in ("booked", "confirmed")
        for key in ("open", "patient_file"):
            self.actions_by_key[key].setEnabled(row is not None or key == "patient_file")
        for key in ("reschedule", "cut", "earlier", "later", "to_left", "to_right"):
            if self.actions_by_key[key].isVisible():
                self.actions_by_key[key].setEnabled(movable)
        if self.actions_by_key["paste"].isVisible():
            self.actions_by_key["paste"].setEnabled(bool(self.cut_id))
        self.actions_by_key["undo"].setEnabled(
            bool(self.undo_stack) and self.may(P.APPOINTMENT_EDIT)
        )
        if self.undo_stack:
            self.actions_by_key["undo"].setText(
                translate("schedule.page", "&Undo {label}").format(label=self.undo_stack[-1].label)
            )
        else:
            self.actions_by_key["undo"].setText(
                translate("schedule.page", "&Undo last move or resize")
            )

    # --- loading ----------
    def load(self) -> None:
        """Fetch the catalogue (providers, types, rooms), then the visible range."""

        def loaded(catalogue: Catalogue) -> None:
            self.catalogue = catalogue
            self.slot_finder.set_catalogue(catalogue)
            self._rebuild_provider_menu()
            self.refresh()

        QueryOp(self, self.backend.catalogue).success(loaded).run(self.hub)

    def _scroll_minute(self, opening: int | None = None) -> int:
        """Now (less half an hour) on today during opening hours, else the opening time."""
        local = self.now().astimezone(self.zone)
        now_minute = local.hour * 60 + local.minute
        opening = 8 * 60 if opening is None else opening
        if local.date() in self.visible_days() and now_minute >= opening:
            return max(0, now_minute - 30)
        return opening

    def visible_days(self) -> tuple[date, ...]:
        if self.mode == "week":
            # The clinic's first day of the week (else the locale's), as the month view.
            return day_range(week_start(self.current), 7)
        return (self.current,)

    def refresh(self) -> None:
        if self.catalogue is None:
            self.load()
            return
        self._dirty = False
        self._generation += 1
        generation = self._generation
        self._update_title()
        today = self.now().astimezone(self.zone).date()
        all_ids = tuple(p.id for p in self.all_providers())
        if self.mode == "month":
            first = month_grid_start(self.current)
            last = first + timedelta(days=41)

            def show_counts(counts: dict[date, int]) -> None:
                if generation == self._generation:
                    self.month.set_month(self.current, counts)

            QueryOp(self, lambda: self.backend.month_counts(first, last)).success(show_counts).run(
                self.hub
            )
        else:
            days = self.visible_days()
            providers = self.visible_providers()
            if not self.model.days:
                self.model.set_range(days, providers)  # the first load: the empty grid
            ids = tuple(p.id for p in providers)

            # Today's day view of every provider is the arrivals' own range: one snapshot
            # serves both (one read per navigation).
            serves_arrivals = days == (today,) and ids == all_ids

            def show(snapshot: ScheduleSnapshot) -> None:
                self._show_snapshot(generation, days, providers, snapshot)
                if serves_arrivals:
                    self._show_arrivals_of(snapshot, today)

            on_screen = on_screen_ids(self.grid, providers)
            if len(on_screen) < len(ids):
                self._read_in_view_first(generation, days, providers, on_screen, show)
            else:
                QueryOp(self, lambda: self.backend.snapshot(days[0], days[-1], ids)).success(
                    show
                ).run(self.hub)
            if serves_arrivals:
                return
        fresh = time.monotonic() - self._arrivals_read_at < ARRIVALS_FRESH_S
        if not self._arrivals_stale and self._arrivals_day == today and fresh:
            return
        QueryOp(self, lambda: self.backend.snapshot(today, today, all_ids)).success(
            lambda snapshot: self._show_arrivals_of(snapshot, today)
        ).run(self.hub)

    def _show_snapshot(
        self,
        generation: int,
        days: tuple[date, ...],
        providers: tuple[ProviderRow, ...],
        snapshot: ScheduleSnapshot,
    ) -> None:
        if generation != self._generation:
            return
        # The grid keeps the previous range until this one's rows are here.
        self.model.show_range(days, providers, snapshot)
        self._shown_generation = self._loaded_generation = generation
        pending, self.pending_selection = self.pending_selection, ""
        if pending and self.model.appointment(pending) is not None:
            self.show_appointment(pending)
        self._after_snapshot(days, snapshot.provider_ids)
        self._update_actions()

    def _read_in_view_first(
        self,
        generation: int,
        days: tuple[date, ...],
        providers: tuple[ProviderRow, ...],
        on_screen: tuple[str, ...],
        show: Callable[[ScheduleSnapshot], None],
    ) -> None:
        """The columns in view are read and painted first, the others after that paint
        (gui/schedule/visible_first.py says why); `show` then gets the whole day."""
        others = tuple(p.id for p in providers if p.id not in on_screen)

        def show_in_view(first: ScheduleSnapshot) -> None:
            if generation != self._generation:
                return
            release = self.hub.hold(self)  # busy until the second read has been asked for
            self.model.show_range(days, providers, first)
            self._shown_generation = generation
            self._scroll_to_opening(days, on_screen)

            def read_others() -> None:
                release()
                if generation != self._generation:
                    return

                def show_all(second: ScheduleSnapshot) -> None:
                    # The columns in view are the first read's, already painted: no repaint
                    # unless the receptionist has scrolled others into view meanwhile.
                    in_view = set(on_screen_ids(self.grid, providers))
                    if generation == self._generation and in_view <= set(on_screen):
                        self.grid.rows_out_of_view_next()
                    show(merged(first, second, first.provider_ids + others))

                QueryOp(self, lambda: self.backend.snapshot(days[0], days[-1], others)).success(
                    show_all
                ).run(self.hub)

            # An older day's follow-up still waiting (its paint came after this read) is
            # stale: run, it only lets go of its hold on the hub.
            older, self._after_paint = self._after_paint, read_others
            if older is not None:
                older()
            self._paint_missed.start()  # a hidden or covered grid may never paint

        QueryOp(self, lambda: self.backend.snapshot(days[0], days[-1], on_screen)).success(
            show_in_view
        ).run(self.hub)

    def _run_after_paint(self) -> None:
        self._paint_missed.stop()
        follow_up, self._after_paint = self._after_paint, None
        if follow_up is not None:
            follow_up()

    def _show_arrivals_of(self, snapshot: object, today: date) -> None:
        self._arrivals_stale = False
        self._arrivals_day = today
        self._arrivals_read_at = time.monotonic()
        rows = list(snapshot.appointments)  # type: ignore[attr-defined]
        self.arrivals.set_rows(rows, self.all_providers())

    def show_empty_state(self, widget: QWidget | None) -> None:
        """Show `widget` above the calendar (None removes it): the slot for an empty state
        such as a set-up checklist when nothing is bookable yet."""
        self.notice.set_empty_state(widget)

    def _after_snapshot(self, days: tuple[date, ...], ids: tuple[str, ...]) -> None:
        """Closed-day notice and scrolling, once the day's hours are known."""
        open_minutes = self._opening_minutes(days, ids)
        if self.mode == "day" and ids and not open_minutes:
            day = days[0]

            def found(next_open: date | None) -> None:
                if self.current == day and self.mode == "day":
                    self.notice.show_closed(day, next_open)

            QueryOp(self, lambda: self.backend.next_open_day(day, ids)).success(found).run(self.hub)
        else:
            self.notice.clear_closed()
        self._scroll_to_opening(days, ids)

    def _scroll_to_opening(self, days: tuple[date, ...], ids: tuple[str, ...]) -> None:
        """A new day or view: show the opening time, or now while open (once per day and
        providers, so a refresh does not take the receptionist's own scrolling away)."""
        key = (days, self.visible_providers())
        if key == self._scrolled_for:
            return
        self._scrolled_for = key
        opening = min(self._opening_minutes(days, ids), default=None)
        self.grid.scroll_to_minute(self._scroll_minute(opening))

    def _opening_minutes(self, days: tuple[date, ...], ids: tuple[str, ...]) -> list[int]:
        """When each working stretch of these providers on these days begins (the model's)."""
        return [
            interval.start_minute
            for day in days
            for provider_id in ids
            for interval in (getattr(self.model.availability(day, provider_id), "working", ()))
        ]

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if any(getattr(changes, name) for name in SCHEDULE_CHANGES):
            if changes.staff or changes.availability:
                self.catalogue = None  # providers, types or rooms may have changed
            self._dirty = True
            self._arrivals_stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if self._dirty:
            self.refresh()

    def _update_title(self) -> None:
        if self.mode == "day":
            text = day_long(self.current)
            if self.current == self.now().astimezone(self.zone).date():
                text += translate("schedule.page", " — today")
        elif self.mode == "week":
            days = self.visible_days()
            text = translate("schedule.page", "Week {number}: {first} – {last} {year}").format(
                number=week_number(days),
                first=day_short(days[0]),
                last=day_short(days[-1]),
                year=days[-1].year,
            )
        else:
            text = month_year(self.current)
        self.title.setText(text)

    # --- navigation ----------
    def set_mode(self, mode: str) -> None:
        self.mode = mode
        button = getattr(self, f"{mode}_button")
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)
        self.views.setCurrentWidget(self.month if mode == "month" else self.grid)
        self._rebuild_provider_menu()
        self.refresh()
        (self.month if mode == "month" else self.grid).setFocus()

    def go_to(self, day: date) -> None:
        if day == self.current:
            return
        self.current = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == "day":
            self.go_to(self.current + timedelta(days=direction))
        elif self.mode == "week":
            self.go_to(self.current + timedelta(days=7 * direction))
        else:
            month = self.current.month - 1 + direction
            self.go_to(date(self.current.year + month // 12, month % 12 + 1, 1))

    def _focus_date(self) -> None:
        self.date_edit.setFocus()
        self.date_edit.setSelectedSection(QDateEdit.Section.DaySection)

    def _month_day_chosen(self, day: date) -> None:
        self.current = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self.set_mode("day")

    def _show_side(self, widget: QWidget) -> None:
        self.side.setCurrentWidget(widget)
        widget.setFocus()

    def _show_arrivals(self) -> None:
        self.side.setCurrentWidget(self.arrivals)
        self.arrivals.tree.setFocus()

    def _show_slot_finder(self) -> None:
        self.side.setCurrentWidget(self.slot_finder)
        self.slot_finder.type.setFocus()

    def show_appointment(self, appointment_id: AppointmentId) -> None:
        if self.model.appointment(appointment_id) is None and self.mode != "day":
            self.set_mode("day")
        self.grid.select(appointment_id)
        self.grid.setFocus()

    # --- booking ----------
    def open_booking(
        self,
        provider_id: StaffId,
        start: datetime,
        minutes: int,
        patient: PatientHit | None = None,
        type_id: AppointmentTypeId = "",
    ) -> BookingDialog | None:
        if not self.may(P.APPOINTMENT_BOOK) or self.catalogue is None:
            if not self.may(P.APPOINTMENT_BOOK):
                self.status_message.emit(
                    translate("schedule.page", "Your role does not allow booking appointments.")
                )
            return None
        dialog = BookingDialog(
            self.backend,
            self.hub,
            self.catalogue,
            self.zone,
            provider_id=provider_id,
            start=start,
            minutes=minutes,
            may_override=self.may(P.APPOINTMENT_OVERRIDE_CONFLICT),
            may_create_patient=self.may(P.PATIENT_EDIT),
            patient=patient,
            type_id=type_id,
            parent=self,
        )
        dialog.booked.connect(lambda count: self.status_message.emit(booked_sentence(count)))
        dialog.patient_file_requested.connect(self.open_patient_file)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.booking_dialog = dialog
        return dialog

    def _book_slot(self, slot: SlotRow, type_id: AppointmentTypeId) -> None:
        minutes = round((slot.end - slot.start).total_seconds() / 60)
        self.open_booking(slot.provider_id, slot.start, minutes, type_id=type_id)

    def _book_from_waitlist(self, row: WaitlistRow) -> None:
        self.side.setCurrentWidget(self.slot_finder)
        if row.type_id:
            self.slot_finder.type.setCurrentIndex(
                max(0, self.slot_finder.type.findData(row.type_id))
            )
        self.slot_finder.provider.setCurrentIndex(
            max(0, self.slot_finder.provider.findData(row.provider_id))
        )
        self.status_message.emit(
            translate(
                "schedule.page",
                "Find a free slot for the waitlist patient, then book it and remove the entry.",
            )
        )

    def _patient_file_of_selection(self) -> None:
        row = self.model.appointment(self.selected_id())
        if row is None:
            self.status_message.emit(
                translate(
                    "schedule.page", "Select an appointment first (click it or use the arrows)."
                )
            )
            return
        self.open_patient_file(row.patient_id)

    def open_patient_file(self, patient_id: PatientId) -> PatientFile | None:
        if not self.may(P.PATIENT_VIEW):
            self.status_message.emit(
                translate("schedule.page", "Your role does not allow opening patient files.")
            )
            return None
        dialog = PatientFile(self.backend, self.hub, patient_id, self.zone, self)
        dialog.show_appointment.connect(self.show_appointment_on)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.patient_file_dialog = dialog
        return dialog

    def show_appointment_on(self, appointment_id: AppointmentId, day: date) -> None:
        """Go to `day` in the day view and select the appointment once it is loaded."""
        self.pending_selection = appointment_id
        if self.mode != "day":
            self.set_mode("day")
        self.go_to(day)
        if self.model.appointment(appointment_id) is not None:
            self.show_appointment(appointment_id)

    def open_appointment(self, appointment_id: AppointmentId) -> None:
        row = self.model.appointment(appointment_id)
        if row is None:
            return
        dialog = AppointmentDialog(row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- context menu ----------
    def _context_menu(
        self, appointment_id: AppointmentId, provider_id: StaffId, start: datetime, pos: QPoint
    ) -> None:
        menu = QMenu(self)
        if appointment_id:
            for key in ("open", *STATUS_KEYS, "cancel", "reschedule", "patient_file"):
                action = self.actions_by_key[key]
                if action.isVisible():
                    menu.addAction(action)
        elif self.may(P.APPOINTMENT_BOOK):
            book = menu.addAction(translate("schedule.page", "Book here…"))
            book.triggered.connect(
                lambda: self.open_booking(provider_id, start, self.grid.default_minutes)
            )
        menu.addSeparator()
        menu.addAction(self.actions_by_key["find_slot"])
        if self.undo_stack:
            menu.addAction(self.actions_by_key["undo"])
        self.context_menu = menu
        menu.popup(pos)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
