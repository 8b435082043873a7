"""The clinic's PostgreSQL server as the shared store (several desks, one schedule).

SQLAlchemy 2 over psycopg 3, with the same ORM models, services and Alembic history as the
encrypted SQLite file. Connections are made by our own `creator` (nothing pasted into a URL,
the password never in a DSN string that could reach a log): TLS with `verify-full` is
required for any host but loopback; on loopback (the tests, a single-box trial) TLS is
optional. The password lives in the keystore, under an account named after the server; or,
with `server.auth = "certificate"`, a client certificate and its key do (store/client_cert.py:
handed to libpq as in-memory files for the moment of connecting, never written to disk).

What differs from SQLite, and where it is handled:

* Raw SQL written with SQLite's `?` placeholders (`exec_driver_sql`) is rewritten to
  psycopg's `%s` by a `before_cursor_execute` hook (`_qmark_to_format`), so the services'
  hand-written hot paths run unchanged on both.
* Transactions use PostgreSQL's READ COMMITTED; the audit append takes a row lock on the
  audit control row first (the same statement as SQLite's write lock), so appenders from
  every desk queue there and the chain stays linear.
* No page-level encryption: at-rest encryption is the server disk's (IT guide).
* A connection lost in the middle of work (server stopped, network gone, backend
  terminated) becomes `StoreUnavailableError` (`_connection_lost`, a `handle_error` hook):
  the transaction is gone with the connection, so nothing of it was saved, and the GUI
  shows its banner instead of a traceback. Pooled connections are pinged before use, so
  a connection that died while idle is replaced without anyone noticing.

Why SQLAlchemy's QueuePool and not psycopg_pool (tried under SQLAlchemy 2.1 as psycopg's docs
describe: `ConnectionPool(close_returns=True)`, `create_engine(creator=pool.getconn,
poolclass=NullPool)`, psycopg_pool 3.3.3): psycopg_pool makes connections in its own worker
threads and retries them in the background, so while the server refuses connections a
checkout waits the pool's whole `timeout` and ends in `PoolTimeout: couldn't get a connection
after 5.00 sec`, the reason only logged; a refused sign-in (IT must act) can no longer be told
from an outage (the banner), and the database worker stalls for the timeout on every try.
Under NullPool each checkout is a new DB-API connection to SQLAlchemy (2,001 `connect` events
for 2,000 checkouts): per-connection set-up runs again on every checkout, and psycopg_pool's
`check` is a ping per checkout, the round trip `watch_pooled_connections` avoids. What it
would add (checks, reconnects) is here already: the checkout check, invalidation on a lost
connection, and the window's backoff probe.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import secrets
import select
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError, ProgrammingError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from cicini_desktop.core.errors import (
    ConfigError,
    MigrationError,
    StoreError,
    StoreUnavailableError,
)
from cicini_desktop.core.messages import QT_TRANSLATE_NOOP
from cicini_desktop.store.client_cert import ClientCertificate, certificate_files
from cicini_desktop.store.database import Database
from cicini_desktop.store.manifest import Manifest
from cicini_desktop.store.server_errors import connection_lost
from cicini_desktop.store.thread_guard import GuardedSession, ThreadGuard

if TYPE_CHECKING:
    # psycopg is imported when a server connection is made, not with this module: every
    # window imports the store, and psycopg costs 11 MB and a sixth of a second at the
    # start of a workstation clinic that never talks to a server.
    import psycopg

log = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
APPLICATION_NAME = "cicini-desktop"


class ServerUnavailableError(StoreError):
    """The server cannot be reached, refused the sign-in, or its certificate is not trusted
    (at start-up and in IT's commands; in the middle of work, a server out of reach is
    `StoreUnavailableError` instead, see `make_server_engine`)."""


CONNECTION_LOST = (
    "The clinic server could not be reached; nothing was saved. Try again when the "
    "connection is back."
)
COMMIT_LOST = (
    "The connection to the clinic server broke while saving; the server may or may not have "
    "kept the change. Check it when the connection is back before doing it again."
)


@dataclass(frozen=True)
class ServerSettings:
    """Where the clinic's server is, from the `server.*` settings."""

    host: str
    port: int = 5432
    database: str = "cicini"
    user: str = "cicini_app"
    ca_file: str = ""
    # How the desks' role signs in: "password" or "certificate" (a client certificate).
    auth: str = "password"
    # This desk process's connection tag (`cicini.desk` on each of its sessions): the server's
    # change notifications end with it, so the desk skips its own (migration 0011). A random
    # token per opened store; it names no person and no machine. Empty: no tag.
    desk: str = ""

    @classmethod
    def from_config(cls, config: Any) -> ServerSettings:
        host = str(config["server.host"]).strip()
        if not host:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "errors.store",
                    'store = "postgresql" needs server.host (the clinic server\'s name); set it in '
                    "the configuration file.",
                )
            )
        return cls(
            host=host,
            port=int(config["server.port"]),
            database=str(config["server.database"]),
            user=str(config["server.user"]),
            ca_file=str(config["server.ca_file"]),
            auth=str(config["server.auth"]),
        )

    @property
    def is_loopback(self) -> bool:
        if self.host.lower() in LOOPBACK_NAMES or self.host.startswith("/"):
            return True  # a name that is loopback by definition, or a Unix socket folder
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def account(self) -> str:
        """The keystore account holding this server role's password."""
        return f"server:{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def certificate_account(self) -> str:
        """The keystore account holding this server role's client certificate and key."""
        return f"{self.account}#client-certificate"

    @property
    def uses_certificate(self) -> bool:
        return self.auth == "certificate"

    @property
    def tag(self) -> str:
        """A short, content-free name of this server for local folders (no host in paths)."""
        return hashlib.sha256(self.account.encode()).hexdigest()[:16]

    def connect_arguments(self, secret: ServerSecret) -> dict[str, Any]:
        """libpq parameters: verify-full off loopback, never a weaker mode. A client
        certificate's file paths are added by `connect_raw`, for the moment of connecting."""
        arguments: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "dbname": self.database,
            "user": self.user,
            "application_name": APPLICATION_NAME,
            "connect_timeout": 5,
        }
        if isinstance(secret, str):
            arguments["password"] = secret
        if self.desk:
            arguments["options"] = f"-c cicini.desk={self.desk}"
        if self.is_loopback and isinstance(secret, ClientCertificate):
            # A certificate is only sent over TLS: required even on loopback.
            arguments["sslmode"] = "verify-full" if self.ca_file else "require"
            if self.ca_file:
                arguments["sslrootcert"] = self.ca_file
        elif self.is_loopback:
            arguments["sslmode"] = "prefer"
        else:
            arguments["sslmode"] = "verify-full"
            arguments["sslrootcert"] = self.ca_file or "system"
        return arguments


# What signs a desk in: its role's password, its client certificate, or (IT's owner
# connection, a desk without a password kept) nothing, which libpq then looks up itself.
ServerSecret = str | ClientCertificate | None


def connect_raw(settings: ServerSettings, secret: ServerSecret) -> psycopg.Connection[Any]:
    """One DB-API connection, or a sentence saying why not (never the password, never a DSN,
    never a word of a certificate's key)."""
    import psycopg

    arguments = settings.connect_arguments(secret)
    try:
        if not isinstance(secret, ClientCertificate):
            return psycopg.connect(**arguments)
        if secret.expired():
            raise ServerUnavailableError(expired_certificate(settings, secret))
        with certificate_files(secret) as (certificate_path, key_path):
            # libpq reads both during the handshake; the files are gone when this returns.
            return psycopg.connect(**arguments, sslcert=certificate_path, sslkey=key_path)
    except psycopg.OperationalError as error:
        raise ServerUnavailableError(_why(settings, error)) from None


CLIENT_CERT_REFUSED = QT_TRANSLATE_NOOP(
    "errors.store",
    "The clinic server refused this desk's client certificate for role {user} (not issued "
    "by the CA the server trusts, revoked, or not naming the role); IT stores the right one "
    "with 'cicini server client-cert --cert FILE --key FILE'.",
)
CLIENT_CERT_MISSING = QT_TRANSLATE_NOOP(
    "errors.store",
    "No client certificate for the database role {user} is kept in this computer's "
    "keystore; IT stores it with 'cicini server client-cert --cert FILE --key FILE' as the "
    "desk's account.",
)


def expired_certificate(settings: ServerSettings, certificate: ClientCertificate) -> str:
    return QT_TRANSLATE_NOOP(
        "errors.store",
        "This desk's client certificate for role {user} expired on {day}; IT issues a new "
        "one and stores it with 'cicini server client-cert --cert FILE --key FILE'.",
    ).format(user=settings.user, day=certificate.not_valid_after.date())


# The server's TLS alerts and pg_hba's cert method refusing the certificate this desk sent
# (libpq's texts; the server's own reasons stay in the server's log).
_CLIENT_CERT_REFUSALS = (
    "certificate authentication failed",
    "requires a valid client certificate",
    "alert unknown ca",
    "alert bad certificate",
    "alert certificate unknown",
    "alert certificate expired",
    "alert certificate revoked",
    "alert access denied",
)


def _why(settings: ServerSettings, error: Exception) -> str:
    text = str(error).lower()
    if settings.uses_certificate and any(part in text for part in _CLIENT_CERT_REFUSALS):
        return CLIENT_CERT_REFUSED.format(user=settings.user)
    if "password authentication failed" in text or "no password supplied" in text:
        return QT_TRANSLATE_NOOP(
            "errors.store",
            "The clinic server refused the sign-in of role {user}; set the password "
            "again with 'cicini server password', or ask IT.",
        ).format(user=settings.user)
    if "certificate" in text or "ssl" in text:
        return QT_TRANSLATE_NOOP(
            "errors.store",
            "The clinic server's certificate could not be verified (TLS verify-full); check "
            "server.ca_file and that server.host is the name in the certificate.",
        )
    if "does not exist" in text:
        return QT_TRANSLATE_NOOP(
            "errors.store",
            "The clinic server has no database {database}; run 'cicini server init', "
            "or check server.database.",
        ).format(database=settings.database)
    return UNREACHABLE


UNREACHABLE = QT_TRANSLATE_NOOP(
    "errors.store",
    "The clinic server cannot be reached; check the network and that the server is "
    "running, then try again.",
)


# SQLite's placeholder, outside quoted text: `?` -> `%s` (and literal `%` doubled).
_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\?|%")


@lru_cache(maxsize=512)
def qmark_to_format(statement: str) -> str:
    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _QUOTED_OR_MARK.sub(swap, statement)


# SQLite's planner hints (`INDEXED BY ix`, `NOT INDEXED`); the server's planner has statistics.
_INDEX_HINT = re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.IGNORECASE)


@lru_cache(maxsize=512)
def _without_index_hints(statement: str) -> str:
    return _INDEX_HINT.sub("", statement)


# psycopg prepares a statement on the server once it has run this many times on a connection
# (its default is 5). A desk's statements are few and built once with bound parameters, so
# they repeat all day; until prepared, each run is parsed and planned afresh (a booking's
# conflict read: 0.3 ms of planning). Preparing at the second run, not the sixth, takes four
# of those runs off every statement of a new connection; a statement run only once (an
# upsert of literal values) is still never prepared. Measured on the benchmark's large
# clinic (five fresh desks, 3 warm-up and 30 timed bookings each, alternating with SQLite):
# median booking ratio 1.49 with 5, 1.41 with 1.
PREPARE_AFTER_RUNS = 1

# A pooled connection idle for longer than this is pinged before use (one round trip); one
# used more recently is only checked for a message the server sent meanwhile. A receptionist
# acts every few seconds: a shorter time would cost most actions a ping. What the local
# check cannot see (a link that died silently) shows on the next statement as a lost
# connection, as it would after a ping that passed a moment earlier.
IDLE_PING_SECONDS = 30.0


def _server_has_spoken(connection: Any) -> bool:
    """An idle connection's socket is readable only when the server sent something unasked:
    nearly always the last word before it closes the connection (shut down, restarted, the
    backend terminated, an idle timeout), or the end of the stream. No round trip."""
    if connection.closed or connection.broken:
        return True
    try:
        readable, _, _ = select.select([connection.pgconn.socket], [], [], 0)
    except (OSError, ValueError, psycopg.OperationalError):
        return True
    return bool(readable)


def _log_own_warning(notice: Any) -> None:
    """Our own server-side warnings (`RAISE WARNING 'cicini: ...'`, fixed texts without
    data, e.g. a usage counter the server could not record) go to the application log;
    other notices are left out (their text is the server's and may quote values)."""
    message = notice.message_primary or ""
    if message.startswith("cicini: "):
        log.warning("%s", message.removeprefix("cicini: "))


def watch_pooled_connections(engine: Engine) -> None:
    """Hand out only live connections, without a ping each time (as `pool_pre_ping` does).

    A service call opens one or two sessions, each a checkout: on the clinic server a ping
    before each was a round trip as dear as a query. Instead, a connection used in the last
    `IDLE_PING_SECONDS` is checked locally (has the server spoken? see above); a longer-idle
    one, or one the server spoke on, is pinged. A failed check discards the connection and
    the pool hands out another (`DisconnectionError`), as pre-ping does.
    """

    @event.listens_for(engine, "connect")
    def _connected(dbapi_connection: Any, record: Any) -> None:
        record.info["cicini_idle_since"] = time.monotonic()
        dbapi_connection.add_notice_handler(_log_own_warning)

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["cicini_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        idle_since = record.info.get("cicini_idle_since", 0.0)
        recent = time.monotonic() - idle_since < IDLE_PING_SECONDS
        if recent and not _server_has_spoken(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception:
            raise DisconnectionError("the server closed the connection") from None


def make_server_engine(
    settings: ServerSettings,
    secret: ServerSecret,
    *,
    pool_size: int = 4,
    connect: Callable[[], Any] | None = None,
) -> Engine:
    def creator() -> Any:
        if connect is not None:
            return connect()
        try:
            return connect_raw(settings, secret)
        except ServerUnavailableError as error:
            # The pool reconnecting in the middle of work: a server out of reach is the
            # outage the window shows as a banner; a refused sign-in or an untrusted
            # certificate keeps its own sentence (IT must act, retrying will not help).
            if error.user_message == UNREACHABLE:
                raise StoreUnavailableError(CONNECTION_LOST) from None
            raise

    engine = create_engine(
        "postgresql+psycopg://",
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        # The connection used last is handed out first: its server process has the warm
        # caches (catalogue, prepared statements), and the others may idle out.
        pool_use_lifo=True,
        # A desk's server may restart or a link drop: a pooled connection is checked before
        # use, by `watch_pooled_connections` (a ping only after idling), not by a ping each time.
        pool_pre_ping=False,
        hide_parameters=True,
    )

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _qmark_to_format(
        connection: Any,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> tuple[str, Any]:
        # Only hand-written SQL (exec_driver_sql) with positional parameters; compiled
        # statements already carry the dialect's own placeholders.
        if "INDEXED" in statement:
            statement = _without_index_hints(statement)
        if (
            context is not None
            and getattr(context, "compiled", None) is None
            and isinstance(parameters, tuple | list)
            and parameters
        ):
            statement = qmark_to_format(statement)
        return statement, parameters

    @event.listens_for(engine, "handle_error")
    def _connection_lost(context: Any) -> None:
        lost = connection_lost(context.original_exception, bool(context.is_disconnect))
        if context.is_pre_ping:
            # A pooled connection that died while idle is no loss: the pool replaces it
            # (and if the server is gone, the new connection raises ServerUnavailableError).
            context.is_disconnect = lost or context.is_disconnect
            return
        # Raised from here, the sentence replaces SQLAlchemy's wrapper (which carries the
        # statement and the driver's text); the connection is invalidated, never reused.
        if lost:
            log.info("clinic server connection lost: %s", type(context.original_exception).__name__)
            context.is_disconnect = True  # the pool drops this connection, never reuses it
            if context.statement is None and context.connection is not None:
                # No statement: the COMMIT itself failed (a ping is handled above). The
                # server may have committed before the link broke: say so, never "not saved".
                raise StoreUnavailableError(COMMIT_LOST, outcome_unknown=True) from None
            raise StoreUnavailableError(CONNECTION_LOST) from None

    @event.listens_for(engine, "connect")
    def _prepare_early(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.prepare_threshold = PREPARE_AFTER_RUNS

    watch_pooled_connections(engine)
    return engine


def server_folder(data_dir: Path, settings: ServerSettings) -> Path:
    """This desk's local folder for a server store (erasure log, nothing clinical)."""
    return data_dir / f"server-{settings.tag}"


def open_server_database(
    settings: ServerSettings,
    secret: ServerSecret,
    data_dir: Path,
    *,
    migrate: bool = True,
) -> Database:
    """Connect to the clinic server (and migrate it), or raise a store error with a sentence."""
    from cicini_desktop.store.database import DATABASE_ID_SETTING
    from cicini_desktop.store.migrations import HEAD_REVISION, stored_revision

    connect_raw(settings, secret).close()  # a precise error before anything else runs
    settings = replace(settings, desk=secrets.token_hex(8))
    guard = ThreadGuard()
    engine = make_server_engine(settings, secret)
    factory = sessionmaker(engine, class_=GuardedSession, expire_on_commit=False, guard=guard)
    folder = server_folder(data_dir, settings)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    database = Database(
        folder / "cicini.db", engine, factory, Manifest("", ""), guard, server=settings
    )
    if migrate and stored_revision(database) != HEAD_REVISION:
        # A desk never changes the shared schema (its role may not): that is IT's command,
        # run once for every desk, with the version the desks are being updated to.
        database.close()
        raise MigrationError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "The clinic server's database is not at this version of Cicini Desktop; IT "
                "updates it with 'cicini server migrate --dsn ...' (and every desk to the same "
                "version).",
            )
        )
    try:
        database.manifest = Manifest(_database_id(engine, DATABASE_ID_SETTING), "")
    except ProgrammingError:
        if migrate:
            raise
        # Not set up yet (no schema): only IT's commands open such a server.
    return database


def _database_id(engine: Engine, setting_key: str) -> str:
    import json
    import uuid

    with engine.begin() as connection:
        row = connection.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (setting_key,)
        ).first()
        if row is not None:
            return str(json.loads(row[0]))
        database_id = str(uuid.uuid4())
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value, version) VALUES (?, ?, 1) ON CONFLICT DO NOTHING",
            (setting_key, json.dumps(database_id)),
        )
        value = connection.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (setting_key,)
        ).scalar_one()
        return str(json.loads(value))


# --- IT's connection as the schema's owner (cicini server init / migrate-from) ------------


def owner_settings(dsn: str) -> tuple[dict[str, Any], ServerSettings]:
    """libpq parameters of IT's DSN (TLS verify-full enforced off loopback) and the desk
    settings of the same server. The owner's password comes from libpq's own sources
    (PGPASSWORD, ~/.pgpass, a client certificate), never from a command-line argument."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        parameters: dict[str, Any] = dict(conninfo_to_dict(dsn))
    except psycopg.ProgrammingError:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "The --dsn is not a PostgreSQL connection string; write it as "
                "postgresql://OWNER@HOST:PORT/DATABASE.",
            )
        ) from None
    if parameters.get("password"):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "errors.store",
                "Leave the password out of --dsn (other users can read the process list); give "
                "it in PGPASSWORD or ~/.pgpass instead.",
            )
        )
    try:
        port = int(parameters.get("port") or 5432)
    except ValueError:
        raise ConfigError("The port in --dsn must be a number, such as 5432.") from None
    settings = ServerSettings(
        host=str(parameters.get("host") or "localhost"),
        port=port,
        database=str(parameters.get("dbname") or "cicini"),
        user=str(parameters.get("user") or "postgres"),
        ca_file=str(parameters.get("sslrootcert") or ""),
    )
    if not settings.is_loopback:
        parameters["sslmode"] = "verify-full"
        parameters.setdefault("sslrootcert", "system")
    parameters.setdefault("connect_timeout", 5)
    parameters["application_name"] = APPLICATION_NAME
    return parameters, settings


def open_owner_database(dsn: str, data_dir: Path) -> Database:
    """The server's database on the owner's connection (not migrated: the caller does)."""
    parameters, settings = owner_settings(dsn)
    import psycopg

    def creator() -> Any:
        try:
            return psycopg.connect(**parameters)
        except psycopg.OperationalError as error:
            raise ServerUnavailableError(_why(settings, error)) from None

    creator().close()
    engine = make_server_engine(settings, None, connect=creator)
    guard = ThreadGuard()
    factory = sessionmaker(engine, class_=GuardedSession, expire_on_commit=False, guard=guard)
    folder = server_folder(data_dir, settings)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return Database(folder / "cicini.db", engine, factory, Manifest("", ""), guard, server=settings)


def ensure_application_role(database: Database, role: str, password: str) -> None:
    """Create the desks' role (or set its password), then grant what a desk needs."""
    from psycopg import sql

    from cicini_desktop.store.server_roles import grant_application_role

    with database.engine.begin() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        raw.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
    grant_application_role(database.engine, role)
