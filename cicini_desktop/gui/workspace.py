"""Assembling the main window for a signed-in member: pages by permission, live status.

The manager screens come from their own modules (staff, roles, audit, data shared); each is
imported only when its page is first opened, so a missing or broken one never stops the
front desk from working: it shows a sentence instead.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.main_window import PAGE_PERMISSIONS, MainWindow, PageSpec
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.context import Actor, ServiceContext

if TYPE_CHECKING:
    # Imported in build_main_window, after sign-in: the schedule page and the scheduling
    # services are a large share of start-up imports and the sign-in window needs none.
    from cicini_desktop.gui.schedule.page import SchedulePage

log = logging.getLogger(__name__)
P = Permission


@dataclass(frozen=True)
class SignedIn:
    """Who is at the keyboard: what the window needs of the identity service's session."""

    staff_id: str
    display_name: str
    actor: Actor
    session: object | None = None  # the identity service's StaffSession, for lock and sign-out

    @classmethod
    def of(cls, session: Any) -> SignedIn:
        return cls(session.staff_id, session.display_name, session.actor, session)


# (page key, title, shortcut, module, the names of the widget class or factory it may define)
MANAGER_SCREENS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("staff", "Staff", "Alt+4", "cicini_desktop.gui.staff_page", ("StaffPage",)),
    ("roles", "Roles", "Alt+5", "cicini_desktop.gui.roles_page", ("RolesPage", "RoleEditor")),
    ("audit", "Audit trail", "Alt+6", "cicini_desktop.gui.audit_viewer", ("AuditViewer",)),
    (
        "settings",
        "Settings",
        "Alt+7",
        "cicini_desktop.gui.data_shared_page",
        ("DataSharedPage", "SettingsPage"),
    ),
    ("privacy", "Privacy", "Alt+8", "cicini_desktop.gui.privacy_page", ("PrivacyPage",)),
)


def unavailable(title: str, sentence: str) -> QWidget:
    label = QLabel(f"<h2>{title}</h2><p>{sentence}</p>")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setContentsMargins(16, 12, 16, 12)
    label.setAccessibleName(title)
    return label


def manager_screen(
    module_name: str,
    class_names: tuple[str, ...],
    title: str,
    context: ServiceContext,
    actor: Actor,
    hub: OperationHub,
) -> QWidget:
    """Builds another area's page, trying the constructor shapes those pages use."""
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # a broken page must not take the window down
        log.warning("page module %s unavailable: %s", module_name, type(error).__name__)
        return unavailable(title, "This screen is not available in this build.")
    factory = getattr(module, "build_page", None) or getattr(module, "create_page", None)
    candidates: list[Callable[..., object]] = [factory] if callable(factory) else []
    candidates += [getattr(module, n) for n in class_names if hasattr(module, n)]
    for candidate in candidates:
        for args, kwargs in (
            ((context, actor), {"hub": hub}),
            ((context, actor), {}),
            ((context, actor, hub), {}),
        ):
            try:
                widget = candidate(*args, **kwargs)
            except TypeError:
                continue
            if isinstance(widget, QWidget):
                return widget
    log.warning("no usable page in %s", module_name)
    return unavailable(title, "This screen could not be opened in this build.")


def build_main_window(
    context: ServiceContext,
    signed_in: SignedIn,
    hub: OperationHub,
    *,
    clinic_name: str,
    timezone: ZoneInfo,
    demo: bool = False,
    now: Callable[[], datetime] | None = None,
) -> MainWindow:
    from cicini_desktop.gui.patients_page import PatientsPage
    from cicini_desktop.gui.schedule.page import SchedulePage
    from cicini_desktop.gui.schedule.services_backend import ServicesBackend
    from cicini_desktop.gui.schedule.waitlist_panel import WaitlistPanel

    actor = signed_in.actor
    clock_now = now or context.clock.now
    backend = ServicesBackend(context, actor)
    permissions = actor.permissions
    holder: dict[str, SchedulePage] = {}

    def schedule() -> QWidget:
        page = SchedulePage(
            backend,
            hub,
            timezone=timezone,
            now=clock_now,
            staff_id=signed_in.staff_id,
            permissions=permissions,
            clinic_name=clinic_name,
        )
        holder["schedule"] = page
        page.load()
        return page

    def patients() -> QWidget:
        return PatientsPage(backend, hub, P.PATIENT_EDIT in permissions)

    def waitlist() -> QWidget:
        catalogue_box: dict[str, object] = {}

        def catalogue() -> object:
            page = holder.get("schedule")
            return page.catalogue if page is not None else catalogue_box.get("c")

        panel = WaitlistPanel(backend, hub, catalogue, P.WAITLIST_MANAGE in permissions)
        if "schedule" not in holder:
            from cicini_desktop.gui.operations import QueryOp

            QueryOp(panel, backend.catalogue).success(
                lambda c: catalogue_box.__setitem__("c", c)
            ).run(hub)
        panel.book_requested.connect(
            lambda row: (window.show_page("schedule"), holder["schedule"]._book_from_waitlist(row))
        )
        return panel

    pages = [
        PageSpec("schedule", "Schedule", "Alt+1", PAGE_PERMISSIONS["schedule"], schedule),
        PageSpec("patients", "Patients", "Alt+2", PAGE_PERMISSIONS["patients"], patients),
        PageSpec("waitlist", "Waitlist", "Alt+3", PAGE_PERMISSIONS["waitlist"], waitlist),
    ]
    for key, title, shortcut, module_name, class_names in MANAGER_SCREENS:
        pages.append(
            PageSpec(
                key,
                title,
                shortcut,
                PAGE_PERMISSIONS[key],
                lambda m=module_name, c=class_names, t=title: manager_screen(
                    m, c, t, context, actor, hub
                ),
            )
        )
    window = MainWindow(
        clinic_name,
        f"Signed in: {signed_in.display_name}",
        permissions=permissions,
        pages=pages,
        demo=demo,
        now=lambda: clock_now().astimezone(timezone),
    )
    hub.busy_changed.connect(window.set_busy)
    return window
