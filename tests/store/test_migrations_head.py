"""HEAD_REVISION (the start-up shortcut that skips alembic) must name alembic's real head."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from cicini_desktop.store.migrations import HEAD_REVISION, alembic_config, head_revision


def test_head_revision_constant_matches_the_script_directory() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]
    assert head_revision() == HEAD_REVISION
