"""Opening hours, closures and public holidays (`availability.manage` to change).

Opening hours: one line per weekday with its spans ("08:00-12:00, 13:00-18:00").
Closures: whole days or part of a day, with a label; removed from the list.
Holidays: the public holidays of the clinic's country and region (the `holidays` package)
for a year, each with a tick box; only the ticked ones become closures.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling.setup_rules import hhmm
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import weekday_and_numeric
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
    status_label,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import effects, holidays


class OpeningHoursPage(QWidget):
    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.context, self.actor, self.hub = context, actor, hub
        self.setAccessibleName(translate("setup.hours_page", "Opening hours and closures"))
        manage = actor.may(Permission.AVAILABILITY_MANAGE)
        today = context.clock.now().date()
        self.error = error_label()
        self.status = status_label()
        self.writer = SetupWriter(self, hub, self.error, self.status)

        # --- opening hours
        self.week = WeekEditor(translate("setup.hours_page", "Opening hours"), "clinic_hours")
        self.save_hours_button = QPushButton(translate("setup.hours_page", "Save &opening hours"))
        self.save_hours_button.setAccessibleName(
            translate("setup.hours_page", "Save opening hours")
        )
        self.save_hours_button.clicked.connect(self.save_hours)
        hours_box = QGroupBox(
            translate(
                "setup.hours_page",
                "Opening hours (several spans a day, e.g. 08:00-12:00, 13:00-18:00)",
            )
        )
        hours_layout = QVBoxLayout(hours_box)
        hours_layout.addWidget(self.week)
        hours_layout.addWidget(self.save_hours_button)

        # --- closures
        self.closure_from = date_edit(today)
        self.closure_from.setAccessibleName(translate("setup.hours_page", "Closure first day"))
        self.closure_from.setCalendarPopup(True)
        self.closure_to = date_edit(today)
        self.closure_to.setAccessibleName(translate("setup.hours_page", "Closure last day"))
        self.closure_to.setCalendarPopup(True)
        self.closure_whole = QCheckBox(translate("setup.hours_page", "&Whole days"))
        self.closure_whole.setAccessibleName(translate("setup.hours_page", "Closure is whole days"))
        self.closure_whole.setChecked(True)
        self.closure_start = QTimeEdit(QTime(12, 0))
        self.closure_start.setAccessibleName(translate("setup.hours_page", "Closure from time"))
        self.closure_start.setDisplayFormat("HH:mm")
        self.closure_end = QTimeEdit(QTime(18, 0))
        self.closure_end.setAccessibleName(translate("setup.hours_page", "Closure until time"))
        self.closure_end.setDisplayFormat("HH:mm")
        self.closure_whole.toggled.connect(self._whole_toggled)
        self._whole_toggled(True)
        self.closure_label = QLineEdit()
        self.closure_label.setAccessibleName(translate("setup.hours_page", "Closure label"))
        self.closure_label.setMaxLength(100)
        self.closure_label.setPlaceholderText(translate("setup.hours_page", "e.g. Team training"))
        self.add_closure_button = QPushButton(translate("setup.hours_page", "&Add closure"))
        self.add_closure_button.setAccessibleName(translate("setup.hours_page", "Add closure"))
        self.add_closure_button.clicked.connect(self.add_closure)
        self.closures = QListWidget()
        self.closures.setAccessibleName(translate("setup.hours_page", "Closures"))
        self.remove_closure_button = QPushButton(translate("setup.hours_page", "&Remove closure"))
        self.remove_closure_button.setAccessibleName(
            translate("setup.hours_page", "Remove the selected closure")
        )
        self.remove_closure_button.clicked.connect(self.remove_closure)
        closure_form = QFormLayout()
        closure_form.addRow(translate("setup.hours_page", "&From"), self.closure_from)
        closure_form.addRow(translate("setup.hours_page", "&To"), self.closure_to)
        closure_form.addRow(self.closure_whole)
        times = QHBoxLayout()
        times.addWidget(self.closure_start)
        times.addWidget(self.closure_end)
        closure_form.addRow(translate("setup.hours_page", "Part of the day"), times)
        closure_form.addRow(translate("setup.hours_page", "&Label"), self.closure_label)
        closure_box = QGroupBox(translate("setup.hours_page", "Closures"))
        closure_layout = QVBoxLayout(closure_box)
        closure_layout.addLayout(closure_form)
        closure_layout.addWidget(self.add_closure_button)
        closure_layout.addWidget(self.closures)
        closure_layout.addWidget(self.remove_closure_button)

        # --- holidays
        self.country = QComboBox()
        self.country.setAccessibleName(translate("setup.hours_page", "Holiday country"))
        self.country.setEditable(True)
        self.region = QComboBox()
        self.region.setAccessibleName(translate("setup.hours_page", "Holiday region"))
        self.year = QSpinBox()
        self.year.setAccessibleName(translate("setup.hours_page", "Holiday year"))
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.show_holidays_button = QPushButton(translate("setup.hours_page", "Show &holidays"))
        self.show_holidays_button.setAccessibleName(
            translate("setup.hours_page", "Show public holidays")
        )
        self.show_holidays_button.clicked.connect(self.show_holidays)
        self.holidays = QListWidget()
        self.holidays.setAccessibleName(
            translate("setup.hours_page", "Public holidays (tick the days to close)")
        )
        self.apply_holidays_button = QPushButton(
            translate("setup.hours_page", "&Close on the ticked holidays")
        )
        self.apply_holidays_button.setAccessibleName(
            translate("setup.hours_page", "Close on the ticked holidays")
        )
        self.apply_holidays_button.clicked.connect(self.apply_holidays)
        self.country.currentTextChanged.connect(self._fill_regions)
        holiday_form = QFormLayout()
        holiday_form.addRow(translate("setup.hours_page", "Cou&ntry"), self.country)
        holiday_form.addRow(translate("setup.hours_page", "Re&gion"), self.region)
        holiday_form.addRow(translate("setup.hours_page", "&Year"), self.year)
        holiday_box = QGroupBox(
            translate(
                "setup.hours_page",
                "Public holidays (nothing is applied until you tick and confirm)",
            )
        )
        holiday_layout = QVBoxLayout(holiday_box)
        holiday_layout.addLayout(holiday_form)
        holiday_layout.addWidget(self.show_holidays_button)
        holiday_layout.addWidget(self.holidays)
        holiday_layout.addWidget(self.apply_holidays_button)

        self.worklist_button = QPushButton(
            translate("setup.hours_page", "Appointments to re&book…")
        )
        self.worklist_button.setAccessibleName(
            translate("setup.hours_page", "Appointments to rebook")
        )
        self.worklist_button.clicked.connect(self.show_worklist)

        columns = QHBoxLayout()
        columns.addWidget(hours_box, 1)
        columns.addWidget(closure_box, 1)
        columns.addWidget(holiday_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        footer = QHBoxLayout()
        footer.addWidget(self.worklist_button)
        footer.addStretch()
        layout.addLayout(footer)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        for widget in (
            self.save_hours_button,
            self.add_closure_button,
            self.remove_closure_button,
            self.apply_holidays_button,
        ):
            widget.setEnabled(manage)
        self.worklist_dialog: AffectedDialog | None = None
        hub.operation_did_execute.connect(self._on_changes)
        self._regions: dict[str, tuple[str, ...]] = {}
        self.refresh()
        self._load_countries()

    # --- loading ----------
    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.availability and initiator is not self:
            self.refresh()

    def refresh(self) -> None:
        context, actor = self.context, self.actor
        QueryOp(
            self,
            lambda: (avail.clinic_hours(context, actor), avail.closures(context, actor)),
        ).success(self._show).failure(lambda e: self.error.setText(sentence(e))).run(self.hub)

    def _show(self, result: tuple[list, list]) -> None:
        hours, closures = result
        self.week.set_intervals(hours)
        self.closures.clear()
        for row in closures:
            span = (
                ""
                if row.start_minute is None
                else f" {hhmm(row.start_minute)}-{hhmm(row.end_minute or 1440)}"
            )
            days = (
                row.start_date.isoformat()
                if row.start_date == row.end_date
                else translate("setup.hours_page", "{isoformat} to {isoformat2}").format(
                    isoformat=row.start_date.isoformat(), isoformat2=row.end_date.isoformat()
                )
            )
            item = QListWidgetItem(f"{days}{span} {row.label or ''}".strip())
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.closures.addItem(item)

    def _load_countries(self) -> None:
        context, actor = self.context, self.actor

        def fetch() -> tuple[dict[str, tuple[str, ...]], tuple[str | None, str | None]]:
            return dict(holidays.supported_regions()), holidays.holiday_region(context, actor)

        def show(result: tuple[dict[str, tuple[str, ...]], tuple[str | None, str | None]]) -> None:
            self._regions, (country, region) = result
            self.country.blockSignals(True)
            self.country.clear()
            self.country.addItems(sorted(self._regions))
            self.country.blockSignals(False)
            self.country.setCurrentText(country or "")
            self._fill_regions(country or "")
            if region:
                self.region.setCurrentIndex(max(0, self.region.findData(region)))

        QueryOp(self, fetch).success(show).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)

    def _failed(self, error: CiciniError) -> None:
        self.error.setText(sentence(error))

    def _fill_regions(self, country: str) -> None:
        self.region.clear()
        self.region.addItem(translate("setup.hours_page", "National holidays only"), None)
        for code in self._regions.get(country.strip().upper(), ()):
            self.region.addItem(code, code)

    def _whole_toggled(self, whole: bool) -> None:
        self.closure_start.setEnabled(not whole)
        self.closure_end.setEnabled(not whole)

    # --- actions ----------
    def save_hours(self) -> None:
        try:
            hours = self.week.intervals()
        except Exception as error:  # a ValidationError: its sentence names the day
            self.error.setText(sentence(error))
            return
        context, actor = self.context, self.actor
        self.writer.run(
            lambda allow: avail.set_clinic_hours(context, actor, hours, allow_affected=allow),
            translate("setup.hours_page", "Opening hours saved."),
            lambda _r: self.refresh(),
        )

    def add_closure(self) -> None:
        context, actor = self.context, self.actor
        first, last = pydate(self.closure_from.date()), pydate(self.closure_to.date())
        whole = self.closure_whole.isChecked()
        start = None if whole else minute_of(self.closure_start.time())
        end = None if whole else minute_of(self.closure_end.time())
        label = self.closure_label.text()
        self.writer.run(
            lambda allow: avail.add_closure(
                context,
                actor,
                first,
                last,
                label,
                start_minute=start,
                end_minute=end,
                allow_affected=allow,
            )[1],
            translate("setup.hours_page", "Closure added."),
            lambda _r: (self.closure_label.clear(), self.refresh()),
        )

    def remove_closure(self) -> None:
        item = self.closures.currentItem()
        if item is None:
            self.error.setText(translate("setup.hours_page", "Select a closure in the list first."))
            return
        closure_id = item.data(Qt.ItemDataRole.UserRole)
        context, actor = self.context, self.actor
        self.writer.run(
            lambda _allow: avail.remove_closure(context, actor, closure_id),
            translate("setup.hours_page", "Closure removed."),
            lambda _r: self.refresh(),
        )

    def show_holidays(self) -> None:
        context, actor = self.context, self.actor
        country = self.country.currentText().strip()
        region = self.region.currentData()
        year = self.year.value()

        def fetch() -> list[holidays.HolidayOffer]:
            return holidays.holiday_suggestions(context, actor, year, country, region)

        def show(offers: list[holidays.HolidayOffer]) -> None:
            self.error.clear()
            self.holidays.clear()
            for offer in offers:
                item = QListWidgetItem(f"{weekday_and_numeric(offer.day)}  {offer.name}")
                item.setData(Qt.ItemDataRole.UserRole, (offer.day.isoformat(), offer.name))
                if offer.closed_already:
                    item.setText(item.text() + translate("setup.hours_page", "  (closed already)"))
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                else:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.holidays.addItem(item)
            self.status.setText(
                translate(
                    "setup.hours_page", "{len} public holidays in {year}; tick those to close."
                ).format(len=len(offers), year=year)
            )

        QueryOp(self, fetch).success(show).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)

    def ticked_holidays(self) -> list[tuple[date, str]]:
        picks = []
        for i in range(self.holidays.count()):
            item = self.holidays.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                day, name = item.data(Qt.ItemDataRole.UserRole)
                picks.append((date.fromisoformat(day), name))
        return picks

    def apply_holidays(self) -> None:
        picks = self.ticked_holidays()
        if not picks:
            self.error.setText(
                translate("setup.hours_page", "Tick at least one holiday in the list first.")
            )
            return
        context, actor = self.context, self.actor
        country = self.country.currentText().strip()
        region = self.region.currentData()

        def write(allow: bool) -> Changes:
            changes = holidays.set_holiday_region(context, actor, country, region)
            return changes | holidays.apply_holidays(context, actor, picks, allow_affected=allow)[1]

        chosen = len(picks)  # (lupdate skips a call among translate's arguments)
        self.writer.run(
            write,
            translate("setup.hours_page", "Closed on %n holiday(s).", None, chosen),
            lambda _r: (self.refresh(), self.show_holidays()),
        )

    def show_worklist(self) -> None:
        context, actor = self.context, self.actor

        def show(rows: list[effects.AffectedAppointment]) -> None:
            self.worklist_dialog = AffectedDialog(rows, self, confirm=False)
            self.worklist_dialog.open()

        QueryOp(self, lambda: effects.worklist(context, actor)).success(show).failure(
            lambda e: self.error.setText(sentence(e))
        ).run(self.hub)
