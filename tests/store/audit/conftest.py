"""Audit store fixtures: a clinic with a trail, and raw access to its SQLCipher file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlcipher3

from cicini_desktop.config import Config
from cicini_desktop.core.audit_actions import AuditAction, AuditOutcome
from cicini_desktop.core.clock import FixedClock
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.clinic import open_clinic
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.unit_of_work import unit_of_work
from cicini_desktop.store.database import connect_raw
from cicini_desktop.store.vault import KeyVault

TRIGGERS = (
    "audit_record_append_only_insert",
    "audit_record_append_only_update",
    "audit_record_append_only_delete",
)


@pytest.fixture
def manager(context: ServiceContext) -> Actor:
    assert context.organization_id is not None
    return Actor(new_id(), context.organization_id, frozenset(Permission))


def record(context: ServiceContext, actor: Actor, count: int) -> None:
    """`count` sign-in failures, one transaction."""
    with unit_of_work(context, actor) as tx:
        for index in range(count):
            tx.audit(
                AuditAction.SIGN_IN_FAILED,
                AuditOutcome.FAILURE,
                target_type="staff",
                target_id=actor.staff_id,
                details={"failures": index},
            )


@contextmanager
def raw_file(
    context: ServiceContext, *, drop_triggers: bool = True
) -> Iterator[sqlcipher3.Connection]:
    """The database file opened behind the app's back (the app's engine closed first)."""
    key = context.vault.load_key(context.database.database_id)
    context.database.close()
    connection = connect_raw(context.database.path, key)
    try:
        if drop_triggers:
            for name in TRIGGERS:
                connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield connection
    finally:
        connection.close()


def reopen(config: Config, vault: KeyVault, clock: FixedClock) -> ServiceContext:
    return open_clinic(config, vault, clock)
