"""What a new clinic still has to set up before anything can be booked.

    for step in setup_checklist(context, actor).steps:
        print(step.key, step.done, step.sentence)

Step keys name the set-up pages: "opening_hours", "providers" (the staff page),
"provider_hours", "appointment_types". `bookable` is True once a provider with working
hours offers an active type: the schedule page shows its empty state until then.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import clinic_zone
from cicini_desktop.services.unit_of_work import require
from cicini_desktop.store.models import (
    AppointmentType,
    ClinicHoursRow,
    ProviderRotaRow,
    Staff,
    StaffService,
)

# The page each step opens (the integrator registers the pages under these keys).
STEP_PAGES = {
    "opening_hours": "setup_hours",
    "providers": "staff",
    "provider_hours": "setup_providers",
    "appointment_types": "setup_types",
}


@dataclass(frozen=True, slots=True)
class ChecklistStep:
    key: str
    title: str
    done: bool
    sentence: str  # what is missing, or what is there

    @property
    def page(self) -> str:
        return STEP_PAGES[self.key]


@dataclass(frozen=True, slots=True)
class SetupChecklist:
    steps: tuple[ChecklistStep, ...]
    bookable: bool

    @property
    def missing(self) -> tuple[ChecklistStep, ...]:
        return tuple(s for s in self.steps if not s.done)

    @property
    def complete(self) -> bool:
        return not self.missing


def setup_checklist(context: ServiceContext, actor: Actor) -> SetupChecklist:
    require(context, actor, Permission.SCHEDULE_VIEW)
    with context.database.session() as session:
        today = context.clock.now().astimezone(clinic_zone(session, context)).date()
        hours = session.scalar(select(func.count()).select_from(ClinicHoursRow)) or 0
        providers = set(
            session.scalars(
                select(Staff.id).where(Staff.is_provider.is_(True), Staff.active.is_(True))
            )
        )
        # A provider has hours when a rota with working rows runs today or later.
        with_hours = set(
            session.scalars(
                select(ProviderRotaRow.provider_id)
                .where(
                    ProviderRotaRow.kind == "work",
                    (ProviderRotaRow.valid_until.is_(None))
                    | (ProviderRotaRow.valid_until >= today),
                )
                .distinct()
            )
        )
        types = set(session.scalars(select(AppointmentType.id).where(AppointmentType.active)))
        offered = {
            (link.staff_id, link.appointment_type_id)
            for link in session.scalars(select(StaffService))
        }
    working = providers & with_hours
    bookable = any(p in working and t in types for p, t in offered)
    without = len(providers - with_hours)
    steps = (
        ChecklistStep(
            "opening_hours",
            "Opening hours",
            hours > 0,
            "Opening hours are set."
            if hours
            else "Set the clinic's opening hours for each weekday.",
        ),
        ChecklistStep(
            "providers",
            "Providers",
            bool(providers),
            f"{len(providers)} provider(s) can be booked."
            if providers
            else "Add the staff who see patients (mark them as providers).",
        ),
        ChecklistStep(
            "provider_hours",
            "Providers' working hours",
            bool(providers) and not without,
            "Every provider has working hours."
            if providers and not without
            else (
                f"{without} provider(s) have no working hours yet; set their weekly hours."
                if providers
                else "Once providers exist, set their weekly working hours."
            ),
        ),
        ChecklistStep(
            "appointment_types",
            "Appointment types",
            bool(types) and bookable,
            "Appointment types are offered by providers."
            if types and bookable
            else (
                "Tick which providers offer each appointment type."
                if types
                else "Create the appointment types the clinic books (name, duration, colour)."
            ),
        ),
    )
    return SetupChecklist(steps, bookable)


def first_manager_actor(context: ServiceContext, manager_id: str) -> Actor:
    """The first practice manager as the onboarding wizard's checklist acts (the wizard has
    just created the account with the password typed in it; no sign-in happened yet)."""
    from cicini_desktop.services.identity_access import actor_for

    with context.database.session() as session:
        return actor_for(session, context.organization_id or "", manager_id)
