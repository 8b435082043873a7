"""Per-user preferences and the choice of providers shown (day and week views keep their own).

A mixin of `SchedulePage` (gui/schedule/page.py): it uses the page's model, grid, backend
and hub, and is only ever used through the page."""

from __future__ import annotations

from cicini_desktop.core.permissions import Permission
from cicini_desktop.gui.i18n import translate
from cicini_desktop.gui.schedule.rows import ProviderRow

# Public names other modules and tests import from here (the page was one module once).

P = Permission


class ProvidersMixin:
    # --- preferences (per user) ----------
    def _key(self, name: str) -> str:
        return f"schedule/{self.staff_id}/{name}"

    def _restore_preferences(self) -> None:
        self.day_provider_ids = _as_list(self.settings.value(self._key("day_providers")))
        self.week_provider_ids = _as_list(self.settings.value(self._key("week_providers")))
        grid = self.settings.value(self._key("grid"))
        if grid is not None and str(grid).isdigit() and int(str(grid)) in (5, 10, 15):
            self.grid_combo.setCurrentIndex(self.grid_combo.findData(int(str(grid))))

    def _save_preferences(self) -> None:
        self.settings.setValue(self._key("day_providers"), self.day_provider_ids)
        self.settings.setValue(self._key("week_providers"), self.week_provider_ids)
        self.settings.setValue(self._key("grid"), self.grid.grid_minutes)
        self.settings.sync()

    def _set_grid(self, minutes: int) -> None:
        self.grid.set_grid(minutes)
        self._save_preferences()

    def _cycle_grid(self) -> None:
        self.grid_combo.setCurrentIndex((self.grid_combo.currentIndex() + 1) % 3)

    # --- providers ----------
    def all_providers(self) -> tuple[ProviderRow, ...]:
        return self.catalogue.providers if self.catalogue else ()

    def visible_providers(self) -> tuple[ProviderRow, ...]:
        providers = self.all_providers()
        chosen = self.week_provider_ids if self.mode == "week" else self.day_provider_ids
        picked = tuple(p for p in providers if p.id in chosen)
        if picked:
            return picked
        if self.mode == "week":
            return providers[:1]
        return providers

    def set_visible_providers(self, provider_ids: list[str]) -> None:
        if self.mode == "week":
            self.week_provider_ids = list(provider_ids)
        else:
            self.day_provider_ids = list(provider_ids)
        self._save_preferences()
        self._rebuild_provider_menu()
        self.refresh()

    def _rebuild_provider_menu(self) -> None:
        self.providers_menu.clear()
        visible = {p.id for p in self.visible_providers()}
        show_all = self.providers_menu.addAction(
            translate("schedule.page_providers", "Show all providers")
        )
        show_all.triggered.connect(
            lambda: self.set_visible_providers([p.id for p in self.all_providers()])
        )
        self.providers_menu.addSeparator()
        for provider in self.all_providers():
            action = self.providers_menu.addAction(provider.name)
            action.setCheckable(True)
            action.setChecked(provider.id in visible)
            action.toggled.connect(lambda on, pid=provider.id: self._toggle_provider(pid, on))
        count = len(visible)
        self.providers_button.setText(
            translate("schedule.page_providers", "Providers ({count} of {len}) ▾").format(
                count=count, len=len(self.all_providers())
            )
            if self.all_providers()
            else translate("schedule.page_providers", "Providers ▾")
        )

    def _toggle_provider(self, provider_id: str, on: bool) -> None:
        current = [p.id for p in self.visible_providers()]
        if on and provider_id not in current:
            current.append(provider_id)
        elif not on and provider_id in current and len(current) > 1:
            current.remove(provider_id)
        self.set_visible_providers(current)

    def _choose_providers_dialog(self) -> None:
        self.providers_button.showMenu()


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []
