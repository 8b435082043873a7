"""Clinic set-up > Front desk: the country phone numbers are read in, the late-cancel
cut-off, what the printed day sheet shows, and the clinic's language, first day of the week
and clock (each may follow the workstation). Saved together; a bad value saves nothing.
The language takes effect at the next sign-in window (Qt widgets keep the texts they were
built with)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling import front_desk_settings as service


class FrontDeskSettingsPage(QWidget):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._hub = hub
        self.setAccessibleName(translate("setup.front_desk_page", "Front-desk settings"))
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.country.setAccessibleName(
            translate("setup.front_desk_page", "Country for phone numbers")
        )
        self.late_cancel = QSpinBox()
        self.late_cancel.setRange(0, service.MAX_LATE_CANCEL_HOURS)
        self.late_cancel.setSuffix(translate("setup.front_desk_page", " hours"))
        self.late_cancel.setSpecialValueText(translate("setup.front_desk_page", "off"))
        self.late_cancel.setAccessibleName(
            translate("setup.front_desk_page", "Late-cancel cut-off")
        )
        self.phones = QCheckBox(
            translate("setup.front_desk_page", "Print patients' phone numbers on the day sheet")
        )
        self.phones.setAccessibleName(
            translate("setup.front_desk_page", "Phone numbers on the day sheet")
        )
        self.page_per_provider = QCheckBox(
            translate("setup.front_desk_page", "Start a new page for each provider")
        )
        self.page_per_provider.setAccessibleName(
            translate("setup.front_desk_page", "A page per provider on the day sheet")
        )
        self.language = QComboBox()
        self.language.addItem(translate("setup.front_desk_page", "As each computer is set"), "")
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(translate("setup.front_desk_page", "Language"))
        self.first_day = QComboBox()
        self.first_day.addItem(translate("setup.front_desk_page", "As the language has it"), 0)
        for day in range(1, 8):  # ISO and Qt both count Monday as 1
            self.first_day.addItem(QLocale().dayName(day), day)
        self.first_day.setAccessibleName(
            translate("setup.front_desk_page", "First day of the week")
        )
        self.clock = QComboBox()
        self.clock.addItem(translate("setup.front_desk_page", "As the language has it"), 0)
        self.clock.addItem(translate("setup.front_desk_page", "24-hour (14:30)"), 24)
        self.clock.addItem(translate("setup.front_desk_page", "12-hour (2:30 PM)"), 12)
        self.clock.setAccessibleName(translate("setup.front_desk_page", "Clock"))
        self.save_button = QPushButton(
            translate("setup.front_desk_page", "&Save front-desk settings")
        )
        self.save_button.setAccessibleName(
            translate("setup.front_desk_page", "Save front-desk settings")
        )
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(
            translate("setup.front_desk_page", "Front-desk settings message")
        )
        form = QFormLayout()
        form.addRow(translate("setup.front_desk_page", "&Country for phone numbers:"), self.country)
        form.addRow(
            translate("setup.front_desk_page", "&Late cancellation if less than:"), self.late_cancel
        )
        form.addRow(translate("setup.front_desk_page", "Day sheet:"), self.phones)
        form.addRow("", self.page_per_provider)
        form.addRow(translate("setup.front_desk_page", "Lan&guage:"), self.language)
        form.addRow(translate("setup.front_desk_page", "&First day of the week:"), self.first_day)
        form.addRow(translate("setup.front_desk_page", "Cloc&k:"), self.clock)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        context, actor = self._context, self._actor
        QueryOp(self, lambda: service.front_desk_settings(context, actor)).success(
            self._show
        ).failure(lambda error: self.message.setText(sentence(error))).run(self._hub)

    def _show(self, settings: service.FrontDeskSettings) -> None:
        self.country.setText(settings.country)
        self.country.setPlaceholderText(
            translate("setup.front_desk_page", "{zone_country} (from the time zone)").format(
                zone_country=settings.zone_country
            )
            if settings.zone_country
            else "DE"
        )
        self.late_cancel.setValue(settings.late_cancel_hours)
        self.phones.setChecked(settings.sheet.phones)
        self.page_per_provider.setChecked(settings.sheet.page_per_provider)
        for box, value in (
            (self.language, settings.locale.language),
            (self.first_day, settings.locale.first_day_of_week),
            (self.clock, settings.locale.clock),
        ):
            box.setCurrentIndex(max(0, box.findData(value)))

    def save(self) -> None:
        settings = service.FrontDeskSettings(
            country=self.country.text(),
            zone_country=None,
            late_cancel_hours=self.late_cancel.value(),
            sheet=service.DaySheetOptions(
                phones=self.phones.isChecked(),
                page_per_provider=self.page_per_provider.isChecked(),
            ),
            locale=service.ClinicLocale(
                language=self.language.currentData(),
                first_day_of_week=self.first_day.currentData(),
                clock=self.clock.currentData(),
            ),
        )
        context, actor = self._context, self._actor
        self.save_button.setEnabled(False)
        WriteOp(self, lambda: service.save_front_desk_settings(context, actor, settings)).success(
            self._saved
        ).failure(self._refused).run(self._hub)

    def _saved(self, _changes: object) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(translate("setup.front_desk_page", "Saved."))

    def _refused(self, error: CiciniError) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(sentence(error))
