"""Patients: create (with duplicate detection), edit, get, search as you type.

    hits = search_patients(context, actor, "mül")            # ranked, best first
    try:
        patient_id, changes = create_patient(context, actor, PatientInput(...))
    except DuplicatePatientError as dup:                       # offer dup.existing_ids
        ...; create_patient(context, actor, data, allow_duplicate=True)
    changes = edit_patient(context, actor, patient_id, data, expected_version=row.version)

Patient records carry no medical information by design.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, bindparam, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import PrivacyRefusedError, ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import validation
from cicini_desktop.core.scheduling.errors import DuplicatePatientError
from cicini_desktop.core.scheduling.search import (
    match_expression,
    phone_prefixes,
    search_terms,
    year_prefix,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import (
    check_version,
    clinic_zone,
    get_or_404,
    positive_limit,
)
from cicini_desktop.services.scheduling.front_desk_settings import clinic_region
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import Patient


class Reminder(StrEnum):
    NONE = "none"
    EMAIL = "email"
    SMS = "sms"


@dataclass(frozen=True, slots=True)
class PatientInput:
    given_name: str
    family_name: str
    dob: date | None = None
    phone: str | None = None
    email: str | None = None
    reminder: Reminder = Reminder.NONE
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PatientRow:
    id: str
    given_name: str
    family_name: str
    dob: date | None
    phone: str | None  # E.164
    email: str | None
    reminder: Reminder
    note: str | None
    restricted: bool
    version: int
    number: int | None = None  # the patient number (search "P 123", "#123" or "123")

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    @property
    def number_label(self) -> str:
        return str(self.number) if self.number is not None else ""


def patient_row(p: Patient) -> PatientRow:
    return PatientRow(
        p.id,
        p.given_name,
        p.family_name,
        p.dob,
        p.phone,
        p.email,
        Reminder(p.reminder),
        p.note,
        p.restricted,
        p.version,
        p.number,
    )


def _clean(data: PatientInput, region: str | None, today: date) -> PatientInput:
    phone = validation.phone(data.phone, region)
    email = validation.email(data.email)
    reminder = Reminder(data.reminder)
    if reminder is Reminder.SMS and phone is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "SMS reminders need a phone number."),
            field="reminder",
        )
    if reminder is Reminder.EMAIL and email is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors.scheduling", "Email reminders need an email address."),
            field="reminder",
        )
    return PatientInput(
        given_name=validation.name(data.given_name, "given_name"),
        family_name=validation.name(data.family_name, "family_name"),
        dob=validation.birth_date(data.dob, today),
        phone=phone,
        email=email,
        reminder=reminder,
        note=validation.note(data.note),
    )


def create_patient(
    context: ServiceContext, actor: Actor, data: PatientInput, *, allow_duplicate: bool = False
) -> tuple[str, Changes]:
    """The new patient's id. Raises `DuplicatePatientError` (with the existing ids) when a
    patient with the same name and birth date, or the same phone, exists, unless
    `allow_duplicate`."""
    require(context, actor, Permission.PATIENT_EDIT)
    with unit_of_work(context, actor) as tx:
        tz = clinic_zone(tx.session, context)
        clean = _clean(
            data, clinic_region(tx.session, context), context.clock.now().astimezone(tz).date()
        )
        if not allow_duplicate:
            existing = _duplicates(tx.session, clean)
            if existing:
                raise DuplicatePatientError(
                    QT_TRANSLATE_NOOP(
                        "errors.scheduling",
                        "A patient with the same name and date of birth, or the same phone number, "
                        "already exists; open that record, or create a new one anyway.",
                    ),
                    existing,
                )
        moment = context.clock.now()
        patient = Patient(
            id=new_id(),
            given_name=clean.given_name,
            family_name=clean.family_name,
            dob=clean.dob,
            phone=clean.phone,
            email=clean.email,
            reminder=clean.reminder.value,
            note=clean.note,
            restricted=False,
            created_at=moment,
            updated_at=moment,
            number=(tx.session.scalar(select(func.max(Patient.number))) or 0) + 1,
        )
        tx.session.add(patient)
        tx.count(Counter.PATIENT_CREATED)
        return patient.id, Changes(patients=True)


def _duplicates(session: Session, clean: PatientInput) -> tuple[str, ...]:
    conditions = []
    if clean.dob is not None:
        conditions.append(
            (Patient.dob == clean.dob)
            & (func.lower(Patient.family_name) == clean.family_name.lower())
            & (func.lower(Patient.given_name) == clean.given_name.lower())
        )
    if clean.phone is not None:
        conditions.append(Patient.phone == clean.phone)
    if not conditions:
        return ()
    return tuple(session.scalars(select(Patient.id).where(or_(*conditions)).limit(10)))


def edit_patient(
    context: ServiceContext,
    actor: Actor,
    patient_id: str,
    data: PatientInput,
    *,
    expected_version: int | None,
) -> Changes:
    """Correct a record; refused with a sentence if someone else saved it meanwhile."""
    require(context, actor, Permission.PATIENT_EDIT, target_type="patient", target_id=patient_id)
    with unit_of_work(context, actor) as tx:
        tz = clinic_zone(tx.session, context)
        clean = _clean(
            data, clinic_region(tx.session, context), context.clock.now().astimezone(tz).date()
        )
        patient = get_or_404(tx.session, Patient, patient_id, "patient")
        if patient.restricted:  # restriction of processing (privacy): lift it first
            raise PrivacyRefusedError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling",
                    "This patient's record is restricted; a practice manager must lift the "
                    "restriction before it can be edited.",
                )
            )
        check_version(patient.version, expected_version, "patient record")
        patient.given_name = clean.given_name
        patient.family_name = clean.family_name
        patient.dob = clean.dob
        patient.phone = clean.phone
        patient.email = clean.email
        patient.reminder = clean.reminder.value
        patient.note = clean.note
        patient.updated_at = context.clock.now()
        # Who corrected which record, never what changed: the trail holds ids only.
        tx.audit(AuditAction.PATIENT_CORRECTED, target_type="patient", target_id=patient.id)
        return Changes(patients=True)


def get_patient(context: ServiceContext, actor: Actor, patient_id: str) -> PatientRow:
    require(context, actor, Permission.PATIENT_VIEW)
    with context.database.session() as session:
        return patient_row(get_or_404(session, Patient, patient_id, "patient"))


# Ranking (bm25) costs time per matching row: fine for a few hundred matches, far too slow
# for "mü" among 500,000 patients. Up to CANDIDATES matches are ranked by FTS5 itself; beyond
# that, the first CANDIDATES matches are ranked here by how well their words match, and the
# user narrows the search by typing on.
CANDIDATES = 300
_MATCH = text("SELECT rowid, name FROM patient_fts WHERE patient_fts MATCH :q LIMIT :n")
_RANKED = text("SELECT rowid FROM patient_fts WHERE patient_fts MATCH :q ORDER BY rank LIMIT :n")


_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")


def _fold(text_: str) -> str:
    """Case- and accent-free, like the FTS tokenizer (remove_diacritics 2)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text_.casefold()))


def _ranked_rowids(session: Session, expression: str, query: str, limit: int) -> list[int]:
    candidates = session.execute(_MATCH, {"q": expression, "n": CANDIDATES + 1}).all()
    pairs = _letters_filter(query, [(r[0], r[1]) for r in candidates])
    if pairs is None:
        if len(candidates) <= CANDIDATES:
            return [r[0] for r in session.execute(_RANKED, {"q": expression, "n": limit})]
        pairs = [(r[0], r[1]) for r in candidates]
    return _by_word_match(query, pairs[:CANDIDATES], limit)


def _letters_filter(query: str, candidates: list[tuple[Any, str]]) -> list[tuple[Any, str]] | None:
    """Single letters beside a longer word ("Lea S") are not in the MATCH
    (core.scheduling.search): they filter the candidates here, and the ranking is ours.
    None when the query has no such letter."""
    tokens = [t for t in _WORD.findall(_fold(query)) if not t.isdigit()]
    letters = [t for t in tokens if len(t) == 1] if any(len(t) > 1 for t in tokens) else []
    if not letters:
        return None
    return [
        (key, name)
        for key, name in candidates
        if all(any(w.startswith(c) for w in _WORD.findall(_fold(name))) for c in letters)
    ]


def _by_word_match(query: str, candidates: list[tuple[Any, str]], limit: int) -> list[Any]:
    """Rank (key, name) candidates: whole-word matches first, then prefixes, then by name."""
    tokens = [t for t in _WORD.findall(_fold(query)) if not t.isdigit()]
    scored = []
    for key, name in candidates:
        folded = _fold(name)
        words = _WORD.findall(folded)
        points = sum(
            2 if token in words else 1 if any(w.startswith(token) for w in words) else 0
            for token in tokens
        )
        scored.append((-points, folded, key))
    scored.sort()
    return [key for _, _, key in scored[:limit]]


# A phone prefix is a range of the phone index (E.164 strings sort digit by digit): the
# first `limit` numbers in order, however many patients share the prefix. FTS5 would merge
# the doclists of every matching number first ("017" -> "4917"*: 200,000 of them).
_PHONE_RANGE = text(
    "SELECT rowid FROM patient WHERE phone >= :low AND phone < :high ORDER BY phone LIMIT :n"
)
# Birth dates are ISO text: a year being typed is a range of the birth-date index too (the
# FTS prefix index is shared with the phone digits, so `dob: "491"*` read theirs).
_DOB_RANGE = text(
    "SELECT rowid FROM patient WHERE dob >= :low AND dob < :high ORDER BY dob LIMIT :n"
)


def _after(prefix: str) -> str:
    """The first string after every string that starts with `prefix` (digits)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _phone_rowids(session: Session, prefixes: list[str], query: str, limit: int) -> list[int]:
    """Phone numbers starting with any of `prefixes` (in number order), then patients born
    in a year starting with the digits typed."""
    found: list[int] = []
    for prefix in prefixes:
        bounds = {"low": "+" + prefix, "high": "+" + _after(prefix), "n": limit}
        found.extend(session.scalars(_PHONE_RANGE, bounds))
    year = year_prefix(query)
    if year is not None and not query.strip().startswith(("+", "0")):
        found.extend(session.scalars(_DOB_RANGE, {"low": year, "high": _after(year), "n": limit}))
    return list(dict.fromkeys(found))[:limit]


# "P 123", "P-123", "#123", "No. 123", "Nr. 123", or a bare number of up to six digits.
_NUMBER = re.compile(r"^\s*(?:(?:p|#|no\.?|nr\.?)\s*-?\s*(\d{1,9})|(\d{1,6}))\s*$", re.IGNORECASE)


def _by_number(session: Session, query: str) -> PatientRow | None:
    match = _NUMBER.match(query)
    if match is None:
        return None
    patient = session.scalar(
        select(Patient).where(Patient.number == int(match.group(1) or match.group(2)))
    )
    return patient_row(patient) if patient is not None else None


def search_patients(
    context: ServiceContext,
    actor: Actor,
    query: str,
    *,
    limit: int = 20,
    count_search: bool = False,
) -> list[PatientRow]:
    """Patients matching `query` (name prefixes, phone digits or a birth date), best first.

    Meant to run on every keystroke; pass ``count_search=True`` once the user picks a
    result, so the usage counter counts searches, not keystrokes. A single letter finds
    nothing (it would match a tenth of a large clinic): searching starts at two.
    """
    require(context, actor, Permission.PATIENT_VIEW)
    positive_limit(limit)
    with context.database.session() as session:
        by_number = _by_number(session, query)
        region = clinic_region(session, context)
        expression = match_expression(query, region)
        if (expression is None or len(query.strip()) < 2) and by_number is None:
            return []
        if context.database.is_server:
            ids = server_search(session, query, region, limit)
            by_id = {p.id: p for p in session.scalars(select(Patient).where(Patient.id.in_(ids)))}
            result = [patient_row(by_id[i]) for i in ids if i in by_id]
            if by_number is not None:
                result = [by_number, *[r for r in result if r.id != by_number.id][: limit - 1]]
            if count_search:
                with unit_of_work(context, actor) as tx:
                    tx.count(Counter.PATIENT_SEARCHED)
            return result
        prefixes = phone_prefixes(query, region)
        if prefixes is not None:
            rowids = _phone_rowids(session, prefixes, query, limit)
        else:
            rowids = _ranked_rowids(session, expression, query, limit) if expression else []
        rows = session.execute(
            text("SELECT rowid, id FROM patient WHERE rowid IN :rowids").bindparams(
                bindparam("rowids", expanding=True)
            ),
            {"rowids": rowids or [-1]},
        ).all()
        id_of = dict(rows)
        ids = [id_of[r] for r in rowids if r in id_of]
        by_id = {p.id: p for p in session.scalars(select(Patient).where(Patient.id.in_(ids)))}
        result = [patient_row(by_id[i]) for i in ids if i in by_id]
        if by_number is not None:
            # The patient with that number first (a number names exactly one patient).
            result = [by_number, *[r for r in result if r.id != by_number.id][: limit - 1]]
    if count_search:
        with unit_of_work(context, actor) as tx:
            tx.count(Counter.PATIENT_SEARCHED)
    return result


# --- the clinic server: the same matches from pg_trgm-indexed expressions (migration 0010) ---

_SERVER_NAME = "cicini_fold(given_name || ' ' || family_name)"
_SERVER_PHONE = "replace(coalesce(phone, ''), '+', '')"


def _dob_part(index: int) -> Any:
    return func.split_part(func.coalesce(Patient.dob, ""), "-", index)


def server_search(session: Session, query: str, region: str | None, limit: int) -> list[str]:
    """Patient ids matching `query` as FTS5 would on SQLite (core.scheduling.search)."""
    terms = search_terms(query, region)
    if terms is None:
        return []
    name = literal_column(_SERVER_NAME)
    phone = literal_column(_SERVER_PHONE)
    parts = [_dob_part(1), _dob_part(2), _dob_part(3)]
    conditions: list[Any] = []
    if terms.date is not None:
        conditions = [or_(*(p == value for p in parts)) for value in terms.date]
    elif terms.phone_prefixes:
        born = [parts[0].like(terms.dob_prefix + "%")] if terms.dob_prefix else []
        conditions = [or_(*(phone.like(prefix + "%") for prefix in terms.phone_prefixes), *born)]
    else:
        # '\m': the start of a word, as a prefix query on FTS5's tokens. Words are letters
        # and digits only (the tokenizer's pattern), so nothing needs escaping.
        conditions = [name.op("~")("\\m" + word) for word in terms.words]
        conditions += [
            or_(phone.like(d + "%"), *(p.like(d + "%") for p in parts)) for d in terms.digits
        ]
    rows = session.execute(
        select(Patient.id, (Patient.given_name + " " + Patient.family_name))
        # An erased patient's tombstone is never found (SQLite drops it from its index).
        .where(and_(*conditions), Patient.family_name != "(erased)")
        .limit(CANDIDATES)
    ).all()
    return _by_word_match(query, [(r[0], r[1]) for r in rows], limit)
