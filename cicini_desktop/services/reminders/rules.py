"""Reminder rules, set by managers: how long before, which channel, which appointment type."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.rules import RuleInput, clean_rule
from cicini_desktop.core.reminders.vocabulary import Channel
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import check_version, get_or_404
from cicini_desktop.services.unit_of_work import require, unit_of_work
from cicini_desktop.store.models import AppointmentType, ReminderRule


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: str
    name: str
    channel: Channel
    offset_minutes: int
    late_minutes: int
    type_id: str | None
    type_name: str | None  # for the manager's editor only; never in a message
    active: bool
    version: int


def list_rules(context: ServiceContext, actor: Actor) -> list[RuleRow]:
    require(context, actor, Permission.REMINDER_MANAGE)
    with context.database.session() as session:
        rows = session.execute(
            select(ReminderRule, AppointmentType.name)
            .outerjoin(AppointmentType, AppointmentType.id == ReminderRule.type_id)
            .order_by(ReminderRule.offset_minutes.desc(), ReminderRule.name)
        ).all()
        return [
            RuleRow(
                r.id,
                r.name,
                Channel(r.channel),
                r.offset_minutes,
                r.late_minutes,
                r.type_id,
                type_name,
                r.active,
                r.version,
            )
            for r, type_name in rows
        ]


def create_rule(context: ServiceContext, actor: Actor, data: RuleInput) -> tuple[str, Changes]:
    require(context, actor, Permission.REMINDER_MANAGE, target_type="reminder_rule")
    clean = clean_rule(data)
    with unit_of_work(context, actor) as tx:
        if clean.type_id is not None:
            get_or_404(tx.session, AppointmentType, clean.type_id, "appointment type")
        rule = ReminderRule(
            id=new_id(),
            name=clean.name,
            channel=clean.channel.value,
            offset_minutes=clean.offset_minutes,
            late_minutes=clean.late_minutes or 0,
            type_id=clean.type_id,
            active=clean.active,
        )
        tx.session.add(rule)
        tx.session.flush()
        tx.audit(
            AuditAction.REMINDER_RULE_CHANGED,
            target_type="reminder_rule",
            target_id=rule.id,
            details={"channel": clean.channel.value, "kind": "created"},
        )
        return rule.id, Changes(settings=True)


def edit_rule(
    context: ServiceContext, actor: Actor, rule_id: str, data: RuleInput, *, expected_version: int
) -> Changes:
    """Pending reminders of the rule keep their window; new ones follow the new rule."""
    require(
        context, actor, Permission.REMINDER_MANAGE, target_type="reminder_rule", target_id=rule_id
    )
    clean = clean_rule(data)
    with unit_of_work(context, actor) as tx:
        rule = get_or_404(tx.session, ReminderRule, rule_id, "reminder rule")
        check_version(rule.version, expected_version, "reminder rule")
        if clean.type_id is not None:
            get_or_404(tx.session, AppointmentType, clean.type_id, "appointment type")
        rule.name = clean.name
        rule.channel = clean.channel.value
        rule.offset_minutes = clean.offset_minutes
        rule.late_minutes = clean.late_minutes or 0
        rule.type_id = clean.type_id
        rule.active = clean.active
        tx.audit(
            AuditAction.REMINDER_RULE_CHANGED,
            target_type="reminder_rule",
            target_id=rule.id,
            details={"channel": clean.channel.value, "kind": "edited"},
        )
    return Changes(settings=True)
