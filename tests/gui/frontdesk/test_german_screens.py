"""The window in German shows no English source string (names and data excepted).

The application is switched to German as a German workstation starts it (Qt's translator
from resources/translations/cicini_de.qm, qtbase_de.qm, QLocale de_DE), then the signed-in
window is built as `cicini-desktop` builds it, every side-bar page is opened (every tab of
Clinic set-up and of Reminder rules), the schedule's dialogs are opened from its actions,
and the sign-in dialog, the onboarding wizard (every page), the keyboard-shortcuts dialog
and the booking dialog are built. Every text a person or a screen reader meets there (see
screen_texts.py) is compared with the catalogue's English source strings.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.gui.application import FrontDesk
from cicini_desktop.gui.audit_viewer import AuditViewerPage
from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.main_window import ShortcutsDialog
from cicini_desktop.gui.messages import localized
from cicini_desktop.gui.onboarding import OnboardingWizard
from cicini_desktop.gui.operations import WriteOp
from cicini_desktop.gui.sign_in import SignInDialog
from cicini_desktop.services.clinic import ClinicFacts
from cicini_desktop.services.scheduling import front_desk_settings as desk_settings
from tests.gui.frontdesk.conftest import BERLIN, local, open_window, settle
from tests.gui.frontdesk.screen_texts import english_shown, english_sources, widget_texts

SCHEDULE_DIALOG_KEYS = ("book", "providers", "goto", "find_slot", "print")


@pytest.fixture
def german(qapp):
    assert install_language(LocaleChoice("de"))
    yield
    install_language(LocaleChoice("en"))


class ModalReader:
    """Reads the texts of each modal dialog (and message box) as it opens, then closes it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, english: set[str]) -> None:
        self.english = english
        self.seen: list[str] = []
        self.shown: list[str] = []
        reader = self

        def read_box(box: QMessageBox) -> int:
            reader._read(box)
            return int(QMessageBox.StandardButton.Ok)

        monkeypatch.setattr(QMessageBox, "exec", read_box)
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._close_modal)
        self.timer.start()

    def _read(self, widget: QWidget) -> None:
        self.seen.append(widget.windowTitle() or type(widget).__name__)
        self.shown += english_shown(widget, self.english)

    def _close_modal(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            self._read(popup)
            popup.close()
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            self._read(modal)
            modal.reject()


@pytest.fixture
def modal_reader(monkeypatch, german):
    reader = ModalReader(monkeypatch, english_sources())
    yield reader
    reader.timer.stop()


def test_the_german_window_pages_and_dialogs_show_no_english_source_string(
    qtbot, clinic, hub, modal_reader, config
):
    english = modal_reader.english
    assert "Book an appointment" in english
    assert "Cancel appointment" in english
    assert QLocale().language() == QLocale.Language.German
    shown: list[str] = []

    desk = FrontDesk(clinic.context, hub, ClinicFacts("Praxis am Park", BERLIN), demo=False)
    window = desk.open(clinic.manager)
    qtbot.addWidget(window)
    settle(qtbot, hub)
    assert window.menuBar().actions()[0].text() == "&Datei"
    for key in list(window.page_specs):
        page = window.show_page(key)
        settle(qtbot, hub)
        assert page is not None
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle(qtbot, hub)
        shown += english_shown(window, english)
    schedule = window.show_page("schedule")
    for action_key in SCHEDULE_DIALOG_KEYS:
        action = schedule.actions_by_key[action_key]  # type: ignore[union-attr]
        if action.isEnabled():
            action.trigger()
            qtbot.wait(150)
            settle(qtbot, hub)
    shortcuts = ShortcutsDialog(window.all_actions(), window)
    qtbot.addWidget(shortcuts)
    shown += english_shown(shortcuts, english)

    sign_in = SignInDialog(clinic.context, hub)
    qtbot.addWidget(sign_in)
    shown += english_shown(sign_in, english)
    wizard = OnboardingWizard(config, hub)
    qtbot.addWidget(wizard)
    for page_id in wizard.pageIds():
        shown += english_shown(wizard.page(page_id), english)
    shown += english_shown(wizard, english)
    modal_reader.timer.stop()
    desk.shutdown()

    assert len(modal_reader.seen) >= 3, modal_reader.seen  # the dialogs were really read
    texts = [text for _, text in widget_texts(window)]
    assert len(texts) > 200  # the walk read the window at all
    problems = sorted(set(shown + modal_reader.shown))
    assert problems == [], "\n".join(problems)


def test_service_sentences_reach_the_german_window_in_german(
    qtbot, clinic, hub, german, monkeypatch, tmp_path
):
    """Errors and progress labels come from the services (Qt-free, English templates with
    parameters); the window shows them in German, numbers and times as German writes them."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    labels: list[str] = []
    original = QProgressDialog.setLabelText

    def record(dialog: QProgressDialog, text: str) -> None:
        labels.append(text)
        original(dialog, text)

    monkeypatch.setattr(QProgressDialog, "setLabelText", record)

    # Sign-in refused.
    sign_in = SignInDialog(clinic.context, hub)
    qtbot.addWidget(sign_in)
    qtbot.keyClicks(sign_in.username, "desk")
    qtbot.keyClicks(sign_in.password, "not the password at all")
    qtbot.mouseClick(sign_in.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sign_in.error.text() != "", timeout=10_000)
    assert sign_in.error.text() == (
        "Benutzername oder Passwort stimmen nicht; prüfen Sie beides und versuchen Sie es erneut."
    )

    # A booking conflict, live in the dialog and as the service's refusal.
    window = open_window(qtbot, clinic, hub, clinic.receptionist)
    page = window.pages["schedule"]
    qtbot.waitUntil(lambda: page.catalogue is not None)
    settle(qtbot, hub)
    dialog = page.open_booking(clinic.provider_one, local(10, 30), 15)
    qtbot.keyClicks(dialog.patient.search, "Turing")
    qtbot.waitUntil(lambda: dialog.patient.results.count() > 0)
    QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)
    dialog.type.setCurrentIndex(dialog.type.findData(clinic.consultation))
    qtbot.waitUntil(lambda: "⚠" in dialog.conflicts.text(), timeout=10_000)
    live = dialog.conflicts.text()
    assert "hat von 10:30 bis 10:45 bereits einen Termin" in live
    dialog._save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    refused = dialog.error.text()
    assert "bereits einen Termin" in refused
    assert "Wählen Sie eine andere Zeit" in refused
    dialog.reject()

    # A permission refusal: the receptionist may not change the clinic's settings.
    WriteOp(
        window,
        lambda: desk_settings.set_late_cancel_hours(clinic.context, clinic.receptionist.actor, 24),
    ).run(hub)
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=10_000)
    assert boxes[0].startswith("Ihre Rolle erlaubt das nicht")
    assert "(Praxiseinstellungen wie Zeitzone und Aufbewahrung ändern)" in boxes[0]

    # A long job's progress: the audit trail export.
    viewer = AuditViewerPage(clinic.context, clinic.manager.actor, hub)
    qtbot.addWidget(viewer)
    settle(qtbot, hub)
    done: list[bool] = []
    viewer.export_to(tmp_path / "audit.csv").success(lambda _: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    written = [text for text in labels if "geschrieben" in text]
    assert written, labels
    assert all("records" not in text for text in labels), labels

    english = [
        text
        for text in (sign_in.error.text(), live, refused, *boxes, *labels)
        if any(word in text for word in ("the ", "The ", "your ", "Your ", "records"))
    ]
    assert english == []


def test_counts_in_a_german_progress_label_are_grouped_as_german_writes_them(german):
    label = QT_TRANSLATE_NOOP("progress", "{checked} of {total} records checked").format(
        checked=450_000, total=1_000_000
    )
    assert str(label) == "450,000 of 1,000,000 records checked"  # the CLI, the log
    assert localized(label) == "450.000 von 1.000.000 Einträgen geprüft"
