"""The IT guide (packaging/README.md) cannot drift from the code: its examples are read out
of the Markdown and run, or checked against the real programs.

Every fenced block carries a tag right above it, `<!-- run: MODE NAME[; placeholders: ...] -->`,
saying how it is run; a block without one fails here (no silent skip):

- `ci-root NAME` / `ci-desk NAME`: run verbatim by `.ci/deb-desk-flow.sh` on CI's throw-away
  machine (root: apt, useradd/groupadd, provisioning for a desk account, the PostgreSQL
  server's set-up, pg_dump; or as the desk account), on the installed .deb;
- `ci-build`: the release engineer's build block, run verbatim by `.ci/run`;
- `file NAME`: a file's content that CI checks where it belongs: the systemd units
  (`systemd-analyze verify`, the service's command run as its user) and the pg_hba lines
  (PostgreSQL's `pg_hba_file_rules`, with TLS on);
- `test-user NAME` / `test-postgresql NAME`: run verbatim here, by the test of that name, as
  the current user with a private HOME and configuration (and the test PostgreSQL cluster);
  the provisioning file (both parts) is provisioned for real, with a loopback stand-in for
  the sync endpoint;
- `not-built windows|macos`: allowed only under a heading that says NOT YET BUILT OR TESTED
  (or "not tested on Windows").

`placeholders:` names the only words a runner replaces (a server's name, an account); the
guide must contain each. CI reads blocks with `.ci/guide-block.sh NAME`, and this file checks
that it prints exactly the block parsed here.

Besides: every TOML example parses; every `cicini ...` line of every shell example (and every
inline one with options) parses with the real argument parser; the scripts and files the
examples name exist; the .deb file name carries this version.
"""

from __future__ import annotations

import json
import re
import shlex
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from psycopg import sql
from pytest_httpserver import HTTPServer

from cicini_desktop._version import __version__
from cicini_desktop.cli import build_parser
from tests.e2e.conftest import Cli
from tests.pg_cluster import APP, OWNER, Cluster

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




def test_windows_and_macos_are_marked_not_built() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert "### Windows 10/11 (x64) — NOT YET BUILT OR TESTED" in text
    assert "### macOS — NOT YET BUILT OR TESTED" in text


# --- every block is run, or marked as not built ----------------------------------------------

TAGGED = re.compile(
    r"^(?P<indent> *)<!-- run: (?P<spec>[^\n]*?) -->\n(?P=indent)```(?P<lang>\w*)\n"
    r"(?P<body>.*?)^(?P=indent)```",
    re.MULTILINE | re.DOTALL,
)
MODES = {"ci-root", "ci-desk", "ci-build", "file", "test-user", "test-postgresql", "not-built"}
NOT_BUILT_HEADINGS = ("NOT YET BUILT OR TESTED", "not tested on Windows")


@dataclass(frozen=True)
class Block:
    mode: str
    name: str
    placeholders: tuple[str, ...]
    language: str
    body: str
    heading: str


def tagged_blocks() -> list[Block]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for match in TAGGED.finditer(text):
        spec, _, extra = match["spec"].partition(";")
        words = spec.split()
        placeholders: tuple[str, ...] = ()
        if extra.strip().startswith("placeholders:"):
            placeholders = tuple(w.strip() for w in extra.split(":", 1)[1].split(",") if w.strip())
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        headings = re.findall(r"^#+ .*$", text[: match.start()], re.MULTILINE)
        found.append(
            Block(
                mode=words[0],
                name=" ".join(words[1:]) or words[0],
                placeholders=placeholders,
                language=match["lang"],
                body=body,
                heading=headings[-1] if headings else "",
            )
        )
    return found


def block(name: str) -> Block:
    (found,) = [b for b in tagged_blocks() if b.name == name]
    return found


def test_every_block_is_run_or_marked_not_built() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    fences = FENCE.findall(text)
    tagged = tagged_blocks()
    assert len(tagged) == len(fences), (
        "a fenced block in packaging/README.md has no `<!-- run: ... -->` tag above it: "
        "say how it is run (see this file's docstring)"
    )
    for found in tagged:
        assert found.mode in MODES, found
        if found.mode == "not-built":
            assert found.name in ("windows", "macos"), found
            assert any(mark in found.heading for mark in NOT_BUILT_HEADINGS), found
            assert found.language in ("bat", "powershell"), found
        for placeholder in found.placeholders:
            assert placeholder in found.body, (found.name, placeholder)
    names = [found.name for found in tagged if found.mode != "not-built"]
    assert len(names) == len(set(names)), names


def test_the_macos_notes_are_marked_not_built() -> None:
    """The guide's macOS section points at packaging/macos/README.md: every block there is
    tagged as not built, under a title that says so."""
    notes = GUIDE.parent / "macos" / "README.md"
    text = notes.read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith("NOT YET BUILT OR TESTED")
    fences = FENCE.findall(text)
    assert fences
    assert text.count("<!-- run: not-built macos -->\n```") == len(fences)


def test_ci_runs_every_root_block_verbatim() -> None:
    """Each ci-root/ci-desk block (and the files CI checks) is named by .ci/deb-desk-flow.sh,
    the build block by .ci/run, and .ci/guide-block.sh prints exactly the parsed block."""
    flow = (REPO / ".ci" / "deb-desk-flow.sh").read_text(encoding="utf-8")
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    checked = 0
    for found in tagged_blocks():
        in_ci = found.mode in ("ci-root", "ci-desk", "file")
        if found.mode == "ci-build":
            assert "guide-block.sh ci-build" in ci_run
        elif in_ci:
            assert re.search(rf"guide_block {re.escape(found.name)}\b", flow), found.name
        else:
            continue
        printed = subprocess.run(
            ["bash", str(REPO / ".ci" / "guide-block.sh"), found.name],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
        assert printed.rstrip("\n") == found.body.rstrip("\n"), found.name
        checked += 1
    assert checked >= 10
    assert "desk-flow" in {b.name for b in tagged_blocks() if b.mode == "ci-root"}
    flow_block = block("desk-flow").body
    assert "--owner" in flow_block
    assert "cicini doctor" in flow_block


def test_every_test_block_has_its_runner() -> None:
    tagged = {b.name for b in tagged_blocks() if b.mode in ("test-user", "test-postgresql")}
    assert tagged == set(RUNNERS), (tagged, set(RUNNERS))


def _shim_path(folder: Path) -> str:
    """A `cicini` on PATH that is this source tree's command (the package's /usr/bin/cicini)."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "cicini"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cicini_desktop.cli "$@"\n')
    shim.chmod(0o755)
    return f"{folder}:/usr/bin:/bin"


def run_block(found: Block, env: dict[str, str], cwd: Path, replace: dict[str, str]) -> str:
    """The block, verbatim but for its declared placeholders, in bash -euo pipefail."""
    assert set(replace) == set(found.placeholders), (found.name, replace)
    script = found.body
    for placeholder, value in replace.items():
        script = script.replace(placeholder, value)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        start_new_session=True,  # no terminal: prompts read standard input
    )
    assert result.returncode == 0, (found.name, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


def test_block_reminder_secrets(clinic_cli: tuple[Cli, str]) -> None:
    """Section 10: the two secrets go into the keystore of the account that runs the block."""
    cli, _ = clinic_cli
    env = cli.env() | {"PATH": _shim_path(cli.root / "bin")}
    out = run_block(block("reminder-secrets"), env, cli.root, {})
    assert out.count("Stored in this machine's keystore.") == 2
    stored = set(cli.keyring_entries().values())
    assert {"the-smtp-password", "the-sms-token"} <= stored
    assert "the-smtp-password" not in cli.log_file.read_text(encoding="utf-8")


def test_block_server_init(pg_cluster: Cluster, tmp_path: Path) -> None:
    """Section 10a: `cicini server init` from IT's machine against the test cluster (the
    server's name is the placeholder), then a desk configured with the lines it prints
    stores the desks' password and signs the new manager in."""
    with pg_cluster.connect() as connection:
        connection.execute("DROP DATABASE IF EXISTS cicini WITH (FORCE)")
        connection.execute(f"CREATE DATABASE cicini OWNER {OWNER}")
    it = Cli(tmp_path / "it")
    it.root.mkdir()
    it.write_config()
    # The guide's block keeps the default desks' role (cicini_app), which the test cluster
    # shares with every other test of this process: its password stays the cluster's.
    manager_password, desks_password = "Harbour-Maple-Violin-62", pg_cluster.app_password
    env = it.env() | {
        "PATH": _shim_path(tmp_path / "bin"),
        "PGPASSWORD": pg_cluster.owner_password,  # the owner's password, as the guide says
        "MANAGER_PASSWORD": manager_password,
        "DESKS_DB_PASSWORD": desks_password,
    }
    try:
        out = run_block(
            block("server-init"),
            env,
            it.root,
            {"db.clinic.example": f"127.0.0.1:{pg_cluster.port}"},
        )
        assert 'store = "postgresql"' in out
        assert desks_password not in out
        assert manager_password not in out
        lines = [line.strip() for line in out.splitlines() if line.startswith("    ")]
        desk = Cli(tmp_path / "desk")
        desk.root.mkdir()
        desk.write_config("\n".join(lines) + "\n")
        stored = desk.run("server", "password", "--password-stdin", stdin=desks_password + "\n")
        assert stored.returncode == 0, stored.stderr
        export = desk.signed(
            "setup", "export", "--to", str(desk.root / "setup.toml"),
            user="mira", password=manager_password,
        )  # fmt: skip
        assert export.returncode == 0, export.stdout + export.stderr
        assert 'username = "mira"' in (desk.root / "setup.toml").read_text(encoding="utf-8")
    finally:
        with pg_cluster.connect() as connection:
            connection.execute("DROP DATABASE IF EXISTS cicini WITH (FORCE)")
            connection.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(APP), sql.Literal(pg_cluster.app_password)
                )
            )


def test_block_client_cert(tmp_path: Path) -> None:
    """Section 10a: a desk stores its client certificate and key in its keystore with the
    guide's block, verbatim, and the files are gone after it; the keystore holds the pair."""
    import trustme

    desk = Cli(tmp_path / "desk")
    desk.root.mkdir()
    desk.write_config(
        'store = "postgresql"\n[server]\nhost = "127.0.0.1"\nuser = "cicini_app"\n'
        'auth = "certificate"\n'
    )
    leaf = trustme.CA().issue_cert("desk-1.clinic.example", common_name=APP)
    leaf.cert_chain_pems[0].write_to_path(str(desk.root / "desk-1.crt"))
    leaf.private_key_pem.write_to_path(str(desk.root / "desk-1.key"))
    env = desk.env() | {"PATH": _shim_path(tmp_path / "bin")}
    out = run_block(block("client-cert"), env, desk.root, {})
    assert "kept in this computer's keystore" in out
    assert not (desk.root / "desk-1.key").exists()
    assert not (desk.root / "desk-1.crt").exists()
    body = leaf.private_key_pem.bytes().splitlines()[1].decode()
    assert any(body in value for value in desk.keyring_entries().values())
    assert body not in out


def test_block_provision_file(tmp_path: Path, httpserver: HTTPServer) -> None:
    """Section 3: the guide's provisioning file, both parts as one file, provisions a clinic
    (as the current user: the root command itself runs in CI). Its placeholders are the
    machine's folders, moved under tmp_path, and the sync endpoint, a loopback stand-in that
    hands out a token for the enrolment code."""
    httpserver.expect_request("/v1/enroll", method="POST").respond_with_json(
        {"token": "tok-0123456789abcdef"}
    )
    main, setup = block("provision-file"), block("provision-file-setup")
    assert not setup.placeholders
    root = tmp_path / "machine"
    replace = {
        "/secure/": f"{root}/secure/",
        "/var/lib/cicini": f"{root}/var/lib/cicini",
        "/etc/cicini/": f"{root}/etc/cicini/",
        "https://usage.cicini.example": httpserver.url_for("/").rstrip("/"),
    }
    text = main.body + "\n" + setup.body
    for placeholder, value in replace.items():
        text = text.replace(placeholder, value)
    (root / "secure").mkdir(parents=True)
    provision_file = root / "secure" / "provision.toml"
    provision_file.write_text(text, encoding="utf-8")
    cli = Cli(tmp_path / "user")
    cli.root.mkdir()
    cli.write_config()
    cli.env_extra = {"CICINI_MACHINE_CONFIG": f"{root}/etc/cicini/config.toml"}
    cli.env_extra["CICINI_DATA_DIR"] = ""
    first = cli.run("provision", "--config", str(provision_file))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Provisioning finished." in first.stdout
    assert "sync: enrolled" in first.stdout
    sent = json.loads(httpserver.log[0][0].get_data())
    assert sent["enrollment_code"] == "XXXX-XXXX"
    assert (root / "var/lib/cicini/cicini.db").is_file()
    for secret in (root / "secure/cicini-recovery-key.txt", root / "etc/cicini/cicini.key"):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600, secret
    machine = tomllib.loads((root / "etc/cicini/config.toml").read_text(encoding="utf-8"))
    assert machine["idle_lock_minutes"] == 10
    assert machine["sync"]["endpoint"] == replace["https://usage.cicini.example"]
    again = cli.run("provision", "--config", str(provision_file))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Already provisioned: nothing was changed." in again.stdout
    # The set-up part took effect (the report names ids and counts only, never names).
    for done in (
        "set-up: holiday region: set",
        "set-up: opening hours: set",
        "set-up: closures: 2 added",
        "set-up: rooms: 1 created or changed",
        "set-up: appointment types: 1 created or changed",
        "created (one-time password)",
        "from 2026-01-05: set",
    ):
        assert done in first.stdout, done
    assert "anna" not in first.stdout


RUNNERS = {
    "reminder-secrets": test_block_reminder_secrets,
    "server-init": test_block_server_init,
    "client-cert": test_block_client_cert,
    "provision-file": test_block_provision_file,
    "provision-file-setup": test_block_provision_file,
}
