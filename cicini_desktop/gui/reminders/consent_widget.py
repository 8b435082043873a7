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
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import consent
from cicini_desktop.services.reminders.consent import ConsentState

SOURCE_LABELS = {
    ConsentSource.FRONT_DESK: "said at the desk or on the phone",
    ConsentSource.PATIENT_FORM: "signed on a form",
    ConsentSource.SMS_STOP: "replied STOP",
    ConsentSource.IMPORT: "imported",
}


class ConsentWidget(QGroupBox):
    def __init__(
        self,
        context: ServiceContext,
        actor: Actor,
        hub: OperationHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Reminders", parent)
        self._context = context
        self._actor = actor
        self._hub = hub
        self._patient_id: str | None = None
        self._loading = False
        self.setAccessibleName("Consent to appointment reminders")
        form = QFormLayout(self)
        self.source = QComboBox()
        for source in (ConsentSource.FRONT_DESK, ConsentSource.PATIENT_FORM):
            self.source.addItem(SOURCE_LABELS[source], source.value)
        self.source.setAccessibleName("Where the consent comes from")
        form.addRow("Consent", self.source)
        self.boxes: dict[Channel, QCheckBox] = {}
        self.states: dict[Channel, QLabel] = {}
        for channel, label in ((Channel.EMAIL, "by &email"), (Channel.SMS, "by &SMS")):
            box = QCheckBox(f"Send reminders {label}")
            box.setAccessibleName(f"Reminders by {channel.value}")
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
                self.states[channel].setText("no consent recorded")
            else:
                verb = "yes" if state.granted else "opted out"
                self.states[channel].setText(
                    f"{verb}: {SOURCE_LABELS[state.source]}, {state.recorded_at.date().isoformat()}"
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
