"""The window's language: Qt's own translation system, German and English.

Every user-visible string of the GUI goes through `translate(context, text)` (a thin
`QCoreApplication.translate`, which `pyside6-lupdate` finds by its name); the context is the
module's path under gui/ ("schedule.booking_dialog"). Strings defined at module level are
marked with `QT_TRANSLATE_NOOP(context, text)` and translated where they are shown, since a
module is imported before the translator is installed.

    resources/translations/cicini_de.ts   kept with pyside6-lupdate (see its README.md)
    resources/translations/cicini_de.qm   compiled with pyside6-lrelease, committed; a test checks
                                          that it is what lrelease makes of the .ts, and that no
                                          message of a shipped language is unfinished

The language is the first of: the workstation's CICINI_LANGUAGE (environment, IT), the
clinic's choice (Clinic set-up > Front desk), the operating system's UI languages; anything
other than a shipped language falls back to English (the source language). Qt's own strings
(OK, Cancel, the context menus, the date pickers) come from the `qtbase_<lang>.qm` that
PySide6 ships, and `QLocale.setDefault` makes every QDateEdit, QCalendarWidget and number
shown by `QLocale()` follow the same language, with the clinic's first day of the week.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

__all__ = [
    "LANGUAGE_ENV",
    "QT_TRANSLATE_NOOP",
    "SHIPPED_LANGUAGES",
    "LocaleChoice",
    "choose_language",
    "current_choice",
    "install_language",
    "remember_clinic_choice",
    "remembered_clinic_choice",
    "translate",
    "translations_dir",
]

SOURCE_LANGUAGE = "en"
# A workstation's own choice ("de", "en"), over the clinic's and the system's: IT sets it in
# the environment of the shortcut; the test suite sets "en".
LANGUAGE_ENV = "CICINI_LANGUAGE"
# Languages with a complete catalogue (the test suite fails on an unfinished message).
SHIPPED_LANGUAGES: tuple[str, ...] = ("en", "de")
CATALOGUE_PREFIX = "cicini_"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """QCoreApplication.translate under the name lupdate looks for; `n` picks a plural form
    of a `%n` message."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> Path:
    """resources/translations: beside the package in a checkout, in _internal when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources" / "translations"
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def choose_language(
    workstation: str = "", clinic: str = "", system: list[str] | None = None
) -> str:
    """The first shipped language among the workstation's, the clinic's and the system's
    UI languages ("de-DE", "de_AT", "en-US"); English when none is shipped."""
    wishes = [workstation, clinic, *(system if system is not None else _system_languages())]
    for wish in wishes:
        code = (wish or "").replace("_", "-").split("-")[0].lower()
        if code in SHIPPED_LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _system_languages() -> list[str]:
    return list(QLocale.system().uiLanguages())


@dataclass(frozen=True, slots=True)
class LocaleChoice:
    """What the window shows dates in: the language, and the clinic's overrides (None:
    as the language's locale has it)."""

    language: str
    first_day_of_week: int | None = None  # 1 = Monday ... 7 = Sunday (ISO)
    clock_24h: bool | None = None


class _Installed:
    translators: list[QTranslator] = []  # noqa: RUF012 - one per application, replaced whole
    choice: LocaleChoice | None = None


def install_language(choice: LocaleChoice) -> bool:
    """Installs (or replaces) the application's translators and the default QLocale.

    Returns False when a catalogue could not be loaded (the window then stays in English
    rather than half-translated). Widgets built before the
    call keep their texts: call it before the first window.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for old in _Installed.translators:
        app.removeTranslator(old)
    _Installed.translators = []
    language = choice.language if choice.language in SHIPPED_LANGUAGES else SOURCE_LANGUAGE
    ours = QTranslator(app)
    loaded = ours.load(CATALOGUE_PREFIX + language, str(translations_dir()))
    if not loaded and language != SOURCE_LANGUAGE:
        language = SOURCE_LANGUAGE  # English, rather than half-translated
        loaded = ours.load(CATALOGUE_PREFIX + language, str(translations_dir()))
    if language != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load("qtbase_" + language, qt_dir):
            app.installTranslator(qt_own)
            _Installed.translators.append(qt_own)
    if loaded:  # (English: its plural forms only)
        app.installTranslator(ours)
        _Installed.translators.append(ours)
    QLocale.setDefault(_locale_for(language))
    _Installed.choice = LocaleChoice(language, choice.first_day_of_week, choice.clock_24h)
    return loaded and language == choice.language


def _locale_for(language: str) -> QLocale:
    """The system locale when it speaks `language` (keeps de-AT, en-GB), else the language's
    default territory (German: Germany)."""
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system
    return QLocale(language)


def current_choice() -> LocaleChoice:
    return _Installed.choice or LocaleChoice(SOURCE_LANGUAGE)


log = logging.getLogger(__name__)


def remember_clinic_choice(choice: LocaleChoice, path: Path) -> None:
    """Keep the opened clinic's choice ("" language: the clinic follows each workstation)
    for the next start's first window; a file that cannot be written is only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(choice)), encoding="utf-8")
    except OSError as error:
        log.info("clinic language not remembered: %s", type(error).__name__)


def remembered_clinic_choice(path: Path) -> LocaleChoice:
    """The last opened clinic's choice; an empty one (the system's language) when there is
    none or the file is not ours."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        first_day = raw.get("first_day_of_week")
        clock = raw.get("clock_24h")
        return LocaleChoice(
            raw["language"] if raw.get("language") in SHIPPED_LANGUAGES else "",
            first_day if isinstance(first_day, int) and 1 <= first_day <= 7 else None,
            clock if isinstance(clock, bool) else None,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return LocaleChoice("")
