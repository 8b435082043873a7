"""Clinic set-up > Front desk: the country phone numbers are read in, the late-cancel
cut-off, and what the printed day sheet shows. Saved together; a bad value saves nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
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
        self.late_cancel.setSpecialValueText("off")
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
        ).failure(lambda error: self.message.setText(error.user_message)).run(self._hub)

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

    def save(self) -> None:
        settings = service.FrontDeskSettings(
            country=self.country.text(),
            zone_country=None,
            late_cancel_hours=self.late_cancel.value(),
            sheet=service.DaySheetOptions(
                phones=self.phones.isChecked(),
                page_per_provider=self.page_per_provider.isChecked(),
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
        self.message.setText(error.user_message)
