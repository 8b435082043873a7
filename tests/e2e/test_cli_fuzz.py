"""Hypothesis-driven fuzzing of the config file and of every command's arguments: whatever
comes in, `cicini` answers with a return code of its own (or argparse's usage exit 2) and
never the "unexpected error" exit 70 or a traceback."""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cicini_desktop.cli import main
from cicini_desktop.config import SETTINGS, load_config
from cicini_desktop.core.errors import ConfigError

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A TOML value of any shape, as text; keys from the real settings and made-up ones.
_scalars = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(
        lambda f: {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(str(f), repr(f))
    ),
    st.booleans().map(lambda b: str(b).lower()),
    st.text(max_size=30).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.text(max_size=30).map(lambda t: repr(t)),
)
_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4).map(lambda v: "[" + ", ".join(v) + "]"),
    max_leaves=8,
)
_keys = st.one_of(
    st.sampled_from([s.key for s in SETTINGS]),
    st.text(alphabet=string.ascii_lowercase + "._-", min_size=1, max_size=20),
)


@FUZZ
@given(lines=st.lists(st.tuples(_keys, _values), max_size=6), junk=st.binary(max_size=40))
def test_any_config_file_is_loaded_or_refused_in_one_sentence(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str]], junk: bytes
) -> None:
    folder = tmp_path_factory.mktemp("fuzz-config")
    path = folder / "config.toml"
    text = "\n".join(f"{key} = {value}" for key, value in lines)
    path.write_bytes(text.encode("utf-8", "surrogatepass") + b"\n" + junk)
    env = {"CICINI_CONFIG": str(path), "CICINI_MACHINE_CONFIG": str(folder / "none.toml")}
    message = "loaded."
    try:
        load_config(data_dir_flag=str(folder / "data"), env=env)
    except ConfigError as error:
        message = error.user_message
    assert message.endswith(".")
    assert "\n" not in message


COMMANDS = [
    ["doctor"],
    ["backup", "--to"],
    ["restore", "--from"],
    ["rekey"],
    ["recover"],
    ["audit", "verify"],
    ["audit", "export", "--to"],
    ["audit", "purge"],
    ["privacy", "export", "--patient"],
    ["privacy", "erase", "--yes", "--staff"],
    ["purge", "--dry-run"],
    ["enroll", "--endpoint"],
    ["sync", "status"],
    ["init", "--timezone", "Europe/Berlin", "--manager-username", "a", "--org-name"],
]
_argument = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["--user", "--password-stdin", "--data-dir", "-", "--", "--code-stdin"]),
    st.text(alphabet="/.\x00 a", max_size=10),
)


@FUZZ
@given(
    command=st.sampled_from(COMMANDS),
    arguments=st.lists(_argument, max_size=4),
    stdin=st.text(max_size=40),
)
def test_any_arguments_get_a_sentence_and_an_exit_code_of_their_own(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    arguments: list[str],
    stdin: str,
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz-cli")
    monkeypatch.setenv("CICINI_DATA_DIR", str(folder / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main([*command, *arguments])
    except SystemExit as exited:  # argparse: --help (0) or a usage error (2)
        code = exited.code if isinstance(exited.code, int) else 2
    out = capsys.readouterr()
    assert code != 70, out.err
    assert "Traceback" not in out.err + out.out
    if code not in (0, 2):
        assert out.err.startswith("cicini: ")
