"""The recovery dialog: the keystore lost the database key, the person types the recovery key.

Each group is checked as soon as it is typed (the recovery key's check characters name the
faulty group); on "Unlock" the service checks the key against the database and stores it in
the keystore again. The typed text never leaves this dialog except to that service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.config import Config
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.messages import localized, sentence
from cicini_desktop.gui.operations import OperationHub, wait_for
from cicini_desktop.services.maintenance import recover_access, recovery_key_problem

log = logging.getLogger(__name__)

RECOVERY_KEY_CHARACTERS = 65  # 13 groups of 5, without the dashes

Recover = Callable[[str], None]


class RecoveryDialog(QDialog):
    """Asks for the recovery key; `recover(text)` checks it and stores the key again."""

    def __init__(self, recover: Recover, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recover = recover
        self.setWindowTitle(translate("recovery", "Unlock the clinic's data"))
        self.setAccessibleName(translate("recovery", "Unlock with the recovery key"))
        self.setModal(True)

        intro = QLabel(
            (reason + "\n\n" if reason else "")
            + translate(
                "recovery",
                "Type the recovery key from the sheet printed when the clinic was set up "
                "(13 groups of 5 characters; dashes, spaces and case do not matter).",
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(translate("recovery", "What happened"))

        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName(translate("recovery", "Recovery key"))
        self.key_edit.setPlaceholderText(translate("recovery", "XXXXX-XXXXX-XXXXX-…"))
        self.key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # Shown while typing (it is read from paper), but never remembered by the widget.
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self.key_edit.textChanged.connect(self._on_text_changed)

        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(translate("recovery", "Recovery key problem"))
        bold = QFont(self.problem.font())
        bold.setBold(True)
        self.problem.setFont(bold)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.unlock_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText(translate("recovery", "&Unlock"))
        self.unlock_button.setAccessibleName(translate("recovery", "Unlock"))
        self.unlock_button.setEnabled(False)
        self.buttons.accepted.connect(self._unlock)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    def _typed_characters(self) -> int:
        return len("".join(self.key_edit.text().split()).replace("-", ""))

    def _on_text_changed(self, text: str) -> None:
        problem = recovery_key_problem(text, complete=False)
        self.problem.setText(localized(problem) if problem else "")
        self.unlock_button.setEnabled(
            problem is None and self._typed_characters() == RECOVERY_KEY_CHARACTERS
        )

    def _unlock(self) -> None:
        text = self.key_edit.text()
        problem = recovery_key_problem(text, complete=True)
        if problem is not None:
            self.problem.setText(localized(problem))
            return
        try:
            self._recover(text)
        except CiciniError as error:
            log.info("recovery key refused: %s", type(error).__name__)
            self.problem.setText(sentence(error))
            return
        self.key_edit.clear()
        self.accept()


def offer_recovery(
    config: Config, hub: OperationHub, reason: str = "", parent: QWidget | None = None
) -> bool:
    """Show the dialog for the clinic of `config`; True once the key is stored again.

    The check opens the database with the typed key: it runs on the database worker."""

    def recover(text: str) -> None:
        wait_for(hub, lambda: recover_access(config, text))

    dialog = RecoveryDialog(recover, reason, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
