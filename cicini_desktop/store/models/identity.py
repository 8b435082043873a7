"""Identity: staff accounts, roles, what each role may do, and who holds which role.

Column names are kept plain because scheduling reads `staff` directly for its provider
columns: `id`, `display_name`, `active`, `is_provider`, `colour`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import UUID_LENGTH, Base, UtcInstant


class Staff(Base):
    """A staff account. Never deleted (the schedule and the audit trail refer to it)."""

    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"))
    username: Mapped[str] = mapped_column(String(64))  # as typed at creation
    # NFKC + casefold of username: unique, so "Anna" and "anna" are the same account.
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_provider: Mapped[bool] = mapped_column(Boolean, default=False)
    colour: Mapped[str | None] = mapped_column(String(7), default=None)  # "#RRGGBB"
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    locked_until: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UtcInstant(), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcInstant())
    # Optimistic locking for edits by managers (bumped by the staff/role services only, so
    # a sign-in attempt, which updates the counters above, never makes an editor stale).
    version: Mapped[int] = mapped_column(Integer, default=1)


class Role(Base):
    __tablename__ = "role"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60), unique=True)  # casefolded name
    # Set for the four built-in roles (core.roles.BuiltInRole value); None for custom ones.
    built_in: Mapped[str | None] = mapped_column(String(32), default=None, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcInstant())
    # Optimistic locking for edits by managers (bumped by the staff/role services only, so
    # a sign-in attempt, which updates the counters above, never makes an editor stale).
    version: Mapped[int] = mapped_column(Integer, default=1)

    @property
    def is_built_in(self) -> bool:
        return self.built_in is not None


class RolePermission(Base):
    __tablename__ = "role_permission"

    role_id: Mapped[str] = mapped_column(
        ForeignKey("role.id", ondelete="CASCADE"), primary_key=True
    )
    permission: Mapped[str] = mapped_column(String(64), primary_key=True)  # Permission value


class StaffRole(Base):
    """A role assignment. `scoped` False: all providers; True: only `StaffRoleScope` rows."""

    __tablename__ = "staff_role"
    __table_args__ = (UniqueConstraint("staff_id", "role_id"),)

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    role_id: Mapped[str] = mapped_column(ForeignKey("role.id"), index=True)
    scoped: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffRoleScope(Base):
    __tablename__ = "staff_role_scope"

    assignment_id: Mapped[str] = mapped_column(
        ForeignKey("staff_role.id", ondelete="CASCADE"), primary_key=True
    )
    provider_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)


class StaffService(Base):
    """Appointment types a provider offers (ids of scheduling's appointment types).

    No foreign key: appointment types live in a later migration (0005); scheduling checks
    the ids when it reads them.
    """

    __tablename__ = "staff_service"

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    appointment_type_id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
