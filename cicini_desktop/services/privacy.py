"""Privacy requests: access (export), erasure, restriction; the minimum retention setting.

    data = export_patient(context, actor, patient_id)          # dict, JSON-ready
    paths = write_access_export(context, actor, Subject.PATIENT, patient_id, folder)
    erase_patient(context, actor, patient_id)                   # PrivacyRefusedError if kept
    erase_staff(context, actor, staff_id)
    set_restriction(context, actor, patient_id, restricted=True)
    recipients = reminder_recipients(context, actor)            # never restricted patients

Every handled request needs `privacy.manage`, is audited with its kind only (target id +
`request`, `subject`), never its content, and is counted. An erased patient stays as a tombstone
row (no name, contact, birth date or note) while appointments still refer to it, so the
schedule history keeps the time occupied; a patient without appointments is deleted.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import (
    ExportError,
    NotFoundError,
    PrivacyRefusedError,
    ValidationError,
)
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.retention import erasure_blocked
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.export_language import (
    count_text,
    export_language,
    instant,
    label,
    value_text,
    word,
)
from cicini_desktop.services.identity_access import enforce_role_manager_invariant
from cicini_desktop.services.privacy_pdf import text_pdf
from cicini_desktop.services.reminders import privacy as reminder_privacy
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.erasures import record_erasure, recorded_erasures
from cicini_desktop.store.models import (
    Appointment,
    AppointmentHistory,
    AppointmentSeries,
    AppointmentType,
    Patient,
    Role,
    Setting,
    Staff,
    StaffRole,
    StaffRoleScope,
    StaffService,
    WaitlistEntry,
)

log = logging.getLogger(__name__)

# The tombstone of an erased patient: no personal value is left on the row.
_T = TypeVar("_T")

ERASED_PATIENT_NAME = "(erased)"
ERASED_STAFF_NAME = "(erased staff member)"
MIN_RETENTION_SETTING = "privacy.min_appointment_retention_years"
MAX_MIN_RETENTION_YEARS = 100
EXPORT_FORMAT = "cicini.access-export/1"


class Subject(StrEnum):
    PATIENT = "patient"
    STAFF = "staff"


class Request(StrEnum):
    ACCESS = "access"
    ERASE = "erase"
    RESTRICT = "restrict"
    UNRESTRICT = "unrestrict"


@dataclass(frozen=True, slots=True)
class ReminderRecipient:
    patient_id: str
    channel: str  # "email" | "sms"


# What "No {what} has the id ..." names.
PATIENT = QT_TRANSLATE_NOOP("errors.privacy", "patient")
STAFF_MEMBER = QT_TRANSLATE_NOOP("errors.privacy", "staff member")


def _get(session: Session, model: type[_T], key: str, what: str) -> _T:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP(
                "errors.privacy", "No {what} has the id {key}; check the id and try again."
            ).format(what=what, key=key)
        )
    return row


def is_erased_patient(patient: Patient) -> bool:
    return patient.given_name == "" and patient.family_name == ERASED_PATIENT_NAME


def _not_erased() -> Any:  # a SQL condition on Patient
    return or_(Patient.given_name != "", Patient.family_name != ERASED_PATIENT_NAME)


def _handled(
    tx: Any, subject: Subject, subject_id: str, request: Request, outcome: AuditOutcome
) -> None:
    details: dict[str, str | int | bool] = {"request": request.value, "subject": subject.value}
    tx.audit(
        AuditAction.PRIVACY_REQUEST_HANDLED,
        outcome,
        target_type=subject.value,
        target_id=subject_id,
        details=details,
    )
    if outcome is AuditOutcome.SUCCESS:
        tx.count(Counter.PRIVACY_REQUEST_HANDLED)


def _refused(
    context: ServiceContext,
    actor: Actor,
    subject: Subject,
    subject_id: str,
    request: Request,
    sentence: str,
) -> PrivacyRefusedError:
    """Audit the refusal in its own transaction (the refused work rolls back)."""
    with unit_of_work(context, actor) as tx:
        _handled(tx, subject, subject_id, request, AuditOutcome.FAILURE)
    return PrivacyRefusedError(sentence)


# --- the manager's minimum retention of appointment records ---------------------------------


def _minimum_years(session: Session) -> int:
    row = session.get(Setting, MIN_RETENTION_SETTING)
    return int(json.loads(row.value)) if row is not None else 0


def minimum_retention_years(context: ServiceContext, actor: Actor) -> int:
    """0 means no minimum: any patient may be erased."""
    require(context, actor, Permission.PRIVACY_MANAGE)
    with context.database.session() as session:
        return _minimum_years(session)


def set_minimum_retention_years(context: ServiceContext, actor: Actor, years: int) -> Changes:
    """Refuse erasing patients with an appointment that started less than `years` ago."""
    require(context, actor, Permission.PRIVACY_MANAGE, target_type="setting")
    if not 0 <= years <= MAX_MIN_RETENTION_YEARS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.privacy", "Give a minimum retention between 0 and {years} years."
            ).format(years=str(MAX_MIN_RETENTION_YEARS)),
            field="years",
        )
    with unit_of_work(context, actor) as tx:
        row = tx.session.get(Setting, MIN_RETENTION_SETTING)
        if row is None:
            tx.session.add(Setting(key=MIN_RETENTION_SETTING, value=json.dumps(years)))
        else:
            row.value = json.dumps(years)
            row.version += 1
        tx.audit(
            AuditAction.SETTINGS_CHANGED,
            target_type="setting",
            target_id=MIN_RETENTION_SETTING,
            details={"setting": MIN_RETENTION_SETTING, "years": years},
        )
    return Changes(settings=True)


# --- erasure ----------------------------------------------------------------------------------


def anonymise_patient(session: Session, patient: Patient, now: datetime) -> bool:
    """Remove every personal value of `patient` inside the caller's transaction.

    Waitlist entries go; appointments stay as anonymous time occupancy (their notes and
    override reasons, the only free text, are cleared). Returns True if the row was deleted
    (no appointment needed it), False if a tombstone row is kept.
    """
    patient_id = patient.id
    session.execute(delete(WaitlistEntry).where(WaitlistEntry.patient_id == patient_id))
    # Consent records and SMS replies are personal data too; erasure takes them.
    reminder_privacy.forget_patient(session, patient_id)
    appointment_ids = select(Appointment.id).where(Appointment.patient_id == patient_id)
    has_appointments = session.scalar(select(func.count()).select_from(appointment_ids.subquery()))
    if not has_appointments:
        session.execute(delete(AppointmentSeries).where(AppointmentSeries.patient_id == patient_id))
        session.delete(patient)  # the delete trigger removes the search-index row
        session.flush()
        return True
    session.execute(
        update(AppointmentHistory)
        .where(AppointmentHistory.appointment_id.in_(appointment_ids))
        .values(override_reason=None)
    )
    session.execute(
        update(Appointment).where(Appointment.patient_id == patient_id).values(note=None)
    )
    patient.given_name = ""
    patient.family_name = ERASED_PATIENT_NAME
    patient.dob = None
    patient.phone = None
    patient.email = None
    patient.reminder = "none"
    patient.note = None
    patient.restricted = False
    patient.created_at = now  # the record's own history is personal too
    patient.updated_at = now
    session.flush()
    if session.get_bind().dialect.name != "sqlite":
        return False  # the server's search skips tombstones (patients.server_search)
    # The update trigger re-indexed the tombstone: take it out of search altogether.
    session.execute(
        text("DELETE FROM patient_fts WHERE rowid = (SELECT rowid FROM patient WHERE id = :id)"),
        {"id": patient_id},
    )
    return False


def erase_patient(context: ServiceContext, actor: Actor, patient_id: str) -> Changes:
    """Erase a patient's personal data; refused if a minimum retention requires keeping it."""
    require(context, actor, Permission.PRIVACY_MANAGE, target_type="patient", target_id=patient_id)
    refusal: str | None = None
    with unit_of_work(context, actor) as tx:
        patient = _get(tx.session, Patient, patient_id, PATIENT)
        if is_erased_patient(patient):
            raise PrivacyRefusedError(
                QT_TRANSLATE_NOOP("errors.privacy", "This patient's record is already erased.")
            )
        years = _minimum_years(tx.session)
        newest = tx.session.scalar(
            select(func.max(Appointment.start_at)).where(Appointment.patient_id == patient_id)
        )
        now = context.clock.now()
        newest_start = datetime.fromtimestamp(newest, UTC) if newest is not None else None
        if erasure_blocked(newest_start, now, years):
            refusal = QT_TRANSLATE_NOOP(
                "errors.privacy",
                "The clinic keeps appointment records for at least {years} year(s), so this "
                "patient cannot be erased yet; restrict the record instead.",
            ).format(years=years)
        else:
            anonymise_patient(tx.session, patient, now)
            _handled(tx, Subject.PATIENT, patient_id, Request.ERASE, AuditOutcome.SUCCESS)
    if refusal is not None:
        raise _refused(context, actor, Subject.PATIENT, patient_id, Request.ERASE, refusal)
    _tombstone(context, Subject.PATIENT, patient_id)
    return Changes(patients=True, appointments=True, waitlist=True)


def _tombstone(context: ServiceContext, subject: Subject, subject_id: str) -> None:
    """Remember the erasure outside the database: a restore of an older backup erases again."""
    try:
        record_erasure(context.database.path, subject.value, subject_id)
    except OSError as error:  # erased all the same; a restore would then report it missing
        log.warning("erasure tombstone not written: %s", type(error).__name__)


def reapply_erasures(context: ServiceContext) -> int:
    """After a restore: erase again everyone recorded as erased whose data came back.
    Runs as the system (the erasure was decided and audited before); returns how many."""
    assert context.organization_id is not None
    system = Actor.system(context.organization_id)
    done = 0
    for subject, subject_id in recorded_erasures(context.database.path):
        with context.database.session() as session:
            if subject == Subject.PATIENT.value:
                row = session.get(Patient, subject_id)
                back = row is not None and not is_erased_patient(row)
            else:
                member = session.get(Staff, subject_id)
                back = member is not None and member.username_key != f"erased-{subject_id}"
        if not back:
            continue
        if subject == Subject.PATIENT.value:
            with unit_of_work(context, system) as tx:
                patient = _get(tx.session, Patient, subject_id, PATIENT)
                anonymise_patient(tx.session, patient, context.clock.now())
                _handled(tx, Subject.PATIENT, subject_id, Request.ERASE, AuditOutcome.SUCCESS)
        else:
            erase_staff(context, system, subject_id)
        done += 1
    return done


def erase_staff(context: ServiceContext, actor: Actor, staff_id: str) -> Changes:
    """Erase a staff member's personal fields; the internal id stays in the audit trail."""
    require(context, actor, Permission.PRIVACY_MANAGE, target_type="staff", target_id=staff_id)
    if staff_id == actor.staff_id:
        raise PrivacyRefusedError(
            QT_TRANSLATE_NOOP(
                "errors.privacy",
                "You cannot erase your own account; ask another practice manager to do it.",
            )
        )
    with unit_of_work(context, actor) as tx:
        staff = _get(tx.session, Staff, staff_id, STAFF_MEMBER)
        tombstone = f"erased-{staff.id}"
        was_active = staff.active
        if staff.username_key == tombstone:
            raise PrivacyRefusedError(
                QT_TRANSLATE_NOOP("errors.privacy", "This staff member's record is already erased.")
            )
        staff.username = tombstone
        staff.username_key = tombstone
        staff.display_name = ERASED_STAFF_NAME
        staff.password_hash = ""  # verifies no password: the account can never sign in
        staff.active = False
        staff.must_change_password = False
        staff.failed_attempts = 0
        staff.next_attempt_at = None
        staff.locked_until = None
        staff.last_sign_in_at = None
        staff.version += 1
        held_roles = tx.session.scalar(
            select(StaffRole.id).where(StaffRole.staff_id == staff_id).limit(1)
        )
        tx.session.execute(delete(StaffRole).where(StaffRole.staff_id == staff_id))
        tx.session.flush()
        if was_active and held_roles is not None:  # only then can this change who may manage roles
            enforce_role_manager_invariant(tx.session)
        _handled(tx, Subject.STAFF, staff_id, Request.ERASE, AuditOutcome.SUCCESS)
    _tombstone(context, Subject.STAFF, staff_id)
    return Changes(staff=True, roles=True, appointments=True)


# --- restriction ----------------------------------------------------------------------------


def set_restriction(
    context: ServiceContext, actor: Actor, patient_id: str, *, restricted: bool
) -> Changes:
    """Restrict processing (no edits, no reminders, no bulk exports) or lift it."""
    require(context, actor, Permission.PRIVACY_MANAGE, target_type="patient", target_id=patient_id)
    with unit_of_work(context, actor) as tx:
        patient = _get(tx.session, Patient, patient_id, PATIENT)
        if is_erased_patient(patient):
            raise PrivacyRefusedError(
                QT_TRANSLATE_NOOP(
                    "errors.privacy",
                    "This patient's record is erased; there is nothing to restrict.",
                )
            )
        if patient.restricted == restricted:
            return Changes()
        patient.restricted = restricted
        patient.updated_at = context.clock.now()
        request = Request.RESTRICT if restricted else Request.UNRESTRICT
        _handled(tx, Subject.PATIENT, patient_id, request, AuditOutcome.SUCCESS)
    return Changes(patients=True)


def reminder_recipients(context: ServiceContext, actor: Actor) -> list[ReminderRecipient]:
    """Patients who asked for reminders, never a restricted (or erased) one.

    No reminder sender exists yet; whatever sends them must take its list from here.
    """
    require(context, actor, Permission.PATIENT_VIEW)
    with context.database.session() as session:
        rows = session.execute(
            select(Patient.id, Patient.reminder)
            .where(Patient.reminder != "none", Patient.restricted.is_(False), _not_erased())
            .order_by(Patient.id)
        ).all()
    return [ReminderRecipient(r[0], r[1]) for r in rows]


def bulk_export_patient_ids(context: ServiceContext, actor: Actor) -> list[str]:
    """The patients a bulk export may include: restricted and erased ones never are."""
    require(context, actor, Permission.PATIENT_EXPORT)
    with context.database.session() as session:
        return list(
            session.scalars(
                select(Patient.id)
                .where(Patient.restricted.is_(False), _not_erased())
                .order_by(Patient.id)
            )
        )


# --- access export ----------------------------------------------------------------------------


def _iso(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _instant(seconds: int | None) -> str | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC).isoformat()


def _patient_data(session: Session, patient: Patient) -> dict[str, Any]:
    type_names = dict(session.execute(select(AppointmentType.id, AppointmentType.name)).all())
    appointments = list(
        session.scalars(
            select(Appointment)
            .where(Appointment.patient_id == patient.id)
            .order_by(Appointment.start_at)
        )
    )
    ids = [a.id for a in appointments]
    history: dict[str, list[dict[str, Any]]] = {}
    if ids:
        for h in session.scalars(
            select(AppointmentHistory)
            .where(AppointmentHistory.appointment_id.in_(ids))
            .order_by(AppointmentHistory.id)
        ):
            history.setdefault(h.appointment_id, []).append(
                {
                    "at": _instant(h.at),
                    "kind": h.kind,
                    "from_status": h.from_status,
                    "to_status": h.to_status,
                    "reason": h.reason,
                    "old_start": _instant(h.old_start),
                    "old_end": _instant(h.old_end),
                    "override_reason": h.override_reason,
                }
            )
    waitlist = session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.patient_id == patient.id)
        .order_by(WaitlistEntry.created_at)
    )
    series = session.scalars(
        select(AppointmentSeries).where(AppointmentSeries.patient_id == patient.id)
    )
    return {
        "patient": {
            "id": patient.id,
            "given_name": patient.given_name,
            "family_name": patient.family_name,
            "date_of_birth": _iso(patient.dob),
            "phone": patient.phone,
            "email": patient.email,
            "note": patient.note,
            "restricted": patient.restricted,
            "created_at": _iso(patient.created_at),
            "updated_at": _iso(patient.updated_at),
        },
        "reminder_preferences": {
            "channel": patient.reminder,
            "reminders_paused_by_restriction": patient.restricted,
        },
        "reminders": reminder_privacy.patient_reminder_data(session, patient.id),
        "appointments": [
            {
                "id": a.id,
                "start": _instant(a.start_at),
                "end": _instant(a.end_at),
                "type": type_names.get(a.type_id, a.type_id),
                "status": a.status,
                "cancel_reason": a.cancel_reason,
                "note": a.note,
                "provider_id": a.provider_id,
                "room_id": a.room_id,
                "series_id": a.series_id,
                "booked_at": _instant(a.created_at),
                "history": history.get(a.id, []),
            }
            for a in appointments
        ],
        "recurring_series": [
            {
                "id": s.id,
                "rule": s.rule,
                "first_local": s.first_local,
                "duration_minutes": s.duration_minutes,
                "type": type_names.get(s.type_id, s.type_id),
                "provider_id": s.provider_id,
            }
            for s in series
        ],
        "waitlist": [
            {
                "id": w.id,
                "type": type_names.get(w.type_id, w.type_id),
                "provider_id": w.provider_id,
                "weekdays_mask": w.weekdays,
                "earliest_minute": w.earliest_minute,
                "latest_minute": w.latest_minute,
                "priority": w.priority,
                "note": w.note,
                "expires_on": _iso(w.expires_on),
                "active": w.active,
                "added_at": _instant(w.created_at),
            }
            for w in waitlist
        ],
    }


_AUDIT_COLUMNS = (
    "seq",
    "occurred_at",
    "action",
    "outcome",
    "actor_id",
    "target_type",
    "target_id",
    "masked_network",
    "device_category",
    "os_family",
    "app_version",
    "details",
)


def _staff_data(session: Session, staff: Staff) -> dict[str, Any]:
    roles = session.execute(
        select(StaffRole.id, Role.name, StaffRole.scoped)
        .join(Role, Role.id == StaffRole.role_id)
        .where(StaffRole.staff_id == staff.id)
        .order_by(Role.name)
    ).all()
    scopes: dict[str, list[str]] = {}
    for assignment_id, provider_id in session.execute(
        select(StaffRoleScope.assignment_id, StaffRoleScope.provider_id).where(
            StaffRoleScope.assignment_id.in_([r[0] for r in roles])
        )
    ):
        scopes.setdefault(assignment_id, []).append(provider_id)
    services = session.scalars(
        select(AppointmentType.name)
        .join(StaffService, StaffService.appointment_type_id == AppointmentType.id)
        .where(StaffService.staff_id == staff.id)
        .order_by(AppointmentType.name)
    )
    audit_rows = session.execute(
        text(
            f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audit_record "
            "WHERE actor_id = :id OR target_id = :id ORDER BY seq"
        ),
        {"id": staff.id},
    ).all()
    return {
        "staff": {
            "id": staff.id,
            "username": staff.username,
            "display_name": staff.display_name,
            "active": staff.active,
            "is_provider": staff.is_provider,
            "colour": staff.colour,
            "must_change_password": staff.must_change_password,
            "last_sign_in_at": _iso(staff.last_sign_in_at),
            "created_at": _iso(staff.created_at),
        },
        "roles": [
            {
                "role": name,
                "limited_to_provider_ids": sorted(scopes.get(aid, [])) if scoped else None,
            }
            for aid, name, scoped in roles
        ],
        "services_offered": list(services),
        "audit_records": [
            {
                **dict(zip(_AUDIT_COLUMNS, row, strict=True)),
                "occurred_at": _instant(row[1]),
                "details": json.loads(row[-1] or "{}"),
            }
            for row in audit_rows
        ],
    }


def export_subject(
    context: ServiceContext, actor: Actor, subject: Subject, subject_id: str
) -> dict[str, Any]:
    """Everything the database holds about one person, as a JSON-ready dict (audited)."""
    require(
        context, actor, Permission.PRIVACY_MANAGE, target_type=subject.value, target_id=subject_id
    )
    with unit_of_work(context, actor) as tx:
        if subject is Subject.PATIENT:
            patient = _get(tx.session, Patient, subject_id, PATIENT)
            body = _patient_data(tx.session, patient)
        else:
            staff = _get(tx.session, Staff, subject_id, STAFF_MEMBER)
            body = _staff_data(tx.session, staff)
        _handled(tx, subject, subject_id, Request.ACCESS, AuditOutcome.SUCCESS)
    return {
        "format": EXPORT_FORMAT,
        "subject": subject.value,
        "subject_id": subject_id,
        "generated_at": context.clock.now().astimezone(UTC).isoformat(),
        **body,
    }


def export_patient(context: ServiceContext, actor: Actor, patient_id: str) -> dict[str, Any]:
    return export_subject(context, actor, Subject.PATIENT, patient_id)


def export_staff(context: ServiceContext, actor: Actor, staff_id: str) -> dict[str, Any]:
    return export_subject(context, actor, Subject.STAFF, staff_id)


def export_text_lines(data: dict[str, Any], language: str = "en") -> list[str]:
    """The export as indented readable lines (the PDF's content), in `language` ("de",
    "en"): headings and field names translated, date-times written by Babel."""
    lang = language
    lines = [
        f"{word('Cicini access export', lang)}: {word(data['subject'], lang)} {data['subject_id']}",
        f"{word('Generated', lang)} {instant(data['generated_at'], lang)}",
        "",
    ]

    def walk(value: Any, indent: int, name: str) -> None:
        pad = "  " * indent
        if isinstance(value, dict):
            if name:
                lines.append(f"{pad}{label(name, lang)}:")
            for key, item in value.items():
                walk(item, indent + (1 if name else 0), key.replace("_", " "))
        elif isinstance(value, list):
            lines.append(f"{pad}{label(name, lang)}: {count_text(len(value), lang)}")
            for number, item in enumerate(value, start=1):
                walk(item, indent + 1, f"#{number}")
        else:
            lines.append(f"{pad}{label(name, lang)}: {value_text(value, lang)}")

    for key, value in data.items():
        if key not in {"format", "subject", "subject_id", "generated_at"}:
            walk(value, 0, key.replace("_", " ").capitalize())
            lines.append("")
    return lines


def clinic_export_language(context: ServiceContext) -> str:
    """The access export's language: the clinic's choice, else by its country."""
    from cicini_desktop.services.scheduling.front_desk_settings import (
        clinic_locale,
        clinic_region,
    )

    with context.database.session() as session:
        return export_language(clinic_locale(session).language, clinic_region(session, context))


_EXISTS = QT_TRANSLATE_NOOP(
    "errors.privacy", "{path} already exists; choose another folder for the export."
)


def _write_private(path: Path, content: bytes) -> None:
    """A new file readable by its owner only (it holds personal data)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ExportError(_EXISTS.format(path=str(path))) from None
    except OSError:
        raise ExportError(
            QT_TRANSLATE_NOOP(
                "errors.privacy", "{path} could not be written; choose a folder you can write to."
            ).format(path=str(path))
        ) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def write_access_export(
    context: ServiceContext,
    actor: Actor,
    subject: Subject,
    subject_id: str,
    folder: Path,
) -> tuple[Path, Path]:
    """Write `<subject>-<id>-access.json` and a plain-text PDF beside it into `folder`."""
    if not folder.is_dir():
        raise ExportError(
            QT_TRANSLATE_NOOP(
                "errors.privacy", "{folder} is not a folder; create it or choose another one."
            ).format(folder=str(folder))
        )
    data = export_subject(context, actor, subject, subject_id)
    stem = f"cicini-access-{subject.value}-{subject_id}"
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    for path in (json_path, pdf_path):
        if path.exists():
            raise ExportError(_EXISTS.format(path=str(path)))
    _write_private(json_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    language = clinic_export_language(context)
    _write_private(pdf_path, text_pdf(export_text_lines(data, language)))
    return json_path, pdf_path
