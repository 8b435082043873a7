"""Configuration: built-in defaults, the machine-wide file IT owns, the user's file,
environment overrides and the `--data-dir` flag, in that order (later wins).

Every key is declared once in `SETTINGS` with its type, default, range and meaning; the
validator, the IT deployment guide and `config.toml.example` all read that table. A bad
file stops with one sentence naming the file, the key and what is expected.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from cicini_desktop.core.errors import ConfigError

APP_NAME = "Cicini"
APP_AUTHOR = "Cicini"
ENV_CONFIG = "CICINI_CONFIG"
ENV_DATA_DIR = "CICINI_DATA_DIR"
ENV_MACHINE_CONFIG = "CICINI_MACHINE_CONFIG"  # lets tests and staged roll-outs point elsewhere
DATABASE_FILENAME = "cicini.db"


def machine_config_path() -> Path:
    """Where IT puts the machine-wide file, per platform."""
    override = os.environ.get(ENV_MACHINE_CONFIG)
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Cicini" / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Cicini/config.toml")
    return Path("/etc/cicini/config.toml")


def default_log_dir() -> Path:
    """The user log folder, where a refused configuration is still logged."""
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml"


def remembered_locale_path() -> Path:
    """The last opened clinic's language, first day of the week and clock (no personal
    data): the sign-in dialog is painted before the clinic opens, in that language."""
    return Path(platformdirs.user_state_dir(APP_NAME, APP_AUTHOR)) / "clinic-locale.json"


@dataclass(frozen=True)
class Setting:
    key: str  # dotted: "sync.endpoint"
    kind: type
    default: Any
    meaning: str
    check: Callable[[Any], str | None] | None = None  # returns what is expected, or None


def _range(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"a whole number from {low} to {high}"

    return check


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(repr(c) for c in choices)

    return check


def _seconds(low: float, high: float) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        # nan compares false both ways, inf is above any bound: both are refused here.
        return None if low <= value <= high else f"a number of seconds from {low:g} to {high:g}"

    return check


def _country(value: Any) -> str | None:
    if value == "" or (len(value) == 2 and value.isascii() and value.isupper()):
        return None
    return 'an ISO 3166 two-letter country code such as "DE", or empty'


def _path_text(value: Any) -> str | None:
    if "\x00" in value:
        return "a folder or file path without NUL characters"
    return None


def _https_or_loopback(value: Any) -> str | None:
    from cicini_desktop.core.endpoints import endpoint_problem

    return endpoint_problem(value) if value else None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        str,
        "",
        "Folder holding the encrypted database, backups and "
        "the key file if any. Empty means the per-user data folder.",
        _path_text,
    ),
    Setting(
        "log_dir",
        str,
        "",
        "Folder for the rotating log. Empty means the per-user log folder.",
        _path_text,
    ),
    Setting(
        "log_level", str, "info", "Log verbosity.", _one_of("debug", "info", "warning", "error")
    ),
    Setting(
        "key_file",
        str,
        "",
        "A file holding the database key (64 hex characters), readable by its owner only "
        "(0600), or by a shared workstation's group too (0640); the other secrets go to "
        "<key_file>.secrets.json beside it. Needed for root provisioning and kiosks. "
        "Empty means the OS credential store.",
        _path_text,
    ),
    Setting(
        "idle_lock_minutes",
        int,
        15,
        "Minutes without input before the window locks.",
        _range(1, 60),
    ),
    Setting(
        "store",
        str,
        "sqlite",
        'Where the clinic\'s data lives: "sqlite" (the encrypted file on this computer, the '
        'default) or "postgresql" (the clinic\'s server, shared by several desks; see server.*).',
        _one_of("sqlite", "postgresql"),
    ),
    Setting(
        "sign_in.lockout_after_failures",
        int,
        5,
        "Failed sign-ins in a row before the account is locked for a while.",
        _range(3, 20),
    ),
    Setting(
        "sign_in.lockout_minutes",
        int,
        15,
        "How long a locked account stays locked, unless a practice manager unlocks it first.",
        _range(1, 1440),
    ),
    Setting(
        "sign_in.delay_seconds",
        float,
        1.0,
        "Delay after the first failed sign-in; it doubles with each further failure.",
        _seconds(0.0, 60.0),
    ),
    Setting("sync.enabled", bool, True, "Send aggregated usage counts to the sync endpoint."),
    Setting(
        "sync.endpoint",
        str,
        "",
        "HTTPS address of the usage endpoint (http:// only to loopback, for on-site trials).",
        _https_or_loopback,
    ),
    Setting(
        "sync.ca_bundle",
        str,
        "",
        "PEM file of extra CA certificates for an on-site collector.",
        _path_text,
    ),
    Setting("sync.interval_minutes", int, 15, "Minutes between background syncs.", _range(5, 1440)),
    Setting(
        "sync.region",
        str,
        "",
        "ISO 3166 alpha-2 country code sent with usage, or empty.",
        _country,
    ),
    Setting("backup.keep_last", int, 10, "How many automatic backups to keep.", _range(1, 1000)),
    Setting("retention.audit_years", int, 6, "Years the audit trail is kept.", _range(1, 50)),
    Setting(
        "retention.network_hash_days",
        int,
        90,
        "Days before the keyed hash of the workstation address is dropped from audit records.",
        _range(1, 3650),
    ),
    Setting(
        "retention.appointment_years",
        int,
        10,
        "Years appointment records are kept after the appointment.",
        _range(1, 100),
    ),
    Setting(
        "retention.inactive_patient_years",
        int,
        10,
        "Years a patient without appointments is kept.",
        _range(1, 100),
    ),
    Setting(
        "retention.sent_usage_days",
        int,
        90,
        "Days usage counters are kept once sent.",
        _range(1, 3650),
    ),
    Setting(
        "server.host",
        str,
        "",
        "PostgreSQL store: the server's host name (TLS verify-full is required unless it is "
        "loopback: 127.0.0.1, ::1 or localhost). The password lives in the keystore "
        "('cicini server password').",
    ),
    Setting("server.port", int, 5432, "PostgreSQL store: the server's port.", _range(1, 65535)),
    Setting("server.database", str, "cicini", "PostgreSQL store: the database name."),
    Setting("server.user", str, "cicini_app", "PostgreSQL store: the application's role."),
    Setting(
        "server.ca_file",
        str,
        "",
        "PostgreSQL store: the CA certificate file that signed the server's certificate. "
        "Empty means the system's trusted CAs.",
        _path_text,
    ),
    Setting(
        "server.auth",
        str,
        "password",
        'PostgreSQL store: how the desks\' role signs in: "password" (kept in the keystore with '
        '\'cicini server password\') or "certificate" (a client certificate and its key, kept '
        "in the keystore with 'cicini server client-cert'; Linux desks only).",
        _one_of("password", "certificate"),
    ),
    Setting(
        "debug.check_database_thread",
        bool,
        False,
        "Stop with an error when a screen touches the database outside the database worker "
        "(for developers and support; the test suite always checks).",
    ),
)

SETTINGS_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """The effective configuration. `values` holds every key of `SETTINGS`."""

    values: Mapping[str, Any]
    sources: tuple[Path, ...] = field(default=())

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["data_dir"])

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_dir(self) -> Path:
        return Path(self.values["log_dir"])

    @property
    def key_file(self) -> Path | None:
        return Path(self.values["key_file"]) if self.values["key_file"] else None

    @property
    def idle_lock_minutes(self) -> int:
        return int(self.values["idle_lock_minutes"])

    def with_values(self, **overrides: Any) -> Config:
        merged = dict(self.values)
        merged.update({k.replace("__", "."): v for k, v in overrides.items()})
        return Config(merged, self.sources)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _type_name(kind: type) -> str:
    return {str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false"}[
        kind
    ]


def validate_table(table: Mapping[str, Any], source: Path) -> dict[str, Any]:
    """Check one parsed TOML table against `SETTINGS`; return its flattened values."""
    flat = _flatten(table)
    checked: dict[str, Any] = {}
    for key, value in flat.items():
        setting = SETTINGS_BY_KEY.get(key)
        if setting is None:
            known = ", ".join(sorted(SETTINGS_BY_KEY))
            raise ConfigError(f"{source}: unknown key '{key}'; expected one of: {known}.")
        if setting.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not setting.kind:
            raise ConfigError(
                f"{source}: key '{key}' must be {_type_name(setting.kind)}, "
                f"not {type(value).__name__}."
            )
        if setting.check is not None:
            expected = setting.check(value)
            if expected is not None:
                raise ConfigError(f"{source}: key '{key}' must be {expected}.")
        checked[key] = value
    return checked


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        if not path.is_file():
            # A FIFO or device would block the read forever; a folder cannot be read.
            raise ConfigError(
                f"{path}: the file cannot be read (it is not a regular file); name a TOML file."
            )
        raw = path.read_bytes()
    except PermissionError:
        raise ConfigError(
            f"{path}: the file cannot be read (permission denied); ask IT to make it readable."
        ) from None
    except OSError as error:
        raise ConfigError(f"{path}: the file cannot be read ({error.strerror}).") from None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the file is not UTF-8 text; save it as UTF-8 TOML.") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: this is not valid TOML ({error}).") from None
    except RecursionError:
        raise ConfigError(f"{path}: this is not valid TOML (nested too deeply).") from None
    if _depth(table) > 4:
        raise ConfigError(f"{path}: tables are nested too deeply; see config.toml.example.")
    return validate_table(table, path)


def _depth(value: Any, level: int = 0) -> int:
    if level > 4 or not isinstance(value, dict | list):
        return level
    items = value.values() if isinstance(value, dict) else value
    return max((_depth(item, level + 1) for item in items), default=level)


def load_config(data_dir_flag: str | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Build the effective configuration.

    Precedence, lowest first: defaults; machine-wide file; the user's file (or the file
    named by CICINI_CONFIG instead); CICINI_DATA_DIR; the `--data-dir` flag.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {s.key: s.default for s in SETTINGS}
    sources: list[Path] = []

    machine = (
        Path(env[ENV_MACHINE_CONFIG]) if env.get(ENV_MACHINE_CONFIG) else machine_config_path()
    )
    if machine.exists():
        values.update(read_config_file(machine))
        sources.append(machine)

    if env.get(ENV_CONFIG):
        explicit = Path(env[ENV_CONFIG])
        if not explicit.exists():
            raise ConfigError(f"{explicit}: the file named by {ENV_CONFIG} does not exist.")
        values.update(read_config_file(explicit))
        sources.append(explicit)
    else:
        user = user_config_path()
        if user.exists():
            values.update(read_config_file(user))
            sources.append(user)

    if env.get(ENV_DATA_DIR):
        values["data_dir"] = _checked_folder(env[ENV_DATA_DIR], ENV_DATA_DIR)
    if data_dir_flag:
        values["data_dir"] = _checked_folder(data_dir_flag, "--data-dir")

    if not values["data_dir"]:
        values["data_dir"] = platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
    if not values["log_dir"]:
        values["log_dir"] = str(default_log_dir())
    values["data_dir"] = str(Path(values["data_dir"]).expanduser())
    values["log_dir"] = str(Path(values["log_dir"]).expanduser())
    _refuse_file_as_folder(Path(values["data_dir"]), "data folder (data_dir)")
    return Config(values, tuple(sources))


def _checked_folder(text: str, where: str) -> str:
    if "\x00" in text:
        raise ConfigError(f"{where}: the folder name contains a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{where}: the folder name is not valid UTF-8 text.") from None
    return text


def _refuse_file_as_folder(folder: Path, what: str) -> None:
    """A data folder that is a file, or lies under one, is a setting mistake (one sentence)."""
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                if not candidate.is_dir():
                    raise ConfigError(
                        f"{folder}: the {what} is a file or lies under one ({candidate}); "
                        "give a folder."
                    )
                return
        except OSError:
            return  # unreadable: reported with its own sentence where it is used


def example_config_text() -> str:
    """`config.toml.example`: every key, commented, with its default and meaning."""
    lines = ["# Cicini Desktop machine-wide configuration. Every key is optional.", ""]
    section = ""
    for setting in SETTINGS:
        head, _, name = setting.key.rpartition(".")
        if head != section:
            lines += ["", f"[{head}]"]
            section = head
        default = setting.default
        rendered = (
            f'"{default}"'
            if isinstance(default, str)
            else str(default).lower()
            if isinstance(default, bool)
            else str(default)
        )
        lines.append(f"# {setting.meaning}")
        lines.append(f"# {name} = {rendered}")
    return "\n".join(lines) + "\n"
