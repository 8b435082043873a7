"""Fixtures for identity services: a clinic with its first manager and one member per
built-in role, and raw access to the audit rows."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.services.context import ServiceContext
from cicini_desktop.services.roles import list_roles
from cicini_desktop.services.sessions import StaffSession, sign_in
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
)

MANAGER_USERNAME = "Mia.Manager"
MANAGER_NAME = "Mia Example-Manager"
MANAGER_PASSWORD = "tangerine orbit lamp 7"
MEMBER_PASSWORD = "violet harbour kettle 42"

ROLE_NAMES = {
    BuiltInRole.RECEPTIONIST: "Receptionist",
    BuiltInRole.CLINICIAN: "Clinician",
    BuiltInRole.PRACTICE_MANAGER: "Practice Manager",
    BuiltInRole.IT_ADMINISTRATOR: "IT Administrator",
}


@dataclass
class Clinic:
    context: ServiceContext
    manager: StaffSession
    role_ids: dict[BuiltInRole, str]

    def add_member(
        self,
        username: str,
        role: BuiltInRole | None,
        *,
        display_name: str | None = None,
        is_provider: bool = False,
        scope: frozenset[str] | None = None,
    ) -> str:
        assignments = () if role is None else (RoleAssignment(self.role_ids[role], scope),)
        return create_staff(
            self.context,
            self.manager.actor,
            NewStaff(
                username=username,
                display_name=display_name or f"Person {username}",
                password=MEMBER_PASSWORD,
                assignments=assignments,
                is_provider=is_provider,
                must_change_password=False,
            ),
        )


def make_clinic(context: ServiceContext) -> Clinic:
    """The first manager (signed in) and the built-in roles' ids."""
    create_first_manager(
        context, username=MANAGER_USERNAME, display_name=MANAGER_NAME, password=MANAGER_PASSWORD
    )
    manager = sign_in(context, MANAGER_USERNAME, MANAGER_PASSWORD)
    by_name = {role.name: role.id for role in list_roles(context, manager.actor)}
    return Clinic(context, manager, {r: by_name[n] for r, n in ROLE_NAMES.items()})


@pytest.fixture
def clinic(context: ServiceContext) -> Clinic:
    return make_clinic(context)


def audit_rows(context: ServiceContext) -> list[dict[str, Any]]:
    """Every audit record as stored (raw columns; details decoded when JSON)."""
    try:
        with context.database.session() as session:
            rows = [dict(r._mapping) for r in session.execute(text("SELECT * FROM audit_record"))]
    except OperationalError:
        return []
    for row in rows:
        with contextlib.suppress(TypeError, ValueError):
            row["details"] = json.loads(row.get("details") or "{}")
    return sorted(rows, key=lambda r: r["seq"])


def audit_recording(context: ServiceContext) -> bool:
    """False while store.audit_log.append is still the placeholder (no rows at all)."""
    return bool(audit_rows(context))


def require_audit(context: ServiceContext) -> list[dict[str, Any]]:
    """The audit rows; a test that expects some fails (never skips) when there are none."""
    rows = audit_rows(context)
    assert rows, "no audit rows were written"
    return rows
