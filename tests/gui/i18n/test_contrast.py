"""Text contrast of at least 4.5:1 (WCAG 2.x AA) in the light and the dark palette.

The ratios are computed (WCAG relative luminance) from the colours the window really uses:
the Fusion style's light palette and the dark palette Qt builds for a dark colour scheme
(text roles on their backgrounds), the status badges' white words on their colours, the
demo banner, and the error red the window picks for each palette. The status is also
written (badge word, list and tooltip), so colour is never the only cue.

The palettes Qt itself gives the app for a dark system and for high contrast (through the
desktop portal, as GNOME and KDE publish them) are checked in tests/gui/appearance/
(`QStyleHints.setColorScheme` is not honoured by the offscreen platform, so that test runs
the app with Qt's xdgdesktopportal theme on a private D-Bus session instead).
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from cicini_desktop.gui import palette_colours as colours
from cicini_desktop.gui.schedule.grid_painting import SHORT_STATUS, STATUS_COLOURS
from cicini_desktop.gui.schedule.rows import STATUS_LABELS

AA = 4.5
R = QPalette.ColorRole
TEXT_ON = (
    (R.WindowText, R.Window),
    (R.Text, R.Base),
    (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button),
    (R.HighlightedText, R.Highlight),
    (R.ToolTipText, R.ToolTipBase),
)


contrast = colours.contrast


def light_palette() -> QPalette:
    """Fusion's light palette as the application sets it (qt_application -> readable)."""
    return colours.readable(QStyleFactory.create("Fusion").standardPalette())


def dark_palette() -> QPalette:
    """A dark scheme's palette (Fusion's dark colours), as the application sets it."""
    palette = QPalette(QColor("#353535"))
    palette.setColor(R.Base, QColor("#2a2a2a"))
    palette.setColor(R.AlternateBase, QColor("#303030"))
    palette.setColor(R.Text, QColor("#f0f0f0"))
    palette.setColor(R.WindowText, QColor("#f0f0f0"))
    palette.setColor(R.ButtonText, QColor("#f0f0f0"))
    palette.setColor(R.ToolTipBase, QColor("#3c3c3c"))
    palette.setColor(R.ToolTipText, QColor("#f0f0f0"))
    palette.setColor(R.Highlight, QColor("#2a5fa0"))
    palette.setColor(R.HighlightedText, QColor("#ffffff"))
    return colours.readable(palette)


def test_the_formula_agrees_with_wcag_reference_values():
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


def test_fusions_own_selection_colour_is_too_light_and_is_darkened(qapp):
    raw = QStyleFactory.create("Fusion").standardPalette()
    assert contrast(raw.color(R.HighlightedText), raw.color(R.Highlight)) < AA
    fixed = colours.readable(raw)
    assert contrast(fixed.color(R.HighlightedText), fixed.color(R.Highlight)) >= AA


@pytest.mark.parametrize("name", ["light", "dark"])
def test_palette_text_roles_reach_aa(qapp, name):
    palette = light_palette() if name == "light" else dark_palette()
    low = {
        f"{text.name}/{background.name}": round(
            contrast(palette.color(text), palette.color(background)), 2
        )
        for text, background in TEXT_ON
        if contrast(palette.color(text), palette.color(background)) < AA
    }
    assert low == {}


@pytest.mark.parametrize("name", ["light", "dark"])
def test_error_text_reaches_aa_on_each_palette(qapp, name):
    palette = light_palette() if name == "light" else dark_palette()
    assert colours.is_dark(palette) == (name == "dark")
    for background in (R.Window, R.Base):
        ratio = contrast(colours.error_colour(palette), palette.color(background))
        assert ratio >= AA, f"error text on {background.name}: {ratio:.2f}"


def test_status_badges_and_banners_reach_aa_and_say_the_status_in_words(qapp):
    for status, fill in STATUS_COLOURS.items():
        ratio = contrast(QColor("white"), QColor(fill))
        assert ratio >= AA, f"{status}: white on {fill} is {ratio:.2f}"
        assert SHORT_STATUS[status]
        assert STATUS_LABELS[status]
    banner = contrast(QColor(colours.BANNER_TEXT), QColor(colours.BANNER_BACKGROUND))
    warning = contrast(QColor(colours.WARNING_TEXT), QColor(colours.WARNING_BACKGROUND))
    assert banner >= AA
    assert warning >= AA


def test_the_demo_banner_drops_its_colours_when_high_contrast_is_switched_on(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from cicini_desktop.gui.main_window import MainWindow

    window = MainWindow("Demo clinic", demo=True)
    qtbot.addWidget(window)
    assert colours.BANNER_BACKGROUND in window.banner.styleSheet()
    # The system turns high contrast on: Qt reports the preference and emits its signal.
    monkeypatch.setattr("cicini_desktop.gui.main_window.high_contrast", lambda: True)
    hints = QGuiApplication.styleHints()
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert colours.BANNER_BACKGROUND not in window.banner.styleSheet()
    assert "color:" not in window.banner.styleSheet()  # the system's own text colour
