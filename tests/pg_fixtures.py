"""pytest fixtures for the PostgreSQL store (a plugin loaded by tests/conftest.py).

`pg_cluster` (per test process) -> `pg_template` (migrated by the owner role, the
application role granted) -> `pg_database` (a fresh copy per test) -> `server_config`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cicini_desktop.config import Config, load_config
from cicini_desktop.store.server import ServerSettings, open_server_database
from cicini_desktop.store.server_roles import grant_application_role, migrate_as_owner
from cicini_desktop.store.vault import KeyVault
from tests.pg_cluster import APP, ENV_REQUIRE, OWNER, Cluster, start_cluster

TEMPLATE = "cicini_template"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = started_cluster_or_skip()
    yield cluster
    cluster.stop()


def started_cluster_or_skip() -> Cluster:
    """A new throw-away cluster; without PostgreSQL's server binaries the test is skipped,
    or fails where they are required (CI installs the Debian package postgresql)."""
    try:
        return start_cluster()
    except FileNotFoundError as error:
        if os.environ.get(ENV_REQUIRE) == "1":
            pytest.fail(f"{error} (CI installs the Debian package postgresql)")
        pytest.skip(f"{error}; install the Debian package postgresql")


def migrated_template(cluster: Cluster, name: str) -> str:
    """A database at the schema head, owned by the owner role, usable by the app role."""
    with cluster.connect() as connection:
        connection.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    settings = ServerSettings("127.0.0.1", cluster.port, name, OWNER)
    folder = Path(tempfile.mkdtemp(prefix="cicini-owner-"))
    database = open_server_database(settings, cluster.owner_password, folder, migrate=False)
    try:
        migrate_as_owner(database)
        grant_application_role(database.engine, APP)
    finally:
        database.close()
    return name


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    return migrated_template(pg_cluster, TEMPLATE)


@pytest.fixture
def pg_database(pg_cluster: Cluster, pg_template: str) -> Iterator[str]:
    name = pg_cluster.new_database(pg_template)
    yield name
    pg_cluster.drop_database(name)


def server_values(cluster: Cluster, database: str) -> dict[str, object]:
    return {
        "store": "postgresql",
        "server__host": "127.0.0.1",
        "server__port": cluster.port,
        "server__database": database,
        "server__user": APP,
    }


def server_config_for(
    cluster: Cluster, database: str, data_dir: Path, vault: KeyVault
) -> Config:
    """A desk's configuration for `database`, its password stored in `vault`."""
    config = load_config(data_dir_flag=str(data_dir)).with_values(
        **server_values(cluster, database)
    )
    vault.set_server_password(ServerSettings.from_config(config).account, cluster.app_password)
    return config


@pytest.fixture
def server_config(
    pg_cluster: Cluster,
    pg_database: str,
    tmp_path: Path,
    vault: KeyVault,
    monkeypatch: pytest.MonkeyPatch,
) -> Config:
    """A desk on a fresh server database. The settings are also written to a config file
    named by CICINI_CONFIG, so `cicini` commands and subprocesses of the test use it too."""
    config = server_config_for(pg_cluster, pg_database, tmp_path / "data", vault)
    use_server_config_file(tmp_path / "server-config.toml", pg_cluster, pg_database, monkeypatch)
    return config


def use_server_config_file(
    path: Path, cluster: Cluster, database: str, monkeypatch: pytest.MonkeyPatch
) -> Path:
    import tomli_w

    values = server_values(cluster, database)
    table = {
        "store": values["store"],
        "server": {
            "host": values["server__host"],
            "port": values["server__port"],
            "database": values["server__database"],
            "user": values["server__user"],
        },
    }
    path.write_text(tomli_w.dumps(table), encoding="utf-8")
    monkeypatch.setenv("CICINI_CONFIG", str(path))
    return path


ConfigFor = Callable[[Path], Config]
