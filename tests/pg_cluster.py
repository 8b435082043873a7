"""A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder,
listening on 127.0.0.1 only, password (scram) authentication, durability off for speed.

One cluster per test process (xdist worker); the schema is migrated once into a template
database, and each test gets `CREATE DATABASE ... TEMPLATE` (a file copy, milliseconds).

PostgreSQL refuses to run as root: when the tests run as root (CI), the server runs as the
unprivileged user `nobody` (`runuser`), in a folder handed to that user.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ENV_BIN = "CICINI_PG_BIN"
ENV_REQUIRE = "CICINI_REQUIRE_POSTGRESQL"  # CI: fail instead of skipping when it is missing
OWNER = "cicini_owner"
APP = "cicini_app"


def find_bin() -> Path | None:
    override = os.environ.get(ENV_BIN)
    if override:
        return Path(override)
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bin: Path
    root: Path
    port: int
    superuser_password: str
    owner_password: str
    app_password: str
    run_as: str | None
    _counter: Any = None
    options: str = ""  # the server's command-line settings (port, folders), for a restart

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def connect(self, database: str = "postgres", user: str = "postgres", **kw: Any) -> Any:
        password = {
            "postgres": self.superuser_password,
            OWNER: self.owner_password,
            APP: self.app_password,
        }[user]
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname=database,
            user=user,
            password=password,
            autocommit=True,
            **kw,
        )

    def new_database(self, template: str) -> str:
        """A fresh database copied from `template` (whose connections must all be closed)."""
        if self._counter is None:
            self._counter = itertools.count(1)
        name = f"t{os.getpid()}_{next(self._counter)}"
        with self.connect() as connection:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {} OWNER {} STRATEGY FILE_COPY").format(
                    sql.Identifier(name), sql.Identifier(template), sql.Identifier(OWNER)
                )
            )
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def stop_server(self) -> None:
        """The server itself stopped, as IT or a crash would (`pg_ctl stop -m fast`: every
        session ended, then shut down); the data stays for `start_server`."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def start_server(self) -> None:
        """Start the cluster again on the same port, with the same settings."""
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", self.options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(*, durable: bool = False) -> Cluster:
    """`durable`: the server's own defaults (fsync, synchronous commits, full page writes),
    as a clinic runs it; the benchmark measures with them. The tests run without."""
    pg_bin = find_bin()
    if pg_bin is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    run_as = "nobody" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="cicini-pg-"))
    superuser = secrets.token_hex(16)
    cluster = Cluster(
        pg_bin, root, _free_port(), superuser, secrets.token_hex(16), secrets.token_hex(16), run_as
    )
    pwfile = root / "pw"
    pwfile.write_text(superuser + "\n")
    if run_as is not None:
        user = pwd.getpwnam(run_as)
        os.chown(root, user.pw_uid, user.pw_gid)
        os.chown(pwfile, user.pw_uid, user.pw_gid)
    pwfile.chmod(0o600)
    try:
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        pwfile.unlink()
        fast = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")
        options = " ".join(
            (
                "-c listen_addresses=127.0.0.1",
                f"-p {cluster.port}",
                f"-c unix_socket_directories={root}",
                *(() if durable else fast),
                "-c max_connections=200",
                # Debian's default when durable (a server's own); less for the test clusters.
                f"-c shared_buffers={'128MB' if durable else '32MB'}",
            )
        )
        cluster.options = options
        cluster.start_server()
        with cluster.connect() as connection:
            for role, password in ((OWNER, cluster.owner_password), (APP, cluster.app_password)):
                connection.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(password)
                    )
                )
            # The owner makes the desks' role in `cicini server init` (CREATEROLE).
            connection.execute(
                sql.SQL("ALTER ROLE {} CREATEDB CREATEROLE").format(sql.Identifier(OWNER))
            )
    except BaseException:
        cluster.stop()
        raise
    return cluster


@contextlib.contextmanager
def cut_off(cluster: Cluster, database: str) -> Any:
    """The clinic server out of reach for `database`'s desks while the block runs: new
    connections refused (ALLOW_CONNECTIONS false) and every open one terminated, as a
    stopped server or a dead link looks to a desk. Connections are allowed again after."""
    with cluster.connect() as admin:
        name = sql.Identifier(database)
        admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(name))
        try:
            terminate_all(cluster, database, admin)
            yield
        finally:
            admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(name))


def terminate_all(cluster: Cluster, database: str, admin: Any = None) -> None:
    """pg_terminate_backend for every session on `database`; returns once they are gone."""
    with contextlib.ExitStack() as stack:
        if admin is None:
            admin = stack.enter_context(cluster.connect())
        query = (
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
        )
        for _ in range(200):
            pids = [row[0] for row in admin.execute(query, (database,)).fetchall()]
            if not pids:
                return
            for pid in pids:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            time.sleep(0.01)
        raise AssertionError("sessions survived pg_terminate_backend")
