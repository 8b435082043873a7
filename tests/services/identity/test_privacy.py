"""No username, display name or email ever lands in the audit rows or the log file."""

from __future__ import annotations

import logging

import pytest

from cicini_desktop.core.errors import AuthenticationError, InvariantError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.logging_setup import configure_logging
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.roles import create_role, rename_role, save_matrix
from cicini_desktop.services.sessions import (
    change_own_password,
    lock_session,
    sign_in,
    sign_out,
    switch_user,
    unlock_session,
)
from cicini_desktop.services.staff import (
    NewStaff,
    RoleAssignment,
    create_first_manager,
    create_staff,
    deactivate_staff,
    reactivate_staff,
    reset_password,
    unlock_account,
    update_staff,
)
from tests.services.identity.conftest import audit_rows

SECRETS = {
    "manager username": "Henrietta.Q",
    "manager name": "Henrietta Quarrington",
    "member username": "zebulon.k",
    "member name": "Zebulon Kowalczyk",
    "renamed": "Zebulon Renamed-Name",
    "typed unknown username": "mystery.visitor",
    "contact name": "Ottoline Contact",
    "contact email": "ottoline@praxis.example",
    "password": "glacier saffron twelve",
}


@pytest.fixture
def log_file(tmp_path):
    path = configure_logging(tmp_path / "logs", "debug")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_cicini", False):
            root.removeHandler(handler)
            handler.close()


def test_flows_leave_no_names_in_audit_or_log(config, vault, clock, log_file):
    clinic = create_clinic(
        config,
        organization_name="Privacy Clinic",
        timezone="Europe/Berlin",
        vault=vault,
        clock=clock,
        contact_name=SECRETS["contact name"],
        contact_email=SECRETS["contact email"],
        contact_phone="+493012345678",
    )
    context = clinic.context
    try:
        create_first_manager(
            context,
            username=SECRETS["manager username"],
            display_name=SECRETS["manager name"],
            password=SECRETS["password"],
        )
        manager = sign_in(context, SECRETS["manager username"], SECRETS["password"])
        actor = manager.actor
        custom = create_role(context, actor, "Front desk plus", [Permission.SCHEDULE_VIEW])
        rename_role(context, actor, custom, "Front desk extra")
        save_matrix(context, actor, {custom: {Permission.SCHEDULE_VIEW, Permission.AUDIT_VIEW}})
        member = create_staff(
            context,
            actor,
            NewStaff(
                SECRETS["member username"],
                SECRETS["member name"],
                "temporary words here 1",
                assignments=(RoleAssignment(custom),),
            ),
        )
        update_staff(context, actor, member, expected_version=None, display_name=SECRETS["renamed"])
        with pytest.raises(AuthenticationError):
            sign_in(context, SECRETS["typed unknown username"], "whatever it is")
        for _ in range(5):
            clock.advance(minutes=5)
            with pytest.raises(AuthenticationError):
                sign_in(context, SECRETS["member username"], "not the password")
        unlock_account(context, actor, member)
        reset_password(context, actor, member, "temporary words here 2")
        session = sign_in(context, SECRETS["member username"], "temporary words here 2")
        session = change_own_password(
            context, session, "temporary words here 2", "member's own phrase 3"
        )
        lock_session(context, session)
        session = unlock_session(context, session, "member's own phrase 3")
        back = switch_user(context, session, SECRETS["manager username"], SECRETS["password"])
        deactivate_staff(context, actor, member)
        reactivate_staff(context, actor, member)
        with pytest.raises(InvariantError):
            deactivate_staff(context, actor, manager.staff_id)
        sign_out(context, back)
        logging.getLogger("cicini_desktop").info("flows done")

        rows = audit_rows(context)
        assert len(rows) > 20, "the audit trail should have recorded the flows"
        audit_text = repr(rows).casefold()
        for handler in logging.getLogger().handlers:
            handler.flush()
        log_text = log_file.read_text(encoding="utf-8").casefold()
        assert "flows done" in log_text
        for what, value in SECRETS.items():
            assert value.casefold() not in audit_text, f"{what} found in the audit trail"
            assert value.casefold() not in log_text, f"{what} found in the log file"
        # Names are not recorded even in parts (first or last name alone).
        for part in ("henrietta", "quarrington", "zebulon", "kowalczyk", "ottoline"):
            assert part not in audit_text
            assert part not in log_text
    finally:
        context.database.close()
