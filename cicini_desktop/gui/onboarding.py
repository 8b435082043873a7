"""First-run wizard: organisation, time zone, contact, first practice manager, recovery key.

Use (gui/application.py, when no database exists yet):

    wizard = OnboardingWizard(config, hub)        # optional: vault=..., clock=...
    if wizard.exec() == QDialog.DialogCode.Accepted:
        context = wizard.context                  # the open clinic (ServiceContext)
        manager_id = wizard.manager_id            # then show SignInDialog(context)

Pages: organisation name and time zone (searchable IANA list, the system's zone first
selected) -> organisation contact (validated; stored locally only) -> the first practice
manager's account -> the recovery key, shown once, with Print and Save as PDF -> a check
that it was written down (type one group back) -> the set-up checklist (opening hours,
providers and their hours, appointment types), whose buttons finish the wizard with
`open_after` set to the page to open after sign-in. The clinic and the manager are created when
leaving the manager page, after every field was checked, so a typo never leaves half a clinic;
the creation (key, database, argon2 hash) runs on the database worker while the wizard stays
responsive.
The recovery key lives only in this wizard's memory and is cleared when it closes.
"""

from __future__ import annotations

import functools
import logging
import os
import secrets
import zoneinfo
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, Qt, QTimeZone
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cicini_desktop.config import Config
from cicini_desktop.core.clock import Clock
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.passwords import MIN_LENGTH
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import OperationHub, QueryOp, wait_for
from cicini_desktop.services.clinic import NewClinic, create_clinic, validate_timezone
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.identity_contact import Contact, clean_contact
from cicini_desktop.services.staff import create_first_manager, validate_first_manager

log = logging.getLogger(__name__)


@functools.cache
def available_zones() -> list[str]:
    """IANA zone names people pick from (no legacy aliases such as 'posix/...' or 'EST')."""
    legacy = ("posix/", "right/", "Etc/", "SystemV/")
    zones = (z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(legacy))
    return [*sorted(zones), "UTC"]


def system_zone() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "ignore")
    if name in {"Etc/UTC", "Etc/GMT", "GMT", "UTC", "Etc/Universal", "Zulu"}:
        return "UTC"
    try:
        validate_timezone(name)
    except CiciniError:
        return "UTC"
    return name if name in available_zones() else "UTC"


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(translate("onboarding", "Error message"))
    label.setStyleSheet("color: #B00020;")
    return label


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("onboarding", "Your organisation"))
        self.setSubTitle(
            translate("onboarding", "The clinic's name and the time zone its calendar runs in.")
        )
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("onboarding", "Organisation name"))
        self.name.setMaxLength(200)
        self.timezone = QComboBox()
        self.timezone.setAccessibleName(translate("onboarding", "Time zone"))
        self.timezone.setEditable(True)
        self.timezone.addItems(available_zones())
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(available_zones(), self.timezone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "berl" finds Europe/Berlin
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(system_zone())
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(translate("onboarding", "Organisation &name"), self.name)
        form.addRow(translate("onboarding", "&Time zone"), self.timezone)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        if not self.name.text().strip():
            self.error.setText(translate("onboarding", "Type the organisation's name."))
            return False
        try:
            validate_timezone(self.timezone.currentText().strip())
        except CiciniError as error:
            self.error.setText(sentence(error))
            return False
        self.error.clear()
        return True


class ContactPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("onboarding", "Contact"))
        self.setSubTitle(
            translate(
                "onboarding",
                "Who to contact about this clinic's installation. Stored on this computer only; "
                "never sent anywhere. Each field is optional.",
            )
        )
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("onboarding", "Contact name"))
        self.email = QLineEdit()
        self.email.setAccessibleName(translate("onboarding", "Contact email"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(translate("onboarding", "Contact phone"))
        self.phone.setPlaceholderText("+49 30 1234567")
        self.error = _error_label()
        self.contact = Contact(None, None, None)
        form = QFormLayout(self)
        form.addRow(translate("onboarding", "Contact &name"), self.name)
        form.addRow(translate("onboarding", "&Email"), self.email)
        form.addRow(translate("onboarding", "&Phone"), self.phone)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        region = QLocale.territoryToCode(QLocale.system().territory()) or None
        try:
            self.contact = clean_contact(
                self.name.text(), self.email.text(), self.phone.text(), region
            )
        except CiciniError as error:
            self.error.setText(sentence(error))
            return False
        self.error.clear()
        return True


class ManagerPage(QWizardPage):
    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("onboarding", "Your practice manager account"))
        self.setSubTitle(
            translate(
                "onboarding",
                "The first account manages staff and roles. The password needs at "
                "least {MIN_LENGTH} characters; a few unrelated words work well.",
            ).format(MIN_LENGTH=MIN_LENGTH)
        )
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(translate("onboarding", "Your name"))
        self.username = QLineEdit()
        self.username.setAccessibleName(translate("onboarding", "Username"))
        self.password = QLineEdit()
        self.password.setAccessibleName(translate("onboarding", "Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setAccessibleName(translate("onboarding", "Repeat password"))
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(translate("onboarding", "Your &name"), self.display_name)
        form.addRow(translate("onboarding", "&Username"), self.username)
        form.addRow(translate("onboarding", "&Password"), self.password)
        form.addRow(translate("onboarding", "&Repeat password"), self.repeat)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.error.setText(
                translate("onboarding", "The two passwords differ; type them again.")
            )
            return False
        try:
            validate_first_manager(
                self.username.text(), self.display_name.text(), self.password.text()
            )
            self._wizard.create()
        except CiciniError as error:
            self.error.setText(sentence(error))
            return False
        self.password.clear()
        self.repeat.clear()
        self.error.clear()
        return True

    def isComplete(self) -> bool:
        return self._wizard.manager_id is None or super().isComplete()


class RecoveryKeyPage(QWizardPage):
    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("onboarding", "Your recovery key"))
        self.setSubTitle(
            translate(
                "onboarding",
                "This key opens the clinic's data if this computer's keystore is lost. It is "
                "shown only now: print it or save it as a PDF, and keep it somewhere safe.",
            )
        )
        self.key_label = QLabel()
        self.key_label.setAccessibleName(translate("onboarding", "Recovery key"))
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(14)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.print_button = QPushButton(translate("onboarding", "&Print…"))
        self.print_button.clicked.connect(self._print)
        self.pdf_button = QPushButton(translate("onboarding", "Save as P&DF…"))
        self.pdf_button.clicked.connect(self._save_pdf_dialog)
        self.kept = QCheckBox(
            translate(
                "onboarding", "I have printed or saved the recovery key and will keep it safe"
            )
        )
        self.kept.toggled.connect(self.completeChanged)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.kept)

    def initializePage(self) -> None:
        groups = self._wizard.recovery_groups()
        lines = [" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
        self.key_label.setText("\n".join(lines))

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def _render(self, painter: QPainter, page: QRectF) -> None:
        title = QFont("sans-serif", 16)
        painter.setFont(title)
        painter.drawText(
            page.adjusted(0, 0, 0, -page.height() * 0.8),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            translate("onboarding", "Cicini recovery key — {organisation_name}").format(
                organisation_name=self._wizard.organisation_name()
            ),
        )
        mono = QFont("monospace", 14)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        painter.setFont(mono)
        painter.drawText(
            page.adjusted(0, page.height() * 0.15, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            self.key_label.text()
            + translate(
                "onboarding",
                "\n\nKeep this page somewhere safe, away from the computer. Anyone holding it "
                "and a copy of the database can read the clinic's data.",
            ),
        )

    def save_pdf(self, path: Path) -> None:
        """Write the key to a PDF readable by its owner only."""
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
        writer.setTitle(translate("onboarding", "Cicini recovery key"))
        painter = QPainter(writer)
        try:
            self._render(painter, QRectF(painter.viewport()))
        finally:
            painter.end()
        if os.name == "posix":
            path.chmod(0o600)
        self.status.setText(translate("onboarding", "Saved as PDF."))

    def _save_pdf_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("onboarding", "Save the recovery key as PDF"),
            "cicini-recovery-key.pdf",
            translate("onboarding", "PDF (*.pdf)"),
        )
        if name:
            self.save_pdf(Path(name))

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            self._render(painter, QRectF(painter.viewport()))
        finally:
            painter.end()
        self.status.setText(translate("onboarding", "Sent to the printer."))


class ConfirmKeyPage(QWizardPage):
    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("onboarding", "Check the recovery key"))
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.group = QLineEdit()
        self.group.setAccessibleName(translate("onboarding", "Recovery key group"))
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.group)
        layout.addWidget(self.error)
        self.group_index = 0

    def initializePage(self) -> None:
        groups = self._wizard.recovery_groups()
        self.group_index = secrets.randbelow(len(groups)) if groups else 0
        self.group.clear()
        self.prompt.setText(
            translate(
                "onboarding",
                "From your printed or saved copy, type group number {value} (of {len}).",
            ).format(value=self.group_index + 1, len=len(groups))
        )

    def validatePage(self) -> bool:
        expected = self._wizard.recovery_groups()[self.group_index]
        if self.group.text().strip().upper() != expected.upper():
            self.error.setText(
                translate(
                    "onboarding",
                    "That group does not match. Check your copy; go Back to see the key again.",
                )
            )
            return False
        return True


class ChecklistPage(QWizardPage):
    """The wizard's end: what to set up next (gui/setup/checklist.py), with a button each."""

    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("onboarding", "Next: set up the clinic's week"))
        self.setSubTitle(
            translate(
                "onboarding",
                "Nothing can be booked until these steps are done. Open one now (it opens after "
                "you sign in), or finish and find them later under Clinic set-up.",
            )
        )
        self.checklist: QWidget | None = None
        self._layout = QVBoxLayout(self)

    def initializePage(self) -> None:
        from cicini_desktop.gui.setup.checklist import SetupChecklist
        from cicini_desktop.services.scheduling.checklist import first_manager_actor

        context, manager_id = self._wizard.context, self._wizard.manager_id
        if context is None or manager_id is None or self.checklist is not None:
            return
        hub = self._wizard.hub

        def show(actor: Actor) -> None:
            checklist = SetupChecklist(context, actor, hub)
            checklist.open_requested.connect(self._open)
            self.checklist = checklist
            self._layout.addWidget(checklist)

        QueryOp(self, lambda: first_manager_actor(context, manager_id)).success(show).run(hub)

    def _open(self, page_key: str) -> None:
        self._wizard.open_after = page_key
        self._wizard.accept()


class OnboardingWizard(QWizard):
    """Sets the clinic up. After acceptance: `context` and `manager_id`."""

    def __init__(
        self,
        config: Config,
        hub: OperationHub,
        parent: QWidget | None = None,
        *,
        vault: object | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.hub = hub
        self._vault = vault
        self._clock = clock
        self._clinic: NewClinic | None = None
        self._recovery_key: str | None = None
        self.manager_id: str | None = None
        self.open_after: str | None = None  # set-up page the manager chose on the last page
        self.setWindowTitle(translate("onboarding", "Set up Cicini"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.organisation_page = OrganisationPage()
        self.contact_page = ContactPage()
        self.manager_page = ManagerPage(self)
        self.key_page = RecoveryKeyPage(self)
        self.confirm_page = ConfirmKeyPage(self)
        self.checklist_page = ChecklistPage(self)
        for page in (
            self.organisation_page,
            self.contact_page,
            self.manager_page,
            self.key_page,
            self.confirm_page,
            self.checklist_page,
        ):
            self.addPage(page)
        # Leaving the manager page creates the clinic; there is no way back from there.
        self.manager_page.setCommitPage(True)
        self.manager_page.setButtonText(
            QWizard.WizardButton.CommitButton, translate("onboarding", "Create the clinic")
        )
        self.finished.connect(self._forget_key)

    @property
    def context(self) -> ServiceContext | None:
        return None if self._clinic is None else self._clinic.context

    def organisation_name(self) -> str:
        return self.organisation_page.name.text().strip()

    def recovery_groups(self) -> list[str]:
        return (self._recovery_key or "").split("-") if self._recovery_key else []

    def create(self) -> None:
        """Create the clinic (once) and its first manager; raises CiciniError with a sentence."""
        if self._clinic is None:
            contact = self.contact_page.contact
            config, vault, clock = self.config, self._vault, self._clock
            name = self.organisation_name()
            zone = self.organisation_page.timezone.currentText().strip()
            self._clinic = wait_for(
                self.hub,
                lambda: create_clinic(
                    config,
                    organization_name=name,
                    timezone=zone,
                    vault=vault,  # type: ignore[arg-type]
                    clock=clock,
                    contact_name=contact.name,
                    contact_email=contact.email,
                    contact_phone=contact.phone,
                ),
            )
            self._recovery_key = self._clinic.recovery_key
            log.info("onboarding: clinic created")
        if self.manager_id is None:
            context = self._clinic.context
            username = self.manager_page.username.text()
            display_name = self.manager_page.display_name.text()
            password = self.manager_page.password.text()
            self.manager_id = wait_for(
                self.hub,
                lambda: create_first_manager(
                    context, username=username, display_name=display_name, password=password
                ),
            )
            log.info("onboarding: first manager %s created", self.manager_id)
        # The clinic exists now: cancelling would lose the recovery key, so it is not offered.
        self.setOption(QWizard.WizardOption.NoCancelButton, True)

    def reject(self) -> None:
        if self._clinic is not None and self._recovery_key is not None:
            return  # Escape / close must not skip the recovery key once the clinic exists
        super().reject()

    def _forget_key(self) -> None:
        self._recovery_key = None
        self.key_page.key_label.clear()
