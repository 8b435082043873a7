"""`cicini server ...`: the clinic's PostgreSQL server (several desks, one schedule).

    cicini server init --dsn postgresql://OWNER@HOST/DB --org-name ... --timezone ...
        --manager-username ... --manager-display-name ... --password-stdin
        (stdin: the manager's password, then the desks' database password)
    cicini server migrate-from --sqlite --dsn ... --user NAME --password-stdin
        (stdin: your password, then the desks' database password)
    cicini server export --to FILE --user NAME --password-stdin
    cicini server migrate --dsn ...               (IT: the schema to this version)
    cicini server password --password-stdin      (this desk: keep the desks' password)
    cicini server client-cert --cert FILE --key FILE  (this desk: keep its client certificate)

The owner's own password is libpq's business (PGPASSWORD, ~/.pgpass): never an argument.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cicini_desktop.cli.recovery_key import show_recovery_key
from cicini_desktop.cli.signed_in import SIGN_IN, read_password, signed_in
from cicini_desktop.config import Config
from cicini_desktop.core.errors import UsageError
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services import maintenance, server_admin, server_store
from cicini_desktop.services.clinic import make_vault, uses_server


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = subparsers.add_parser(
        "server",
        help="the clinic's PostgreSQL server: set up, move onto it, copy off it",
        description="Several desks on one schedule: the clinic's PostgreSQL server.",
    )
    commands = group.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    init = commands.add_parser(
        "init", help="create the schema, the desks' role and the first practice manager"
    )
    _dsn(init)
    init.add_argument("--org-name", required=True, metavar="NAME")
    init.add_argument("--timezone", required=True, metavar="IANA_TZ")
    init.add_argument("--manager-username", required=True, metavar="USER")
    init.add_argument("--manager-display-name", required=True, metavar="NAME")
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the manager's password, then the desks' database password, from stdin",
    )
    init.set_defaults(handler=run_init)

    migrate = commands.add_parser(
        "migrate", help="update the server's schema to this version (IT, before the desks)"
    )
    _dsn(migrate)
    migrate.set_defaults(handler=run_migrate)

    move = commands.add_parser(
        "migrate-from",
        parents=[SIGN_IN],
        help="move this desk's clinic (the encrypted file) onto the server",
    )
    move.add_argument(
        "--sqlite", action="store_true", required=True, help="from this desk's encrypted file"
    )
    _dsn(move)
    move.set_defaults(handler=run_migrate_from)

    export = commands.add_parser(
        "export", parents=[SIGN_IN], help="write an encrypted SQLite copy of the server's clinic"
    )
    export.add_argument("--to", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="write the copy's recovery key to FILE (mode 0600) instead of showing it",
    )
    export.set_defaults(handler=run_export)

    password = commands.add_parser(
        "password", help="keep the desks' database password in this computer's keystore"
    )
    password.add_argument("--password-stdin", action="store_true")
    password.set_defaults(handler=run_password)

    client_cert = commands.add_parser(
        "client-cert",
        help="keep this desk's client certificate and key in this computer's keystore",
        description=(
            "Reads the PEM certificate and its unencrypted PEM key once and keeps both in this "
            "computer's keystore (for server.auth = \"certificate\"); delete the files after."
        ),
    )
    client_cert.add_argument("--cert", required=True, type=Path, metavar="FILE")
    client_cert.add_argument("--key", required=True, type=Path, metavar="FILE")
    client_cert.set_defaults(handler=run_client_cert)


def _dsn(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dsn", required=True, metavar="DSN", help="postgresql://OWNER@HOST:PORT/DATABASE"
    )
    parser.add_argument(
        "--app-role",
        default=server_admin.DEFAULT_APP_ROLE,
        metavar="ROLE",
        help="the desks' database role (created if missing)",
    )


def _next_line(what: str) -> str:
    line = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
    if not line:
        raise UsageError(f"No {what} was given on standard input; pipe it in and try again.")
    return line


def _print_config(desk: Config) -> None:
    print("Each desk's configuration file needs these lines:")
    for line in server_admin.config_lines(desk):
        print(f"    {line}")
    print("and, once per desk, the desks' password: cicini server password --password-stdin")


def run_init(args: argparse.Namespace, config: Config) -> int:
    if not args.password_stdin:
        raise UsageError(
            "Give the manager's password and the desks' database password on standard input "
            "with --password-stdin (one per line); they are never accepted as arguments."
        )
    manager_password = _next_line("manager's password")
    app_password = _next_line("desks' database password")
    prepared = server_admin.prepare_server(
        config, args.dsn, app_role=args.app_role, app_password=app_password
    )
    done = maintenance.initialize_clinic(
        prepared.desk_config,
        organization_name=args.org_name,
        timezone=args.timezone,
        manager_username=args.manager_username,
        manager_display_name=args.manager_display_name,
        password=manager_password,
    )
    print(
        f"The clinic is set up on the server {prepared.settings.host} "
        f"(database {prepared.settings.database}); manager account made."
    )
    del done
    _print_config(prepared.desk_config)
    return 0


def run_migrate(args: argparse.Namespace, config: Config) -> int:
    revision = server_admin.migrate_server(config, args.dsn, app_role=args.app_role)
    print(f"The clinic server's schema is at revision {revision}; update the desks now.")
    return 0


def run_migrate_from(args: argparse.Namespace, config: Config) -> int:
    if uses_server(config):
        raise UsageError(
            'This desk already uses the server (store = "postgresql"); run the command on the '
            "desk whose encrypted file holds the clinic."
        )
    password = read_password(args)
    app_password = _next_line("desks' database password")
    with signed_in(args, config, password=password) as (context, actor):
        moved = server_admin.migrate_from_sqlite(
            context,
            actor,
            args.dsn,
            app_role=args.app_role,
            app_password=app_password,
            on_table=lambda table, rows: print(f"  {table}: {rows} row(s)"),
        )
    total = sum(moved.counts.values())
    print(f"Moved {total} row(s) in {len(moved.counts)} tables; the row counts match.")
    if not moved.report.ok:
        print(f"cicini: the audit trail on the server does not verify: {moved.report.explanation}")
        return 1
    print(f"Audit trail verified on the server: {moved.report.records} record(s).")
    print("The file stays as it was (keep it as a backup); switch this desk to the server:")
    _print_config(moved.desk_config)
    return 0


def run_export(args: argparse.Namespace, config: Config) -> int:
    if not uses_server(config):
        raise UsageError(
            "This desk uses the encrypted file, not the server; use 'cicini backup' instead."
        )
    with signed_in(args, config, require=(Permission.SETTINGS_MANAGE,)) as (context, actor):
        exported = server_admin.export_to_file(
            context, actor, args.to, recovery_key_file=args.recovery_key_file
        )
    total = sum(exported.counts.values())
    print(f"Encrypted copy written to {exported.path}: {total} row(s), audit trail verified.")
    show_recovery_key(
        exported.recovery_key,
        args.recovery_key_file,
        label="Recovery key of the copy",
        lost="the copy cannot be opened on another computer",
    )
    return 0


def run_password(args: argparse.Namespace, config: Config) -> int:
    if not uses_server(config):
        raise UsageError('Set store = "postgresql" and the server.* settings first.')
    if not args.password_stdin and not (sys.stdin is not None and sys.stdin.isatty()):
        raise UsageError("Give the password on standard input with --password-stdin.")
    password = read_password(args, prompt="The desks' database password: ")
    server_store.store_password(config, make_vault(config), password)
    print("The password is kept in this computer's keystore.")
    return 0


def run_client_cert(args: argparse.Namespace, config: Config) -> int:
    if not uses_server(config):
        raise UsageError('Set store = "postgresql" and the server.* settings first.')
    if not server_store.certificates_supported():
        raise UsageError(server_store.CERTIFICATES_NOT_SUPPORTED)
    vault = make_vault(config)
    certificate = server_store.store_client_certificate(config, vault, args.cert, args.key)
    # With key_file set (root provisioning, kiosks), every secret of this desk lives in the
    # owner-only file beside it instead of the keystore: say so, IT chose it.
    where = (
        "the secrets file beside key_file (its owner only)"
        if vault.uses_key_file
        else "this computer's keystore"
    )
    print(
        f"The client certificate (CN={certificate.common_name}, valid until "
        f"{certificate.not_valid_after:%Y-%m-%d}) and its key are kept in {where}."
    )
    if server_store.settings(config).auth != "certificate":
        print('Set auth = "certificate" in the [server] table of this desk\'s configuration.')
    print(f"You may now delete {args.cert} and {args.key} (shred -u {args.key}).")
    return 0
