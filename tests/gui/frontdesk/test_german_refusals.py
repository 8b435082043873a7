"""The German window shows the services' and the store's refusals in German, one from each
area whose sentences were marked last: a set-up rule, privacy, backup and store (the
recovery key), the reminder settings, the set-up transfer and desk access.

Each refusal comes from the real service or store call (its English sentence is what the CLI
prints), and reaches the window the way the window shows it: a failed operation's message
box (WriteOp), the recovery dialog's live problem, the start-up error box. A sentence left
in English, or half English, fails the test.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.gui.application import report_open_failure
from cicini_desktop.gui.backup_page import BackupPage
from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.operations import WriteOp
from cicini_desktop.gui.recovery import RecoveryDialog
from cicini_desktop.services import privacy, setup_transfer
from cicini_desktop.services.maintenance import backup_job
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.scheduling import availability
from cicini_desktop.store import vault
from tests.gui.frontdesk.conftest import on_worker, open_window, settle
from tests.gui.frontdesk.test_every_screen import account_for

# Words that give an English sentence away (none is German).
ENGLISH_WORDS = (" the ", "The ", " must ", " is ", " choose ", " check ", " your ", " with ")


def refused(call) -> str:
    """The English sentence of the refusal, as the CLI and the log see it."""
    with pytest.raises(CiciniError) as caught:
        call()
    return str(caught.value.user_message)


def assert_german(shown: str, english: str, *german: str) -> None:
    assert shown != english
    assert not any(word in shown for word in ENGLISH_WORDS), shown
    for words in german:
        assert words in shown, shown


@pytest.fixture
def german(qapp):
    assert install_language(LocaleChoice("de"))
    yield
    install_language(LocaleChoice("en"))


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def test_service_refusals_of_each_area_are_german_in_the_window(qtbot, clinic, hub, german, boxes):
    window = open_window(qtbot, clinic, hub, clinic.manager)
    settle(qtbot, hub)
    manager = clinic.manager.actor
    current = on_worker(clinic, lambda: reminder_settings.get_settings(clinic.context, manager))
    cases = [
        (  # a set-up rule: the clinic's week
            lambda: availability.set_clinic_hours(
                clinic.context, manager, [(0, 9 * 60, 13 * 60), (0, 12 * 60, 14 * 60)]
            ),
            ("Öffnungszeiten, Montag: 12:00-14:00 überschneidet sich mit 09:00-13:00.",),
        ),
        (  # privacy: the retention minimum
            lambda: privacy.set_minimum_retention_years(clinic.context, manager, 500),
            ("Mindestaufbewahrung zwischen 0 und",),
        ),
        (  # privacy: erasing one's own account
            lambda: privacy.erase_staff(clinic.context, manager, manager.staff_id),
            ("Sie können Ihr eigenes Konto nicht löschen",),
        ),
        (  # the reminder settings
            lambda: reminder_settings.save_settings(
                clinic.context, manager, replace(current, smtp=replace(current.smtp, port=0))
            ),
            ("Der Port des Mailservers liegt zwischen 1 und 65535.",),
        ),
        (  # the set-up transfer: a provisioning file's [setup]
            lambda: setup_transfer.parse_setup({"opening_hours": "8-12"}, None),
            ("'setup.opening_hours' muss eine Tabelle der Wochentage sein",),
        ),
    ]
    for call, german_words in cases:
        english = refused(lambda call=call: on_worker(clinic, call))
        before = len(boxes)
        WriteOp(window, call).run(hub)
        qtbot.waitUntil(lambda before=before: len(boxes) == before + 1, timeout=10_000)
        assert_german(boxes[-1], english, *german_words)


def test_a_store_refusal_the_recovery_key_is_german_as_it_is_typed(qtbot, german):
    dialog = RecoveryDialog(lambda _text: None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.key_edit, "ABCD!")  # "!" is never part of a recovery key
    shown = dialog.problem.text()
    english = "Group 1 of the recovery key holds a character that is never used ('!')"
    assert_german(shown, english, "Gruppe 1 des Wiederherstellungsschlüssels", "('!')")


def test_a_desk_access_refusal_at_start_is_german(qtbot, german, boxes, tmp_path: Path):
    """A key file the other accounts of the computer may read: the desk refuses to start."""
    key_file = tmp_path / "cicini.key"
    key_file.write_text("00" * 32 + "\n", encoding="ascii")
    os.chmod(key_file, 0o644)
    english = refused(lambda: vault.read_key_file(key_file))
    assert "can be read by other users" in english  # the CLI's sentence stays English
    with pytest.raises(CiciniError) as caught:
        vault.read_key_file(key_file)
    report_open_failure(caught.value, interactive=True)
    assert len(boxes) == 1
    assert_german(
        boxes[0],
        english,
        f"{key_file}: Die Schlüsseldatei kann von anderen Benutzern gelesen werden (Modus 644)",
        f"'chmod 600 {key_file}'",
    )


def test_a_backup_refusal_on_the_backups_page_is_german(
    qtbot, clinic, hub, german, boxes, tmp_path: Path
):
    """ "Back up now" onto a file that exists already: refused, nothing overwritten."""
    target = tmp_path / "taken.db"
    target.write_bytes(b"an older backup")
    it = account_for(clinic, BuiltInRole.IT_ADMINISTRATOR).actor  # backups are IT's
    english = refused(
        lambda: on_worker(clinic, lambda: list(backup_job(clinic.context, it, target)))
    )
    page = BackupPage(clinic.context, it, hub)
    qtbot.addWidget(page)
    settle(qtbot, hub)
    page.back_up_to(target)
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=10_000)
    assert_german(boxes[0], english, f"{target} gibt es bereits", "für die Sicherung")
    assert target.read_bytes() == b"an older backup"
