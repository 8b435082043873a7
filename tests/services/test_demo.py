"""The demo clinic is built through the real services and is what the banner promises."""

from __future__ import annotations

from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.demo import build_demo
from cicini_desktop.services.scheduling import availability, views, waitlist


def test_a_small_demo_clinic_has_providers_rooms_types_patients_and_bookings(config, vault, clock):
    steps = build_demo(
        config, vault=vault, clock=clock, patients=30, days_before=0, days_after=1, fill=0.5
    )
    fractions = []
    try:
        while True:
            fractions.append(next(steps).fraction)
    except StopIteration as done:
        demo = done.value
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    context, actor = demo.context, demo.manager.actor
    try:
        assert Permission.ROLE_MANAGE in actor.permissions  # a practice manager
        assert len(availability.providers(context, actor)) == 6
        assert len(availability.list_rooms(context, actor)) == 3
        assert len(availability.list_types(context, actor)) == 8
        assert len(demo.patient_ids) == 30
        today = clock.now().date()
        rows = views.day_view(context, actor, today, demo.provider_ids, include_cancelled=True)
        assert len(rows) == demo.appointments or demo.appointments > len(rows) > 0
        assert len({r.status for r in rows}) >= 3  # varied statuses around "now"
        assert 1 <= len(waitlist.list_waitlist(context, actor)) <= 5
    finally:
        context.database.close()
