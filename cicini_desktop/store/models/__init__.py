"""ORM models. Importing this package registers every table on `Base.metadata`."""

from cicini_desktop.store.models.audit import AuditControl, AuditRecord
from cicini_desktop.store.models.base import Base
from cicini_desktop.store.models.foundation import Installation, Organization, Setting
from cicini_desktop.store.models.identity import (
    Role,
    RolePermission,
    Staff,
    StaffRole,
    StaffRoleScope,
    StaffService,
)
from cicini_desktop.store.models.reminders import (
    ReminderConsent,
    ReminderOutbox,
    ReminderReply,
    ReminderRule,
    ReminderTemplate,
)
from cicini_desktop.store.models.scheduling import (
    Appointment,
    AppointmentHistory,
    AppointmentSeries,
    AppointmentType,
    ClinicClosureRow,
    ClinicHoursRow,
    Patient,
    ProviderExceptionRow,
    ProviderRotaRow,
    Room,
    WaitlistEntry,
)
from cicini_desktop.store.models.usage import SyncState, UsageCounter, UsageDaySent

__all__ = [
    "Appointment",
    "AppointmentHistory",
    "AppointmentSeries",
    "AppointmentType",
    "AuditControl",
    "AuditRecord",
    "Base",
    "ClinicClosureRow",
    "ClinicHoursRow",
    "Installation",
    "Organization",
    "Patient",
    "ProviderExceptionRow",
    "ProviderRotaRow",
    "ReminderConsent",
    "ReminderOutbox",
    "ReminderReply",
    "ReminderRule",
    "ReminderTemplate",
    "Role",
    "RolePermission",
    "Room",
    "Setting",
    "Staff",
    "StaffRole",
    "StaffRoleScope",
    "StaffService",
    "SyncState",
    "UsageCounter",
    "UsageDaySent",
    "WaitlistEntry",
]
