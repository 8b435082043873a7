"""`cicini demo`: the small clinic is the GUI's demo; the large one says where it comes from."""

from __future__ import annotations

import pytest

from cicini_desktop.cli import main


def test_large_demo_points_to_the_benchmark_generator(tmp_path, capsys):
    code = main(["--data-dir", str(tmp_path / "d"), "demo", "--size", "large"])
    assert code == 2
    err = capsys.readouterr().err
    assert "tests.bench.run" in err
    assert "Traceback" not in err
    assert not (tmp_path / "d" / "cicini.db").exists()


def test_demo_is_listed_in_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["demo", "--help"])
    assert done.value.code == 0
    assert "--size" in capsys.readouterr().out
