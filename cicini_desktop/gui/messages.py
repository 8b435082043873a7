"""Service sentences (errors, progress labels) in the window's language.

Services write their sentences as `core.messages.Message` values (English `str`s that keep
their template and parameters); here the template is translated with the catalogue and the
parameters are written as the window's locale writes them: counts with QLocale's grouping
("450.000 von 1.000.000 Einträgen geprüft"), times with the clinic's clock, nested
sentences translated themselves. A plain `str` (a sentence not yet marked) is shown as it is.

    sentence(error)      the error's user_message, translated
    localized(text)      any Message (a Progress label), translated
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QLocale

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.messages import Message, as_clause
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.locale_format import day_long, time_of


def localized(text: str) -> str:
    if not isinstance(text, Message):
        return text
    template = translate(text.context, text.template)
    values = {name: _value(value) for name, value in text.params.items()}
    try:
        said = template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):
        return str(text)  # a translation that lost a placeholder: English rather than broken
    if text.clause:
        return as_clause(said, lower=QLocale().language() == QLocale.Language.English)
    return said


def sentence(error: BaseException) -> str:
    """What to show for a failed operation: the translated sentence of a CiciniError."""
    if isinstance(error, CiciniError):
        return localized(error.user_message)
    return str(error)


def _value(value: Any) -> str:
    if isinstance(value, Message):
        return localized(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, datetime | time):
        return time_of(value)
    if isinstance(value, date):
        return day_long(value)
    if isinstance(value, tuple | list):
        return " ".join(_value(v) for v in value)
    return str(value)
