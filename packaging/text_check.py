"""`cicini-text-check`: what the frozen build's Qt does with German text, as one JSON report.

The one-folder build ships a cut-down ICU data library (packaging/build.py keeps the root
and the shipped languages' collation and time-zone names). This check runs INSIDE the built
program, so the smoke test (tests/e2e/test_packaging_smoke.py) and support on a workstation
see what the packaged Qt really does: start the launcher through a link of this name,

    ln -s /opt/cicini/cicini /tmp/cicini-text-check
    QT_QPA_PLATFORM=offscreen /tmp/cicini-text-check

It reports, without judging (the test judges): German collation of patient names (QCollator,
the ICU path; QFileDialog sorts with it too) and the app's own name folding used by patient
search (services/scheduling/patients.py); dates in German through the window's own helpers
(gui/locale_format.py after gui/i18n.install_language); a time zone's German name; umlauts and
ß typed into a QLineEdit, as key events and as an input method's commit; and whether legacy
converters exist (windows-1252: left out on purpose, the app reads UTF-8 only).
"""

from __future__ import annotations

import functools
import json
import sys
from datetime import date

NAMES = ["Zimmermann", "Özdemir", "Müller", "Ober", "Abel", "Ärztin", "Strauß", "Bäcker"]


def main() -> int:
    from PySide6.QtCore import QCollator, QEvent, QLocale, QStringDecoder, Qt, QTimeZone
    from PySide6.QtGui import QInputMethodEvent, QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from cicini_desktop.gui import locale_format
    from cicini_desktop.gui.i18n import LocaleChoice, install_language

    # The folding patient search orders equal matches by (services/scheduling/patients.py).
    from cicini_desktop.services.scheduling.patients import _fold as search_key

    app = QApplication.instance() or QApplication(sys.argv[:1])
    report: dict[str, object] = {}
    collator = QCollator(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    report["collator_sorted"] = sorted(NAMES, key=functools.cmp_to_key(collator.compare))
    report["search_key_sorted"] = sorted(NAMES, key=search_key)
    report["german_catalogue_loaded"] = install_language(LocaleChoice("de"))
    report["day_long"] = locale_format.day_long(date(2026, 11, 29))
    report["day_short"] = locale_format.day_short(date(2026, 11, 29))
    berlin = QTimeZone(b"Europe/Berlin")
    report["time_zone_name"] = berlin.displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale()
    )
    edit = QLineEdit()
    for text, key in (("M", Qt.Key.Key_M), ("ü", Qt.Key.Key_Udiaeresis), ("l", Qt.Key.Key_L)):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    composed = QInputMethodEvent()
    composed.setCommitString("ßÄ")  # what a compose key or an input method delivers
    QApplication.sendEvent(edit, composed)
    report["typed"] = edit.text()
    report["windows_1252_converter"] = QStringDecoder("windows-1252").isValid()
    print(json.dumps(report, ensure_ascii=False))
    del app
    return 0
