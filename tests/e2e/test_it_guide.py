"""The IT guide (packaging/README.md) cannot drift from the code: its examples are read out
of the Markdown and checked against the real programs.

- every TOML example parses, and the provisioning file of section 3 (its two parts
  together) passes `cicini provision --check`;
- every `cicini ...` line of every shell example (and every inline one with options)
  parses with the real argument parser,
  exactly as written (options, sub-commands, required arguments);
- the scripts and files the examples name exist, the .deb file name carries this version;
- the block marked `<!-- ci:deb-desk-flow -->` is the one CI runs verbatim on the built
  package (.ci/deb-desk-flow.sh): install, provision as root for a desk account, doctor.

Windows (bat, PowerShell) and systemd (ini) examples are checked for the program names only;
they are marked in the guide as not yet built or tested on those systems.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cicini_desktop._version import __version__
from cicini_desktop.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "packaging" / "README.md"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [
        "\n".join(line[len(indent) :] for line in body.splitlines())
        for indent, lang, body in FENCE.findall(GUIDE.read_text(encoding="utf-8"))
        if lang == language
    ]


def commands(block: str) -> list[str]:
    """Shell lines with continuations joined and comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    lines = []
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            # Operators stay bare words so `cicini_arguments` can split on them.
            lines.append(" ".join(w if w in ("|", "&&", ";") else shlex.quote(w) for w in words))
    return lines


def cicini_arguments(line: str) -> list[str] | None:
    """The arguments of the `cicini` in a shell line (after sudo, sudo -u X, a pipe)."""
    segments: list[list[str]] = [[]]
    for word in shlex.split(line):
        if word in ("|", "&&", ";"):
            segments.append([])
        else:
            segments[-1].append(word)
    for words in segments:
        while words and words[0] == "sudo":
            words = words[3:] if words[1:2] == ["-u"] else words[1:]
        if words and words[0] == "cicini":
            return words[1:]
    return None


ALL_SH = [line for block in blocks("sh") for line in commands(block)]
# Commands written inline in the prose with options (`cicini backup --to FILE`); bare command
# names (`cicini restore`) and alternatives (`export|erase`) are names, not examples.
INLINE = [
    line
    for line in re.findall(r"`((?:sudo (?:-u \S+ )?)?cicini [^`|]+)`", GUIDE.read_text())
    if " --" in line
]
CICINI_LINES = [line for line in ALL_SH if cicini_arguments(line) is not None] + INLINE


def test_the_guide_has_examples_to_check() -> None:
    assert len(blocks("toml")) >= 2
    assert len(CICINI_LINES) >= 10


@pytest.mark.parametrize("line", CICINI_LINES)
def test_every_cicini_example_parses_as_written(line: str) -> None:
    arguments = cicini_arguments(line)
    assert arguments is not None
    try:
        build_parser().parse_args(arguments)
    except SystemExit as stop:  # argparse refuses: the guide and the CLI disagree
        code = stop.code
    else:
        code = 0
    assert code == 0, f"the guide's example is refused by the CLI: {line}"


def test_every_toml_example_parses() -> None:
    for block in blocks("toml"):
        tomllib.loads(block)


def test_the_provisioning_example_passes_provision_check(tmp_path: Path) -> None:
    main, setup = blocks("toml")[:2]
    file = tmp_path / "provision.toml"
    # The two parts of one file: the set-up tables follow the main example.
    file.write_text(main + "\n" + setup, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cicini_desktop.cli", "provision", "--config", str(file), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


def test_named_scripts_and_the_package_name_exist() -> None:
    for line in ALL_SH:
        words = shlex.split(line)
        for word in words:
            if word.startswith((".ci/", "packaging/")):
                assert (REPO / word).exists(), f"{word} named by the guide does not exist"
        for word in words:
            if word.endswith(".deb"):
                assert f"cicini-desktop_{__version__}_" in word, word


def test_ci_runs_the_desk_flow_block_verbatim() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    marker = "<!-- ci:deb-desk-flow -->\n```sh\n"
    assert marker in text
    flow = (REPO / ".ci" / "deb-desk-flow.sh").read_text(encoding="utf-8")
    assert "ci:deb-desk-flow" in flow  # the script extracts the block by this marker
    block = text.split(marker, 1)[1].split("```", 1)[0]
    assert "cicini provision" in block
    assert "--owner" in block
    assert "cicini doctor" in block


def test_windows_and_macos_are_marked_not_built() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert "### Windows 10/11 (x64) — NOT YET BUILT OR TESTED" in text
    assert "### macOS — NOT YET BUILT OR TESTED" in text
