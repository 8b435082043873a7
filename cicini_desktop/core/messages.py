"""Sentences that services say in English and the window says in the user's language.

Services and core stay free of Qt, so they cannot call the GUI's translator. A sentence a
person may see (an error's `user_message`, a long job's progress label) is written as

    QT_TRANSLATE_NOOP("errors.scheduling", "The room is already booked from {start} to {end}.")
        .format(start=start, end=end)

`QT_TRANSLATE_NOOP` is found by its NAME by `pyside6-lupdate` (it extracts the two literal
arguments of any call so named, whatever the module; resources/translations/update.py scans
core and services too), so the German catalogue holds the template. Here it returns a
`Message`: a `str` whose value is the English sentence (the CLI prints it, tests match it,
logs never hold it), which also remembers its context, template and parameters. The GUI
(gui/messages.py) translates the template and fills in the parameters as the window's
language writes them. A `Message` that goes through string operations (`+`, f-strings)
becomes a plain English `str`: still a sentence, no longer translatable.

Parameters: an `int` is a count, written with the language's digit grouping ("450,000",
"450.000"); pass numbers that are not counts (years, ports, codes) as text. A `time` or
`datetime` is written as a time of day ("14:30", or the clinic's 12-hour clock in the
window); a `date` as a date. A `Message` is translated itself; a tuple of them is joined
with spaces. Anything else is text as it is (names never: messages carry no personal data).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

__all__ = ["QT_TRANSLATE_NOOP", "Message", "as_clause", "english_value"]


class Message(str):
    """An English sentence with what it takes to say it in another language."""

    context: str
    template: str
    params: Mapping[str, Any]
    clause: bool  # used inside another sentence: no final period (English: lower case)

    def __new__(
        cls,
        context: str,
        template: str,
        params: Mapping[str, Any] | None = None,
        clause: bool = False,
    ) -> Message:
        values = dict(params or {})
        text = (
            template.format(**{k: english_value(v) for k, v in values.items()})
            if values
            else template
        )
        self = super().__new__(cls, as_clause(text, lower=True) if clause else text)
        self.context = context
        self.template = template
        self.params = values
        self.clause = clause
        return self

    def format(self, *args: object, **params: Any) -> Message:  # type: ignore[override]
        """The same template with (more) parameters: names only, so a translation may put
        them in another order."""
        if args:
            raise TypeError("a Message takes named parameters only")
        return Message(self.context, self.template, {**self.params, **params}, self.clause)

    def as_clause(self) -> Message:
        """This sentence as part of another ("... (see the schedule of ...); ask ...")."""
        return Message(self.context, self.template, self.params, clause=True)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.context, self.template, dict(self.params), self.clause))


def as_clause(text: str, *, lower: bool) -> str:
    """A sentence made a clause: its final period dropped, and (in English, `lower`) its
    first letter in lower case. German keeps the capital: its nouns need it."""
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] if lower else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> Message:
    """Marks `text` for the catalogue under `context`; call `.format(...)` for parameters."""
    return Message(context, text)


def english_value(value: Any) -> str:
    """A parameter as the English sentence writes it."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime | time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return " ".join(english_value(v) for v in value)
    return str(value)
