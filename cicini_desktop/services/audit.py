"""Reading the audit trail: the manager's viewer queries and the CSV export.

The viewer pages newest first with a keyset cursor (occurred_at, seq): each page is one
range scan of an index ending in (occurred_at, seq), whatever the size of the trail. Rows are
fetched by id on demand. Staff display names are resolved here, at view time, from the
`staff` table; the stored records hold ids only. Reading needs `audit.view`; export needs
`audit.export` and is itself audited and counted.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from cicini_desktop.core.audit_actions import SYSTEM_ACTOR, AuditAction, AuditOutcome
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import ExportError, ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.services.worker import Progress, drive
from cicini_desktop.store import audit_log

PAGE_SIZE = 200
MAX_IDS_PER_FETCH = 500
EXPORT_BATCH = 2000


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer shows: every field optional; `until` is exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    action: AuditAction | None = None
    outcome: AuditOutcome | None = None
    actor_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append("occurred_at >= ?")
            params.append(_seconds(self.since))
        if self.until is not None:
            clauses.append("occurred_at < ?")
            params.append(_seconds(self.until))
        if self.action is not None:
            clauses.append("action = ?")
            params.append(AuditAction(self.action).value)
        if self.outcome is not None:
            clauses.append("outcome = ?")
            params.append(AuditOutcome(self.outcome).value)
        if self.actor_id is not None:
            clauses.append("actor_id = ?")
            params.append(self.actor_id)
        return (" AND ".join(clauses) or "1 = 1"), params


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts (exclusive): the last row of the previous page."""

    occurred_at: int
    seq: int


@dataclass(frozen=True)
class AuditRow:
    seq: int
    occurred_at: datetime
    action: str
    outcome: str
    actor_id: str
    organization_id: str
    target_type: str | None
    target_id: str | None
    masked_network: str | None
    device_category: str
    os_family: str
    os_major: str
    app_version: str
    details: dict[str, str | int | bool]


def _seconds(instant: datetime) -> int:
    if instant.tzinfo is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.audit",
                "Times for the audit filter must carry a time zone.",
            ),
            "since",
        )
    return int(instant.timestamp())


def _index_for(audit_filter: AuditFilter) -> str:
    """The index a page walks: the most selective filter first (a staff member acts far less
    often than the whole clinic; an action is rarer than an outcome). Each index carries the
    filter columns that can be combined with it here, so the walk never leaves it. Chosen
    here, not by the planner, which has no statistics and could pick the index of a dense
    filter (outcome = success)."""
    if audit_filter.actor_id is not None:
        return "ix_audit_record_actor_time"
    if audit_filter.action is not None:
        return "ix_audit_record_action_time"
    if audit_filter.outcome is not None:
        return "ix_audit_record_outcome_time"
    return "ix_audit_record_time"


def page_ids(
    context: ServiceContext,
    actor: Actor,
    audit_filter: AuditFilter,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> tuple[list[int], Cursor | None]:
    """One page of record ids, newest first, and the cursor of the next page (None: end)."""
    require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    where, params = audit_filter.where()
    if after is not None:
        where += " AND (occurred_at < ? OR (occurred_at = ? AND seq < ?))"
        params += [after.occurred_at, after.occurred_at, after.seq]
    sql = (
        f"SELECT seq, occurred_at FROM audit_record INDEXED BY {_index_for(audit_filter)} "
        f"WHERE {where} ORDER BY occurred_at DESC, seq DESC LIMIT ?"
    )
    with context.database.session() as session:
        rows = session.connection().exec_driver_sql(sql, (*params, limit)).all()
    ids = [int(row[0]) for row in rows]
    cursor = Cursor(int(rows[-1][1]), int(rows[-1][0])) if len(rows) == limit else None
    return ids, cursor


_ROW_COLUMNS = (
    "seq, occurred_at, action, outcome, actor_id, organization_id, target_type, target_id, "
    "masked_network, device_category, os_family, os_major, app_version, details"
)


def _row(values: Sequence[Any]) -> AuditRow:
    try:
        details = json.loads(values[13])
    except ValueError:
        details = {}
    return AuditRow(
        seq=int(values[0]),
        occurred_at=datetime.fromtimestamp(int(values[1]), UTC),
        action=values[2],
        outcome=values[3],
        actor_id=values[4],
        organization_id=values[5],
        target_type=values[6],
        target_id=values[7],
        masked_network=values[8],
        device_category=values[9],
        os_family=values[10],
        os_major=values[11],
        app_version=values[12],
        details=details if isinstance(details, dict) else {},
    )


def rows_by_id(context: ServiceContext, actor: Actor, ids: Sequence[int]) -> dict[int, AuditRow]:
    """The rows for `ids` (a visible window of the viewer), keyed by id."""
    require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    found: dict[int, AuditRow] = {}
    with context.database.session() as session:
        connection = session.connection()
        for start in range(0, len(ids), MAX_IDS_PER_FETCH):
            chunk = [int(i) for i in ids[start : start + MAX_IDS_PER_FETCH]]
            marks = ", ".join("?" * len(chunk))
            for values in connection.exec_driver_sql(
                f"SELECT {_ROW_COLUMNS} FROM audit_record WHERE seq IN ({marks})", tuple(chunk)
            ):
                row = _row(values)
                found[row.seq] = row
    return found


def staff_names(context: ServiceContext, staff_ids: Iterable[str]) -> dict[str, str]:
    """Display names for staff ids, resolved now (never stored in the trail).

    Tolerates a database without the `staff` table (then every id shows as itself).
    """
    wanted = sorted({s for s in staff_ids if s and s != SYSTEM_ACTOR})
    names: dict[str, str] = {}
    if not wanted:
        return names
    try:
        with context.database.session() as session:
            connection = session.connection()
            for start in range(0, len(wanted), MAX_IDS_PER_FETCH):
                chunk = wanted[start : start + MAX_IDS_PER_FETCH]
                marks = ", ".join("?" * len(chunk))
                for staff_id, name in connection.exec_driver_sql(
                    f"SELECT id, display_name FROM staff WHERE id IN ({marks})", tuple(chunk)
                ):
                    names[str(staff_id)] = str(name)
    except OperationalError:
        return {}
    return names


def actor_choices(context: ServiceContext, actor: Actor) -> list[tuple[str, str]]:
    """(id, display name) of every staff member, for the viewer's actor filter; plus system."""
    require(context, actor, Permission.AUDIT_VIEW, target_type="audit_trail")
    choices: list[tuple[str, str]] = [(SYSTEM_ACTOR, "System")]
    try:
        with context.database.session() as session:
            rows = session.connection().exec_driver_sql(
                "SELECT id, display_name FROM staff ORDER BY display_name"
            )
            choices += [(str(i), str(n)) for i, n in rows]
    except OperationalError:
        pass
    return choices


def clinic_timezone(context: ServiceContext) -> str:
    """The clinic's IANA zone (dates typed by IT are days in this zone)."""
    with context.database.session() as session:
        value = session.connection().exec_driver_sql("SELECT timezone FROM organization").scalar()
    return str(value) if value else "UTC"


# --- export -------------------------------------------------------------------------------

CSV_HEADER = (
    "seq",
    "occurred_at_utc",
    "action",
    "outcome",
    "actor_id",
    "organization_id",
    "target_type",
    "target_id",
    "masked_network",
    "device_category",
    "os_family",
    "os_major",
    "app_version",
    "details",
)


def _csv_values(row: AuditRow) -> list[str | int]:
    return [
        row.seq,
        row.occurred_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        row.action,
        row.outcome,
        row.actor_id,
        row.organization_id,
        row.target_type or "",
        row.target_id or "",
        row.masked_network or "",
        row.device_category,
        row.os_family,
        row.os_major,
        row.app_version,
        json.dumps(row.details, sort_keys=True, separators=(",", ":")),
    ]


def export_csv_steps(
    context: ServiceContext,
    actor: Actor,
    target: Path,
    audit_filter: AuditFilter | None = None,
) -> Generator[Progress, None, int]:
    """Write the filtered trail (oldest first) to `target` as CSV, as a long job: one batch
    per step, each read in a short session of its own; returns the record count.

    The export is of the trail as it was when it started (records appended meanwhile are
    left for the next export). Identifiers only, as stored (no names, no keyed network
    hash). Audited (DATA_EXPORTED) and counted; the file is written beside the target and
    moved into place inside the transaction that audits it (removed again if that
    transaction fails, or if the job is cancelled: no half export is left under its name).
    """
    require(context, actor, Permission.AUDIT_EXPORT, target_type="audit_trail")
    audit_filter = audit_filter or AuditFilter()
    where, params = audit_filter.where()
    temporary = target.with_name(f".{target.name}.partial")
    count = 0
    moved = False
    try:
        with context.database.session() as session:
            span = audit_log.chain_span(session)
        first, upto = span if span is not None else (0, 0)
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_HEADER)
            after = first - 1
            while after < upto:
                with context.database.session() as session:
                    batch = (
                        session.connection()
                        .exec_driver_sql(
                            f"SELECT {_ROW_COLUMNS} FROM audit_record WHERE {where} "
                            "AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                            (*params, after, upto, EXPORT_BATCH),
                        )
                        .all()
                    )
                if not batch:
                    break
                for values in batch:
                    writer.writerow(_csv_values(_row(values)))
                count += len(batch)
                after = int(batch[-1][0])
                done = (after - first + 1) / (upto - first + 1)
                yield Progress(
                    QT_TRANSLATE_NOOP("progress", "{count} records written").format(count=count),
                    min(done, 0.99),
                )
        # The file appears under its name only in the transaction that audits it.
        with unit_of_work(context, actor) as tx:
            details: dict[str, str | int | bool] = {"records": count, "format": "csv"}
            if audit_filter.since is not None:
                details["since"] = audit_filter.since.astimezone(UTC).date().isoformat()
            if audit_filter.until is not None:
                details["until"] = audit_filter.until.astimezone(UTC).date().isoformat()
            tx.audit(AuditAction.DATA_EXPORTED, target_type="audit_trail", details=details)
            tx.count(Counter.AUDIT_EXPORTED)
            os.replace(temporary, target)
            moved = True  # if the commit fails now, the file goes again (below)
    except OSError as error:
        if moved:
            target.unlink(missing_ok=True)
        raise ExportError(
            QT_TRANSLATE_NOOP(
                "errors.audit",
                "The audit export could not be written to {target} ({strerror}); choose "
                "a folder you can write to.",
            ).format(target=str(target), strerror=str(error.strerror))
        ) from None
    except BaseException:
        if moved:
            target.unlink(missing_ok=True)
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return count


def export_csv(
    context: ServiceContext,
    actor: Actor,
    target: Path,
    audit_filter: AuditFilter | None = None,
) -> int:
    """`export_csv_steps` in one call; returns the record count."""
    return drive(export_csv_steps(context, actor, target, audit_filter), _ignore_progress)


def _ignore_progress(_step: Progress) -> None:
    return None
