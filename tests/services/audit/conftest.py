"""Audit service fixtures: a manager, a receptionist, and a small varied trail."""

from __future__ import annotations

import pytest

from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import unit_of_work


@pytest.fixture
def manager(context: ServiceContext) -> Actor:
    assert context.organization_id is not None
    return Actor(new_id(), context.organization_id, frozenset(Permission))


@pytest.fixture
def receptionist(context: ServiceContext) -> Actor:
    assert context.organization_id is not None
    return Actor(new_id(), context.organization_id, frozenset({Permission.SCHEDULE_VIEW}))


def varied_trail(context: ServiceContext, clock, actors: list[Actor], per_hour: int = 3) -> None:
    """24 hours of sign-ins (success/failure alternating) by `actors`, one hour apart."""
    for _hour in range(24):
        for actor in actors:
            with unit_of_work(context, actor) as tx:
                for index in range(per_hour):
                    failed = index % 2 == 1
                    tx.audit(
                        AuditAction.SIGN_IN_FAILED if failed else AuditAction.SIGN_IN_SUCCEEDED,
                        AuditOutcome.FAILURE if failed else AuditOutcome.SUCCESS,
                        target_type="staff",
                        target_id=actor.staff_id,
                    )
        clock.advance(hours=1)
