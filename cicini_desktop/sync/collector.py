"""The reference collector: the protocol's server side, for development, tests and trials.

    cicini-collector --host 127.0.0.1 --port 8443 --db collector.sqlite3 \
        --enrollment-code CODE [--plans plans.json] [--tls-cert F --tls-key F]

Standard library only (ThreadingHTTPServer + sqlite3): it is a trial server, not the
production service. It validates every document with the same rules the client builds them
with (core/usage_document.py), keeps per (installation, date) the latest totals, replays
answers for a repeated Idempotency-Key, and offers a read-only inspection endpoint.

HTTP hygiene (checked with Schemathesis in the test suite): every request body is read or
discarded before the answer, or the connection is closed, so a body is never parsed as the
next request; every error is a JSON `{"error": code}` the spec documents; other methods get
405 with `Allow`; 401 carries `WWW-Authenticate`; nothing grows in memory with traffic.

Fault injection (tests and on-site trials): `Collector.faults.push("503:2", "drop", ...)` or
`--faults 500,drop` makes the next POST /v1/usage requests fail in the named way.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import logging
import re
import secrets
import socket
import sqlite3
import ssl
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cicini_desktop.core.usage_document import (
    COUNTER_NAMES,
    as_count,
    is_protocol_uuid,
    is_version,
    validate_document,
)

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
MAX_CODE_CHARS = 200
RECENT_DOCUMENTS = 256  # what tests may look at; older documents are only on disk
IDEMPOTENCY_KEPT = timedelta(days=2)  # a retry comes within minutes; replays expire after
_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
_USAGE_PATH = re.compile(r"^/v1/installations/([^/]*)/usage$")
STATUS_FAULTS = frozenset({"400", "401", "403", "413", "429", "500", "502", "503"})
ENROLL_KEYS = frozenset({"enrollment_code", "installation_id", "app_version"})
SEMANTIC_PROBLEMS = frozenset({"duplicate_date"})
WWW_AUTHENTICATE = 'Bearer realm="cicini-usage"'
# Which methods each path answers (everything else: 405 with this Allow list).
ALLOWED = {"enroll": ("POST",), "usage": ("POST",), "inspect": ("GET",)}
STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    411: "length_required",
    413: "body_too_large",
    414: "uri_too_long",
    431: "headers_too_large",
    500: "internal_error",
    501: "not_implemented",
    505: "http_version_not_supported",
}

DEFAULT_PLAN: dict[str, Any] = {
    "name": "Development",
    "allowances": {"active_providers": 50, "staff_accounts": 200},
    "valid_days": 30,
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS token (
    token_hash TEXT PRIMARY KEY, installation_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS usage (
    installation_id TEXT NOT NULL, date TEXT NOT NULL, counter TEXT NOT NULL,
    total INTEGER NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (installation_id, date, counter));
CREATE TABLE IF NOT EXISTS idempotency (
    installation_id TEXT NOT NULL, key TEXT NOT NULL, body_hash TEXT NOT NULL,
    status INTEGER NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (installation_id, key));
"""


class BadRequest(Exception):
    """An answer other than success: status, a reason code, a short detail, extra headers."""

    def __init__(
        self, code: str, detail: str, status: int = 400, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.code, self.detail, self.status = code, detail, status
        self.headers = headers or {}


def unauthorized(detail: str = "a valid bearer token is required") -> BadRequest:
    return BadRequest("unauthorized", detail, 401, {"WWW-Authenticate": WWW_AUTHENTICATE})


def bearer_token(authorization: str | None) -> str | None:
    """The credentials of an `Authorization: Bearer X` header; the scheme is
    case-insensitive (RFC 9110 section 11.1)."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != "bearer" or not credentials:
        return None
    return credentials


# --- plans ------------------------------------------------------------------------------


def _check_plan(plan: Any, where: str) -> dict[str, Any]:
    ok = (
        isinstance(plan, dict)
        and isinstance(plan.get("name"), str)
        and isinstance(plan.get("allowances"), dict)
        and all(
            isinstance(plan["allowances"].get(k), int) and plan["allowances"][k] >= 0
            for k in ("active_providers", "staff_accounts")
        )
        and isinstance(plan.get("valid_days", 30), int)
    )
    if not ok:
        raise ValueError(
            f"{where}: a plan needs name, allowances.active_providers, "
            "allowances.staff_accounts (whole numbers) and optionally valid_days"
        )
    return plan


@dataclass(frozen=True)
class Plans:
    """`--plans FILE`: {"default": PLAN, "installations": {UUID: PLAN}} (both optional)."""

    default: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PLAN))
    installations: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Plans:
        table = json.loads(path.read_text(encoding="utf-8"))
        default = _check_plan(table.get("default", DEFAULT_PLAN), f"{path} default")
        per = {
            k: _check_plan(v, f"{path} installations.{k}")
            for k, v in table.get("installations", {}).items()
        }
        return cls(default, per)

    def answer_for(self, installation_id: str, now: datetime) -> dict[str, Any]:
        plan = self.installations.get(installation_id, self.default)
        valid_until = now + timedelta(days=int(plan.get("valid_days", 30)))
        return {
            "name": plan["name"],
            "allowances": {
                "active_providers": plan["allowances"]["active_providers"],
                "staff_accounts": plan["allowances"]["staff_accounts"],
            },
            "valid_until": valid_until.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


# --- faults -----------------------------------------------------------------------------


class Faults:
    """A queue of failures for the next POST /v1/usage requests, one consumed per request.

    "400" | "500" | "502" | "503[:SECONDS]" | "429[:SECONDS]" | "413" | "401" | "403"
    "malformed"   200 whose body is not JSON
    "bad_answer"  200 with JSON that does not follow the protocol
    "drop"        store the document, then cut the connection mid-answer
    "reset"       cut the connection before reading the document (nothing stored)
    "slow:S"      store the document, then wait S seconds before answering
    "accept_none" answer 200 with an empty accepted_days, storing nothing
    """

    def __init__(self) -> None:
        self._queue: deque[str] = deque()
        self._lock = threading.Lock()

    def push(self, *faults: str) -> None:
        with self._lock:
            self._queue.extend(faults)

    def next(self) -> str | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)


# --- the collector ------------------------------------------------------------------------


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _loads(raw: bytes) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise BadRequest("duplicate_key", "a JSON object repeats a key")
        return dict(pairs)

    def no_constants(name: str) -> Any:
        raise BadRequest("bad_json", f"{name} is not allowed")

    try:
        value = json.loads(
            raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants
        )
        # A "\ud800" escape decodes to a lone surrogate, which no UTF-8 text can hold.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise BadRequest("bad_json", "the body is nested too deeply") from None
    except UnicodeError:
        raise BadRequest("bad_json", "the body is not valid UTF-8 text") from None
    except ValueError:
        raise BadRequest("bad_json", "the body is not UTF-8 JSON") from None
    return value


class Collector:
    def __init__(
        self,
        db_path: Path | str,
        enrollment_code: str,
        plans: Plans | None = None,
        *,
        max_body_bytes: int = MAX_BODY_BYTES,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None)
        # WAL with NORMAL sync: a commit does not wait for the disk each time (a trial server;
        # a crash loses at most the last documents, which clients resend anyway).
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._code = enrollment_code
        self.plans = plans or Plans()
        self.max_body_bytes = max_body_bytes
        self.now = now
        self.faults = Faults()
        # The latest usage documents received (tests read them); bounded, so a long-running
        # collector does not grow with its traffic. `received` counts them all.
        self.requests: deque[dict[str, Any]] = deque(maxlen=RECENT_DOCUMENTS)
        self.received = 0

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _stamp(self) -> str:
        return self.now().strftime("%Y-%m-%dT%H:%M:%SZ")

    # POST /v1/enroll
    def enroll(self, raw: bytes) -> tuple[int, dict[str, Any]]:
        body = _loads(raw)
        if not isinstance(body, dict) or set(body) != ENROLL_KEYS:
            raise BadRequest(
                "bad_enrollment", "expected enrollment_code, installation_id, app_version"
            )
        if not is_protocol_uuid(body["installation_id"]):
            raise BadRequest("bad_id", "installation_id must be a lower-case UUID")
        if not is_version(body["app_version"]):
            raise BadRequest("bad_app_version", "app_version must be a short version string")
        code = body["enrollment_code"]
        if not isinstance(code, str) or not 0 < len(code) <= MAX_CODE_CHARS:
            raise BadRequest("bad_enrollment", "enrollment_code must be a short text")
        if not hmac.compare_digest(code.encode(), self._code.encode()):
            return 401, {"error": "bad_enrollment_code"}
        token = secrets.token_urlsafe(32)
        with self._lock:
            # Re-enrolling revokes the installation's earlier tokens.
            self._db.execute(
                "DELETE FROM token WHERE installation_id = ?", (body["installation_id"],)
            )
            self._db.execute(
                "INSERT INTO token VALUES (?, ?, ?)",
                (_hash(token), body["installation_id"], self._stamp()),
            )
        return 200, {"token": token}

    def installation_for(self, authorization: str | None) -> str | None:
        token = bearer_token(authorization)
        if token is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT installation_id FROM token WHERE token_hash = ?", (_hash(token),)
            ).fetchone()
        return row[0] if row else None

    # POST /v1/usage
    def usage(self, installation: str, key: str | None, raw: bytes) -> tuple[int, dict[str, Any]]:
        if key is None or not _KEY.match(key):
            raise BadRequest("bad_idempotency_key", "an Idempotency-Key header is required")
        document = _loads(raw)
        # Whose document it is comes first: another installation's is refused whatever it
        # holds, and nothing about its content is revealed.
        claimed = document.get("installation_id") if isinstance(document, dict) else None
        if is_protocol_uuid(claimed) and claimed != installation:
            return 403, {"error": "installation_mismatch"}
        problem = validate_document(document)
        if problem is not None:
            # Well-formed against the schema but breaking a rule it cannot express: 422.
            status = 422 if problem.code in SEMANTIC_PROBLEMS else 400
            raise BadRequest(problem.code, problem.detail, status)
        body_hash = hashlib.sha256(raw).hexdigest()
        with self._lock:
            seen = self._db.execute(
                "SELECT body_hash, status, answer FROM idempotency "
                "WHERE installation_id = ? AND key = ?",
                (installation, key),
            ).fetchone()
        if seen is not None:
            if seen[0] != body_hash:
                return 422, {"error": "idempotency_key_reused"}
            return int(seen[1]), json.loads(seen[2])
        self.requests.append(document)
        self.received += 1
        stamp = self._stamp()
        expired = (self.now() - IDEMPOTENCY_KEPT).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM idempotency WHERE created_at < ?", (expired,))
            for day in document["days"]:
                for name, value in day["counters"].items():
                    # Local totals only grow, so the highest total seen is the latest one;
                    # keeping it makes a late, reordered retry harmless.
                    self._db.execute(
                        "INSERT INTO usage VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (installation_id, date, counter) DO UPDATE SET "
                        "total = max(total, excluded.total), updated_at = excluded.updated_at",
                        (installation, day["date"], name, as_count(value), stamp),
                    )
            answer = {
                "accepted_days": [d["date"] for d in document["days"]],
                "plan": self.plans.answer_for(installation, self.now()),
            }
            self._db.execute(
                "INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)",
                (installation, key, body_hash, 200, json.dumps(answer), stamp),
            )
            self._db.execute("COMMIT")
        return 200, answer

    # GET /v1/installations/{id}/usage
    def totals(self, installation: str) -> dict[str, Any]:
        with self._lock:
            rows = self._db.execute(
                "SELECT date, counter, total FROM usage WHERE installation_id = ? "
                "ORDER BY date, counter",
                (installation,),
            ).fetchall()
        days: dict[str, dict[str, int]] = {}
        for day, name, total in rows:
            if name in COUNTER_NAMES:
                days.setdefault(day, {})[name] = total
        return {
            "installation_id": installation,
            "days": [{"date": d, "counters": c} for d, c in days.items()],
        }

    def operator(self, authorization: str | None) -> bool:
        token = bearer_token(authorization)
        return token is not None and hmac.compare_digest(
            token.encode("utf-8", "replace"), self._code.encode()
        )


# --- HTTP ---------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 30  # a silent client does not hold a thread forever

    def setup(self) -> None:
        super().setup()
        # Headers and body go out as two writes; without this, Nagle's algorithm and the
        # client's delayed ACK hold every answer back by about 40 ms.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # quiet: client addresses are not kept, even on a trial server

    # --- answers -------------------------------------------------------------------------

    def _send(self, status: int, payload: dict[str, Any] | bytes, **headers: str) -> None:
        """Answer, after the request body is read or discarded (else the connection closes:
        an unread body would be parsed as the next request, which is request smuggling)."""
        self._settle_body()
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_problem(self, bad: BadRequest) -> None:
        payload = {"error": bad.code, "detail": bad.detail}
        self._send(bad.status, payload, **bad.headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, unknown method, huge headers) in
        JSON like every other answer; the connection closes since the framing is unknown."""
        del message, explain
        self.close_connection = True
        self._body_settled = True
        if self.request_version == "HTTP/0.9":  # an unparsable request line: answer in 1.1
            self.request_version = "HTTP/1.1"
        with contextlib.suppress(OSError):
            self._send(code, {"error": STATUS_CODES.get(code, "bad_request")})

    # --- the request body ----------------------------------------------------------------

    def _content_length(self) -> int | None:
        """The declared body length; None when there is no body. Anything that makes the
        framing ambiguous (chunked, several or malformed lengths) is refused and closes."""
        if self.headers.get("Transfer-Encoding") is not None:
            self.close_connection = True
            raise BadRequest("length_required", "send a Content-Length, not chunked", 411)
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return None
        text = lengths[0].strip()
        if len(lengths) > 1 or not text.isdigit() or not text.isascii():
            self.close_connection = True
            raise BadRequest("length_required", "one valid Content-Length header is required")
        return int(text)

    def _body(self) -> bytes:
        self._body_settled = True
        length = self._content_length()
        if length is None:
            raise BadRequest("length_required", "a Content-Length header is required", 411)
        limit = self.server.collector.max_body_bytes
        if length > limit:
            self._body_settled = False  # _send discards it, or closes the connection
            raise BadRequest("body_too_large", f"at most {limit} bytes", 413)
        return self.rfile.read(length)

    def _settle_body(self) -> None:
        """Discard a body nobody read, or close the connection if that is not sensible."""
        if getattr(self, "_body_settled", True):
            return
        self._body_settled = True
        try:
            length = self._content_length()
        except BadRequest:
            self.close_connection = True
            return
        if not length:
            return
        if length > 4 * self.server.collector.max_body_bytes:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:  # read it anyway so the client gets the answer, not a reset
            chunk = self.rfile.read(min(remaining, 64 * 1024))
            if not chunk:
                self.close_connection = True
                return
            remaining -= len(chunk)

    # --- routing -------------------------------------------------------------------------

    def _serve(self) -> None:
        self._body_settled = False
        collector = self.server.collector
        try:
            route, value = _route(self.path)
            if self.command not in ALLOWED[route]:
                allow = ", ".join(ALLOWED[route])
                raise BadRequest(
                    "method_not_allowed", f"{route} answers {allow}", 405, {"Allow": allow}
                )
            if route == "enroll":
                self._send(*collector.enroll(self._body()))
            elif route == "usage":
                self._usage(collector)
            else:
                self._inspect(collector, value)
        except BadRequest as bad:
            self._send_problem(bad)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception as error:  # an answer, never a dropped connection
            log.warning("collector error: %s", type(error).__name__)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._send(500, {"error": "internal_error"})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve
    do_OPTIONS = do_TRACE = do_HEAD = do_CONNECT = _serve

    def __getattr__(self, name: str) -> Any:
        # http.server answers a method it finds no `do_X` for with 501; any method token is
        # routed instead, so a known path answers 405 with `Allow` whatever the method.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _usage(self, collector: Collector) -> None:
        fault = collector.faults.next()
        if fault == "reset":
            self._cut()
            return
        if fault is not None and fault.split(":")[0] in STATUS_FAULTS:
            self._body()
            code, _, seconds = fault.partition(":")
            extra = {"Retry_After": seconds} if seconds else {}
            if code == "401":
                extra["WWW-Authenticate"] = WWW_AUTHENTICATE
            self._send(int(code), {"error": f"fault_{code}"}, **extra)
            return
        installation = collector.installation_for(self.headers.get("Authorization"))
        if installation is None:
            raise unauthorized()
        raw = self._body()
        if fault == "accept_none":  # a 200 that stores nothing
            plan = collector.plans.answer_for(installation, collector.now())
            self._send(200, {"accepted_days": [], "plan": plan})
            return
        status, answer = collector.usage(installation, self.headers.get("Idempotency-Key"), raw)
        if fault == "malformed":
            self._send(200, b'{"accepted_days": [')
        elif fault == "bad_answer":
            self._send(200, {"accepted_days": "all", "plan": None})
        elif fault == "drop":
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "4096")
            self.end_headers()
            self.wfile.write(b'{"accepted_days": [')
            self.wfile.flush()
            self._cut()
        elif fault is not None and fault.startswith("slow:"):
            time.sleep(float(fault[5:]))
            self._send(status, answer)
        else:
            self._send(status, answer)

    def _cut(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _inspect(self, collector: Collector, wanted: str) -> None:
        if not is_protocol_uuid(wanted):
            raise BadRequest("bad_id", "the installation id must be a lower-case UUID")
        authorization = self.headers.get("Authorization")
        if collector.installation_for(authorization) != wanted and not collector.operator(
            authorization
        ):
            raise unauthorized("the installation's own token or the operator's is required")
        self._send(200, collector.totals(wanted))


def _route(target: str) -> tuple[str, str]:
    """("enroll" | "usage" | "inspect", the path parameter), or a 404."""
    path = urlsplit(target).path
    if path == "/v1/enroll":
        return "enroll", ""
    if path == "/v1/usage":
        return "usage", ""
    match = _USAGE_PATH.match(path)
    if match is not None:
        return "inspect", unquote(match.group(1), errors="replace")
    raise BadRequest("not_found", "no such endpoint", 404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    collector: Collector

    def handle_error(self, request: Any, client_address: Any) -> None:
        del request, client_address  # a client that hung up is not worth a traceback


def make_server(
    collector: Collector,
    host: str = "127.0.0.1",
    port: int = 0,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> _Server:
    server = _Server((host, port), _Handler)
    server.collector = collector
    if tls_cert is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls_cert), str(tls_key) if tls_key else None)
        # The handshake happens in the handler thread, so one slow client blocks no one.
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )
    return server


@dataclass
class RunningCollector:
    """A collector serving on a background thread (tests, demos)."""

    collector: Collector
    server: _Server
    thread: threading.Thread
    url: str

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.collector.close()


def serve_in_thread(
    collector: Collector,
    host: str = "127.0.0.1",
    port: int = 0,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> RunningCollector:
    server = make_server(collector, host, port, tls_cert, tls_key)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="collector", daemon=True
    )
    thread.start()
    scheme = "https" if tls_cert else "http"
    url = f"{scheme}://{host}:{server.server_address[1]}"
    return RunningCollector(collector, server, thread, url)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cicini-collector",
        description="Reference collector of the Cicini usage protocol (development and trials).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--db", required=True, type=Path, help="SQLite file for tokens and totals")
    parser.add_argument("--enrollment-code", required=True)
    parser.add_argument("--plans", type=Path, help="JSON file of plans (see the module doc)")
    parser.add_argument("--tls-cert", type=Path)
    parser.add_argument("--tls-key", type=Path)
    parser.add_argument("--faults", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if (args.tls_cert is None) != (args.tls_key is None):
        print("cicini-collector: give both --tls-cert and --tls-key, or neither.", file=sys.stderr)
        return 2
    try:
        plans = Plans.load(args.plans) if args.plans else Plans()
        collector = Collector(args.db, args.enrollment_code, plans)
        if args.faults:
            collector.faults.push(*[f for f in args.faults.split(",") if f])
        server = make_server(collector, args.host, args.port, args.tls_cert, args.tls_key)
    except (OSError, ValueError, ssl.SSLError, sqlite3.Error) as error:
        print(f"cicini-collector: cannot start ({error}).", file=sys.stderr)
        return 2
    scheme = "https" if args.tls_cert else "http"
    print(
        f"cicini-collector: serving {scheme}://{args.host}:{server.server_address[1]}", flush=True
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        collector.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
