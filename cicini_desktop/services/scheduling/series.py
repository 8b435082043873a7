"""Recurring series: preview every occurrence, book them (skipping chosen ones), and edit
or cancel one occurrence, this and the following ones, or the whole series.

    rule = RecurrenceRule(Frequency.WEEKLY, weekdays=(0, 3), count=10)
    previews = preview_series(context, actor, request, rule)       # conflicts per occurrence
    booked = book_series(context, actor, request, rule, skip=[p.local_start for p in bad])
    freed = edit_series(context, actor, appointment_id, SeriesScope.FOLLOWING,
                        expected_version=v, start=new_start)       # keeps the wall-time shift
    freed = cancel_series(context, actor, appointment_id, SeriesScope.ALL,
                          CancelReason.PATIENT_REQUEST, expected_version=v)

`request.start` is the first occurrence (naive = clinic wall time). Occurrences follow
the rule on wall time, so 09:00 stays 09:00 across DST. Past occurrences, and ones already
arrived, completed, cancelled or no-show, are never changed by a series edit: their
history stays as it was. "following" splits the series in two at the chosen occurrence.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cicini_desktop.core.changes import Changes
from cicini_desktop.core.counters import Counter
from cicini_desktop.core.errors import ConflictError, ValidationError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.scheduling import conflicts as conflict_rules
from cicini_desktop.core.scheduling.conflicts import Conflict
from cicini_desktop.core.scheduling.recurrence import RecurrenceRule, expand
from cicini_desktop.core.scheduling.status import EDITABLE, AppointmentStatus, CancelReason
from cicini_desktop.core.scheduling.wall_time import to_utc
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.appointments import (
    BookingRequest,
    Freed,
    Prepared,
    apply_move,
    find_conflicts,
    insert_appointment,
    lock_for_writing,
    prepare,
    record_status,
    refusing_overrides,
    resolve_conflicts,
)
from cicini_desktop.services.scheduling.common import (
    clinic_zone,
    get_or_404,
    now,
)
from cicini_desktop.services.scheduling.editing import editing_appointment
from cicini_desktop.services.scheduling.waitlist import WaitlistOffer, offers_for_freed
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import Appointment, AppointmentSeries, AppointmentType

S = AppointmentStatus


class SeriesScope(StrEnum):
    THIS = "this"
    FOLLOWING = "following"  # this occurrence and every later one
    ALL = "all"  # every occurrence not yet past


@dataclass(frozen=True, slots=True)
class OccurrencePreview:
    local_start: datetime  # naive clinic wall time (use it in `skip`)
    start: datetime | None  # aware; None when the wall time does not exist
    end: datetime | None
    conflicts: tuple[Conflict, ...]
    problem: str | None  # DST gap / overlap sentence; such an occurrence must be skipped

    @property
    def bookable(self) -> bool:
        return self.problem is None and not self.conflicts

    @property
    def sentences(self) -> tuple[str, ...]:
        own = (self.problem,) if self.problem else ()
        return own + tuple(c.sentence for c in self.conflicts)


@dataclass(frozen=True, slots=True)
class SeriesBooked:
    series_id: str
    appointment_ids: tuple[str, ...]
    skipped: tuple[datetime, ...]  # wall times not booked
    changes: Changes


def _duration(session: Session, request: BookingRequest) -> int:
    if request.duration_minutes is not None:
        return request.duration_minutes
    kind = session.get(AppointmentType, request.type_id)
    if kind is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors.scheduling",
                "Choose an appointment type that is in use.",
            ),
            field="type",
        )
    return kind.duration_minutes


def _wall(value: datetime, tz: ZoneInfo) -> datetime:
    return value.astimezone(tz).replace(tzinfo=None, fold=0) if value.tzinfo else value


def _previews(
    session: Session,
    tz: ZoneInfo,
    request: BookingRequest,
    rule: RecurrenceRule,
    fold: int | None,
) -> list[tuple[OccurrencePreview, Prepared | None]]:
    """Each occurrence checked against the database and the ones before it in the series."""
    minutes = _duration(session, request)
    result: list[tuple[OccurrencePreview, Prepared | None]] = []
    accepted: list[Prepared] = []
    for occ in expand(rule, _wall(request.start, tz), timedelta(minutes=minutes), tz, fold):
        if occ.start is None or occ.end is None:
            result.append((OccurrencePreview(occ.local_start, None, None, (), occ.problem), None))
            continue
        one = replace(request, duration_minutes=minutes)
        prepared = prepare(session, tz, one, appointment_id=new_id(), start=occ.start)
        found = find_conflicts(session, tz, prepared)
        found += conflict_rules.check(prepared.booking, [p.booking for p in accepted], None)
        accepted.append(prepared)
        preview = OccurrencePreview(
            occ.local_start,
            datetime.fromtimestamp(occ.start, tz),
            datetime.fromtimestamp(occ.end, tz),
            tuple(found),
            None,
        )
        result.append((preview, prepared))
    return result


def preview_series(
    context: ServiceContext,
    actor: Actor,
    request: BookingRequest,
    rule: RecurrenceRule,
    *,
    fold: int | None = None,
) -> list[OccurrencePreview]:
    """Every occurrence with its conflicts (nothing saved); let the user choose skips."""
    require(context, actor, Permission.SCHEDULE_VIEW, provider_id=request.provider_id)
    with context.database.session() as session:
        tz = clinic_zone(session, context)
        return [p for p, _ in _previews(session, tz, request, rule, fold)]


def book_series(
    context: ServiceContext,
    actor: Actor,
    request: BookingRequest,
    rule: RecurrenceRule,
    *,
    skip: Collection[datetime] = (),
    skip_conflicting: bool = False,
    fold: int | None = None,
    override_reason: str | None = None,
) -> SeriesBooked:
    """Book every occurrence not skipped. Occurrences that cannot exist (DST) must be
    skipped; conflicting ones must be skipped or overridden (permission + reason)."""
    with refusing_overrides(context, actor), unit_of_work(context, actor) as tx:
        stored = tx.require(Permission.APPOINTMENT_BOOK, provider_id=request.provider_id)
        lock_for_writing(tx.session)
        tz = clinic_zone(tx.session, context)
        skip_walls = {_wall(s, tz) for s in skip}
        chosen: list[tuple[OccurrencePreview, Prepared]] = []
        skipped: list[datetime] = []
        for preview, prepared in _previews(tx.session, tz, request, rule, fold):
            if preview.local_start in skip_walls or (skip_conflicting and not preview.bookable):
                skipped.append(preview.local_start)
                continue
            if prepared is None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "errors.scheduling",
                        "{problem} Skip that occurrence or choose another time.",
                    ).format(problem=str(preview.problem)),
                    field="start",
                )
            chosen.append((preview, prepared))
        if not chosen:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling",
                    "Every occurrence was skipped, so there is nothing to book.",
                ),
                field="skip",
            )
        series_id = new_id()
        conflicting = [c for p, _ in chosen for c in p.conflicts]
        reason = None
        if conflicting:
            if override_reason is None:
                dates = ", ".join(
                    p.local_start.strftime("%Y-%m-%d %H:%M") for p, _ in chosen if p.conflicts
                )
                raise ConflictError(
                    QT_TRANSLATE_NOOP(
                        "errors.scheduling",
                        "These occurrences have conflicts: {dates}. Skip them, or override the "
                        "conflicts with a reason.",
                    ).format(dates=str(dates)),
                    tuple(conflicting),
                )
            reason = resolve_conflicts(
                context, stored, tx, conflicting, override_reason, series_id, "series"
            )
        first = chosen[0][1].booking
        tx.session.add(
            AppointmentSeries(
                id=series_id,
                rule=rule.to_json(),
                first_local=_wall(request.start, tz).isoformat(timespec="seconds"),
                fold=fold,
                duration_minutes=(first.end - first.start) // 60,
                patient_id=request.patient_id,
                provider_id=request.provider_id,
                type_id=request.type_id,
                room_id=request.room_id,
                created_at=context.clock.now(),
                created_by=actor.staff_id,
            )
        )
        tx.session.flush()
        ids = []
        for preview, prepared in chosen:
            row = insert_appointment(
                tx,
                prepared,
                series_id=series_id,
                override_reason=reason if preview.conflicts else None,
            )
            ids.append(row.id)
        tx.count(Counter.APPOINTMENT_SERIES_BOOKED)
        tx.count(Counter.APPOINTMENT_BOOKED, len(ids))
        return SeriesBooked(series_id, tuple(ids), tuple(skipped), Changes(appointments=True))


# --- scoped edits ---------------------------------------------------------------------------


def _targets(
    session: Session, row: Appointment, scope: SeriesScope, moment: int
) -> list[Appointment]:
    """The occurrences a scoped change touches: never past, never beyond booked/confirmed."""
    if scope is SeriesScope.THIS or row.series_id is None:
        return [row]
    query = select(Appointment).where(
        Appointment.series_id == row.series_id,
        Appointment.status.in_([s.value for s in EDITABLE]),
    )
    if scope is SeriesScope.FOLLOWING:
        query = query.where(Appointment.start_at >= row.start_at)
    else:
        query = query.where(Appointment.start_at >= moment)
    targets = list(session.scalars(query.order_by(Appointment.start_at)))
    if row not in targets and S(row.status) in EDITABLE:
        targets.insert(0, row)
    return targets


def _split(
    tx: Transaction, row: Appointment, targets: list[Appointment], tz: ZoneInfo
) -> str | None:
    """'This and following': end the old series before `row`, move targets to a new one."""
    if row.series_id is None:
        return None
    old = get_or_404(tx.session, AppointmentSeries, row.series_id, "series")
    rule = RecurrenceRule.from_json(old.rule)
    split_day = datetime.fromtimestamp(row.start_at, tz).date()
    ended = replace(rule, until=split_day - timedelta(days=1), count=None)
    new_rule = rule if rule.count is None else replace(rule, count=len(targets))
    new_series = AppointmentSeries(
        id=new_id(),
        rule=new_rule.to_json(),
        first_local=datetime.fromtimestamp(row.start_at, tz)
        .replace(tzinfo=None)
        .isoformat(timespec="seconds"),
        fold=old.fold,
        duration_minutes=old.duration_minutes,
        patient_id=old.patient_id,
        provider_id=old.provider_id,
        type_id=old.type_id,
        room_id=old.room_id,
        split_from_id=old.id,
        created_at=tx.context.clock.now(),
        created_by=tx.actor.staff_id,
    )
    old.rule = ended.to_json()
    tx.session.add(new_series)
    tx.session.flush()
    for target in targets:
        target.series_id = new_series.id
    return new_series.id


def edit_series(
    context: ServiceContext,
    actor: Actor,
    appointment_id: str,
    scope: SeriesScope,
    *,
    expected_version: int | None,
    start: datetime | None = None,
    duration_minutes: int | None = None,
    provider_id: str | None = None,
    room_id: str | None = None,
    fold: int | None = None,
    override_reason: str | None = None,
) -> Freed:
    """Move the chosen occurrence to `start` (and/or change duration, provider, room); with
    scope FOLLOWING or ALL, shift the other occurrences by the same wall-clock change."""
    scope = SeriesScope(scope)
    with editing_appointment(
        context,
        actor,
        appointment_id,
        Permission.APPOINTMENT_EDIT,
        expected_version=expected_version,
        also_for_providers=(provider_id,),
        lock=True,
        overrides=True,
    ) as edit:
        tx, row, tz = edit.tx, edit.row, edit.zone
        if S(row.status) not in EDITABLE:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.scheduling",
                    "This occurrence has already taken place or was cancelled; choose a later one.",
                ),
                field="status",
            )
        old_wall = datetime.fromtimestamp(row.start_at, tz).replace(tzinfo=None)
        new_wall = _wall(start, tz) if start is not None else old_wall
        shift = new_wall - old_wall
        targets = _targets(tx.session, row, scope, now(context))
        plans: list[tuple[Appointment, Prepared]] = []
        found: list[Conflict] = []
        for target in targets:
            wall = datetime.fromtimestamp(target.start_at, tz).replace(tzinfo=None) + shift
            begin = (
                int(start.timestamp())
                if target is row and start is not None and start.tzinfo is not None
                else to_utc(wall, tz, fold)
            )
            minutes = duration_minutes or (target.end_at - target.start_at) // 60
            request = BookingRequest(
                patient_id=target.patient_id,
                provider_id=provider_id or target.provider_id,
                type_id=target.type_id,
                start=wall,
                duration_minutes=minutes,
                room_id=room_id if room_id is not None else target.room_id,
                note=target.note,
            )
            prepared = prepare(tx.session, tz, request, appointment_id=target.id, start=begin)
            others = [p.booking for _, p in plans]
            batch = find_conflicts(tx.session, tz, prepared)
            # Occurrences of this same change move together: ignore their old places.
            moving = {t.id for t in targets}
            batch = [c for c in batch if c.other_appointment_id not in moving]
            batch += conflict_rules.check(prepared.booking, others, None)
            found += batch
            plans.append((target, prepared))
        reason = resolve_conflicts(context, edit.actor, tx, found, override_reason, row.id)
        freed = (row.provider_id, row.start_at, row.end_at)
        for target, prepared in plans:
            apply_move(tx, target, prepared, override_reason=reason)
        if scope is SeriesScope.FOLLOWING:
            _split(tx, row, targets, tz)
        elif scope is SeriesScope.ALL and row.series_id is not None:
            series = get_or_404(tx.session, AppointmentSeries, row.series_id, "series")
            series.first_local = (datetime.fromisoformat(series.first_local) + shift).isoformat(
                timespec="seconds"
            )
            if duration_minutes:
                series.duration_minutes = duration_minutes
            if provider_id:
                series.provider_id = provider_id
        tx.count(Counter.APPOINTMENT_MOVED, len(plans))
        mine = next(p for t, p in plans if t is row)
        offers = offers_for_freed(tx.session, context, actor, tz, *freed, new=mine.booking)
        return Freed(Changes(appointments=True), offers)


def cancel_series(
    context: ServiceContext,
    actor: Actor,
    appointment_id: str,
    scope: SeriesScope,
    reason: CancelReason,
    *,
    expected_version: int | None,
) -> Freed:
    """Cancel this occurrence, this and the following ones, or every one not yet past.
    Past, arrived and completed occurrences keep their status and history."""
    scope = SeriesScope(scope)
    with editing_appointment(
        context,
        actor,
        appointment_id,
        Permission.APPOINTMENT_CANCEL,
        expected_version=expected_version,
    ) as edit:
        tx, row, tz = edit.tx, edit.row, edit.zone
        targets = _targets(tx.session, row, scope, now(context))
        if row not in targets:
            targets.insert(0, row)  # lets record_status refuse it with its sentence
        for target in targets:
            record_status(tx, target, S.CANCELLED, reason)
        if scope is not SeriesScope.THIS and row.series_id is not None:
            series = get_or_404(tx.session, AppointmentSeries, row.series_id, "series")
            rule = RecurrenceRule.from_json(series.rule)
            first_day = min(datetime.fromtimestamp(t.start_at, tz).date() for t in targets)
            until = first_day - timedelta(days=1)
            if until >= date.fromisoformat(series.first_local[:10]):
                series.rule = replace(rule, until=until, count=None).to_json()
        tx.count(Counter.APPOINTMENT_CANCELLED, len(targets))
        offers: tuple[WaitlistOffer, ...] = offers_for_freed(
            tx.session, context, actor, tz, row.provider_id, row.start_at, row.end_at
        )
        return Freed(Changes(appointments=True), offers)


def series_occurrences(
    context: ServiceContext, actor: Actor, series_id: str
) -> list[tuple[str, datetime, AppointmentStatus]]:
    """(appointment id, start, status) of every occurrence ever booked in the series."""
    with context.database.session() as session:
        series = get_or_404(session, AppointmentSeries, series_id, "series")
        require(context, actor, Permission.SCHEDULE_VIEW, provider_id=series.provider_id)
        tz = clinic_zone(session, context)
        rows = session.execute(
            select(Appointment.id, Appointment.start_at, Appointment.status)
            .where(Appointment.series_id == series_id)
            .order_by(Appointment.start_at)
        ).all()
        return [(i, datetime.fromtimestamp(s, tz), S(st)) for i, s, st in rows]
