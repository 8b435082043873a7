"""Every counter of the vocabulary is counted somewhere, and the two that were not are now."""

from __future__ import annotations

import re
from pathlib import Path

from cicini_desktop.core.counters import Counter
from cicini_desktop.services import usage
from cicini_desktop.services.context import Actor
from cicini_desktop.services.maintenance import make_backup
from tests.sync.conftest import local_totals

PACKAGE = Path(__file__).resolve().parents[2] / "cicini_desktop"


def test_every_counter_has_a_call_site() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).as_posix() != "core/counters.py"
    )
    missing = [c.value for c in Counter if not re.search(rf"\bCounter\.{c.name}\b", sources)]
    assert missing == []


def test_a_backup_counts_backup_made(context, config, vault, clock, tmp_path) -> None:
    make_backup(config, tmp_path / "backup.db", vault, clock)
    assert local_totals(context)[clock.now().date().isoformat()] == {"backup.made": 1}


def test_printing_the_day_sheet_counts(context, clock) -> None:
    actor = Actor.system(context.organization_id)
    changes = usage.record_day_sheet_printed(context, actor)
    usage.record_day_sheet_printed(context, actor)
    assert changes.usage
    assert local_totals(context)[clock.now().date().isoformat()] == {"day_sheet.printed": 2}


def test_printing_needs_the_schedule_permission(context) -> None:
    import pytest

    from cicini_desktop.core.errors import PermissionDeniedError

    nobody = Actor("00000000-0000-4000-8000-000000000001", context.organization_id, frozenset())
    with pytest.raises(PermissionDeniedError):
        usage.record_day_sheet_printed(context, nobody)
    assert local_totals(context) == {}
