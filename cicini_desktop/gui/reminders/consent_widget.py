"""Consent to reminders for one patient, per channel, with where it came from.

    box = ConsentWidget(context, actor, hub)
    box.set_patient(patient_id)          # None clears it (e.g. a new, unsaved patient)

For the patient editor (gui/patient_editor.py, placed by the integrator): a checkbox per
channel shows the current consent and its source and date; ticking or unticking records a
new consent or opt-out at once (an opt-out also skips reminders already planned).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from cicini_desktop.core.reminders.vocabulary import Channel, ConsentSource
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import consent
from cicini_desktop.services.reminders.consent import ConsentState

SOURCE_LABELS = {
    ConsentSource.FRONT_DESK: QT_TRANSLATE_NOOP(
        "reminders.consent_widget", "said at the desk or on the phone"
    ),
    ConsentSource.PATIENT_FORM: QT_TRANSLATE_NOOP("reminders.consent_widget", "signed on a form"),
    ConsentSource.SMS_STOP: QT_TRANSLATE_NOOP("reminders.consent_widget", "replied STOP"),
    ConsentSource.IMPORT: QT_TRANSLATE_NOOP("reminders.consent_widget", "imported"),
}


class ConsentWidget(QGroupBox):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(translate("reminders.consent_widget", "Reminders"), parent)
        self._context = context
        self._actor = actor
        self._hub = hub
        self._patient_id: str | None = None
        self._loading = False
        self.setAccessibleName(
            translate("reminders.consent_widget", "Consent to appointment reminders")
        )
        form = QFormLayout(self)
        self.source = QComboBox()
        for source in (ConsentSource.FRONT_DESK, ConsentSource.PATIENT_FORM):
            self.source.addItem(
                translate("reminders.consent_widget", SOURCE_LABELS[source]), source.value
            )
        self.source.setAccessibleName(
            translate("reminders.consent_widget", "Where the consent comes from")
        )
        form.addRow(translate("reminders.consent_widget", "Consent"), self.source)
        self.boxes: dict[Channel, QCheckBox] = {}
        self.states: dict[Channel, QLabel] = {}
        for channel, label in (
            (Channel.EMAIL, translate("reminders.consent_widget", "by &email")),
            (Channel.SMS, translate("reminders.consent_widget", "by &SMS")),
        ):
            box = QCheckBox(
                translate("reminders.consent_widget", "Send reminders {label}").format(label=label)
            )
            box.setAccessibleName(
                translate("reminders.consent_widget", "Reminders by {value}").format(
                    value=channel.value
                )
            )
            box.toggled.connect(lambda on, c=channel: self._toggled(c, on))
            state = QLabel("")
            self.boxes[channel] = box
            self.states[channel] = state
            form.addRow(box, state)
        self.set_patient(None)

    def set_patient(self, patient_id: str | None) -> None:
        self._patient_id = patient_id
        for box in self.boxes.values():
            box.setEnabled(patient_id is not None)
        if patient_id is None:
            self._show([])
            return
        context, actor = self._context, self._actor
        QueryOp(self, lambda: consent.consent_of(context, actor, patient_id)).success(
            self._show
        ).run(self._hub)

    def _show(self, states: list[ConsentState]) -> None:
        self._loading = True
        by_channel = {s.channel: s for s in states}
        for channel, box in self.boxes.items():
            state = by_channel.get(channel)
            box.setChecked(bool(state and state.granted))
            if state is None or state.source is None or state.recorded_at is None:
                self.states[channel].setText(
                    translate("reminders.consent_widget", "no consent recorded")
                )
            else:
                verb = (
                    translate("reminders.consent_widget", "yes")
                    if state.granted
                    else translate("reminders.consent_widget", "opted out")
                )
                self.states[channel].setText(
                    translate("reminders.consent_widget", "{verb}: {source}, {day}").format(
                        verb=verb,
                        source=translate("reminders.consent_widget", SOURCE_LABELS[state.source]),
                        day=state.recorded_at.date().isoformat(),
                    )
                )
        self._loading = False

    def _toggled(self, channel: Channel, on: bool) -> None:
        if self._loading or self._patient_id is None:
            return
        patient_id, source = self._patient_id, ConsentSource(self.source.currentData())
        context, actor = self._context, self._actor
        WriteOp(
            self,
            lambda: consent.record_consent(
                context, actor, patient_id, channel, granted=on, source=source
            ),
        ).success(lambda _: self.set_patient(patient_id)).run(self._hub)
