"""A clinic's set-up as a plain document, to export and to provision (`cicini setup export`,
`cicini provision`): opening hours, closures, holiday region, rooms, appointment types,
staff accounts with roles, and providers' weekly hours. Never patient data, appointments,
time off or passwords.

The document is the TOML provisioning file's shape (tables of text, numbers, booleans and
dates), so the CLI writes it with tomli-w and reads it with tomllib:

    [organization]            name, timezone
    [manager]                 username, display_name (+ one_time_password to provision)
    [setup]                   holiday_country, holiday_region
    [setup.opening_hours]     mon = ["08:00-12:00", "13:00-18:00"], ...
    [[setup.closures]]        start, end (dates), label, from / until ("HH:MM", part days)
    [[setup.rooms]]           name, kind, active
    [[setup.appointment_types]]  name, duration, colour, buffer_before, buffer_after,
                              room_kind, providers (usernames), active
    [[staff]]                 username, display_name, roles (names), provider, colour,
                              active (+ one_time_password to provision)
    [[setup.provider_hours]]  provider (username), valid_from, valid_until, room (name),
                              hours / breaks / hours_b / breaks_b = {mon = [...], ...}

`apply_setup` is idempotent: it creates what is missing and corrects what differs, matching
rooms and types by name (any case), staff by username and weekly hours by provider and
valid_from; it never deletes. Accounts it creates get a one-time password that must be
changed at first sign-in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cicini_desktop.core.errors import ValidationError
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.core.roles import BUILT_IN_NAMES, BuiltInRole
from cicini_desktop.core.scheduling import setup_rules
from cicini_desktop.services import staff as staff_service
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.scheduling import availability as avail
from cicini_desktop.services.scheduling import holidays

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
Interval = tuple[int, int, int]


# --- the typed form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureSpec:
    start: date
    end: date
    label: str | None = None
    start_minute: int | None = None
    end_minute: int | None = None


@dataclass(frozen=True)
class RoomSpec:
    name: str
    kind: str
    active: bool = True


@dataclass(frozen=True)
class TypeSpec:
    name: str
    duration: int
    colour: str
    buffer_before: int = 0
    buffer_after: int = 0
    room_kind: str | None = None
    providers: tuple[str, ...] = ()  # usernames
    active: bool = True


@dataclass(frozen=True)
class StaffSpec:
    username: str
    display_name: str
    roles: tuple[str, ...]
    provider: bool = False
    colour: str | None = None
    active: bool = True
    one_time_password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class HoursSpec:
    provider: str  # username
    valid_from: date
    hours: tuple[Interval, ...]
    breaks: tuple[Interval, ...] = ()
    valid_until: date | None = None
    hours_b: tuple[Interval, ...] | None = None
    breaks_b: tuple[Interval, ...] = ()
    room: str | None = None  # room name


@dataclass(frozen=True)
class SetupSpec:
    holiday_country: str | None = None
    holiday_region: str | None = None
    opening_hours: tuple[Interval, ...] | None = None  # None: not declared
    closures: tuple[ClosureSpec, ...] = ()
    rooms: tuple[RoomSpec, ...] = ()
    types: tuple[TypeSpec, ...] = ()
    staff: tuple[StaffSpec, ...] = ()
    provider_hours: tuple[HoursSpec, ...] = ()

    @property
    def empty(self) -> bool:
        return self == SetupSpec()


# --- reading ------------------------------------------------------------------------------------


def _fail(where: str, sentence: str) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("errors.setup_transfer", "'{where}' {sentence}").format(
            where=where, sentence=sentence
        ),
        field=where,
    )


def _minute(text: str, where: str) -> int:
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if match is None or int(match[2]) > 59 or int(match[1]) * 60 + int(match[2]) > 1440:
        raise _fail(
            where,
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be a time as HH:MM, not {text}.",
            ).format(text=str(repr(text))),
        )
    return int(match[1]) * 60 + int(match[2])


def _week(value: Any, where: str) -> tuple[Interval, ...]:
    if not isinstance(value, Mapping):
        raise _fail(
            where,
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                'must be a table of weekdays, e.g. {mon = ["08:00-12:00"]}.',
            ),
        )
    rows: list[Interval] = []
    for day, spans in value.items():
        if day not in DAYS:
            raise _fail(
                f"{where}.{day}",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "is not a weekday; use one of {items}.",
                ).format(items=str(", ".join(DAYS))),
            )
        if not isinstance(spans, list):
            raise _fail(
                f"{where}.{day}",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    'must be a list such as ["08:00-12:00"].',
                ),
            )
        for span in spans:
            match = _SPAN.match(span.strip()) if isinstance(span, str) else None
            if match is None:
                raise _fail(
                    f"{where}.{day}",
                    QT_TRANSLATE_NOOP(
                        "errors.setup_transfer",
                        'needs spans as "HH:MM-HH:MM", not {span}.',
                    ).format(span=str(repr(span))),
                )
            start = _minute(f"{match[1]}:{match[2]}", f"{where}.{day}")
            end = _minute(f"{match[3]}:{match[4]}", f"{where}.{day}")
            rows.append((DAYS.index(day), start, end))
    return tuple(sorted(rows))


def _str(table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise _fail(
                f"{where}.{key}",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "is required.",
                ),
            )
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(
            f"{where}.{key}",
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be text in quotes.",
            ),
        )
    return value.strip()


def _int(table: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(
            f"{where}.{key}",
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be a whole number.",
            ),
        )
    return value


def _bool(table: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise _fail(
            f"{where}.{key}",
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be true or false.",
            ),
        )
    return value


def _date(table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> date | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, date):
        raise _fail(
            f"{where}.{key}",
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be a date written as 2026-12-24 (no quotes).",
            ),
        )
    return value


def _tables(raw: Any, where: str) -> list[Mapping[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(t, Mapping) for t in raw):
        raise _fail(
            where,
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be a list of tables ([[{where}]]).",
            ).format(where=str(where)),
        )
    return raw


def _keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise _fail(
                f"{where}.{key}",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "is not a known key; expected one of {items}.",
                ).format(items=str(", ".join(sorted(allowed)))),
            )


def parse_setup(setup: Mapping[str, Any] | None, staff: Any) -> SetupSpec:
    """The [setup] table and [[staff]] list of a provisioning file, checked and typed."""
    setup = setup or {}
    if not isinstance(setup, Mapping):
        raise _fail(
            "setup",
            QT_TRANSLATE_NOOP(
                "errors.setup_transfer",
                "must be a table ([setup]).",
            ),
        )
    _keys(
        setup,
        {
            "holiday_country",
            "holiday_region",
            "opening_hours",
            "closures",
            "rooms",
            "appointment_types",
            "provider_hours",
        },
        "setup",
    )
    hours = setup.get("opening_hours")
    closures = []
    for n, t in enumerate(_tables(setup.get("closures"), "setup.closures"), 1):
        where = f"setup.closures[{n}]"
        _keys(t, {"start", "end", "label", "from", "until"}, where)
        start = _date(t, "start", where)
        assert start is not None
        end = _date(t, "end", where, required=False) or start
        start_minute = _minute(t["from"], f"{where}.from") if "from" in t else None
        end_minute = _minute(t["until"], f"{where}.until") if "until" in t else None
        setup_rules.part_day(start, end, start_minute, end_minute, f"'{where}'")
        closures.append(
            ClosureSpec(
                start, end, _str(t, "label", where, required=False), start_minute, end_minute
            )
        )
    rooms = []
    for n, t in enumerate(_tables(setup.get("rooms"), "setup.rooms"), 1):
        where = f"setup.rooms[{n}]"
        _keys(t, {"name", "kind", "active"}, where)
        rooms.append(
            RoomSpec(
                _str(t, "name", where) or "",
                _str(t, "kind", where) or "",
                _bool(t, "active", where, True),
            )
        )
    types = []
    for n, t in enumerate(_tables(setup.get("appointment_types"), "setup.appointment_types"), 1):
        where = f"setup.appointment_types[{n}]"
        _keys(
            t,
            {
                "name",
                "duration",
                "colour",
                "buffer_before",
                "buffer_after",
                "room_kind",
                "providers",
                "active",
            },
            where,
        )
        providers = t.get("providers", [])
        if not isinstance(providers, list) or not all(isinstance(p, str) for p in providers):
            raise _fail(
                f"{where}.providers",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    'must be a list of usernames, e.g. ["anna"].',
                ),
            )
        spec = TypeSpec(
            _str(t, "name", where) or "",
            _int(t, "duration", where),
            _str(t, "colour", where) or "",
            _int(t, "buffer_before", where, 0),
            _int(t, "buffer_after", where, 0),
            _str(t, "room_kind", where, required=False),
            tuple(providers),
            _bool(t, "active", where, True),
        )
        setup_rules.duration(spec.duration, f"'{where}.duration'")
        setup_rules.colour(spec.colour, f"'{where}.colour'")
        types.append(spec)
    for a, b in ((a, b) for i, a in enumerate(types) for b in types[i + 1 :]):
        if a.name.casefold() == b.name.casefold():
            raise _fail(
                "setup.appointment_types",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "names '{name}' twice (any case counts).",
                ).format(name=str(a.name)),
            )
    members = []
    for n, t in enumerate(_tables(staff, "staff"), 1):
        where = f"staff[{n}]"
        _keys(
            t,
            {
                "username",
                "display_name",
                "roles",
                "provider",
                "colour",
                "active",
                "one_time_password",
            },
            where,
        )
        roles = t.get("roles", [])
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise _fail(
                f"{where}.roles",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    'must list role names, e.g. ["Receptionist"].',
                ),
            )
        password = t.get("one_time_password")
        if password is not None and (not isinstance(password, str) or not password):
            raise _fail(
                f"{where}.one_time_password",
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "must be text in quotes.",
                ),
            )
        members.append(
            StaffSpec(
                _str(t, "username", where) or "",
                _str(t, "display_name", where) or "",
                tuple(roles),
                _bool(t, "provider", where, False),
                _str(t, "colour", where, required=False),
                _bool(t, "active", where, True),
                password,
            )
        )
    plans = []
    for n, t in enumerate(_tables(setup.get("provider_hours"), "setup.provider_hours"), 1):
        where = f"setup.provider_hours[{n}]"
        _keys(
            t,
            {
                "provider",
                "valid_from",
                "valid_until",
                "room",
                "hours",
                "breaks",
                "hours_b",
                "breaks_b",
            },
            where,
        )
        valid_from = _date(t, "valid_from", where)
        assert valid_from is not None
        spec = HoursSpec(
            _str(t, "provider", where) or "",
            valid_from,
            _week(t.get("hours", {}), f"{where}.hours"),
            _week(t.get("breaks", {}), f"{where}.breaks"),
            _date(t, "valid_until", where, required=False),
            _week(t["hours_b"], f"{where}.hours_b") if "hours_b" in t else None,
            _week(t.get("breaks_b", {}), f"{where}.breaks_b"),
            _str(t, "room", where, required=False),
        )
        avail.check_rota_plan(_plan(spec, None))
        plans.append(spec)
    opening = None
    if hours is not None:
        opening = _week(hours, "setup.opening_hours")
        setup_rules.intervals(opening, "'setup.opening_hours'", "opening_hours")
    country = _str(setup, "holiday_country", "setup", required=False)
    region = _str(setup, "holiday_region", "setup", required=False)
    if country is not None:
        country, region = setup_rules.holiday_region(country, region, holidays.supported_regions())
    return SetupSpec(
        country,
        region,
        opening,
        tuple(closures),
        tuple(rooms),
        tuple(types),
        tuple(members),
        tuple(plans),
    )


def _plan(spec: HoursSpec, room_id: str | None) -> avail.RotaPlan:
    return avail.RotaPlan(
        spec.valid_from,
        spec.hours,
        spec.breaks,
        spec.valid_until,
        spec.hours_b,
        spec.breaks_b,
        room_id,
    )


# --- writing ------------------------------------------------------------------------------------


def _hhmm(minute: int) -> str:
    return setup_rules.hhmm(minute)


def _week_table(rows: Sequence[Interval]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for weekday, start, end in sorted(rows):
        table.setdefault(DAYS[weekday], []).append(f"{_hhmm(start)}-{_hhmm(end)}")
    return table


def export_setup(
    context: ServiceContext, actor: Actor, organization: Mapping[str, str]
) -> dict[str, Any]:
    """The current set-up as a provisioning document (no secrets, no patient data).
    `organization` holds the clinic's name and time zone (the CLI reads them)."""
    roles = {r.id: r.name for r in list_roles(context, actor)}
    members = sorted(staff_service.list_staff(context, actor), key=lambda m: m.username.casefold())
    usernames = {m.id: m.username for m in members}
    manager_role = BUILT_IN_NAMES[BuiltInRole.PRACTICE_MANAGER]
    manager = next(
        (m for m in members if m.active and any(roles.get(r) == manager_role for r in m.role_ids)),
        None,
    )
    rooms = avail.list_rooms(context, actor)
    room_names = {r.id: r.name for r in rooms}
    document: dict[str, Any] = {"organization": dict(organization)}
    if manager is not None:
        document["manager"] = {"username": manager.username, "display_name": manager.display_name}
    setup: dict[str, Any] = {}
    country, region = holidays.holiday_region(context, actor)
    if country:
        setup["holiday_country"] = country
    if region:
        setup["holiday_region"] = region
    setup["opening_hours"] = _week_table(avail.clinic_hours(context, actor))
    closures = []
    for c in avail.closures(context, actor):
        entry: dict[str, Any] = {"start": c.start_date, "end": c.end_date}
        if c.label:
            entry["label"] = c.label
        if c.start_minute is not None:
            entry["from"] = _hhmm(c.start_minute)
        if c.end_minute is not None:
            entry["until"] = _hhmm(c.end_minute)
        closures.append(entry)
    setup["closures"] = closures
    setup["rooms"] = [
        {"name": r.name, "kind": r.kind, "active": r.active}
        for r in sorted(rooms, key=lambda r: r.name.casefold())
    ]
    types = []
    for t in avail.list_types(context, actor, include_inactive=True):
        entry = {
            "name": t.name,
            "duration": t.duration_minutes,
            "colour": t.colour,
            "buffer_before": t.buffer_before_minutes,
            "buffer_after": t.buffer_after_minutes,
            "providers": sorted(usernames[p] for p in t.provider_ids if p in usernames),
            "active": t.active,
        }
        if t.room_kind:
            entry["room_kind"] = t.room_kind
        types.append(entry)
    setup["appointment_types"] = types
    plans = []
    for m in members:
        if not m.is_provider:
            continue
        for plan in avail.rota_plans(context, actor, m.id):
            entry = {"provider": m.username, "valid_from": plan.effective_from}
            if plan.valid_until is not None:
                entry["valid_until"] = plan.valid_until
            if plan.room_id is not None:
                entry["room"] = room_names.get(plan.room_id, "")
            entry["hours"] = _week_table(plan.intervals)
            entry["breaks"] = _week_table(plan.breaks)
            if plan.week_b is not None:
                entry["hours_b"] = _week_table(plan.week_b)
                entry["breaks_b"] = _week_table(plan.breaks_b)
            plans.append(entry)
    setup["provider_hours"] = plans
    document["setup"] = setup
    document["staff"] = [
        {
            "username": m.username,
            "display_name": m.display_name,
            "roles": sorted(roles.get(r, "") for r in m.role_ids),
            "provider": m.is_provider,
            "active": m.active,
            **({"colour": m.colour.upper()} if m.colour else {}),
        }
        for m in members
        if manager is None or m.id != manager.id
    ]
    return document


# --- applying -----------------------------------------------------------------------------------


def apply_setup(
    context: ServiceContext,
    actor: Actor,
    spec: SetupSpec,
    report: Callable[[str, bool], None],
) -> None:
    """Bring the clinic to `spec`; `report(line, changed)` hears about each part."""
    if spec.holiday_country is not None:
        current = holidays.holiday_region(context, actor)
        if current != (spec.holiday_country, spec.holiday_region) or not _region_stored(
            context, actor
        ):
            holidays.set_holiday_region(context, actor, spec.holiday_country, spec.holiday_region)
            report("holiday region: set", True)
    if spec.opening_hours is not None:
        if sorted(avail.clinic_hours(context, actor)) != sorted(spec.opening_hours):
            avail.set_clinic_hours(context, actor, spec.opening_hours, allow_affected=True)
            report("opening hours: set", True)
        else:
            report("opening hours: unchanged", False)
    _apply_closures(context, actor, spec, report)
    room_ids = _apply_rooms(context, actor, spec, report)
    staff_ids = _apply_staff(context, actor, spec, report)
    _apply_types(context, actor, spec, staff_ids, report)
    for hours in spec.provider_hours:
        provider_id = staff_ids.get(hours.provider.casefold())
        if provider_id is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "'setup.provider_hours': '{provider}' is not a provider's username.",
                ).format(provider=str(hours.provider)),
                field="provider",
            )
        room_id = None
        if hours.room:
            room_id = room_ids.get(hours.room.casefold())
            if room_id is None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "errors.setup_transfer",
                        "'setup.provider_hours': there is no room named '{room}'.",
                    ).format(room=str(hours.room)),
                    field="room",
                )
        wanted = avail.check_rota_plan(_plan(hours, room_id))
        existing = {p.effective_from: p for p in avail.rota_plans(context, actor, provider_id)}
        if existing.get(hours.valid_from) != wanted:
            avail.save_rota_plan(context, actor, provider_id, wanted, allow_affected=True)
            report(f"weekly hours of staff {provider_id} from {hours.valid_from}: set", True)
        else:
            report(f"weekly hours of staff {provider_id} from {hours.valid_from}: unchanged", False)


def _region_stored(context: ServiceContext, actor: Actor) -> bool:
    with context.database.session() as session:
        return holidays._setting(session, holidays.COUNTRY_SETTING) is not None


def _apply_closures(
    context: ServiceContext, actor: Actor, spec: SetupSpec, report: Callable[[str, bool], None]
) -> None:
    have = {
        (c.start_date, c.end_date, c.start_minute, c.end_minute, c.label)
        for c in avail.closures(context, actor)
    }
    added = 0
    for c in spec.closures:
        whole = c.start_minute is None and c.end_minute is None
        key = (
            c.start,
            c.end,
            None if whole else (c.start_minute or 0),
            None if whole else (1440 if c.end_minute is None else c.end_minute),
            c.label,
        )
        if key in have:
            continue
        avail.add_closure(
            context,
            actor,
            c.start,
            c.end,
            c.label,
            start_minute=c.start_minute,
            end_minute=c.end_minute,
            allow_affected=True,
        )
        have.add(key)
        added += 1
    if spec.closures:
        report(f"closures: {added} added" if added else "closures: unchanged", bool(added))


def _apply_rooms(
    context: ServiceContext, actor: Actor, spec: SetupSpec, report: Callable[[str, bool], None]
) -> dict[str, str]:
    rooms = {r.name.casefold(): r for r in avail.list_rooms(context, actor)}
    changed = 0
    for wanted in spec.rooms:
        have = rooms.get(wanted.name.casefold())
        if have is None:
            room_id, _ = avail.create_room(
                context, actor, wanted.name, wanted.kind, active=wanted.active
            )
            rooms[wanted.name.casefold()] = avail.RoomRow(
                room_id, wanted.name, wanted.kind, wanted.active
            )
            changed += 1
        elif (have.name, have.kind, have.active) != (
            wanted.name,
            wanted.kind.lower(),
            wanted.active,
        ):
            avail.edit_room(context, actor, have.id, wanted.name, wanted.kind, wanted.active)
            changed += 1
    if spec.rooms:
        report(
            f"rooms: {changed} created or changed" if changed else "rooms: unchanged", bool(changed)
        )
    return {name: row.id for name, row in rooms.items()}


def _apply_staff(
    context: ServiceContext, actor: Actor, spec: SetupSpec, report: Callable[[str, bool], None]
) -> dict[str, str]:
    members = {m.username.casefold(): m for m in staff_service.list_staff(context, actor)}
    roles = {r.name.casefold(): r.id for r in list_roles(context, actor)}
    for wanted in spec.staff:
        if wanted.username.casefold() in members:
            report(f"staff account {members[wanted.username.casefold()].id}: exists", False)
            continue
        if wanted.one_time_password is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "errors.setup_transfer",
                    "'staff': the account '{username}' does not exist yet; give it a "
                    "one_time_password (it must be changed at first sign-in).",
                ).format(username=str(wanted.username)),
                field="one_time_password",
            )
        role_ids = []
        for name in wanted.roles:
            if name.casefold() not in roles:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "errors.setup_transfer",
                        "'staff': the role '{name}' does not exist; use one of {items}.",
                    ).format(
                        name=str(name),
                        items=str(", ".join(sorted(r.name for r in list_roles(context, actor)))),
                    ),
                    field="roles",
                )
            role_ids.append(roles[name.casefold()])
        staff_id = staff_service.create_staff(
            context,
            actor,
            staff_service.NewStaff(
                username=wanted.username,
                display_name=wanted.display_name,
                password=wanted.one_time_password,
                assignments=tuple(staff_service.RoleAssignment(r) for r in role_ids),
                is_provider=wanted.provider,
                colour=wanted.colour,
                must_change_password=True,
            ),
        )
        if not wanted.active:
            staff_service.deactivate_staff(context, actor, staff_id)
        report(f"staff account {staff_id}: created (one-time password)", True)
    return {m.username.casefold(): m.id for m in staff_service.list_staff(context, actor)}


def _apply_types(
    context: ServiceContext,
    actor: Actor,
    spec: SetupSpec,
    staff_ids: Mapping[str, str],
    report: Callable[[str, bool], None],
) -> None:
    types = {t.name.casefold(): t for t in avail.list_types(context, actor, include_inactive=True)}
    changed = 0
    for wanted in spec.types:
        providers = []
        for username in wanted.providers:
            if username.casefold() not in staff_ids:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "errors.setup_transfer",
                        "'setup.appointment_types': '{username}' (offering '{name}') is not a "
                        "staff username.",
                    ).format(username=str(username), name=str(wanted.name)),
                    field="providers",
                )
            providers.append(staff_ids[username.casefold()])
        data = avail.TypeInput(
            wanted.name,
            wanted.duration,
            wanted.colour,
            wanted.buffer_before,
            wanted.buffer_after,
            wanted.room_kind,
            frozenset(providers),
        )
        have = types.get(wanted.name.casefold())
        if have is None:
            type_id, _ = avail.create_type(context, actor, data)
            if not wanted.active:
                avail.set_type_archived(context, actor, type_id, True)
            changed += 1
            continue
        current = (
            have.name,
            have.duration_minutes,
            have.colour,
            have.buffer_before_minutes,
            have.buffer_after_minutes,
            have.room_kind,
            have.provider_ids,
            have.active,
        )
        target = (
            wanted.name,
            wanted.duration,
            wanted.colour.upper(),
            wanted.buffer_before,
            wanted.buffer_after,
            wanted.room_kind.lower() if wanted.room_kind else None,
            frozenset(providers),
            wanted.active,
        )
        if current != target:
            avail.edit_type(
                context, actor, have.id, data, expected_version=have.version, active=wanted.active
            )
            changed += 1
    if spec.types:
        report(
            f"appointment types: {changed} created or changed"
            if changed
            else "appointment types: unchanged",
            bool(changed),
        )
