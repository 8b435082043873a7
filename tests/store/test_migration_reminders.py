"""Migration 0007 on a database with data: built-in roles get the reminder permissions,
patients' chosen reminder channel becomes an imported consent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from cicini_desktop.store.database import open_database
from cicini_desktop.store.keys import new_key
from cicini_desktop.store.migrations import upgrade
from tests.store.test_migrations import _empty_database

PATIENT = (
    "INSERT INTO patient (id, given_name, family_name, reminder, restricted, created_at, "
    "updated_at, version) VALUES (:id, 'A', 'B', :reminder, :restricted, 0, 0, 1)"
)


def test_reminders_migration_carries_permissions_and_consent_over(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "cicini.db"
    _empty_database(path, key)
    old = open_database(path, key, migrate=False)
    upgrade(old, key, "0006")
    with old.engine.begin() as connection:
        for built_in in ("receptionist", "practice_manager", "it_administrator", "clinician"):
            connection.execute(
                text(
                    "INSERT INTO role (id, name, name_key, built_in, created_at, version) "
                    "VALUES (:id, :id, :id, :id, 0, 1)"
                ),
                {"id": built_in},
            )
        for pid, reminder, restricted in (
            ("p-sms", "sms", False),
            ("p-none", "none", False),
            ("p-email", "email", False),
            ("p-r", "sms", True),
        ):
            connection.execute(
                text(PATIENT), {"id": pid, "reminder": reminder, "restricted": restricted}
            )
    old.close()
    database = open_database(path, key)
    try:
        with database.engine.connect() as connection:
            grants = set(
                connection.execute(
                    text(
                        "SELECT role_id, permission FROM role_permission "
                        "WHERE permission LIKE 'reminder.%'"
                    )
                ).all()
            )
            consents = set(
                connection.execute(
                    text("SELECT patient_id, channel, granted, source FROM reminder_consent")
                ).all()
            )
    finally:
        database.close()
    assert grants == {
        ("receptionist", "reminder.view"),
        ("practice_manager", "reminder.view"),
        ("practice_manager", "reminder.manage"),
        ("it_administrator", "reminder.manage"),
    }
    assert consents == {("p-sms", "sms", 1, "import"), ("p-email", "email", 1, "import")}
