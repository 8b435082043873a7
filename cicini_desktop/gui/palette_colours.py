"""The few colours that carry meaning (errors, warnings, the demo banner), chosen so text
keeps a contrast of at least 4.5:1 (WCAG AA) on the light and the dark palette, and dropped
for the palette's own colours when the system asks for high contrast.

The window follows the system's appearance: `follow_system_appearance(app)` applies the
palette once and again whenever the system switches between light and dark or turns high
contrast on or off (QStyleHints.colorSchemeChanged, QAccessibilityHints
.contrastPreferenceChanged). Only the selection colour is ever set by the app (and not under
high contrast); every other role stays the system's, so a later switch still shows.

tests/gui/i18n/test_contrast.py computes the ratios from these values and the palettes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QStyleHints

ERROR_ON_LIGHT = "#b3261e"
ERROR_ON_DARK = "#ff8a80"
BANNER_BACKGROUND = "#ffe08a"
BANNER_TEXT = "#3d2e00"
WARNING_BACKGROUND = "#fff4e5"
WARNING_TEXT = "#5f3b00"


class _Kept:
    # PySide6 6.11: once the QStyleHints wrapper is garbage-collected, the
    # QAccessibilityHints wrapper it handed out stays cached but invalid, and the next
    # styleHints().accessibility() raises "Internal C++ object already deleted". Keeping
    # the QStyleHints wrapper alive (the C++ object lives as long as the application) avoids it.
    hints: object = None


def _style_hints() -> QStyleHints:
    hints = QGuiApplication.styleHints()
    _Kept.hints = hints
    return hints


def high_contrast() -> bool:
    """The system's high-contrast preference (Windows high contrast, GNOME/macOS increase
    contrast, the desktop portal's `contrast` on Linux), as Qt reports it."""
    hints = _style_hints()
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


# Selected text: WCAG AA normally, AAA (7:1) when the system asks for high contrast (the
# platform's palette then often keeps its usual selection colour, 3.2:1 in Fusion's dark).
SELECTION_CONTRAST = 4.5
HIGH_CONTRAST_SELECTION = 7.0


def apply_palette(app: QGuiApplication) -> None:
    """The system's palette for the current scheme, with a selection colour that keeps
    selected text readable: 4.5:1, or 7:1 under high contrast."""
    app.setPalette(QPalette())  # nothing set by us: every role resolves to the system's
    system = app.palette()
    fixed = readable(system, HIGH_CONTRAST_SELECTION if high_contrast() else SELECTION_CONTRAST)
    own = QPalette()  # only the roles we change; the rest keeps following the system
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        role = QPalette.ColorRole.Highlight
        if fixed.color(group, role) != system.color(group, role):
            own.setColor(group, role, fixed.color(group, role))
    if own.resolveMask():
        app.setPalette(own)


class _AppearanceFollower(QObject):
    """Re-applies the palette when the system's scheme or contrast preference changes."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        hints = _style_hints()
        hints.colorSchemeChanged.connect(self.apply)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self.apply)

    def apply(self, *_args: object) -> None:
        apply_palette(self._app)


def when_contrast_changes(slot: Callable[..., object]) -> None:
    """Call `slot` (a method of a QObject, so the connection ends with it) whenever the
    system's contrast preference changes."""
    accessibility = getattr(_style_hints(), "accessibility", None)
    if accessibility is not None:
        accessibility().contrastPreferenceChanged.connect(slot)


def follow_system_appearance(app: QGuiApplication) -> None:
    """Apply the palette now and whenever the system's appearance changes (once per app)."""
    if app.findChild(_AppearanceFollower) is None:
        _AppearanceFollower(app)
    apply_palette(app)


def readable(palette: QPalette, minimum: float = 4.5) -> QPalette:
    """The palette with its selection colour darkened (or lightened) until selected text
    reaches `minimum` (Fusion's light blue gives white text only 3.7:1)."""
    fixed = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = fixed.color(group, QPalette.ColorRole.HighlightedText)
        fill = fixed.color(group, QPalette.ColorRole.Highlight)
        for _ in range(40):
            if contrast(text, fill) >= minimum:
                break
            fill = fill.darker(110) if _luminance(text) > 0.5 else fill.lighter(110)
        fixed.setColor(group, QPalette.ColorRole.Highlight, fill)
    return fixed
