"""The application's palette as `cicini-desktop` sets it up, reported as JSON (run by
test_system_appearance.py inside a private session bus with the fake portal).

    app_appearance.py [--wait-for-high-contrast]
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from cicini_desktop.gui import palette_colours as colours
from cicini_desktop.gui.first_window import qt_application

R = QPalette.ColorRole
TEXT_ON = (
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
    ("ToolTipText", "ToolTipBase"),
)


def snapshot() -> dict[str, object]:
    palette = QGuiApplication.palette()
    hints = QGuiApplication.styleHints()
    label = QLabel()  # a widget built now, as a page opened after the switch would be
    ratios = {
        f"{text}/{background}": round(
            colours.contrast(
                label.palette().color(getattr(R, text)),
                label.palette().color(getattr(R, background)),
            ),
            2,
        )
        for text, background in TEXT_ON
    }
    error = colours.error_colour(palette)
    return {
        "scheme": hints.colorScheme().name,
        "contrast": hints.accessibility().contrastPreference().name,
        "high_contrast": colours.high_contrast(),
        "dark": colours.is_dark(palette),
        "ratios": ratios,
        "error": error.name(),
        "text": palette.color(R.Text).name(),
        "error_on_window": round(colours.contrast(error, palette.color(R.Window)), 2),
        "error_on_base": round(colours.contrast(error, palette.color(R.Base)), 2),
        "set_by_app": hex(int(palette.resolveMask())),
        "style": QApplication.style().name(),
    }


def main() -> None:
    app = qt_application()
    report = {"start": snapshot()}
    if "--wait-for-high-contrast" in sys.argv:
        deadline = time.monotonic() + 15
        while not colours.high_contrast() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        report["after"] = snapshot()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
