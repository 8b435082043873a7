"""The retention purge: remove what the policy no longer allows us to keep.

    report = purge(context, actor, dry_run=True)     # counts only, nothing changes
    report = purge(context, actor)                   # applied and audited (counts only)
    purge_if_due(context)                            # at start and daily, as the system
    worker.run_job(purge_steps(context, actor))      # the same, batch by batch, with progress

Categories (settings in config.py `retention.*`, `backup.keep_last`):
* appointments that ended more than `retention.appointment_years` ago (never less than the
  manager's minimum retention of appointment records, see services/privacy.py), with their
  history; recurring series left without appointments go with them;
* patients with no appointment and no waitlist entry for `retention.inactive_patient_years`
  (deleted, or anonymised like an erasure while retained appointments still need the row);
  restricted patients are kept (restriction is often asked for to preserve the data);
* the audit trail and its network hashes: delegated to services/audit_integrity.purge_trail;
* usage counters the server already holds: delegated to services/usage.purge_sent;
* automatic pre-migration backups beyond the newest `backup.keep_last`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.errors import CiciniError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.retention import Category, RetentionPolicy, backups_to_remove
from cicini_desktop.core.usage_document import group_rows
from cicini_desktop.services import audit_integrity, usage
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.privacy import _minimum_years, anonymise_patient, is_erased_patient
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.services.worker import Progress, drive
from cicini_desktop.store import audit_log, usage_sync
from cicini_desktop.store.manifest import manifest_path
from cicini_desktop.store.models import (
    Appointment,
    AppointmentHistory,
    AppointmentSeries,
    Patient,
    Staff,
)

log = logging.getLogger(__name__)

AUTOMATIC_INTERVAL = timedelta(days=1)
AUTOMATIC_BACKUP_PATTERN = "pre-migration-*.db"

_LABELS = {
    Category.APPOINTMENTS: QT_TRANSLATE_NOOP("retention", "appointment record(s) past retention"),
    Category.INACTIVE_PATIENTS: QT_TRANSLATE_NOOP("retention", "inactive patient record(s)"),
    Category.AUDIT_RECORDS: QT_TRANSLATE_NOOP("retention", "audit record(s) past retention"),
    Category.NETWORK_HASHES: QT_TRANSLATE_NOOP("retention", "network hash(es) in audit records"),
    Category.SENT_USAGE_DAYS: QT_TRANSLATE_NOOP(
        "retention", "day(s) of usage counters already sent"
    ),
    Category.BACKUPS: QT_TRANSLATE_NOOP("retention", "automatic backup(s) beyond the newest kept"),
}


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    counts: dict[Category, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One sentence a category (the CLI prints them, the Privacy page translates them)."""
        said = (
            QT_TRANSLATE_NOOP("retention", "Would remove {count} {what}.")
            if self.dry_run
            else QT_TRANSLATE_NOOP("retention", "Removed {count} {what}.")
        )
        # The count as text: the English lines stay as they always were (no grouping).
        return [said.format(count=str(self.counts.get(c, 0)), what=_LABELS[c]) for c in Category]


def policy(context: ServiceContext, session: Session) -> RetentionPolicy:
    config = context.config
    return RetentionPolicy(
        appointment_years=max(int(config["retention.appointment_years"]), _minimum_years(session)),
        inactive_patient_years=int(config["retention.inactive_patient_years"]),
        audit_years=int(config["retention.audit_years"]),
        network_hash_days=int(config["retention.network_hash_days"]),
        sent_usage_days=int(config["retention.sent_usage_days"]),
        keep_backups=int(config["backup.keep_last"]),
    )


def _purge_appointments(session: Session, cutoff: datetime) -> int:
    seconds = int(cutoff.timestamp())
    # Ended before the cutoff, so also started before it: a range of the covering
    # (provider, start) index per provider, not a scan of every appointment (no index
    # leads with end_at; a million rows took the worker for most of a second).
    ended = (
        Appointment.provider_id.in_(select(Staff.id)),
        Appointment.start_at < seconds,
        Appointment.end_at < seconds,
    )
    old = select(Appointment.id).where(*ended)
    count = session.scalar(select(func.count()).select_from(old.subquery())) or 0
    if count:
        session.execute(
            delete(AppointmentHistory).where(AppointmentHistory.appointment_id.in_(old))
        )
        session.execute(delete(Appointment).where(*ended))
    still_used = select(Appointment.series_id).where(Appointment.series_id.is_not(None))
    session.execute(
        delete(AppointmentSeries).where(
            AppointmentSeries.created_at < cutoff, AppointmentSeries.id.not_in(still_used)
        )
    )
    return count


_INACTIVE_WHERE = (
    "NOT p.restricted AND p.created_at < :cut "
    "AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.patient_id = p.id AND a.end_at >= :cut) "
    "AND NOT EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.patient_id = p.id "
    "AND w.created_at >= :cut)"
)
# SQLite: a slice of the patient table by rowid per transaction. The clinic server has no
# rowid; its purge checks every patient in one statement (the server's planner and its own
# connection pool keep the desks served meanwhile).
_INACTIVE = text(
    f"SELECT p.id FROM patient p WHERE p.rowid > :after AND p.rowid <= :upto AND {_INACTIVE_WHERE}"
)
_INACTIVE_ALL = text(f"SELECT p.id FROM patient p WHERE {_INACTIVE_WHERE}")


def _purge_patients(
    session: Session, cutoff: datetime, now: datetime, rowids: tuple[int, int] | None
) -> int:
    """Anonymise the inactive patients among rowids (after, upto], or all (None)."""
    if rowids is None:
        ids = list(session.scalars(_INACTIVE_ALL, {"cut": int(cutoff.timestamp())}))
    else:
        bounds = {"cut": int(cutoff.timestamp()), "after": rowids[0], "upto": rowids[1]}
        ids = list(session.scalars(_INACTIVE, bounds))
    removed = 0
    for patient_id in ids:
        patient = session.get(Patient, patient_id)
        if patient is None:
            continue
        if is_erased_patient(patient):
            has_appointments = session.scalar(
                select(Appointment.id).where(Appointment.patient_id == patient_id).limit(1)
            )
            if has_appointments is not None:
                continue  # an anonymous tombstone the kept appointments still point at
        anonymise_patient(session, patient, now)
        removed += 1
    return removed


def _usage_days_to_purge(context: ServiceContext, policy_: RetentionPolicy) -> int:
    """The same rule as usage.purge_sent (which it delegates to), counted."""
    cutoff = policy_.sent_usage_cutoff(context.clock.now()).date()
    with context.database.session() as session:
        sent = usage_sync.sent_days(session)
        rows = usage_sync.counter_rows(session)
    days = group_rows(rows)
    return sum(
        1 for d in days if d.day < cutoff and d.day in sent and not usage._is_pending(d, sent)
    )


def _automatic_backups(context: ServiceContext) -> list[str]:
    folder = context.config.backup_dir
    if not folder.is_dir():
        return []
    found = sorted(folder.glob(AUTOMATIC_BACKUP_PATTERN), key=lambda p: (p.stat().st_mtime, p.name))
    return [p.name for p in found]


# Audit records removed per transaction: short enough that the database worker serves the
# window between two batches within a fraction of a second, long enough to finish quickly.
AUDIT_BATCH = 4_000  # the most records one batch removes
FIRST_AUDIT_BATCH = 500
MIN_AUDIT_BATCH = 250
BATCH_TARGET_S = 0.08
PATIENT_SLICE = 50_000  # patients checked for inactivity per transaction


def purge(
    context: ServiceContext, actor: Actor, *, dry_run: bool = False, automatic: bool = False
) -> PurgeReport:
    """Apply (or with `dry_run` only count) the retention policy; audited with counts only."""
    return drive(purge_steps(context, actor, dry_run=dry_run, automatic=automatic), _ignore)


def _ignore(_progress: Progress) -> None:
    return None


def _audit_removed(
    tx: Transaction, target: str, removed: int, rules: RetentionPolicy, automatic: bool
) -> None:
    years = rules.appointment_years if target == "appointment" else rules.inactive_patient_years
    tx.audit(
        AuditAction.RETENTION_PURGE,
        target_type=target,
        details={"removed": removed, "years": years, "automatic": automatic},
    )


def purge_steps(
    context: ServiceContext,
    actor: Actor,
    *,
    dry_run: bool = False,
    automatic: bool = False,
    audit_batch: int = AUDIT_BATCH,
) -> Generator[Progress, None, PurgeReport]:
    """The purge as a long job: each step is one short transaction (see services/worker.py)."""
    require(context, actor, Permission.PRIVACY_MANAGE, target_type="privacy_request")
    # The audit-trail part (delegated) needs this too: check before anything is removed.
    require(context, actor, Permission.SETTINGS_MANAGE, target_type="audit_trail")
    now = context.clock.now()
    counts: dict[Category, int] = {}
    yield Progress(QT_TRANSLATE_NOOP("progress", "appointments and patients"), 0.0)
    with unit_of_work(context, actor) as tx:
        rules = policy(context, tx.session)
        last_rowid = (
            tx.session.scalar(select(func.count(Patient.id)))
            if context.database.is_server
            else tx.session.scalar(text("SELECT max(rowid) FROM patient"))
        ) or 0
        savepoint = tx.session.begin_nested()
        counts[Category.APPOINTMENTS] = _purge_appointments(
            tx.session, rules.appointment_cutoff(now)
        )
        if dry_run:
            savepoint.rollback()
        else:
            savepoint.commit()
            _audit_removed(tx, "appointment", counts[Category.APPOINTMENTS], rules, automatic)
    # Inactive patients a slice of the patient table per transaction (each audited with
    # what it removed): checking every patient of a large clinic at once held the worker
    # for a second.
    counts[Category.INACTIVE_PATIENTS] = 0
    slices = (
        [0] if context.database.is_server and last_rowid else range(0, last_rowid, PATIENT_SLICE)
    )
    for number, after in enumerate(slices):
        yield Progress(
            QT_TRANSLATE_NOOP("progress", "inactive patients"), 0.1 * after / max(1, last_rowid)
        )
        with unit_of_work(context, actor) as tx:
            savepoint = tx.session.begin_nested()
            rowids = None if context.database.is_server else (after, after + PATIENT_SLICE)
            removed_here = _purge_patients(
                tx.session, rules.inactive_patient_cutoff(now), now, rowids
            )
            counts[Category.INACTIVE_PATIENTS] += removed_here
            if dry_run:
                savepoint.rollback()
                continue
            savepoint.commit()
            last = number == len(slices) - 1
            if removed_here or (last and not counts[Category.INACTIVE_PATIENTS]):
                _audit_removed(tx, "patient", removed_here, rules, automatic)
    if not last_rowid and not dry_run:
        with unit_of_work(context, actor) as tx:
            _audit_removed(tx, "patient", 0, rules, automatic)
    removed = hashes = 0
    # Batches sized by how long the last one took (a batch's first pages cost most: a
    # never-purged trail's first 4,000 records took half a second to commit), between a
    # floor and `audit_batch`, so the worker serves the window within BATCH_TARGET_S.
    # The server's trail is append-only for every desk (store/server_roles.py): its old
    # records are IT's to remove on the server, so a desk's purge leaves it alone.
    batch = min(audit_batch, FIRST_AUDIT_BATCH)
    while not context.database.is_server:
        yield Progress(
            QT_TRANSLATE_NOOP("progress", "audit trail, {removed} records removed").format(
                removed=removed
            ),
            0.2,
        )
        started = time.monotonic()
        trail = audit_integrity.purge_trail(
            context,
            actor,
            dry_run=dry_run,
            automatic=automatic,
            max_records=None if dry_run else batch,
        )
        took = max(time.monotonic() - started, 0.001)
        removed += trail.removed
        hashes += trail.hashes_dropped
        if dry_run or (trail.removed < batch and not trail.hashes_dropped):
            break
        scaled = int(batch * BATCH_TARGET_S / took)
        batch = max(min(audit_batch, MIN_AUDIT_BATCH), min(audit_batch, scaled, batch * 5 // 4))
    counts[Category.AUDIT_RECORDS] = removed
    counts[Category.NETWORK_HASHES] = hashes
    yield Progress(QT_TRANSLATE_NOOP("progress", "usage counters and backups"), 0.9)
    counts[Category.SENT_USAGE_DAYS] = _usage_days_to_purge(context, rules)
    stale_backups = backups_to_remove(_automatic_backups(context), rules.keep_backups)
    counts[Category.BACKUPS] = len(stale_backups)
    if dry_run:
        return PurgeReport(True, counts)
    if counts[Category.SENT_USAGE_DAYS]:
        usage.purge_sent(context)
    for name in stale_backups:
        path = context.config.backup_dir / name
        path.unlink(missing_ok=True)
        manifest_path(path).unlink(missing_ok=True)
    with unit_of_work(context, actor) as tx:
        tx.audit(
            AuditAction.RETENTION_PURGE,
            target_type="sync",
            details={
                "removed": counts[Category.SENT_USAGE_DAYS],
                "days": rules.sent_usage_days,
                "automatic": automatic,
            },
        )
        tx.audit(
            AuditAction.RETENTION_PURGE,
            target_type="backup",
            details={
                "removed": counts[Category.BACKUPS],
                "count": rules.keep_backups,
                "automatic": automatic,
            },
        )
    return PurgeReport(False, counts)


def purge_steps_if_due(context: ServiceContext) -> Generator[Progress, None, PurgeReport | None]:
    """The automatic purge as a long job (the window runs it on the worker, hourly)."""
    if context.organization_id is None or not _purge_due(context):
        return None
    try:
        return (
            yield from purge_steps(context, Actor.system(context.organization_id), automatic=True)
        )
    except CiciniError as error:
        log.warning("automatic retention purge failed: %s", type(error).__name__)
        return None


def _purge_due(context: ServiceContext) -> bool:
    with context.database.session() as session:
        last = audit_log.last_occurrence(session, AuditAction.RETENTION_PURGE)
    return last is None or context.clock.now() - last >= AUTOMATIC_INTERVAL


def purge_if_due(context: ServiceContext) -> PurgeReport | None:
    """The automatic purge (as the system) at start and then daily: runs when the last
    retention purge is a day old. Never raises a domain error (logged, retried next time).

    Call it on the database worker thread at start and from a daily timer; it replaces
    audit_integrity.purge_if_due, which it includes.
    """
    if context.organization_id is None:
        return None
    try:
        if not _purge_due(context):
            return None
        return purge(context, Actor.system(context.organization_id), automatic=True)
    except CiciniError as error:
        log.warning("automatic retention purge failed: %s", type(error).__name__)
        return None
