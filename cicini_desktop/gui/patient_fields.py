"""The patient identity fields, built one way wherever a patient is typed in.

Used by the inline "new patient" form of the booking dialog and by the patient editor,
so labels, accessible names, formats and the "not given" birth date stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit

from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.editors import DateField

# A QDateEdit cannot be empty: its lowest date stands for "not given".
_NOT_GIVEN = QDate(1880, 1, 1)


@dataclass(frozen=True)
class PatientFields:
    given: QLineEdit
    family: QLineEdit
    dob: QDateEdit
    phone: QLineEdit
    email: QLineEdit


def build_patient_fields() -> PatientFields:
    given = QLineEdit()
    given.setAccessibleName(translate("patient_fields", "Given name"))
    family = QLineEdit()
    family.setAccessibleName(translate("patient_fields", "Family name"))
    dob = DateField()
    dob.setAccessibleName(translate("patient_fields", "Date of birth"))
    dob.setDisplayFormat("dd.MM.yyyy")
    dob.setCalendarPopup(True)
    dob.setSpecialValueText(translate("patient_fields", "not given"))
    dob.setMinimumDate(_NOT_GIVEN)
    dob.setDate(_NOT_GIVEN)
    phone = QLineEdit()
    phone.setAccessibleName(translate("patient_fields", "Phone"))
    phone.setPlaceholderText(translate("patient_fields", "e.g. 030 1234567 or +49 30 1234567"))
    email = QLineEdit()
    email.setAccessibleName(translate("patient_fields", "Email"))
    email.setPlaceholderText(translate("patient_fields", "name@example.org"))
    return PatientFields(given, family, dob, phone, email)


def birth_date_of(edit: QDateEdit) -> date | None:
    """The typed birth date, or None when left at "not given"."""
    if edit.date() == edit.minimumDate():
        return None
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


def show_birth_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())
