"""`cicini provision --config FILE`: unattended first run for IT.

One TOML file sets up a workstation: the machine-wide settings (data folder, idle lock, sync
endpoint, key file, ...), the clinic (organisation and time zone), the first practice manager
with a one-time password that must be changed at first sign-in, the recovery-key file
(owner-only), sync enrolment, and the clinic's set-up ([setup] and [[staff]]: opening hours,
closures, holiday region, rooms, appointment types, staff accounts with roles and one-time
passwords, providers' weekly hours; see services/setup_transfer.py). `cicini setup export`
writes that part in the same format. The file is checked completely before anything is
written; every problem is one sentence. Running it again changes nothing and says so, and a
run that stopped half-way (power cut, weak password) is completed by the next run.

The one-time password and the enrolment code are never printed, logged or stored in clear.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from sqlalchemy import select

from cicini_desktop.config import (
    ENV_MACHINE_CONFIG,
    Config,
    load_config,
    machine_config_path,
    read_config_file,
    validate_table,
)
from cicini_desktop.core.endpoints import endpoint_problem
from cicini_desktop.core.errors import (
    CiciniError,
    ConfigError,
    DatabaseExistsError,
    KeystoreUnavailableError,
    SyncError,
    ValidationError,
)
from cicini_desktop.core.passwords import check_username
from cicini_desktop.services import desk_access, staff, usage
from cicini_desktop.services.clinic import (
    create_clinic,
    database_exists,
    make_vault,
    open_clinic,
    validate_timezone,
)
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.setup_transfer import SetupSpec, apply_setup, parse_setup
from cicini_desktop.store.keys import format_recovery_key
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.models import Organization
from cicini_desktop.store.vault import write_private_text
from cicini_desktop.store.windows_acl import protect_machine_folder
from cicini_desktop.sync import client as sync_client

log = logging.getLogger(__name__)

# Settings that name files or folders: written to the machine-wide file, so they must not
# depend on the folder the command happens to run in.
PATH_SETTINGS = frozenset({"data_dir", "log_dir", "key_file", "sync.ca_bundle"})
MACHINE_FILE_HEADER = (
    "# Cicini Desktop machine-wide settings, written by 'cicini provision'.\n"
    "# Every key is described in /etc/cicini/config.toml.example and the IT deployment guide.\n"
)


class ProvisionFileError(ConfigError):
    """The provisioning file is missing, unreadable or wrong (exit 2, like a bad config)."""


# --- the provisioning file ----------------------------------------------------------------


@dataclass(frozen=True)
class ProvisionPlan:
    """A checked provisioning file. `settings` holds dotted config keys -> values."""

    source: Path
    organization_name: str
    timezone: str
    manager_username: str
    manager_display_name: str
    one_time_password: str = field(repr=False)
    recovery_key_file: Path
    settings: dict[str, Any]
    enrolment_code: str | None = field(default=None, repr=False)
    setup: SetupSpec = field(default_factory=SetupSpec, repr=False)

    @property
    def sync_endpoint(self) -> str:
        return str(self.settings.get("sync.endpoint", ""))


_SHAPE: dict[str, frozenset[str]] = {
    "": frozenset(
        {"recovery_key_file", "organization", "manager", "sync", "settings", "setup", "staff"}
    ),
    "organization": frozenset({"name", "timezone"}),
    "manager": frozenset({"username", "display_name", "one_time_password"}),
    "sync": frozenset({"endpoint", "enrolment_code"}),
}


def _where(source: Path, table: str, key: str) -> str:
    return f"{source}: '{table}.{key}'" if table else f"{source}: '{key}'"


def _check_keys(source: Path, table: str, value: Mapping[str, Any]) -> None:
    allowed = _SHAPE[table]
    for key in value:
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            place = f"[{table}]" if table else "the top level"
            raise ProvisionFileError(
                f"{source}: unknown key '{key}' in {place}; expected one of: {expected}."
            )


def _table(source: Path, raw: Mapping[str, Any], name: str, *, required: bool) -> dict[str, Any]:
    value = raw.get(name)
    if value is None:
        if required:
            raise ProvisionFileError(f"{source}: the [{name}] table is required.")
        return {}
    if not isinstance(value, dict):
        raise ProvisionFileError(f"{source}: '{name}' must be a table ([{name}]).")
    if name in _SHAPE:
        _check_keys(source, name, value)
    return value


def _text(
    source: Path,
    table: Mapping[str, Any],
    table_name: str,
    key: str,
    *,
    required: bool = True,
    max_length: int = 200,
) -> str | None:
    value = table.get(key)
    where = _where(source, table_name, key)
    if value is None:
        if required:
            raise ProvisionFileError(f"{where} is required.")
        return None
    if not isinstance(value, str):
        raise ProvisionFileError(f"{where} must be text in quotes, not {type(value).__name__}.")
    value = value.strip()
    if not value or len(value) > max_length:
        raise ProvisionFileError(f"{where} must be 1 to {max_length} characters.")
    return value


def _required_text(
    source: Path, table: Mapping[str, Any], table_name: str, key: str, max_length: int = 200
) -> str:
    value = _text(source, table, table_name, key, max_length=max_length)
    if value is None:  # _text raised already; this keeps the type exact
        raise ProvisionFileError(f"{_where(source, table_name, key)} is required.")
    return value


def _settings(source: Path, raw: Mapping[str, Any]) -> dict[str, Any]:
    table = _table(source, raw, "settings", required=False)
    try:
        flat = validate_table(table, source)
    except ConfigError as error:
        # validate_table speaks of "key 'x'"; say it sits under [settings] here.
        raise ProvisionFileError(
            error.user_message.replace(" key '", " key 'settings.", 1)
        ) from None
    if "sync.endpoint" in flat:
        raise ProvisionFileError(
            f"{source}: put the sync endpoint under [sync] as 'endpoint', not under [settings]."
        )
    for key in PATH_SETTINGS & flat.keys():
        if flat[key] and not Path(flat[key]).expanduser().is_absolute():
            raise ProvisionFileError(
                f"{_where(source, 'settings', key)} must be an absolute path, "
                "since the machine-wide settings are read from any folder."
            )
    return flat


def parse_provision_text(text: str, source: Path) -> ProvisionPlan:
    """Check a provisioning file completely; raise ProvisionFileError with one sentence."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProvisionFileError(f"{source}: this is not valid TOML ({error}).") from None
    _check_keys(source, "", raw)

    organization = _table(source, raw, "organization", required=True)
    name = _required_text(source, organization, "organization", "name")
    timezone = _required_text(source, organization, "organization", "timezone", max_length=64)
    try:
        validate_timezone(timezone)
    except ValidationError:
        raise ProvisionFileError(
            f"{_where(source, 'organization', 'timezone')} must be an IANA time zone "
            "such as Europe/Berlin."
        ) from None

    manager = _table(source, raw, "manager", required=True)
    username = _required_text(source, manager, "manager", "username", max_length=64)
    display_name = _required_text(source, manager, "manager", "display_name")
    username_problem = check_username(username)
    if username_problem is not None:
        raise ProvisionFileError(f"{_where(source, 'manager', 'username')}: {username_problem}")
    password = manager.get("one_time_password")
    if not isinstance(password, str) or not password:
        raise ProvisionFileError(
            f"{_where(source, 'manager', 'one_time_password')} is required, as text in quotes."
        )
    _check_password(source, password, username, display_name)

    sync = _table(source, raw, "sync", required=False)
    endpoint = _text(source, sync, "sync", "endpoint", required=False, max_length=2000)
    code = _text(source, sync, "sync", "enrolment_code", required=False, max_length=200)
    if endpoint is not None:
        problem = endpoint_problem(endpoint)
        if problem is not None:
            raise ProvisionFileError(f"{_where(source, 'sync', 'endpoint')} must be {problem}.")
    if code is not None and endpoint is None:
        raise ProvisionFileError(
            f"{_where(source, 'sync', 'enrolment_code')} needs 'sync.endpoint' beside it."
        )

    settings = _settings(source, raw)
    if endpoint is not None:
        settings["sync.endpoint"] = endpoint

    try:
        setup = parse_setup(raw.get("setup"), raw.get("staff"))
    except ValidationError as error:
        raise ProvisionFileError(f"{source}: {error.user_message}") from None

    recovery = _required_text(source, raw, "", "recovery_key_file", max_length=4096)
    recovery_path = Path(recovery).expanduser()
    if not recovery_path.is_absolute():
        recovery_path = source.parent / recovery_path  # beside the provisioning file
    return ProvisionPlan(
        source=source,
        organization_name=name,
        timezone=timezone,
        manager_username=username,
        manager_display_name=display_name,
        one_time_password=password,
        recovery_key_file=recovery_path,
        settings=settings,
        enrolment_code=code,
        setup=setup,
    )


def _check_password(source: Path, password: str, username: str, display_name: str) -> None:
    """The identity service's own policy (length, blocklist, not the username), up front,
    so a weak password stops the run before a database exists."""
    try:
        from cicini_desktop.services.identity_passwords import validate_new_password
    except ImportError:  # identity service not in this build: its create call checks later
        return
    try:
        validate_new_password(password, username, display_name)
    except ValidationError as error:
        raise ProvisionFileError(
            f"{_where(source, 'manager', 'one_time_password')} is refused: {error.user_message}"
        ) from None


def read_provision_file(path: Path) -> ProvisionPlan:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProvisionFileError(f"{path}: the provisioning file does not exist.") from None
    except UnicodeDecodeError:
        raise ProvisionFileError(f"{path}: the file is not UTF-8 text; save it as UTF-8.") from None
    except OSError as error:
        raise ProvisionFileError(f"{path}: the file cannot be read ({error.strerror}).") from None
    return parse_provision_text(text, path.resolve())


# --- the steps ------------------------------------------------------------------------------


@dataclass
class Report:
    """What each step did; `changed` is False when the whole run was a no-op."""

    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changed: bool = False
    failure: CiciniError | None = None  # a step that can be completed by running again

    def did(self, line: str) -> None:
        self.lines.append(line)
        self.changed = True

    def kept(self, line: str) -> None:
        self.lines.append(line)


def _unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for dotted, value in flat.items():
        *heads, last = dotted.split(".")
        table = nested
        for head in heads:
            table = table.setdefault(head, {})
        table[last] = value
    # Plain keys first, then tables: TOML needs them in that order anyway.
    return dict(sorted(nested.items(), key=lambda item: isinstance(item[1], dict)))


def _machine_file_text(values: Mapping[str, Any]) -> str:
    return MACHINE_FILE_HEADER + tomli_w.dumps(_unflatten(values))


@dataclass(frozen=True)
class MachineSettings:
    """The machine-wide file now, and what it becomes with the provisioning file's settings."""

    path: Path
    current: dict[str, Any]
    merged: dict[str, Any]

    @classmethod
    def plan(cls, settings: Mapping[str, Any]) -> MachineSettings:
        path = machine_config_path()
        current = read_config_file(path) if path.exists() else {}
        return cls(path, current, {**current, **settings})

    @property
    def unchanged(self) -> bool:
        return self.merged == self.current and (self.path.exists() or not self.merged)

    def prospective_config(self, data_dir_flag: str | None) -> Config:
        """The configuration the programs will see once the file is written, without
        writing it: every check runs against it before anything changes."""
        if self.unchanged:
            return load_config(data_dir_flag=data_dir_flag)
        with tempfile.TemporaryDirectory(prefix="cicini-provision-") as folder:
            staged = Path(folder) / "config.toml"
            staged.write_text(_machine_file_text(self.merged), encoding="utf-8")
            return load_config(data_dir_flag, env={**os.environ, ENV_MACHINE_CONFIG: str(staged)})

    def write(self, report: Report) -> None:
        if self.unchanged:
            if self.merged:
                report.kept(f"machine settings: unchanged in {self.path}")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(_machine_file_text(self.merged), encoding="utf-8")
            os.chmod(temporary, 0o644)  # no secrets in it: every workstation account reads it
            os.replace(temporary, self.path)
            # Windows: %PROGRAMDATA%\Cicini lets any user create files by inheritance; only
            # administrators may change the settings (no-op elsewhere, see windows_acl).
            protect_machine_folder(self.path.parent)
        except PermissionError:
            raise ConfigError(
                f"{self.path} cannot be written; run provisioning as an administrator (root), "
                "or point CICINI_MACHINE_CONFIG at a writable file."
            ) from None
        changed = sorted(k for k in self.merged if self.current.get(k) != self.merged[k])
        report.did(f"machine settings: wrote {', '.join(changed)} to {self.path}")


def _check_effective(config: Config, settings: Mapping[str, Any], report: Report) -> None:
    """A user's own config file, CICINI_DATA_DIR or --data-dir can override the machine file."""
    for key, wanted in settings.items():
        effective = config[key]
        if key in PATH_SETTINGS and wanted and effective:
            wanted, effective = Path(wanted).expanduser(), Path(effective).expanduser()
        if effective != wanted:
            report.warnings.append(
                f"'{key}' is overridden for this account (by the user's config file, "
                "CICINI_DATA_DIR or --data-dir); the machine-wide value applies elsewhere."
            )


def _refuse_stray_files(config: Config, plan: ProvisionPlan) -> None:
    """Before creating a clinic: never overwrite a key or recovery file of another one."""
    if config.key_file is not None and config.key_file.exists():
        raise DatabaseExistsError(
            f"The key file {config.key_file} already exists but no clinic is set up in "
            f"{config.data_dir}; move the key file aside (it may belong to another database)."
        )
    if plan.recovery_key_file.exists():
        raise DatabaseExistsError(
            f"The recovery-key file {plan.recovery_key_file} already exists but no clinic is "
            f"set up in {config.data_dir}; move it aside so it is not confused with the new one."
        )


def _create_clinic(config: Config, plan: ProvisionPlan, report: Report) -> ServiceContext:
    try:
        new = create_clinic(
            config,
            organization_name=plan.organization_name,
            timezone=plan.timezone,
            vault=make_vault(config),
        )
    except KeystoreUnavailableError:
        # The key is stored before the database file exists, so nothing was created.
        raise KeystoreUnavailableError(
            "No system keystore is reachable from this session (typical on a headless machine); "
            "set 'key_file' under [settings] in the provisioning file and run it again."
        ) from None
    report.did(f"clinic: created in {config.data_dir} (organisation {new.context.organization_id})")
    try:
        _write_recovery_key(plan.recovery_key_file, new.recovery_key, report)
    except CiciniError:
        new.context.database.close()
        raise
    return new.context


def _write_recovery_key(path: Path, recovery_key: str, report: Report) -> None:
    text = (
        "Cicini Desktop recovery key. Keep it offline, in a safe place; it unlocks the clinic's "
        "data when the key store is lost.\n\n" + recovery_key + "\n"
    )
    try:
        write_private_text(path, text)
    except OSError as error:
        raise ConfigError(
            f"The recovery key could not be written to {path} ({error.strerror}); fix the "
            "folder and run provisioning again, which writes it without changing the clinic."
        ) from None
    report.did(f"recovery key: written to {path} (readable by its owner only)")


def _existing_clinic(config: Config, plan: ProvisionPlan, report: Report) -> ServiceContext:
    context = open_clinic(config)
    with context.database.session() as session:
        name, timezone = session.execute(select(Organization.name, Organization.timezone)).one()
    if (name, timezone) != (plan.organization_name, plan.timezone):
        context.database.close()
        raise DatabaseExistsError(
            f"A different clinic is already set up in {config.data_dir}; nothing was changed "
            "(use another data_dir, or correct the organisation in the provisioning file)."
        )
    report.kept(f"clinic: already set up in {config.data_dir}")
    if plan.recovery_key_file.exists():
        report.kept(f"recovery key: already at {plan.recovery_key_file}")
        return context
    # The recovery key is the database key written for people, so a run that stopped
    # before writing it can write it now.
    try:
        manifest = Manifest.read(config.database_path)
        key = context.vault.load_key(manifest.database_id)
        _write_recovery_key(plan.recovery_key_file, format_recovery_key(key), report)
    except CiciniError:
        context.database.close()
        raise
    return context


def _first_manager(context: ServiceContext, plan: ProvisionPlan, report: Report) -> None:
    if staff.has_staff(context):
        report.kept("first manager: staff accounts exist already; none was added")
        return
    staff_id = staff.create_first_manager(
        context,
        username=plan.manager_username,
        display_name=plan.manager_display_name,
        password=plan.one_time_password,
    )
    # create_first_manager is the onboarding wizard's call, where the manager picks their
    # own password. Here IT picked it, so it is set again as a one-time password through the
    # manager's reset path, which sets `must_change_password` (and audits the reset).
    staff.reset_password(
        context, Actor.system(context.organization_id or ""), staff_id, plan.one_time_password
    )
    report.did(
        f"first manager: created (staff {staff_id}); the one-time password must be changed "
        "at first sign-in"
    )


def _clinic_setup(context: ServiceContext, plan: ProvisionPlan, report: Report) -> None:
    """The [setup] and [[staff]] parts: only what differs is changed (ids in the report)."""
    if plan.setup.empty:
        return

    def note(line: str, changed: bool) -> None:
        (report.did if changed else report.kept)(f"set-up: {line}")

    apply_setup(context, Actor.system(context.organization_id or ""), plan.setup, note)


def _enrolment(context: ServiceContext, plan: ProvisionPlan, report: Report) -> SyncError | None:
    """Enrol with the sync endpoint; a failure is returned (the rest stays done)."""
    if not plan.sync_endpoint:
        report.kept("sync: no endpoint given; usage stays on this machine until one is set")
        return None
    if plan.enrolment_code is None:
        report.kept(f"sync: endpoint {plan.sync_endpoint} set; no enrolment code given")
        return None
    try:
        if usage.sync_token(context) is not None:
            report.kept("sync: already enrolled")
            return None
        sync_client.enroll(context, plan.sync_endpoint, plan.enrolment_code)
    except KeystoreUnavailableError:
        return SyncError(
            "The sync token needs the system keystore, which this session cannot reach; "
            "run provisioning again from a desktop session to enrol."
        )
    except SyncError as error:
        return error
    report.did(f"sync: enrolled with {plan.sync_endpoint}")
    return None


# --- the command ----------------------------------------------------------------------------


def provision(
    plan: ProvisionPlan,
    data_dir_flag: str | None = None,
    access: desk_access.DeskAccess | None = None,
) -> Report:
    """Bring this machine to the state `plan` describes; change only what differs.

    Every refusal (a different clinic in the data folder, a stray key or recovery file, a
    desk account that could not open the result) happens before the first write, against
    the configuration as it will be. `access`: the desk account(s) the workstation is handed
    to when root provisions it (`--owner`/`--group`).
    """
    wanted_dir = plan.settings.get("data_dir")
    if data_dir_flag and wanted_dir and Path(data_dir_flag) != Path(wanted_dir):
        raise ConfigError(
            "--data-dir and the provisioning file's 'data_dir' name different folders; "
            "use only one of them."
        )
    report = Report()
    machine = MachineSettings.plan(plan.settings)
    config = machine.prospective_config(data_dir_flag)
    _check_effective(config, plan.settings, report)
    if access is not None:
        desk_access.require_key_file_and_folder(config, access)

    if database_exists(config):
        context = _existing_clinic(config, plan, report)
        try:
            machine.write(report)
        except CiciniError:
            context.database.close()
            raise
    else:
        _refuse_stray_files(config, plan)
        machine.write(report)
        if access is not None:
            desk_access.prepare_folder(config, access)
        context = _create_clinic(load_config(data_dir_flag=data_dir_flag), plan, report)
    try:
        _first_manager(context, plan, report)
        _clinic_setup(context, plan, report)
        report.failure = _enrolment(context, plan, report)
    finally:
        context.database.close()
    if access is not None:
        handed = desk_access.hand_over(config, access)
        for line in handed:
            report.did(f"desk access: {line}")
        if not handed:
            report.kept(f"desk access: already {access.describe()}")
    log.info("provisioning finished (changed=%s)", report.changed)
    return report


def run(args: argparse.Namespace, config: Config) -> int:
    del config  # provisioning writes the machine settings first, then loads its own
    plan = read_provision_file(Path(args.provision_file))
    access = desk_access.resolve(args.owner, args.group)
    if args.check:
        print(f"{plan.source}: the provisioning file is valid; nothing was changed.")
        return 0
    report = provision(plan, data_dir_flag=args.data_dir, access=access)
    for line in report.lines:
        print(f"  {line}")
    for warning in report.warnings:
        print(f"cicini: warning: {warning}", file=sys.stderr)
    if report.failure is not None:
        print(f"cicini: {report.failure.user_message}", file=sys.stderr)
        print("Provisioning is incomplete; run the same command again once this is fixed.")
        return report.failure.exit_code
    if report.changed:
        print("Provisioning finished.")
    else:
        print("Already provisioned: nothing was changed.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "provision",
        help="unattended first run from a provisioning file (IT)",
        description=(
            "Set up this workstation from a TOML provisioning file: machine-wide settings, "
            "the clinic, the first practice manager (one-time password), the recovery-key "
            "file and sync enrolment. Safe to run again: it changes only what differs."
        ),
    )
    parser.add_argument(
        "--config",
        dest="provision_file",
        required=True,
        metavar="FILE",
        help="the provisioning file (see packaging/README.md)",
    )
    parser.add_argument(
        "--owner",
        metavar="USER",
        help="run as root, hand the workstation to this desk account (data folder and key "
        "file owned by it, 0700/0600); needs key_file and data_dir under [settings]",
    )
    parser.add_argument(
        "--group",
        metavar="GROUP",
        help="run as root, share the clinic with every account of this group (data folder "
        "2770, files 0660, key file 0640); needs key_file and data_dir under [settings]",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only validate the provisioning file (before rolling it out); change nothing",
    )
    parser.set_defaults(handler=run)
