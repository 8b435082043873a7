"""The recovery dialog: group-by-group feedback, refusal in a sentence, unlock stores the key."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from cicini_desktop.config import Config
from cicini_desktop.core.errors import KeyMissingError
from cicini_desktop.gui.recovery import RecoveryDialog
from cicini_desktop.services.clinic import NewClinic, open_clinic
from cicini_desktop.services.maintenance import recover_access
from cicini_desktop.store.keys import format_recovery_key, new_key
from cicini_desktop.store.vault import KeyVault
from tests.keyring_memory import MemoryKeyring


@pytest.fixture
def lost_key(new_clinic: NewClinic, memory_keyring: MemoryKeyring) -> NewClinic:
    new_clinic.context.database.close()
    memory_keyring.entries.clear()
    return new_clinic


@pytest.fixture
def dialog(qtbot, lost_key: NewClinic, config: Config, vault: KeyVault) -> RecoveryDialog:
    widget = RecoveryDialog(
        lambda text: recover_access(config, text, vault), reason="The keystore holds no key."
    )
    qtbot.addWidget(widget)
    return widget


def _typo_in_group(recovery_key: str, group: int) -> str:
    groups = recovery_key.split("-")
    chars = list(groups[group - 1])
    chars[1] = "A" if chars[1] != "A" else "B"
    groups[group - 1] = "".join(chars)
    return "-".join(groups)


def test_each_finished_group_is_checked_while_typing(dialog: RecoveryDialog, lost_key) -> None:
    recovery_key = lost_key.recovery_key
    dialog.key_edit.setText(recovery_key[:11])  # two good groups
    assert dialog.problem.text() == ""
    assert not dialog.unlock_button.isEnabled()

    typo = _typo_in_group(recovery_key, 3)
    dialog.key_edit.setText(typo[:17])  # group 3 finished, with the typo
    assert "Group 3" in dialog.problem.text()
    assert not dialog.unlock_button.isEnabled()

    dialog.key_edit.setText(recovery_key.lower().replace("-", " "))
    assert dialog.problem.text() == ""
    assert dialog.unlock_button.isEnabled()


def test_a_key_of_another_database_is_refused_in_a_sentence(
    dialog: RecoveryDialog, memory_keyring: MemoryKeyring
) -> None:
    dialog.key_edit.setText(format_recovery_key(new_key()))
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert "does not open this clinic's database" in dialog.problem.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not memory_keyring.entries


def test_unlock_stores_the_key_and_the_clinic_opens(
    dialog: RecoveryDialog, lost_key: NewClinic, config: Config, vault: KeyVault
) -> None:
    with pytest.raises(KeyMissingError):
        open_clinic(config, vault)
    dialog.key_edit.setText(lost_key.recovery_key)
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key_edit.text() == ""  # not kept in the widget
    context = open_clinic(config, vault)
    try:
        assert context.organization_id == lost_key.context.organization_id
    finally:
        context.database.close()


def test_widgets_have_accessible_names(dialog: RecoveryDialog) -> None:
    assert dialog.key_edit.accessibleName() == "Recovery key"
    assert dialog.problem.accessibleName() == "Recovery key problem"
    assert dialog.unlock_button.accessibleName() == "Unlock"
