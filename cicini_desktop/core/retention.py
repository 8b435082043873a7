"""Retention rules as pure values: how long each category of data is kept, and the
instants before which it goes. No I/O: services read the settings and apply the cutoffs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta


class Category(StrEnum):
    """What a purge removes, in the order it reports them."""

    APPOINTMENTS = "appointments"
    INACTIVE_PATIENTS = "inactive_patients"
    AUDIT_RECORDS = "audit_records"
    NETWORK_HASHES = "network_hashes"
    SENT_USAGE_DAYS = "sent_usage_days"
    BACKUPS = "backups"


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    appointment_years: int = 10
    inactive_patient_years: int = 10
    audit_years: int = 6
    network_hash_days: int = 90
    sent_usage_days: int = 90
    keep_backups: int = 10

    def appointment_cutoff(self, now: datetime) -> datetime:
        """Appointments that ended before this instant are past retention."""
        return now - relativedelta(years=self.appointment_years)

    def inactive_patient_cutoff(self, now: datetime) -> datetime:
        """Patients with no appointment (and no record change) since this instant go."""
        return now - relativedelta(years=self.inactive_patient_years)

    def sent_usage_cutoff(self, now: datetime) -> datetime:
        return now - timedelta(days=self.sent_usage_days)


def erasure_blocked(
    newest_appointment_start: datetime | None, now: datetime, minimum_years: int
) -> bool:
    """True when a manager-set minimum retention of appointment records forbids erasing:
    the patient has an appointment that started less than `minimum_years` ago (or later)."""
    if minimum_years <= 0 or newest_appointment_start is None:
        return False
    return newest_appointment_start > now - relativedelta(years=minimum_years)


def backups_to_remove(names_oldest_first: list[str], keep_last: int) -> list[str]:
    """The automatic backups beyond the newest `keep_last` (at least one is always kept)."""
    keep = max(1, keep_last)
    return names_oldest_first[: max(0, len(names_oldest_first) - keep)]
