"""The few colours that carry meaning (errors, warnings, the demo banner), chosen so text
keeps a contrast of at least 4.5:1 (WCAG AA) on the light and the dark palette, and dropped
for the palette's own colours when the system asks for high contrast.

tests/gui/i18n/test_contrast.py computes the ratios from these values and the palettes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ERROR_ON_LIGHT = "#b3261e"
ERROR_ON_DARK = "#ff8a80"
BANNER_BACKGROUND = "#ffe08a"
BANNER_TEXT = "#3d2e00"
WARNING_BACKGROUND = "#fff4e5"
WARNING_TEXT = "#5f3b00"


def high_contrast() -> bool:
    """The system's high-contrast preference (Windows high contrast, GNOME/macOS increase
    contrast), as Qt reports it."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = accessibility().contrastPreference()
    return preference == Qt.ContrastPreference.HighContrast


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def error_colour(palette: QPalette | None = None) -> QColor:
    palette = palette or QGuiApplication.palette()
    if high_contrast():
        return palette.color(QPalette.ColorRole.Text)
    return QColor(ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT)


def error_style(palette: QPalette | None = None) -> str:
    """A style sheet for a one-sentence error label: red (bold) on either palette."""
    return f"color: {error_colour(palette).name()}; font-weight: bold;"


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(text: QColor, background: QColor) -> float:
    """WCAG 2.x contrast ratio, 1 to 21."""
    high, low = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def focus_colour(palette: QPalette) -> QColor:
    """The colour of a focus ring painted by hand (calendar grid, month overview): the
    palette's text colour, which keeps at least 4.5:1 on the base (more than the 3:1 a
    focus indicator needs, WCAG 2.4.13/1.4.11), also under high contrast."""
    return palette.color(QPalette.ColorRole.Text)


def readable(palette: QPalette, minimum: float = 4.5) -> QPalette:
    """The palette with its selection colour darkened (or lightened) until selected text
    reaches `minimum` (Fusion's light blue gives white text only 3.7:1); untouched under
    high contrast, where the system's colours are the point."""
    if high_contrast():
        return palette
    fixed = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = fixed.color(group, QPalette.ColorRole.HighlightedText)
        fill = fixed.color(group, QPalette.ColorRole.Highlight)
        for _ in range(20):
            if contrast(text, fill) >= minimum:
                break
            fill = fill.darker(110) if _luminance(text) > 0.5 else fill.lighter(110)
        fixed.setColor(group, QPalette.ColorRole.Highlight, fill)
    return fixed
