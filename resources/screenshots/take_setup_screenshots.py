"""Take the README screenshots of the clinic set-up pages, on the demo clinic.

    xvfb-run -s '-screen 0 1280x800x24' \
        .venv/bin/python resources/screenshots/take_setup_screenshots.py

Each page is shown alone, filling the virtual screen, and captured with ImageMagick's
`import -window root`. Writes setup-*.png beside this file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.setup.hours_page import OpeningHoursPage
from cicini_desktop.gui.setup.providers_page import ProviderHoursPage
from cicini_desktop.gui.setup.rooms_page import RoomsPage
from cicini_desktop.gui.setup.types_page import AppointmentTypesPage
from cicini_desktop.services.demo import build_demo

HERE = Path(__file__).parent
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 18, 10, 40, tzinfo=BERLIN)


def shoot(name: str) -> None:
    path = HERE / name
    subprocess.run(["import", "-window", "root", str(path)], check=True)  # noqa: S603, S607
    if shutil.which("convert"):
        subprocess.run(["convert", str(path), "-colors", "256", f"PNG8:{path}"], check=True)  # noqa: S603, S607
    print("saved", name, path.stat().st_size // 1024, "KB", file=sys.stderr)


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="cicini-setup-shots-"))
    config = load_config(data_dir_flag=str(folder)).with_values(key_file=str(folder / "k.key"))
    clock = FixedClock(NOW)
    steps = build_demo(config, clock=clock, days_before=1, days_after=3)
    try:
        while True:
            next(steps)
    except StopIteration as done:
        demo = done.value
    hub = OperationHub()
    actor = demo.manager.actor
    geometry = app.primaryScreen().geometry()
    pages: list[tuple[str, QWidget]] = []

    def show(page: QWidget, title: str) -> QWidget:
        page.setWindowTitle(f"Clinic set-up — {title}")
        page.setGeometry(geometry)
        return page

    hours = show(OpeningHoursPage(demo.context, actor, hub), "Opening hours and closures")
    providers = show(ProviderHoursPage(demo.context, actor, hub), "Working hours and time off")
    types = show(AppointmentTypesPage(demo.context, actor, hub), "Appointment types")
    rooms = show(RoomsPage(demo.context, actor, hub), "Rooms")
    pages = [
        ("setup-hours.png", hours),
        ("setup-providers.png", providers),
        ("setup-types.png", types),
        ("setup-rooms.png", rooms),
    ]

    def prepare() -> None:
        hours.show_holidays()  # type: ignore[attr-defined]
        types.list.setCurrentRow(0)  # type: ignore[attr-defined]
        rooms.list.setCurrentRow(0)  # type: ignore[attr-defined]
        QTimer.singleShot(1500, lambda: step(0))

    def step(index: int) -> None:
        if index == len(pages):
            app.quit()
            return
        name, page = pages[index]
        for _, other in pages:
            other.hide()
        page.show()
        page.raise_()
        if page is hours:
            for i in range(2):
                item = hours.holidays.item(i)  # type: ignore[attr-defined]
                if item is not None and item.flags() & item.flags().ItemIsUserCheckable:
                    item.setCheckState(item.checkState().Checked)
        QTimer.singleShot(900, lambda: (shoot(name), step(index + 1)))

    QTimer.singleShot(2500, prepare)
    app.exec()
    hub.shutdown()
    demo.context.database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
