"""Scheduling tables: rooms, appointment types, availability, patients, appointments,
their history, recurring series and the waitlist.

Design for a large clinic (20 providers, 500k patients, 1M appointments):
* appointment rows are narrow; instants are INTEGER UTC seconds; ``block_start``/``block_end``
  (start/end widened by the type's buffers at booking time) are stored so the conflict check
  and the slot finder compare plain integers; ``ix_appointment_provider_time`` (provider_id,
  start_at, then every column the calendar reads) serves all hot queries from the index.
* patient search goes through ``patient_fts`` (FTS5, ``unicode61 remove_diacritics 2``),
  kept in step with ``patient`` by triggers (migration 0005).
* which provider offers which type lives in identity's ``staff_service`` table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, false, text
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import UUID_LENGTH, Base, IsoDate, UtcInstant

ID = String(UUID_LENGTH)


class Room(Base):
    __tablename__ = "room"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(60), index=True)  # e.g. "treatment", "ultrasound"
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AppointmentType(Base):
    __tablename__ = "appointment_type"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    colour: Mapped[str] = mapped_column(String(7))
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    room_kind: Mapped[str | None] = mapped_column(String(60), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ClinicHoursRow(Base):
    __tablename__ = "clinic_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class ClinicClosureRow(Base):
    __tablename__ = "clinic_closure"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    start_date: Mapped[date] = mapped_column(IsoDate(), index=True)
    end_date: Mapped[date] = mapped_column(IsoDate())
    label: Mapped[str | None] = mapped_column(String(100), default=None)  # e.g. "Easter"
    # A part-day closure runs from (start_date, start_minute) to (end_date, end_minute);
    # both None: whole days.
    start_minute: Mapped[int | None] = mapped_column(Integer, default=None)
    end_minute: Mapped[int | None] = mapped_column(Integer, default=None)


class ProviderRotaRow(Base):
    """One working interval (or break) of a provider's weekly rota, in force from
    `effective_from` to `valid_until` (None: open-ended); `parity` None = every week,
    0 = week A, 1 = week B (see core.scheduling.availability.week_parity)."""

    __tablename__ = "provider_rota"
    __table_args__ = (Index("ix_provider_rota_provider", "provider_id", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(IsoDate())
    valid_until: Mapped[date | None] = mapped_column(IsoDate(), default=None)
    parity: Mapped[int | None] = mapped_column(Integer, default=None)
    kind: Mapped[str] = mapped_column(String(8), default="work", server_default="work")
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"), default=None)


class ProviderExceptionRow(Base):
    """Time off (`kind` "time_off", a day or a range) or extra hours ("extra", one date)."""

    __tablename__ = "provider_exception"
    __table_args__ = (Index("ix_provider_exception_provider", "provider_id", "start_date"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(IsoDate())
    end_date: Mapped[date] = mapped_column(IsoDate())
    start_minute: Mapped[int | None] = mapped_column(Integer, default=None)
    end_minute: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str | None] = mapped_column(String(16), default=None)  # time off only


class Patient(Base):
    """Minimal by design: no medical information. Searched through `patient_fts`."""

    __tablename__ = "patient"
    __table_args__ = (
        Index("ix_patient_phone", "phone"),
        Index("ix_patient_dob", "dob"),
        Index("ix_patient_id_names", "id", "family_name", "given_name"),
        Index("ix_patient_number", "number", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    dob: Mapped[date | None] = mapped_column(IsoDate(), default=None)
    phone: Mapped[str | None] = mapped_column(String(20), default=None)  # E.164
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    reminder: Mapped[str] = mapped_column(String(8), default="none")  # none | email | sms
    note: Mapped[str | None] = mapped_column(String(200), default=None)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcInstant())
    updated_at: Mapped[datetime] = mapped_column(UtcInstant())
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A short number to say on the phone and search by (migration 0008); unique.
    number: Mapped[int | None] = mapped_column(Integer, default=None)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AppointmentSeries(Base):
    """A recurring series: its rule on local wall time, and what each occurrence books."""

    __tablename__ = "appointment_series"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rule: Mapped[str] = mapped_column(String(400))  # RecurrenceRule.to_json()
    first_local: Mapped[str] = mapped_column(String(19))  # naive ISO wall time of the first
    fold: Mapped[int | None] = mapped_column(Integer, default=None)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id"))
    provider_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    type_id: Mapped[str] = mapped_column(ForeignKey("appointment_type.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"), default=None)
    # Set when "this and following" split this series off another one.
    split_from_id: Mapped[str | None] = mapped_column(ID, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcInstant())
    created_by: Mapped[str] = mapped_column(ID)


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        # Covers the day/week view, conflict check, slot finder and month counts: the
        # table itself is never read by them (see migration 0005).
        Index(
            "ix_appointment_provider_time",
            "provider_id",
            "start_at",
            "end_at",
            "block_start",
            "block_end",
            "status",
            "patient_id",
            "type_id",
            "room_id",
            "series_id",
            "version",
            "id",
            "note",
        ),
        Index("ix_appointment_patient", "patient_id", "start_at"),
        Index(
            "ix_appointment_room",
            "room_id",
            "start_at",
            sqlite_where=text("room_id IS NOT NULL"),
        ),
        Index(
            "ix_appointment_series",
            "series_id",
            "start_at",
            sqlite_where=text("series_id IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id"))
    provider_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    type_id: Mapped[str] = mapped_column(ForeignKey("appointment_type.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"), default=None)
    start_at: Mapped[int] = mapped_column(Integer)  # UTC seconds
    end_at: Mapped[int] = mapped_column(Integer)
    block_start: Mapped[int] = mapped_column(Integer)  # start minus buffer before
    block_end: Mapped[int] = mapped_column(Integer)  # end plus buffer after
    status: Mapped[str] = mapped_column(String(12))
    cancel_reason: Mapped[str | None] = mapped_column(String(24), default=None)
    note: Mapped[str | None] = mapped_column(String(200), default=None)
    series_id: Mapped[str | None] = mapped_column(ForeignKey("appointment_series.id"), default=None)
    created_at: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(ID)
    updated_at: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Booked or moved over a conflict with an audited override (exempt from the server's
    # exclusion constraints, migration 0010).
    conflict_override: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AppointmentHistory(Base):
    """Every status transition and every move, with who and when (kept when rescheduled)."""

    __tablename__ = "appointment_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    appointment_id: Mapped[str] = mapped_column(ForeignKey("appointment.id"), index=True)
    at: Mapped[int] = mapped_column(Integer)
    by: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(12))  # created | status | moved | edited
    from_status: Mapped[str | None] = mapped_column(String(12), default=None)
    to_status: Mapped[str | None] = mapped_column(String(12), default=None)
    reason: Mapped[str | None] = mapped_column(String(24), default=None)
    old_start: Mapped[int | None] = mapped_column(Integer, default=None)
    old_end: Mapped[int | None] = mapped_column(Integer, default=None)
    old_provider_id: Mapped[str | None] = mapped_column(ID, default=None)
    # Why a conflict was overridden (free text, stays in the encrypted database only).
    override_reason: Mapped[str | None] = mapped_column(String(200), default=None)


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entry"
    __table_args__ = (Index("ix_waitlist_active", "active", "type_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id"), index=True)
    type_id: Mapped[str] = mapped_column(ForeignKey("appointment_type.id"))
    provider_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    weekdays: Mapped[int] = mapped_column(Integer, default=0)  # bit 0 = Monday; 0 = any day
    earliest_minute: Mapped[int] = mapped_column(Integer, default=0)
    latest_minute: Mapped[int] = mapped_column(Integer, default=1440)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(String(200), default=None)
    expires_on: Mapped[date | None] = mapped_column(IsoDate(), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
