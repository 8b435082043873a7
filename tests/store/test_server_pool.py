"""Pooled connections to the clinic server: live ones are handed out without a ping each
time, and one the server closed meanwhile is never handed out (store/server.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from cicini_desktop.store import server
from cicini_desktop.store.server import ServerSettings, open_server_database
from tests.pg_cluster import APP, Cluster


def _open(pg_cluster: Cluster, pg_database: str, tmp_path: Path) -> Any:
    settings = ServerSettings("127.0.0.1", pg_cluster.port, pg_database, APP)
    return open_server_database(settings, pg_cluster.app_password, tmp_path)


def _pings(database: Any) -> list[str]:
    seen: list[str] = []
    original = database.engine.dialect.do_ping

    def counting(dbapi_connection: Any) -> bool:
        seen.append("ping")
        return original(dbapi_connection)

    database.engine.dialect.do_ping = counting
    return seen


def _backend(database: Any) -> int:
    with database.session() as session:
        return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_used_a_moment_ago_is_not_pinged(
    pg_cluster: Cluster, pg_database: str, tmp_path: Path
) -> None:
    database = _open(pg_cluster, pg_database, tmp_path)
    try:
        _backend(database)
        pings = _pings(database)
        statements: list[str] = []
        event.listen(database.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for _ in range(5):
            _backend(database)
        assert pings == []
        assert len(statements) == 5  # the reads alone: no BEGIN, ping or ROLLBACK round trips
    finally:
        database.close()


def test_an_idle_connection_is_pinged_first(
    pg_cluster: Cluster, pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = _open(pg_cluster, pg_database, tmp_path)
    try:
        _backend(database)
        monkeypatch.setattr(server, "IDLE_PING_SECONDS", 0.0)
        pings = _pings(database)
        _backend(database)
        assert pings == ["ping"]
    finally:
        database.close()


def test_a_connection_the_server_closed_is_replaced_without_an_error(
    pg_cluster: Cluster, pg_database: str, tmp_path: Path
) -> None:
    database = _open(pg_cluster, pg_database, tmp_path)
    try:
        first = _backend(database)
        with pg_cluster.connect() as admin:  # as a server restart or an administrator would
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (first,))  # waits for it
        second = _backend(database)  # within IDLE_PING_SECONDS: no routine ping
        assert second != first
    finally:
        database.close()


def test_a_statement_is_prepared_on_the_server_at_its_second_run(
    pg_cluster: Cluster, pg_database: str, tmp_path: Path
) -> None:
    """A desk's statements repeat all day: prepared at the second run, each later run skips
    the parsing and (once the server settles on a plan) the planning."""
    database = _open(pg_cluster, pg_database, tmp_path)
    probe = text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE :marker")
    marker = {"marker": "%cicini-prepare-probe%"}

    def run_and_count() -> int:
        with database.session() as session:
            session.execute(text("SELECT 1 AS one -- cicini-prepare-probe")).scalar_one()
            return int(session.execute(probe, marker).scalar_one())

    try:
        assert run_and_count() == 0  # a statement run once is never prepared
        assert run_and_count() == 1
        assert run_and_count() == 1  # and stays prepared, once
    finally:
        database.close()
