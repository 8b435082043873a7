"""Re-take the README screenshots of reminders: the desk's panel and the manager's editor.

    xvfb-run -s '-screen 0 1280x800x24' .venv/bin/python \
        resources/screenshots/take_reminder_screenshots.py

The demo clinic on Wednesday 18 March 2026 at 10:40, with two SMS rules, patients who
consented, the reference SMS gateway on loopback (nothing leaves the machine) and a few
replies. The screen is grabbed with ImageMagick's `import -window root`. Writes
reminders-panel.png, reminder-rules.png and reminder-messages.png beside this file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
import keyring.backend
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.reminders.rules import RuleInput
from cicini_desktop.core.reminders.settings import ReminderSettings, SmsSettings, SmtpSettings
from cicini_desktop.core.reminders.vocabulary import Channel, ConsentSource
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.reminders.desk_panel import RemindersPanel
from cicini_desktop.gui.reminders.rules_page import ReminderRulesPage
from cicini_desktop.services.demo import build_demo
from cicini_desktop.services.reminders import consent, rules
from cicini_desktop.services.reminders import settings as reminder_settings
from cicini_desktop.services.reminders.reference_gateway import Gateway, serve_in_thread
from cicini_desktop.services.reminders.runner import run_due_reminders

HERE = Path(__file__).parent


class _ScratchKeyring(keyring.backend.KeyringBackend):
    """This run's secrets (the demo SMS token) in memory: the real keystore is not touched."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 18, 10, 40, tzinfo=BERLIN)


def shoot(name: str) -> None:
    path = HERE / name
    subprocess.run(["import", "-window", "root", str(path)], check=True)  # noqa: S603, S607
    if shutil.which("convert"):
        # 256 colours keep a UI picture sharp and small for the README.
        subprocess.run(["convert", str(path), "-colors", "256", f"PNG8:{path}"], check=True)  # noqa: S603, S607
    print("saved", name, path.stat().st_size // 1024, "KB", file=sys.stderr)


def prepare() -> tuple[object, object]:
    folder = Path(tempfile.mkdtemp(prefix="cicini-reminder-shots-"))
    config = load_config(data_dir_flag=str(folder)).with_values(key_file=str(folder / "k.key"))
    # Built the day before, so the appointments have settled by "now".
    clock = FixedClock(datetime(2026, 3, 17, 9, 0, tzinfo=BERLIN))
    steps = build_demo(config, clock=clock, today=date(2026, 3, 18), days_before=1,
                       days_after=3, patients=120)
    try:
        while True:
            next(steps)
    except StopIteration as done:
        demo = done.value
    context, actor = demo.context, demo.manager.actor
    gateway = serve_in_thread(Gateway("AC-demo", "demo-token", "+4930555000"))
    reminder_settings.save_settings(
        context,
        actor,
        ReminderSettings(
            enabled=True,
            clinic_phone="+49 30 555 0100",
            include_first_name=True,
            smtp=SmtpSettings(host="smtp.praxis.example", from_address="termine@praxis.example"),
            sms=SmsSettings(base_url=gateway.url, account_id="AC-demo",
                            from_number="+4930555000"),
        ),
    )
    reminder_settings.set_sms_token(context, actor, "demo-token")
    rules.create_rule(context, actor, RuleInput("Two days ahead", Channel.SMS, 48 * 60))
    rules.create_rule(context, actor, RuleInput("Same morning", Channel.SMS, 120))
    rules.create_rule(context, actor, RuleInput("Email the week before", Channel.EMAIL,
                                                7 * 24 * 60, active=False))
    for patient_id in demo.patient_ids:
        consent.record_consent(context, actor, patient_id, Channel.SMS, granted=True,
                               source=ConsentSource.PATIENT_FORM)
    clock.set(datetime(2026, 3, 18, 8, 45, tzinfo=BERLIN))
    run_due_reminders(context)  # plans; the first due ones go
    gateway.gateway.faults.extend(["400", "503"])
    clock.set(NOW)
    run_due_reminders(context, batch=500)
    # Replies to reminders of Friday's appointments (this morning's have started already).
    sent = [m for m in gateway.gateway.outbound() if "Friday" in m["body"]]
    texts = ["Can I come at 4 instead? My train is late", "NO", "YES", "Wer ist da?"]
    for message, text in zip(sent[:4], texts, strict=False):
        gateway.gateway.inject_reply(message["to"], text, NOW)
    gateway.gateway.inject_reply("+4917012345678", "ok see you", NOW)
    run_due_reminders(context)
    return demo, gateway


def main() -> int:
    app = QApplication(sys.argv[:1])
    keyring.set_keyring(_ScratchKeyring())
    demo, gateway = prepare()
    hub = OperationHub()
    context, actor = demo.context, demo.manager.actor  # type: ignore[attr-defined]
    panel = RemindersPanel(context, actor, hub)
    editor = ReminderRulesPage(context, actor, hub)

    def place(widget: QWidget) -> None:
        widget.setGeometry(0, 0, 1280, 800)
        widget.show()
        widget.raise_()

    def step_panel() -> None:
        place(panel)
        QTimer.singleShot(1500, lambda: (shoot("reminders-panel.png"), step_rules()))

    def step_rules() -> None:
        panel.hide()
        place(editor)
        editor.rules_table.selectRow(1)
        QTimer.singleShot(1200, lambda: (shoot("reminder-rules.png"), step_messages()))

    def step_messages() -> None:
        editor.tabs.setCurrentIndex(1)
        editor.template_channel.setCurrentIndex(editor.template_channel.findData("sms"))
        QTimer.singleShot(1500, lambda: (shoot("reminder-messages.png"), app.quit()))

    QTimer.singleShot(500, step_panel)
    app.exec()
    hub.shutdown()
    gateway.close()
    context.database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
