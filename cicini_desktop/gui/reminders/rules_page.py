"""The manager's reminder page: rules, message templates with a live preview, and sending.

    page = ReminderRulesPage(context, actor, hub)

Tabs: "Rules" (how long before, which channel, which appointment type), "Messages" (the
wording per channel and language, previewed with sample data as you type: an SMS shows its
length and parts; a template naming anything but the allowed values is refused with a
sentence), "Sending" (on/off, language, quiet hours, the mail server and SMS provider; the
password and token go to this computer's keystore). Every call runs on the database worker.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.reminders.content import ALLOWED_FIELDS
from cicini_desktop.core.reminders.formatting import LANGUAGES
from cicini_desktop.core.reminders.rules import RuleInput, describe_offset
from cicini_desktop.core.reminders.settings import ReminderSettings, SmsSettings, SmtpSettings
from cicini_desktop.core.reminders.vocabulary import CancelReplyAction, Channel, SmtpSecurity
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, WriteOp
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders import rules, templates
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.editor import EditorState, editor_state
from cicini_desktop.services.reminders.templates import Rendered, TemplateText

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
CHANNEL_NAMES = {
    Channel.EMAIL: QT_TRANSLATE_NOOP("reminders.rules_page", "Email"),
    Channel.SMS: "SMS",
}
UNITS = (
    (QT_TRANSLATE_NOOP("reminders.rules_page", "minutes"), 1),
    (QT_TRANSLATE_NOOP("reminders.rules_page", "hours"), 60),
    (QT_TRANSLATE_NOOP("reminders.rules_page", "days"), 1440),
)
PREVIEW_DELAY_MS = 300


def _minutes(t: QTime) -> int:
    return t.hour() * 60 + t.minute()


class ReminderRulesPage(QWidget):
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
        self._state: EditorState | None = None
        self._editing_rule: tuple[str, int] | None = None  # (id, version)
        self.setAccessibleName(
            translate("reminders.rules_page", "Reminder rules, messages and sending")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(translate("reminders.rules_page", "<h2>Appointment reminders</h2>"))
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(translate("reminders.rules_page", "Reminder topics"))
        self.tabs.addTab(self._rules_tab(), translate("reminders.rules_page", "&Rules"))
        self.tabs.addTab(self._messages_tab(), translate("reminders.rules_page", "&Messages"))
        self.tabs.addTab(self._sending_tab(), translate("reminders.rules_page", "&Sending"))
        layout.addWidget(self.tabs)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview)
        self.reload()

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        context, actor = self._context, self._actor
        QueryOp(self, lambda: editor_state(context, actor)).success(self._loaded).run(self._hub)

    def _loaded(self, state: EditorState) -> None:
        self._state = state
        self._show_rules(state)
        self._show_settings(state)
        self._show_template()

    # --- rules --------------------------------------------------------------------------

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.rules_table = QTableWidget(0, 5)
        self.rules_table.setHorizontalHeaderLabels(
            [
                translate("reminders.rules_page", "Name"),
                translate("reminders.rules_page", "When"),
                translate("reminders.rules_page", "Channel"),
                translate("reminders.rules_page", "Appointments"),
                translate("reminders.rules_page", "Active"),
            ]
        )
        self.rules_table.setAccessibleName(translate("reminders.rules_page", "Reminder rules"))
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.verticalHeader().hide()
        self.rules_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.rules_table.horizontalHeader().setStretchLastSection(True)
        self.rules_table.itemSelectionChanged.connect(self._rule_selected)
        layout.addWidget(self.rules_table, 1)

        box = QGroupBox(translate("reminders.rules_page", "Rule"))
        form = QFormLayout(box)
        self.rule_name = QLineEdit()
        self.rule_name.setAccessibleName(translate("reminders.rules_page", "Rule name"))
        form.addRow(translate("reminders.rules_page", "&Name"), self.rule_name)
        self.rule_channel = QComboBox()
        for channel, label in CHANNEL_NAMES.items():
            self.rule_channel.addItem(translate("reminders.rules_page", label), channel.value)
        self.rule_channel.setAccessibleName(translate("reminders.rules_page", "Channel"))
        form.addRow(translate("reminders.rules_page", "&Channel"), self.rule_channel)
        when = QHBoxLayout()
        self.rule_amount = QSpinBox()
        self.rule_amount.setRange(1, 20160)
        self.rule_amount.setValue(48)
        self.rule_amount.setAccessibleName(translate("reminders.rules_page", "How long before"))
        self.rule_unit = QComboBox()
        for label, factor in UNITS:
            self.rule_unit.addItem(translate("reminders.rules_page", label), factor)
        self.rule_unit.setCurrentIndex(1)
        self.rule_unit.setAccessibleName(translate("reminders.rules_page", "Unit"))
        when.addWidget(self.rule_amount)
        when.addWidget(self.rule_unit)
        when.addWidget(QLabel(translate("reminders.rules_page", "before the appointment")))
        when.addStretch(1)
        form.addRow(translate("reminders.rules_page", "Sent"), when)
        self.rule_type = QComboBox()
        self.rule_type.setAccessibleName(
            translate("reminders.rules_page", "Appointment type the rule applies to")
        )
        form.addRow(translate("reminders.rules_page", "&Appointments"), self.rule_type)
        self.rule_active = QCheckBox(translate("reminders.rules_page", "Active"))
        self.rule_active.setChecked(True)
        form.addRow("", self.rule_active)
        buttons = QHBoxLayout()
        self.new_rule_button = QPushButton(translate("reminders.rules_page", "&New rule"))
        self.new_rule_button.clicked.connect(self._new_rule)
        self.save_rule_button = QPushButton(translate("reminders.rules_page", "Save &rule"))
        self.save_rule_button.clicked.connect(self._save_rule)
        buttons.addStretch(1)
        buttons.addWidget(self.new_rule_button)
        buttons.addWidget(self.save_rule_button)
        form.addRow(buttons)
        self.rule_error = QLabel("")
        self.rule_error.setStyleSheet("color: #a40000")
        self.rule_error.setWordWrap(True)
        form.addRow(self.rule_error)
        layout.addWidget(box)
        return tab

    def _show_rules(self, state: EditorState) -> None:
        self.rule_type.clear()
        self.rule_type.addItem(translate("reminders.rules_page", "Every appointment type"), None)
        for type_id, name in state.types:
            self.rule_type.addItem(name, type_id)
        self.rules_table.setRowCount(len(state.rules))
        for r, rule in enumerate(state.rules):
            cells = [
                rule.name,
                localized(describe_offset(rule.offset_minutes)),
                translate("reminders.rules_page", CHANNEL_NAMES[rule.channel]),
                rule.type_name or translate("reminders.rules_page", "every type"),
                translate("reminders.rules_page", "yes")
                if rule.active
                else translate("reminders.rules_page", "no"),
            ]
            for c, text in enumerate(cells):
                self.rules_table.setItem(r, c, QTableWidgetItem(text))

    def _rule_selected(self) -> None:
        rows = {i.row() for i in self.rules_table.selectedItems()}
        if not rows or self._state is None:
            return
        rule = self._state.rules[min(rows)]
        self._editing_rule = (rule.id, rule.version)
        self.rule_name.setText(rule.name)
        self.rule_channel.setCurrentIndex(self.rule_channel.findData(rule.channel.value))
        for index in reversed(range(len(UNITS))):
            factor = UNITS[index][1]
            if rule.offset_minutes % factor == 0:
                self.rule_unit.setCurrentIndex(index)
                self.rule_amount.setValue(rule.offset_minutes // factor)
                break
        self.rule_type.setCurrentIndex(max(0, self.rule_type.findData(rule.type_id)))
        self.rule_active.setChecked(rule.active)

    def _new_rule(self) -> None:
        self._editing_rule = None
        self.rules_table.clearSelection()
        self.rule_name.clear()
        self.rule_active.setChecked(True)
        self.rule_name.setFocus()

    def _save_rule(self) -> None:
        data = RuleInput(
            self.rule_name.text(),
            Channel(self.rule_channel.currentData()),
            self.rule_amount.value() * int(self.rule_unit.currentData()),
            type_id=self.rule_type.currentData(),
            active=self.rule_active.isChecked(),
        )
        context, actor, editing = self._context, self._actor, self._editing_rule
        self.rule_error.clear()
        if editing is None:
            op = WriteOp(self, lambda: rules.create_rule(context, actor, data)[1])
        else:
            rule_id, version = editing
            op = WriteOp(
                self,
                lambda: rules.edit_rule(context, actor, rule_id, data, expected_version=version),
            )
        op.failure(lambda e: self.rule_error.setText(sentence(e))).success(
            lambda _: self._after_rule_saved()
        ).run(self._hub)

    def _after_rule_saved(self) -> None:
        self._editing_rule = None
        self.reload()

    # --- messages -----------------------------------------------------------------------

    def _messages_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        left = QVBoxLayout()
        pick = QHBoxLayout()
        self.template_language = QComboBox()
        for code in LANGUAGES:
            self.template_language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.template_language.setAccessibleName(
            translate("reminders.rules_page", "Template language")
        )
        self.template_channel = QComboBox()
        for channel, label in CHANNEL_NAMES.items():
            self.template_channel.addItem(translate("reminders.rules_page", label), channel.value)
        self.template_channel.setAccessibleName(
            translate("reminders.rules_page", "Template channel")
        )
        self.template_language.currentIndexChanged.connect(self._show_template)
        self.template_channel.currentIndexChanged.connect(self._show_template)
        pick.addWidget(QLabel(translate("reminders.rules_page", "Language")))
        pick.addWidget(self.template_language)
        pick.addWidget(QLabel(translate("reminders.rules_page", "Channel")))
        pick.addWidget(self.template_channel)
        pick.addStretch(1)
        left.addLayout(pick)
        self.template_subject = QLineEdit()
        self.template_subject.setAccessibleName(translate("reminders.rules_page", "Email subject"))
        self.subject_label = QLabel(translate("reminders.rules_page", "Subject"))
        left.addWidget(self.subject_label)
        left.addWidget(self.template_subject)
        left.addWidget(QLabel(translate("reminders.rules_page", "Text")))
        self.template_body = QPlainTextEdit()
        self.template_body.setAccessibleName(translate("reminders.rules_page", "Message text"))
        left.addWidget(self.template_body, 2)
        self.html_label = QLabel(translate("reminders.rules_page", "HTML version (optional)"))
        left.addWidget(self.html_label)
        self.template_html = QPlainTextEdit()
        self.template_html.setAccessibleName(translate("reminders.rules_page", "Message HTML"))
        left.addWidget(self.template_html, 2)
        names = ", ".join("{{ " + name + " }}" for name in ALLOWED_FIELDS)
        hint = QLabel(
            translate(
                "reminders.rules_page",
                "Values a message can use: {names}. Nothing else reaches a message: "
                "never the surname, date of birth, service, provider or notes.",
            ).format(names=names)
        )
        hint.setWordWrap(True)
        left.addWidget(hint)
        buttons = QHBoxLayout()
        self.reset_template_button = QPushButton(
            translate("reminders.rules_page", "Back to the &shipped wording")
        )
        self.reset_template_button.clicked.connect(self._reset_template)
        self.save_template_button = QPushButton(translate("reminders.rules_page", "Save &message"))
        self.save_template_button.clicked.connect(self._save_template)
        buttons.addWidget(self.reset_template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_template_button)
        left.addLayout(buttons)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.addWidget(
            QLabel(
                translate("reminders.rules_page", "<b>Preview</b> (sample patient and appointment)")
            )
        )
        self.preview_subject = QLabel("")
        self.preview_subject.setWordWrap(True)
        right.addWidget(self.preview_subject)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(translate("reminders.rules_page", "Message preview"))
        right.addWidget(self.preview, 1)
        self.preview_info = QLabel("")
        self.preview_info.setAccessibleName(translate("reminders.rules_page", "Message length"))
        right.addWidget(self.preview_info)
        self.template_error = QLabel("")
        self.template_error.setStyleSheet("color: #a40000")
        self.template_error.setWordWrap(True)
        self.template_error.setAccessibleName(translate("reminders.rules_page", "Template problem"))
        right.addWidget(self.template_error)
        layout.addLayout(right, 2)
        for edit in (self.template_body, self.template_html):
            edit.textChanged.connect(self._preview_timer_start)
        self.template_subject.textChanged.connect(self._preview_timer_start)
        return tab

    def _preview_timer_start(self) -> None:
        self._preview_timer.start()

    def _selected_template(self) -> TemplateText | None:
        if self._state is None:
            return None
        channel = Channel(self.template_channel.currentData())
        language = str(self.template_language.currentData())
        for template in self._state.templates:
            if template.channel is channel and template.language == language:
                return template
        return None

    def _show_template(self) -> None:
        template = self._selected_template()
        if template is None:
            return
        email = template.channel is Channel.EMAIL
        for widget in (
            self.subject_label,
            self.template_subject,
            self.html_label,
            self.template_html,
        ):
            widget.setVisible(email)
        self.template_subject.setText(template.subject or "")
        self.template_body.setPlainText(template.body)
        self.template_html.setPlainText(template.body_html or "")
        self._preview()

    def _edited_template(self) -> TemplateText:
        channel = Channel(self.template_channel.currentData())
        email = channel is Channel.EMAIL
        return TemplateText(
            channel,
            str(self.template_language.currentData()),
            self.template_subject.text() if email else None,
            self.template_body.toPlainText(),
            (self.template_html.toPlainText() or None) if email else None,
            True,
        )

    def _preview(self) -> None:
        if self._state is None:
            return
        template = self._edited_template()
        context, actor = self._context, self._actor
        QueryOp(self, lambda: templates.preview(context, actor, template)).success(
            self._show_preview
        ).failure(self._preview_failed).run(self._hub)

    def _show_preview(self, rendered: Rendered) -> None:
        self.template_error.clear()
        self.save_template_button.setEnabled(True)
        self.preview_subject.setText(
            translate("reminders.rules_page", "Subject: {subject}").format(subject=rendered.subject)
            if rendered.subject
            else ""
        )
        if rendered.html:
            self.preview.setHtml(rendered.html)
        else:
            self.preview.setPlainText(rendered.text)
        if rendered.sms is not None:
            parts = rendered.sms.segments
            self.preview_info.setText(
                translate(
                    "reminders.rules_page",
                    "{len} characters, %n SMS part(s) ({encoding})",
                    None,
                    parts,
                ).format(
                    len=len(rendered.text),
                    encoding=rendered.sms.encoding,
                )
            )
        else:
            self.preview_info.setText(
                translate("reminders.rules_page", "{len} characters").format(len=len(rendered.text))
            )

    def _preview_failed(self, error: CiciniError) -> None:
        self.template_error.setText(sentence(error))
        self.preview_info.clear()
        self.save_template_button.setEnabled(False)

    def _save_template(self) -> None:
        template = self._edited_template()
        context, actor = self._context, self._actor
        WriteOp(self, lambda: templates.save_template(context, actor, template)).failure(
            self._preview_failed
        ).success(lambda _: self.reload()).run(self._hub)

    def _reset_template(self) -> None:
        channel = Channel(self.template_channel.currentData())
        language = str(self.template_language.currentData())
        context, actor = self._context, self._actor
        WriteOp(self, lambda: templates.reset_template(context, actor, channel, language)).success(
            lambda _: self.reload()
        ).run(self._hub)

    # --- sending ------------------------------------------------------------------------

    def _sending_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        general = QGroupBox(translate("reminders.rules_page", "Reminders"))
        form = QFormLayout(general)
        self.enabled = QCheckBox(translate("reminders.rules_page", "Send reminders"))
        form.addRow("", self.enabled)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        form.addRow(translate("reminders.rules_page", "&Language"), self.language)
        self.clinic_phone = QLineEdit()
        self.clinic_phone.setAccessibleName(
            translate("reminders.rules_page", "Phone number patients call")
        )
        form.addRow(translate("reminders.rules_page", "Clinic &phone"), self.clinic_phone)
        quiet = QHBoxLayout()
        self.quiet_from = QTimeEdit()
        self.quiet_to = QTimeEdit()
        self.quiet_from.setAccessibleName(translate("reminders.rules_page", "Quiet hours from"))
        self.quiet_to.setAccessibleName(translate("reminders.rules_page", "Quiet hours to"))
        quiet.addWidget(self.quiet_from)
        quiet.addWidget(QLabel(translate("reminders.rules_page", "to")))
        quiet.addWidget(self.quiet_to)
        quiet.addStretch(1)
        form.addRow(translate("reminders.rules_page", "&Quiet hours"), quiet)
        self.settle = QSpinBox()
        self.settle.setRange(0, 120)
        self.settle.setSuffix(translate("reminders.rules_page", " min after the last change"))
        form.addRow(translate("reminders.rules_page", "&Wait"), self.settle)
        self.first_name = QCheckBox(
            translate("reminders.rules_page", "Greet the patient by first name")
        )
        form.addRow("", self.first_name)
        self.cancel_action = QComboBox()
        self.cancel_action.addItem(
            translate("reminders.rules_page", "goes to the front desk"),
            CancelReplyAction.QUEUE.value,
        )
        self.cancel_action.addItem(
            translate("reminders.rules_page", "cancels the appointment"),
            CancelReplyAction.CANCEL.value,
        )
        form.addRow(translate("reminders.rules_page", "An SMS reply NO"), self.cancel_action)
        layout.addWidget(general)

        mail = QGroupBox(translate("reminders.rules_page", "Mail server (SMTP)"))
        mail_form = QFormLayout(mail)
        self.smtp_host = QLineEdit()
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_security = QComboBox()
        for label, value in (
            ("STARTTLS", SmtpSecurity.STARTTLS),
            ("TLS", SmtpSecurity.TLS),
            (translate("reminders.rules_page", "none (this computer only)"), SmtpSecurity.NONE),
        ):
            self.smtp_security.addItem(label, value.value)
        self.smtp_user = QLineEdit()
        self.smtp_from = QLineEdit()
        self.smtp_ca = QLineEdit()
        self.smtp_password = QLineEdit()
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password_state = QLabel("")
        for label, widget in (
            (translate("reminders.rules_page", "Server"), self.smtp_host),
            (translate("reminders.rules_page", "Port"), self.smtp_port),
            (translate("reminders.rules_page", "Security"), self.smtp_security),
            (translate("reminders.rules_page", "User name"), self.smtp_user),
            (translate("reminders.rules_page", "Sender address"), self.smtp_from),
            (translate("reminders.rules_page", "Extra CA file"), self.smtp_ca),
        ):
            widget.setAccessibleName(
                translate("reminders.rules_page", "Mail {lower}").format(lower=label.lower())
            )
            mail_form.addRow(label, widget)
        password_row = QHBoxLayout()
        password_row.addWidget(self.smtp_password)
        store_password = QPushButton(translate("reminders.rules_page", "Store in keystore"))
        store_password.clicked.connect(self._store_smtp_password)
        password_row.addWidget(store_password)
        password_row.addWidget(self.smtp_password_state)
        mail_form.addRow(translate("reminders.rules_page", "Password"), password_row)
        layout.addWidget(mail)

        sms = QGroupBox(translate("reminders.rules_page", "SMS provider"))
        sms_form = QFormLayout(sms)
        self.sms_url = QLineEdit()
        self.sms_url.setPlaceholderText(translate("reminders.rules_page", "https://api.twilio.com"))
        self.sms_account = QLineEdit()
        self.sms_from = QLineEdit()
        self.sms_from.setPlaceholderText("+4930...")
        self.sms_token = QLineEdit()
        self.sms_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.sms_token_state = QLabel("")
        for label, widget in (
            (translate("reminders.rules_page", "API address"), self.sms_url),
            (translate("reminders.rules_page", "Account"), self.sms_account),
            (translate("reminders.rules_page", "Sending number"), self.sms_from),
        ):
            widget.setAccessibleName(
                translate("reminders.rules_page", "SMS {lower}").format(lower=label.lower())
            )
            sms_form.addRow(label, widget)
        token_row = QHBoxLayout()
        token_row.addWidget(self.sms_token)
        store_token = QPushButton(translate("reminders.rules_page", "Store in keystore"))
        store_token.clicked.connect(self._store_sms_token)
        token_row.addWidget(store_token)
        token_row.addWidget(self.sms_token_state)
        sms_form.addRow(translate("reminders.rules_page", "Token"), token_row)
        layout.addWidget(sms)

        bottom = QHBoxLayout()
        self.settings_error = QLabel("")
        self.settings_error.setStyleSheet("color: #a40000")
        self.settings_error.setWordWrap(True)
        bottom.addWidget(self.settings_error, 1)
        self.save_settings_button = QPushButton(translate("reminders.rules_page", "Save &settings"))
        self.save_settings_button.clicked.connect(self._save_settings)
        bottom.addWidget(self.save_settings_button)
        layout.addLayout(bottom)
        layout.addStretch(1)
        return tab

    def _show_settings(self, state: EditorState) -> None:
        s = state.settings
        self.enabled.setChecked(s.enabled)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.clinic_phone.setText(s.clinic_phone)
        self.quiet_from.setTime(QTime(s.quiet_start_minute // 60, s.quiet_start_minute % 60))
        self.quiet_to.setTime(QTime(s.quiet_end_minute // 60, s.quiet_end_minute % 60))
        self.settle.setValue(s.settle_minutes)
        self.first_name.setChecked(s.include_first_name)
        self.cancel_action.setCurrentIndex(
            max(0, self.cancel_action.findData(s.cancel_reply_action.value))
        )
        self.smtp_host.setText(s.smtp.host)
        self.smtp_port.setValue(s.smtp.port)
        self.smtp_security.setCurrentIndex(
            max(0, self.smtp_security.findData(SmtpSecurity(s.smtp.security).value))
        )
        self.smtp_user.setText(s.smtp.username)
        self.smtp_from.setText(s.smtp.from_address)
        self.smtp_ca.setText(s.smtp.ca_bundle)
        self.smtp_password_state.setText(
            translate("reminders.rules_page", "stored")
            if state.smtp_password_set
            else translate("reminders.rules_page", "not stored")
        )
        self.sms_url.setText(s.sms.base_url)
        self.sms_account.setText(s.sms.account_id)
        self.sms_from.setText(s.sms.from_number)
        self.sms_token_state.setText(
            translate("reminders.rules_page", "stored")
            if state.sms_token_set
            else translate("reminders.rules_page", "not stored")
        )

    def edited_settings(self) -> ReminderSettings:
        base = self._state.settings if self._state is not None else ReminderSettings()
        return replace(
            base,
            enabled=self.enabled.isChecked(),
            language=str(self.language.currentData()),
            clinic_phone=self.clinic_phone.text().strip(),
            quiet_start_minute=_minutes(self.quiet_from.time()),
            quiet_end_minute=_minutes(self.quiet_to.time()),
            settle_minutes=self.settle.value(),
            include_first_name=self.first_name.isChecked(),
            cancel_reply_action=CancelReplyAction(self.cancel_action.currentData()),
            smtp=SmtpSettings(
                host=self.smtp_host.text().strip(),
                port=self.smtp_port.value(),
                security=SmtpSecurity(self.smtp_security.currentData()),
                username=self.smtp_user.text().strip(),
                from_address=self.smtp_from.text().strip(),
                ca_bundle=self.smtp_ca.text().strip(),
            ),
            sms=SmsSettings(
                base_url=self.sms_url.text().strip(),
                account_id=self.sms_account.text().strip(),
                from_number=self.sms_from.text().strip(),
            ),
        )

    def _save_settings(self) -> None:
        value = self.edited_settings()
        context, actor = self._context, self._actor
        self.settings_error.clear()
        WriteOp(self, lambda: reminder_settings.save_settings(context, actor, value)).failure(
            lambda e: self.settings_error.setText(sentence(e))
        ).success(lambda _: self.reload()).run(self._hub)

    def _store_smtp_password(self) -> None:
        value = self.smtp_password.text()
        self.smtp_password.clear()
        context, actor = self._context, self._actor
        WriteOp(self, lambda: reminder_settings.set_smtp_password(context, actor, value)).success(
            lambda _: self.reload()
        ).run(self._hub)

    def _store_sms_token(self) -> None:
        value = self.sms_token.text()
        self.sms_token.clear()
        context, actor = self._context, self._actor
        WriteOp(self, lambda: reminder_settings.set_sms_token(context, actor, value)).success(
            lambda _: self.reload()
        ).run(self._hub)
