"""The organisation this installation serves, the installation itself, and settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import UUID_LENGTH, Base, UtcInstant


class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    # Contact details are kept locally only; they never reach the audit trail or the network.
    contact_name: Mapped[str | None] = mapped_column(String(200), default=None)
    contact_email: Mapped[str | None] = mapped_column(String(254), default=None)
    contact_phone: Mapped[str | None] = mapped_column(String(32), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcInstant())


class Installation(Base):
    """One row: this workstation's install of the database (its UUID is what sync sees)."""

    __tablename__ = "installation"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"))
    created_at: Mapped[datetime] = mapped_column(UtcInstant())
    created_by_version: Mapped[str] = mapped_column(String(32))


class Setting(Base):
    """Clinic settings a manager may change (JSON values), versioned against lost updates."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
