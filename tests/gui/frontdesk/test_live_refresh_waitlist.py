"""Two desks on one clinic server: a patient put on the waitlist, and a patient's new name, at
desk A show in desk B's open waitlist panel within a second (NOTIFY with internal ids only)."""

from __future__ import annotations

from cicini_desktop.services.scheduling import patients, waitlist
from tests.gui.frontdesk.conftest import Clinic, ThroughWorker, open_window, settle
from tests.gui.frontdesk.test_live_refresh_two_desks import WITHIN, config, desk_b

__all__ = ["config", "desk_b"]  # the server clinic and the second desk, as fixtures here too

wl = ThroughWorker(waitlist)
pats = ThroughWorker(patients)


def test_desk_b_sees_desk_a_change_the_waitlist_and_a_patient_within_a_second(
    qtbot, clinic: Clinic, hub, desk_b
):
    clinic_b, hub_b = desk_b
    window_b = open_window(qtbot, clinic_b, hub_b, clinic.receptionist)
    schedule_b = window_b.pages["schedule"]
    panel = schedule_b.waitlist
    schedule_b._show_side(panel)
    qtbot.waitUntil(lambda: any(r.patient_id == clinic.grace for r in panel._rows))
    settle(qtbot, hub_b)

    # Desk A puts Alan on the waitlist.
    entry, _ = wl.add_waitlist_entry(
        clinic.context,
        clinic.manager.actor,
        waitlist.WaitlistInput(patient_id=clinic.alan, type_id=clinic.checkup, priority=7),
    )
    qtbot.waitUntil(lambda: any(r.id == entry for r in panel._rows), timeout=WITHIN)

    # Desk A corrects Grace's family name: desk B's waitlist shows the new name.
    grace = pats.get_patient(clinic.context, clinic.manager.actor, clinic.grace)
    pats.edit_patient(
        clinic.context,
        clinic.manager.actor,
        clinic.grace,
        patients.PatientInput("Grace", "Brewster Hopper"),
        expected_version=grace.version,
    )
    qtbot.waitUntil(
        lambda: any("Brewster" in r.patient_name for r in panel._rows), timeout=WITHIN
    )
    settle(qtbot, hub_b)
