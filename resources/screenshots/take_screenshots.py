"""Re-take the README screenshots: the demo clinic at 10:40 on a Wednesday morning.

    xvfb-run -s '-screen 0 1440x900x24' .venv/bin/python resources/screenshots/take_screenshots.py

The real app with the real demo data, only the clock is fixed (so the pictures show a
clinic mid-morning, whatever the time the script runs). Writes day-view.png,
booking-dialog.png, week-view.png, reschedule-dialog.png and patient-file.png beside this file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cicini_desktop.config import load_config
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.gui.workspace import SignedIn, build_main_window
from cicini_desktop.services.demo import DEMO_CLINIC_NAME, build_demo

HERE = Path(__file__).parent
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 18, 10, 40, tzinfo=BERLIN)


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("Cicini")
    app.setApplicationName("Cicini Desktop (screenshots)")
    folder = Path(tempfile.mkdtemp(prefix="cicini-shots-"))
    config = load_config(data_dir_flag=str(folder))
    config = config.with_values(key_file=str(folder / "demo.key"))
    clock = FixedClock(NOW)
    steps = build_demo(config, clock=clock, days_before=2, days_after=9)
    try:
        while True:
            print(next(steps).label, file=sys.stderr)
    except StopIteration as done:
        demo = done.value
    hub = OperationHub()
    window = build_main_window(
        demo.context,
        SignedIn.of(demo.manager),
        hub,
        clinic_name=DEMO_CLINIC_NAME,
        timezone=BERLIN,
        demo=True,
        now=clock.now,
    )
    window.setGeometry(0, 0, 1440, 900)
    window.show()
    page = window.pages["schedule"]

    def shoot(name: str) -> None:
        screen = app.primaryScreen()
        path = HERE / name
        screen.grabWindow(0).save(str(path))
        # 256 colours keep a UI picture sharp and under ~300 KB for the README.
        if shutil.which("convert"):
            subprocess.run(["convert", str(path), "-colors", "256", f"PNG8:{path}"], check=True)  # noqa: S603, S607
        print("saved", name, path.stat().st_size // 1024, "KB", file=sys.stderr)

    def day_view() -> None:
        page.grid.scroll_to_minute(8 * 60 + 30)
        page.side.setCurrentWidget(page.arrivals)
        QTimer.singleShot(500, lambda: (shoot("day-view.png"), booking()))

    def booking() -> None:
        grid = page.grid
        column = 3
        x = round(grid.x_of(column) + grid.column_width() / 3)
        start = QPoint(x, round(grid.y_of(12 * 60)) + 2)
        end = QPoint(x, round(grid.y_of(12 * 60 + 20)))
        QTest.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=start)
        for i in range(1, 6):
            QTest.mouseMove(grid.viewport(), start + (end - start) * (i / 5), 5)
        QTest.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end)
        dialog = page.booking_dialog
        dialog.move(420, 120)
        QTest.keyClicks(dialog.patient.search, "Wint")
        QTimer.singleShot(900, lambda: choose(dialog))

    def choose(dialog: object) -> None:
        QTest.keyClick(dialog.patient.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        dialog.type.setCurrentIndex(1)  # type: ignore[attr-defined]
        QTimer.singleShot(900, lambda: (shoot("booking-dialog.png"), week(dialog)))

    def week(dialog: object) -> None:
        dialog.reject()  # type: ignore[attr-defined]
        page.week_provider_ids = demo.provider_ids[:2]
        page.set_mode("week")
        QTimer.singleShot(
            1500,
            lambda: (page.grid.scroll_to_minute(8 * 60), QTimer.singleShot(500, after_week)),
        )

    def after_week() -> None:
        shoot("week-view.png")
        page.set_mode("day")
        QTimer.singleShot(1500, reschedule)

    def movable() -> object:
        rows = sorted(page.model.appointments(), key=lambda r: r.start)
        return next(
            r for r in rows if r.status in ("booked", "confirmed") and r.start > clock.now()
        )

    def reschedule() -> None:
        row = movable()
        page.grid.select(row.id)  # type: ignore[attr-defined]
        dialog = page.open_reschedule(row.id)  # type: ignore[attr-defined]
        assert dialog is not None
        dialog.move(420, 160)
        dialog.resize(560, dialog.sizeHint().height())
        QTimer.singleShot(300, dialog.find_next.click)
        QTimer.singleShot(1500, lambda: (shoot("reschedule-dialog.png"), patient_file(dialog)))

    def patient_file(dialog: object) -> None:
        dialog.reject()  # type: ignore[attr-defined]
        row = movable()
        file = page.open_patient_file(row.patient_id)  # type: ignore[attr-defined]
        assert file is not None
        file.move(360, 80)
        QTimer.singleShot(1500, lambda: (shoot("patient-file.png"), finish()))

    def finish() -> None:
        app.quit()

    QTimer.singleShot(2500, day_view)
    app.exec()
    window.close()
    window.deleteLater()
    app.processEvents()
    hub.shutdown()
    demo.context.database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
