"""The permission check of a booking or an edit is read in the transaction that makes it.

One transaction per booking, move, cancellation or check-in (the check needs no session of
its own), and the grants that decide an override are the ones the database holds at that
moment, not those the window signed in with. Both stores, a signed-in receptionist whose
role a manager edits meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

import pytest
from sqlalchemy import event, func, select, text

from cicini_desktop.core.errors import PermissionDeniedError
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.roles import BuiltInRole
from cicini_desktop.core.scheduling.status import CancelReason
from cicini_desktop.services.context import Actor
from cicini_desktop.services.identity_access import ensure_built_in_roles
from cicini_desktop.services.roles import list_roles, save_matrix
from cicini_desktop.services.scheduling import appointments
from cicini_desktop.services.scheduling.appointments import BookingRequest
from cicini_desktop.services.sessions import sign_in
from cicini_desktop.services.staff import NewStaff, RoleAssignment, create_staff
from cicini_desktop.store.models import Appointment, StaffRole

PASSWORD = "violet harbour kettle 42"
T = TypeVar("T")


@pytest.fixture(autouse=True)
def staff_with_roles(clinic) -> None:
    """This clinic was made without the staff screens: its built-in roles are made as the
    first staff member's creation makes them, and its manager's account is given the
    practice manager's role (a role change must leave an account that can edit roles)."""
    with clinic.context.database.session_factory.begin() as session:
        manager_role = ensure_built_in_roles(session, clinic.context.clock.now())[
            BuiltInRole.PRACTICE_MANAGER
        ]
        session.add(StaffRole(id=new_id(), staff_id=clinic.manager.staff_id, role_id=manager_role))


def receptionist_role(clinic):
    return next(r for r in list_roles(clinic.context, clinic.manager) if r.name == "Receptionist")


def edit_receptionist_role(
    clinic,
    *,
    grant: frozenset[Permission] = frozenset(),
    revoke: frozenset[Permission] = frozenset(),
) -> None:
    """A manager edits the receptionist role in the role editor."""
    role = receptionist_role(clinic)
    save_matrix(
        clinic.context,
        clinic.manager,
        {role.id: (role.permissions | grant) - revoke},
        expected_versions={role.id: role.version},
    )


def signed_in_receptionist(
    clinic, *, username: str = "rita", providers: frozenset[str] | None = None
) -> Actor:
    """A receptionist's account (for `providers` only, if given), signed in."""
    create_staff(
        clinic.context,
        clinic.manager,
        NewStaff(
            username=username,
            display_name=f"Desk {username}",
            password=PASSWORD,
            assignments=(RoleAssignment(receptionist_role(clinic).id, providers),),
            must_change_password=False,
        ),
    )
    actor = sign_in(clinic.context, username, PASSWORD).actor
    assert actor.signed_in
    return actor


@contextmanager
def counted_transactions(clinic) -> Iterator[list[int]]:
    """How many transactions the engine begins meanwhile (SQLAlchemy's `begin` event)."""
    engine = clinic.context.database.engine
    begun: list[int] = []

    def on_begin(_connection) -> None:
        begun.append(1)

    event.listen(engine, "begin", on_begin)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", on_begin)


def request_at(clinic, when: datetime, *, patient: str | None = None) -> BookingRequest:
    return BookingRequest(patient or clinic.patient, clinic.providers[0], clinic.consult, when)


def denied_records(clinic) -> list[str]:
    with clinic.context.database.session() as session:
        return list(
            session.scalars(
                text("SELECT details FROM audit_record WHERE action = 'access.denied' ORDER BY seq")
            )
        )


def appointment_count(clinic) -> int:
    with clinic.context.database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Appointment)) or 0)


def in_one_transaction(clinic, call: Callable[[], T]) -> T:
    """`call()`'s result, after checking it began exactly one transaction."""
    with counted_transactions(clinic) as begun:
        result = call()
    assert len(begun) == 1, f"{len(begun)} transactions"
    return result


def test_a_booking_and_each_edit_are_one_transaction_with_their_permission_check(clinic):
    desk = signed_in_receptionist(clinic)
    context = clinic.context

    def version(appointment_id: str) -> int:  # the window's own read, outside the count
        return appointments.get_appointment(context, desk, appointment_id).version

    tomorrow = request_at(clinic, datetime(2026, 3, 17, 9, 0))
    booked = in_one_transaction(
        clinic, lambda: appointments.book_appointment(context, desk, tomorrow)
    ).appointment_id
    expected = version(booked)
    in_one_transaction(
        clinic,
        lambda: appointments.move_appointment(
            context, desk, booked, expected_version=expected, start=datetime(2026, 3, 17, 10)
        ),
    )
    expected = version(booked)
    in_one_transaction(
        clinic,
        lambda: appointments.cancel_appointment(
            context, desk, booked, CancelReason.PATIENT_REQUEST, expected_version=expected
        ),
    )
    today = request_at(clinic, datetime(2026, 3, 16, 11, 0), patient=clinic.other_patient)
    arriving = in_one_transaction(
        clinic, lambda: appointments.book_appointment(context, desk, today)
    ).appointment_id
    expected = version(arriving)
    in_one_transaction(
        clinic,
        lambda: appointments.check_in(context, desk, arriving, expected_version=expected),
    )


def test_a_refusal_inside_the_transaction_is_audited_and_writes_nothing(clinic):
    desk = signed_in_receptionist(clinic)
    edit_receptionist_role(clinic, revoke=frozenset({Permission.APPOINTMENT_BOOK}))
    before = appointment_count(clinic)
    with pytest.raises(PermissionDeniedError, match="does not allow"):
        appointments.book_appointment(
            clinic.context, desk, request_at(clinic, datetime(2026, 3, 17, 9, 0))
        )
    assert appointment_count(clinic) == before
    # The refusal outlives the refused transaction's rollback.
    assert Permission.APPOINTMENT_BOOK.value in denied_records(clinic)[-1]


def test_an_override_revoked_after_sign_in_is_refused_to_that_window(clinic):
    """The window still holds the override it signed in with; the database no longer does."""
    override = frozenset({Permission.APPOINTMENT_OVERRIDE_CONFLICT})
    edit_receptionist_role(clinic, grant=override)
    desk = signed_in_receptionist(clinic)
    assert desk.may(Permission.APPOINTMENT_OVERRIDE_CONFLICT)
    taken = datetime(2026, 3, 17, 9, 0)
    appointments.book_appointment(clinic.context, desk, request_at(clinic, taken))
    edit_receptionist_role(clinic, revoke=override)
    before = appointment_count(clinic)
    with pytest.raises(PermissionDeniedError, match="does not allow"):
        appointments.book_appointment(
            clinic.context,
            desk,
            request_at(clinic, taken, patient=clinic.other_patient),
            override_reason="Squeeze in",
        )
    assert appointment_count(clinic) == before
    assert Permission.APPOINTMENT_OVERRIDE_CONFLICT.value in denied_records(clinic)[-1]


def test_a_move_outside_the_roles_providers_is_refused_in_its_transaction(clinic):
    """A scoped role: the move's target provider is checked as well as the appointment's."""
    scoped = signed_in_receptionist(
        clinic, username="sam", providers=frozenset({clinic.providers[0]})
    )
    booked = appointments.book_appointment(
        clinic.context, scoped, request_at(clinic, datetime(2026, 3, 17, 9, 0))
    )
    detail = appointments.get_appointment(clinic.context, scoped, booked.appointment_id)
    with pytest.raises(PermissionDeniedError, match="does not cover this provider"):
        appointments.move_appointment(
            clinic.context,
            scoped,
            booked.appointment_id,
            expected_version=detail.version,
            start=datetime(2026, 3, 17, 10, 0),
            provider_id=clinic.providers[1],
        )
    after = appointments.get_appointment(clinic.context, scoped, booked.appointment_id)
    assert (after.provider_id, after.version) == (clinic.providers[0], detail.version)
