"""The services suite runs against both stores: the encrypted SQLite file and the clinic's
PostgreSQL server (a throw-away cluster on loopback, tests/pg_cluster.py).

Every test that builds on the `config` fixture (hence `new_clinic`, `context`) or on the
scheduling `clinic` fixture runs twice, `[sqlite]` and `[postgresql]`. Tests about the file
itself (backups, restore, rekey, SQLCipher pages, the head file beside it) carry the
`sqlite_only` marker and run once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cicini_desktop.config import Config, load_config

STORES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_kind" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("server_only") is not None:
        kinds = ["postgresql"]
    elif metafunc.definition.get_closest_marker("sqlite_only") is not None:
        kinds = ["sqlite"]
    else:
        kinds = list(STORES)
    metafunc.parametrize("store_kind", kinds)


@pytest.fixture
def config(tmp_path: Path, store_kind: str, request: pytest.FixtureRequest) -> Config:
    if store_kind == "sqlite":
        return load_config(data_dir_flag=str(tmp_path / "data"))
    return request.getfixturevalue("server_config")
