"""Run the real `cicini` command in a subprocess, in a private data folder.

Subprocesses cannot see the in-process test keyring, so they use the file-backed one in
`tests/keyring_file.py` (through PYTHON_KEYRING_BACKEND), or a key file set in the config
file named by CICINI_CONFIG. Each run gets an explicit, minimal environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cicini_desktop.store.vault import folder_scope

REPO = Path(__file__).resolve().parents[2]
RECOVERY_KEY = re.compile(r"\b(?:[0-9A-Z]{5}-){12}[0-9A-Z]{5}\b")
PASSWORD = "correct horse battery staple 42"
MANAGER = "anna.manager"
IT_ADMIN = "ian.it"
ORG_EMAIL = "front.desk@praxis-sonnenhof.example"
ORG_PHONE = "+49 30 1234 5678"


@dataclass
class Cli:
    root: Path
    key_file: Path | None = None
    env_extra: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def database(self) -> Path:
        return self.data_dir / "cicini.db"

    @property
    def keyring_file(self) -> Path:
        return self.root / "keyring.json"

    @property
    def log_file(self) -> Path:
        return self.root / "logs" / "cicini.log"

    @property
    def config_file(self) -> Path:
        return self.root / "config.toml"

    def write_config(self, extra: str = "") -> None:
        lines = [f'log_dir = "{self.root / "logs"}"']
        if self.key_file is not None:
            lines.append(f'key_file = "{self.key_file}"')
        self.config_file.write_text("\n".join(lines) + "\n" + extra)

    def env(self) -> dict[str, str]:
        home = self.root / "home"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "PYTHONPATH": str(REPO),
            "CICINI_MACHINE_CONFIG": str(self.root / "no-machine.toml"),
            "CICINI_CONFIG": str(self.config_file),
            "CICINI_DATA_DIR": str(self.data_dir),
            "PYTHON_KEYRING_BACKEND": "tests.keyring_file.FileKeyring",
            "CICINI_TEST_KEYRING_FILE": str(self.keyring_file),
        }
        env.update(self.env_extra)
        return env

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cicini_desktop.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.root,
            timeout=120,
            check=False,
        )

    def signed(
        self, *args: str, user: str = MANAGER, password: str = PASSWORD, stdin: str = ""
    ) -> subprocess.CompletedProcess[str]:
        """A command that needs a sign-in, as the practice manager made by `init`."""
        return self.run(*args, "--user", user, "--password-stdin", stdin=f"{password}\n{stdin}")

    def it(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """A command as the IT Administrator made by `add_it_admin` (restore, rekey...)."""
        return self.signed(*args, user=IT_ADMIN, stdin=stdin)

    def add_it_admin(self) -> None:
        """An IT Administrator account, made through the services (no staff command here)."""
        from cicini_desktop.config import load_config
        from cicini_desktop.core.permissions import Permission
        from cicini_desktop.services import roles, staff
        from cicini_desktop.services.clinic import open_clinic
        from cicini_desktop.services.context import Actor
        from cicini_desktop.store.vault import KeyVault
        from tests.keyring_file import ENV_FILE, FileKeyring

        previous = os.environ.get(ENV_FILE)
        os.environ[ENV_FILE] = str(self.keyring_file)
        try:
            config = load_config(data_dir_flag=str(self.data_dir))
            vault = KeyVault(key_file=self.key_file) if self.key_file else KeyVault(FileKeyring())
            context = open_clinic(config, vault)
            try:
                assert context.organization_id is not None
                actor = Actor.system(context.organization_id)
                listed = roles.list_roles(context, actor)
                role = next(r for r in listed if r.name == "IT Administrator")
                staff.create_staff(
                    context,
                    Actor("system", context.organization_id, frozenset(Permission)),
                    staff.NewStaff(
                        username=IT_ADMIN,
                        display_name="Ian Admin",
                        password=PASSWORD,
                        assignments=(staff.RoleAssignment(role.id),),
                        must_change_password=False,
                    ),
                )
            finally:
                context.database.close()
        finally:
            if previous is None:
                os.environ.pop(ENV_FILE, None)
            else:
                os.environ[ENV_FILE] = previous

    def init(self, *extra: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
        return self.run(
            "init",
            "--org-name",
            "Praxis Sonnenhof",
            "--timezone",
            "Europe/Berlin",
            "--manager-username",
            "anna.manager",
            "--manager-display-name",
            "Anna Example",
            "--contact-email",
            ORG_EMAIL,
            "--contact-phone",
            ORG_PHONE,
            "--password-stdin",
            *extra,
            stdin=password + "\n",
        )

    def keyring_entries(self) -> dict[str, str]:
        if not self.keyring_file.exists():
            return {}
        return dict(json.loads(self.keyring_file.read_text()))

    def stored_key_hex(self) -> str:
        entries = [v for k, v in self.keyring_entries().items() if ":" not in k]
        assert len(entries) == 1
        return entries[0]


def assert_one_sentence(result: subprocess.CompletedProcess[str], exit_code: int) -> str:
    """A failure: the expected exit code, one sentence on stderr, no traceback anywhere."""
    assert result.returncode == exit_code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    message = result.stderr.strip()
    assert message.startswith("cicini: "), message
    assert "\n" not in message, message
    assert message.endswith("."), message
    # One sentence: no full stop followed by a new capitalised sentence.
    assert not re.search(r"[.!?] +[A-Z]", message.removeprefix("cicini: ")), message
    return message


@pytest.fixture(scope="session")
def initialised_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, str]:
    """One `cicini init` per test session (argon2 and process start cost); tests copy it."""
    cli = Cli(tmp_path_factory.mktemp("template"))
    cli.write_config()
    result = cli.init()
    assert result.returncode == 0, result.stderr
    match = RECOVERY_KEY.search(result.stdout)
    assert match is not None
    return cli, match.group(0)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    fresh = Cli(tmp_path / "cli")
    fresh.root.mkdir()
    fresh.write_config()
    return fresh


@pytest.fixture
def clinic_cli(initialised_template: tuple[Cli, str], tmp_path: Path) -> tuple[Cli, str]:
    """A copy of the initialised template: its own data folder, keyring file and log."""
    template, recovery_key = initialised_template
    copy = Cli(tmp_path / "clinic")
    copy.root.mkdir()
    shutil.copytree(template.data_dir, copy.data_dir)
    # The audit head key is named by the data folder too (a drill elsewhere never shares
    # it); this copy stands for the template's own clinic, so its folder gets the key.
    entries = template.keyring_entries()
    old_scope = folder_scope(template.database)
    new_scope = folder_scope(copy.database)
    for name, value in list(entries.items()):
        if f"@{old_scope}:" in name:
            entries[name.replace(f"@{old_scope}:", f"@{new_scope}:")] = value
    copy.keyring_file.write_text(json.dumps(entries))
    copy.write_config()
    return copy, recovery_key
