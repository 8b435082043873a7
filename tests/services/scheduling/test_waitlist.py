from datetime import date, datetime

import pytest

from cicini_desktop.core.errors import PermissionDeniedError, StaleEditError, ValidationError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.scheduling import waitlist
from cicini_desktop.services.scheduling.waitlist import WaitlistInput


def test_waitlist_crud_and_offers_best_first(clinic):
    ctx, actor = clinic.context, clinic.manager
    first, changes = waitlist.add_waitlist_entry(
        ctx, actor, WaitlistInput(clinic.patient, clinic.consult, weekdays=frozenset({1}))
    )
    assert changes.waitlist
    urgent, _ = waitlist.add_waitlist_entry(
        ctx,
        actor,
        WaitlistInput(clinic.other_patient, clinic.consult, clinic.providers[0], priority=9),
    )
    with pytest.raises(ValidationError, match=r"01\.03\.2026 has already passed"):
        waitlist.add_waitlist_entry(
            ctx,
            actor,
            WaitlistInput(clinic.other_patient, clinic.consult, expires_on=date(2026, 3, 1)),
        )
    expired, _ = waitlist.add_waitlist_entry(
        ctx,
        actor,
        WaitlistInput(clinic.other_patient, clinic.consult, expires_on=date(2026, 3, 16)),
    )
    ctx.clock.set(datetime.fromisoformat("2026-03-17T06:00:00+00:00"))  # it expired last night
    rows = waitlist.list_waitlist(ctx, actor)
    assert [r.id for r in rows] == [urgent, first]  # expired entries are not listed
    assert rows[1].weekdays == frozenset({1})
    # Tuesday 09:00 with provider 0: both fit, the urgent one first
    offers = waitlist.waitlist_offers(
        ctx, actor, clinic.providers[0], datetime(2026, 3, 17, 9), datetime(2026, 3, 17, 10)
    )
    assert [o.entry_id for o in offers] == [urgent, first]
    # Wednesday with provider 1: the Tuesday-only entry does not fit, the other wants provider 0
    offers = waitlist.waitlist_offers(
        ctx, actor, clinic.providers[1], datetime(2026, 3, 18, 9), datetime(2026, 3, 18, 10)
    )
    assert offers == ()
    data = WaitlistInput(clinic.patient, clinic.consult, priority=3, note="Prefers mornings")
    waitlist.edit_waitlist_entry(ctx, actor, first, data, expected_version=rows[1].version)
    with pytest.raises(StaleEditError):
        waitlist.edit_waitlist_entry(ctx, actor, first, data, expected_version=rows[1].version)
    waitlist.remove_waitlist_entry(ctx, actor, urgent)
    assert [r.id for r in waitlist.list_waitlist(ctx, actor)] == [first]
    assert expired


def test_waitlist_rules(clinic):
    ctx = clinic.context
    with pytest.raises(ValidationError, match="end is before the start"):
        waitlist.add_waitlist_entry(
            ctx,
            clinic.manager,
            WaitlistInput(clinic.patient, clinic.consult, earliest_minute=800, latest_minute=700),
        )
    desk = clinic.actor(Permission.SCHEDULE_VIEW)
    with pytest.raises(PermissionDeniedError):
        waitlist.add_waitlist_entry(ctx, desk, WaitlistInput(clinic.patient, clinic.consult))
