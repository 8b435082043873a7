"""Provider working hours and time off (`availability.manage` to change).

Pick a provider; the list shows their weekly templates by the date they start. The editor
holds one template: valid from, optional valid until (a planned or temporary change), an
optional room, the working spans and breaks per weekday, and with "Alternating weeks" a
second week (B) of spans and breaks. Time off is a date-time range with a reason.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.setup_rules import TIME_OFF_REASONS, hhmm
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp
from cicini_desktop.gui.setup.common import (
    AffectedDialog,
    SetupWriter,
    WeekEditor,
    date_edit,
    error_label,
    minute_of,
    pydate,
    qdate,
    status_label,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import effects

# The closed list of time-off reasons (core/scheduling/setup_rules.py), as shown.
REASON_LABELS = {
    "vacation": QT_TRANSLATE_NOOP("setup.providers_page", "Vacation"),
    "sick": QT_TRANSLATE_NOOP("setup.providers_page", "Sick"),
    "training": QT_TRANSLATE_NOOP("setup.providers_page", "Training"),
    "other": QT_TRANSLATE_NOOP("setup.providers_page", "Other"),
}


class ProviderHoursPage(QWidget):
    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.context, self.actor, self.hub = context, actor, hub
        self.setAccessibleName(
            translate("setup.providers_page", "Provider working hours and time off")
        )
        manage = actor.may(Permission.AVAILABILITY_MANAGE)
        today = context.clock.now().date()
        self.plans: list[avail.RotaPlan] = []
        self.error = error_label()
        self.status = status_label()
        self.writer = SetupWriter(self, hub, self.error, self.status)

        self.provider = QComboBox()
        self.provider.setAccessibleName(translate("setup.providers_page", "Provider"))
        self.provider.currentIndexChanged.connect(lambda _i: self.load_provider())
        top = QFormLayout()
        top.addRow(translate("setup.providers_page", "&Provider"), self.provider)

        # --- weekly templates
        self.plan_list = QListWidget()
        self.plan_list.setAccessibleName(
            translate("setup.providers_page", "Weekly hours by start date")
        )
        self.plan_list.currentRowChanged.connect(self._plan_chosen)
        self.new_plan_button = QPushButton(translate("setup.providers_page", "&New weekly hours"))
        self.new_plan_button.setAccessibleName(
            translate("setup.providers_page", "New weekly hours")
        )
        self.new_plan_button.clicked.connect(self.new_plan)
        self.remove_plan_button = QPushButton(
            translate("setup.providers_page", "Remo&ve these weekly hours")
        )
        self.remove_plan_button.setAccessibleName(
            translate("setup.providers_page", "Remove the selected weekly hours")
        )
        self.remove_plan_button.clicked.connect(self.remove_plan)
        self.valid_from = date_edit(today)
        self.valid_from.setAccessibleName(translate("setup.providers_page", "Valid from"))
        self.valid_from.setCalendarPopup(True)
        self.has_until = QCheckBox(translate("setup.providers_page", "Ends &on"))
        self.has_until.setAccessibleName(translate("setup.providers_page", "Has an end date"))
        self.valid_until = date_edit(today + timedelta(days=90))
        self.valid_until.setAccessibleName(translate("setup.providers_page", "Valid until"))
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setEnabled(False)
        self.has_until.toggled.connect(self.valid_until.setEnabled)
        self.room = QComboBox()
        self.room.setAccessibleName(translate("setup.providers_page", "Room"))
        self.alternating = QCheckBox(translate("setup.providers_page", "&Alternating weeks (A/B)"))
        self.alternating.setAccessibleName(translate("setup.providers_page", "Alternating weeks"))
        self.week_a = WeekEditor(translate("setup.providers_page", "Working hours"), "rota")
        self.breaks_a = WeekEditor(translate("setup.providers_page", "Breaks"), "breaks")
        self.week_b = WeekEditor(
            translate("setup.providers_page", "Working hours, week B"), "rota_b"
        )
        self.breaks_b = WeekEditor(translate("setup.providers_page", "Breaks, week B"), "breaks_b")
        self.weeks = QTabWidget()
        self.weeks.setAccessibleName(translate("setup.providers_page", "Week templates"))
        self.weeks.addTab(
            self._pair(self.week_a, self.breaks_a),
            translate("setup.providers_page", "Every week / week A"),
        )
        self.weeks.addTab(
            self._pair(self.week_b, self.breaks_b), translate("setup.providers_page", "Week B")
        )
        self.weeks.setTabEnabled(1, False)
        self.alternating.toggled.connect(lambda on: self.weeks.setTabEnabled(1, on))
        self.save_plan_button = QPushButton(translate("setup.providers_page", "&Save weekly hours"))
        self.save_plan_button.setAccessibleName(
            translate("setup.providers_page", "Save weekly hours")
        )
        self.save_plan_button.clicked.connect(self.save_plan)
        plan_form = QFormLayout()
        plan_form.addRow(translate("setup.providers_page", "Valid &from"), self.valid_from)
        until = QHBoxLayout()
        until.addWidget(self.has_until)
        until.addWidget(self.valid_until)
        plan_form.addRow(translate("setup.providers_page", "Valid until"), until)
        plan_form.addRow(translate("setup.providers_page", "&Room"), self.room)
        plan_form.addRow(self.alternating)
        plan_box = QGroupBox(
            translate(
                "setup.providers_page", "Weekly hours (spans such as 08:00-12:00, 13:00-17:00)"
            )
        )
        plan_layout = QHBoxLayout(plan_box)
        left = QVBoxLayout()
        left.addWidget(self.plan_list)
        left.addWidget(self.new_plan_button)
        left.addWidget(self.remove_plan_button)
        right = QVBoxLayout()
        right.addLayout(plan_form)
        right.addWidget(self.weeks)
        right.addWidget(self.save_plan_button)
        plan_layout.addLayout(left, 1)
        plan_layout.addLayout(right, 3)

        # --- time off
        self.off_from = date_edit(today)
        self.off_from.setAccessibleName(translate("setup.providers_page", "Time off first day"))
        self.off_from.setCalendarPopup(True)
        self.off_to = date_edit(today)
        self.off_to.setAccessibleName(translate("setup.providers_page", "Time off last day"))
        self.off_to.setCalendarPopup(True)
        self.off_whole = QCheckBox(translate("setup.providers_page", "W&hole days"))
        self.off_whole.setAccessibleName(
            translate("setup.providers_page", "Time off is whole days")
        )
        self.off_whole.setChecked(True)
        self.off_start = QTimeEdit(QTime(8, 0))
        self.off_start.setAccessibleName(translate("setup.providers_page", "Time off from time"))
        self.off_start.setDisplayFormat("HH:mm")
        self.off_end = QTimeEdit(QTime(12, 0))
        self.off_end.setAccessibleName(translate("setup.providers_page", "Time off until time"))
        self.off_end.setDisplayFormat("HH:mm")
        self.off_whole.toggled.connect(lambda whole: self.off_start.setEnabled(not whole))
        self.off_whole.toggled.connect(lambda whole: self.off_end.setEnabled(not whole))
        self.off_start.setEnabled(False)
        self.off_end.setEnabled(False)
        self.off_reason = QComboBox()
        self.off_reason.setAccessibleName(translate("setup.providers_page", "Time off reason"))
        for reason in TIME_OFF_REASONS:
            label = REASON_LABELS.get(reason, reason.capitalize())
            self.off_reason.addItem(translate("setup.providers_page", label), reason)
        self.add_off_button = QPushButton(translate("setup.providers_page", "Add &time off"))
        self.add_off_button.setAccessibleName(translate("setup.providers_page", "Add time off"))
        self.add_off_button.clicked.connect(self.add_time_off)
        self.off_list = QListWidget()
        self.off_list.setAccessibleName(translate("setup.providers_page", "Time off"))
        self.remove_off_button = QPushButton(translate("setup.providers_page", "Remove ti&me off"))
        self.remove_off_button.setAccessibleName(
            translate("setup.providers_page", "Remove the selected time off")
        )
        self.remove_off_button.clicked.connect(self.remove_time_off)
        off_form = QFormLayout()
        off_form.addRow(translate("setup.providers_page", "Fi&rst day"), self.off_from)
        off_form.addRow(translate("setup.providers_page", "&Last day"), self.off_to)
        off_form.addRow(self.off_whole)
        times = QHBoxLayout()
        times.addWidget(self.off_start)
        times.addWidget(self.off_end)
        off_form.addRow(translate("setup.providers_page", "From / until"), times)
        off_form.addRow(translate("setup.providers_page", "R&eason"), self.off_reason)
        off_box = QGroupBox(
            translate("setup.providers_page", "Time off (vacation, sick, training)")
        )
        off_layout = QVBoxLayout(off_box)
        off_layout.addLayout(off_form)
        off_layout.addWidget(self.add_off_button)
        off_layout.addWidget(self.off_list)
        off_layout.addWidget(self.remove_off_button)

        self.worklist_button = QPushButton(
            translate("setup.providers_page", "Appointments to re&book…")
        )
        self.worklist_button.setAccessibleName(
            translate("setup.providers_page", "Appointments to rebook")
        )
        self.worklist_button.clicked.connect(self.show_worklist)
        self.worklist_dialog: AffectedDialog | None = None

        columns = QHBoxLayout()
        columns.addWidget(plan_box, 3)
        columns.addWidget(off_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns)
        footer = QHBoxLayout()
        footer.addWidget(self.worklist_button)
        footer.addStretch()
        layout.addLayout(footer)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        for widget in (
            self.new_plan_button,
            self.remove_plan_button,
            self.save_plan_button,
            self.add_off_button,
            self.remove_off_button,
        ):
            widget.setEnabled(manage)
        hub.operation_did_execute.connect(self._on_changes)
        self.refresh()

    @staticmethod
    def _pair(work: WeekEditor, pauses: WeekEditor) -> QWidget:
        widget = QWidget()
        layout = QHBoxLayout(widget)
        for title, editor in (
            (translate("setup.providers_page", "Working hours"), work),
            (translate("setup.providers_page", "Breaks"), pauses),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(editor)
            column.addStretch()
            layout.addLayout(column)
        return widget

    # --- loading ----------
    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if (changes.staff or changes.availability) and initiator is not self:
            self.refresh()

    def refresh(self) -> None:
        context, actor = self.context, self.actor
        QueryOp(
            self,
            lambda: (avail.providers(context, actor), avail.list_rooms(context, actor)),
        ).success(self._show_providers).failure(lambda e: self.error.setText(sentence(e))).run(
            self.hub
        )

    def _show_providers(self, result: tuple[list, list]) -> None:
        providers, rooms = result
        current = self.provider.currentData()
        self.provider.blockSignals(True)
        self.provider.clear()
        for row in providers:
            self.provider.addItem(row.display_name, row.id)
        index = self.provider.findData(current)
        self.provider.setCurrentIndex(index if index >= 0 else (0 if providers else -1))
        self.provider.blockSignals(False)
        room = self.room.currentData()
        self.room.clear()
        self.room.addItem(translate("setup.providers_page", "No particular room"), None)
        for row in rooms:
            if row.active:
                self.room.addItem(f"{row.name} ({row.kind})", row.id)
        self.room.setCurrentIndex(max(0, self.room.findData(room)))
        if not providers:
            self.status.setText(
                translate(
                    "setup.providers_page",
                    "No providers yet: on the Staff page, create the staff who see patients and "
                    "tick 'Sees patients'.",
                )
            )
        self.load_provider()

    def load_provider(self) -> None:
        provider_id = self.provider.currentData()
        if not provider_id:
            return
        context, actor = self.context, self.actor
        QueryOp(
            self,
            lambda: (
                avail.rota_plans(context, actor, provider_id),
                avail.exceptions(context, actor, provider_id),
            ),
        ).success(self._show_provider).failure(lambda e: self.error.setText(sentence(e))).run(
            self.hub
        )

    def _show_provider(self, result: tuple[list[avail.RotaPlan], list]) -> None:
        self.plans, exceptions = result
        self.plan_list.blockSignals(True)
        self.plan_list.clear()
        for plan in self.plans:
            until = (
                translate("setup.providers_page", " until {isoformat}").format(
                    isoformat=plan.valid_until.isoformat()
                )
                if plan.valid_until
                else ""
            )
            ab = (
                translate("setup.providers_page", " (A/B weeks)") if plan.week_b is not None else ""
            )
            self.plan_list.addItem(
                translate("setup.providers_page", "From {isoformat}{until}{ab}").format(
                    isoformat=plan.effective_from.isoformat(), until=until, ab=ab
                )
            )
        self.plan_list.blockSignals(False)
        if self.plans:
            self.plan_list.setCurrentRow(len(self.plans) - 1)
            self._plan_chosen(len(self.plans) - 1)
        else:
            self.new_plan()
        self.off_list.clear()
        for row in exceptions:
            if row.kind != "time_off":
                continue
            span = (
                ""
                if row.start_minute is None and row.end_minute is None
                else f" {hhmm(row.start_minute or 0)}-{hhmm(row.end_minute or 1440)}"
            )
            days = (
                row.start_date.isoformat()
                if row.start_date == row.end_date
                else translate("setup.providers_page", "{isoformat} to {isoformat2}").format(
                    isoformat=row.start_date.isoformat(), isoformat2=row.end_date.isoformat()
                )
            )
            item = QListWidgetItem(f"{days}{span} · {row.reason or 'other'}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.off_list.addItem(item)

    def _plan_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.plans):
            return
        plan = self.plans[row]
        self.valid_from.setDate(qdate(plan.effective_from))
        self.has_until.setChecked(plan.valid_until is not None)
        if plan.valid_until is not None:
            self.valid_until.setDate(qdate(plan.valid_until))
        self.room.setCurrentIndex(max(0, self.room.findData(plan.room_id)))
        self.alternating.setChecked(plan.week_b is not None)
        self.week_a.set_intervals(plan.intervals)
        self.breaks_a.set_intervals(plan.breaks)
        self.week_b.set_intervals(plan.week_b or ())
        self.breaks_b.set_intervals(plan.breaks_b)

    def new_plan(self) -> None:
        """An empty template starting today (or copy the selected one and change its date)."""
        self.plan_list.clearSelection()
        self.valid_from.setDate(qdate(self.context.clock.now().date()))
        self.has_until.setChecked(False)
        self.alternating.setChecked(False)
        for editor in (self.week_a, self.breaks_a, self.week_b, self.breaks_b):
            editor.set_intervals(())
        self.valid_from.setFocus()

    # --- actions ----------
    def current_plan(self) -> avail.RotaPlan:
        alternating = self.alternating.isChecked()
        return avail.RotaPlan(
            pydate(self.valid_from.date()),
            tuple(self.week_a.intervals()),
            tuple(self.breaks_a.intervals()),
            pydate(self.valid_until.date()) if self.has_until.isChecked() else None,
            tuple(self.week_b.intervals()) if alternating else None,
            tuple(self.breaks_b.intervals()) if alternating else (),
            self.room.currentData(),
        )

    def save_plan(self) -> None:
        provider_id = self.provider.currentData()
        if not provider_id:
            self.error.setText(translate("setup.providers_page", "Choose a provider first."))
            return
        try:
            plan = self.current_plan()
        except CiciniError as error:
            self.error.setText(sentence(error))
            return
        context, actor = self.context, self.actor
        self.writer.run(
            lambda allow: avail.save_rota_plan(
                context, actor, provider_id, plan, allow_affected=allow
            ),
            translate("setup.providers_page", "Weekly hours from {isoformat} saved.").format(
                isoformat=plan.effective_from.isoformat()
            ),
            lambda _r: self.load_provider(),
        )

    def remove_plan(self) -> None:
        row = self.plan_list.currentRow()
        provider_id = self.provider.currentData()
        if not provider_id or not 0 <= row < len(self.plans):
            self.error.setText(
                translate("setup.providers_page", "Select weekly hours in the list first.")
            )
            return
        start: date = self.plans[row].effective_from
        context, actor = self.context, self.actor
        self.writer.run(
            lambda allow: avail.remove_rota(
                context, actor, provider_id, start, allow_affected=allow
            ),
            translate("setup.providers_page", "Weekly hours removed."),
            lambda _r: self.load_provider(),
        )

    def add_time_off(self) -> None:
        provider_id = self.provider.currentData()
        if not provider_id:
            self.error.setText(translate("setup.providers_page", "Choose a provider first."))
            return
        whole = self.off_whole.isChecked()
        first, last = pydate(self.off_from.date()), pydate(self.off_to.date())
        start = None if whole else minute_of(self.off_start.time())
        end = None if whole else minute_of(self.off_end.time())
        reason = self.off_reason.currentData()
        context, actor = self.context, self.actor
        self.writer.run(
            lambda allow: avail.add_time_off(
                context,
                actor,
                provider_id,
                first,
                last,
                start_minute=start,
                end_minute=end,
                reason=reason,
                allow_affected=allow,
            )[1],
            translate("setup.providers_page", "Time off added."),
            lambda _r: self.load_provider(),
        )

    def show_worklist(self) -> None:
        context, actor = self.context, self.actor

        def show(rows: list[effects.AffectedAppointment]) -> None:
            self.worklist_dialog = AffectedDialog(rows, self, confirm=False)
            self.worklist_dialog.open()

        QueryOp(self, lambda: effects.worklist(context, actor)).success(show).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)

    def remove_time_off(self) -> None:
        item = self.off_list.currentItem()
        if item is None:
            self.error.setText(
                translate("setup.providers_page", "Select time off in the list first.")
            )
            return
        exception_id = item.data(Qt.ItemDataRole.UserRole)
        context, actor = self.context, self.actor
        self.writer.run(
            lambda _allow: avail.remove_exception(context, actor, exception_id),
            translate("setup.providers_page", "Time off removed."),
            lambda _r: self.load_provider(),
        )
