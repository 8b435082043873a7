"""Reading an SMS reply: YES/C confirms, NO/CANCEL cancels, STOP opts out, else a person.

Forgiving about case, spaces and punctuation ("yes!", " Yes please" is *not* a yes: only a
reply that is exactly one keyword counts, anything longer may say something a person must read).
"""

from __future__ import annotations

import re
import unicodedata

from cicini_desktop.core.reminders.vocabulary import ReplyIntent

_KEYWORDS: dict[str, ReplyIntent] = {
    "yes": ReplyIntent.CONFIRM,
    "y": ReplyIntent.CONFIRM,
    "c": ReplyIntent.CONFIRM,
    "confirm": ReplyIntent.CONFIRM,
    "ja": ReplyIntent.CONFIRM,
    "no": ReplyIntent.CANCEL,
    "n": ReplyIntent.CANCEL,
    "cancel": ReplyIntent.CANCEL,
    "nein": ReplyIntent.CANCEL,
    "absagen": ReplyIntent.CANCEL,
    # Carrier-standard opt-out words (CTIA): all of them opt out, at once.
    "stop": ReplyIntent.STOP,
    "stopp": ReplyIntent.STOP,
    "stopall": ReplyIntent.STOP,
    "unsubscribe": ReplyIntent.STOP,
    "end": ReplyIntent.STOP,
    "quit": ReplyIntent.STOP,
}

_PUNCTUATION = re.compile(r"[\s.!,;:?'\"()\-]+")


def parse_reply(text: str) -> ReplyIntent:
    folded = unicodedata.normalize("NFKC", text).casefold()
    word = _PUNCTUATION.sub("", folded)
    if not word or _PUNCTUATION.sub(" ", folded).strip().count(" ") > 0:
        return ReplyIntent.OTHER
    return _KEYWORDS.get(word, ReplyIntent.OTHER)
