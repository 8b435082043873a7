"""The reference collector: the protocol's server side, for development, tests and trials.

    cicini-collector --host 127.0.0.1 --port 8443 --db collector.sqlite3 \
        --enrollment-code CODE [--plans plans.json] [--tls-cert F --tls-key F]

Standard library only (ThreadingHTTPServer + sqlite3): it is a trial server, not the
production service. It validates every document with the same rules the client builds them
with (core/usage_document.py), keeps per (installation, date) the latest totals, replays
answers for a repeated Idempotency-Key, and offers a read-only inspection endpoint.

Fault injection (tests and on-site trials): `Collector.faults.push("503:2", "drop", ...)` or
`--faults 500,drop` makes the next POST /v1/usage requests fail in the named way.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
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

from cicini_desktop.core.ids import is_uuid
from cicini_desktop.core.usage_document import COUNTER_NAMES, validate_document

MAX_BODY_BYTES = 256 * 1024
_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
_USAGE_PATH = re.compile(r"^/v1/installations/([0-9a-f-]{36})/usage$")
STATUS_FAULTS = frozenset({"400", "401", "403", "413", "429", "500", "502", "503"})
ENROLL_KEYS = frozenset({"enrollment_code", "installation_id", "app_version"})

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
    def __init__(self, code: str, detail: str, status: int = 400) -> None:
        super().__init__(code)
        self.code, self.detail, self.status = code, detail, status


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
        return json.loads(
            raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants
        )
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("bad_json", "the body is not UTF-8 JSON") from None


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
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._code = enrollment_code
        self.plans = plans or Plans()
        self.max_body_bytes = max_body_bytes
        self.now = now
        self.faults = Faults()
        self.requests: list[dict[str, Any]] = []  # every usage body received (tests read it)

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
        if not isinstance(body["installation_id"], str) or not is_uuid(body["installation_id"]):
            raise BadRequest("bad_id", "installation_id must be a lower-case UUID")
        code = body["enrollment_code"]
        if not isinstance(code, str) or not hmac.compare_digest(code.encode(), self._code.encode()):
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
        if not authorization or not authorization.startswith("Bearer "):
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT installation_id FROM token WHERE token_hash = ?",
                (_hash(authorization[7:].strip()),),
            ).fetchone()
        return row[0] if row else None

    # POST /v1/usage
    def usage(self, installation: str, key: str | None, raw: bytes) -> tuple[int, dict[str, Any]]:
        if key is None or not _KEY.match(key):
            raise BadRequest("bad_idempotency_key", "an Idempotency-Key header is required")
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
        document = _loads(raw)
        problem = validate_document(document)
        if problem is not None:
            raise BadRequest(problem.code, problem.detail)
        if document["installation_id"] != installation:
            return 403, {"error": "installation_mismatch"}
        self.requests.append(document)
        stamp = self._stamp()
        with self._lock:
            self._db.execute("BEGIN")
            for day in document["days"]:
                for name, total in day["counters"].items():
                    # Local totals only grow, so the highest total seen is the latest one;
                    # keeping it makes a late, reordered retry harmless.
                    self._db.execute(
                        "INSERT INTO usage VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (installation_id, date, counter) DO UPDATE SET "
                        "total = max(total, excluded.total), updated_at = excluded.updated_at",
                        (installation, day["date"], name, total, stamp),
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
        expected = f"Bearer {self._code}"
        return authorization is not None and hmac.compare_digest(
            authorization.encode(), expected.encode()
        )


# --- HTTP ---------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 30  # a silent client does not hold a thread forever

    def setup(self) -> None:
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # quiet: client addresses are not kept, even on a trial server

    def _send(self, status: int, payload: dict[str, Any] | bytes, **headers: str) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise BadRequest("length_required", "send a Content-Length, not chunked")
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            self.close_connection = True
            raise BadRequest("length_required", "a Content-Length header is required")
        length = int(length_text)
        if length > self.server.collector.max_body_bytes:
            self.close_connection = True  # the unread body must not be parsed as a request
            if length <= 4 * self.server.collector.max_body_bytes:
                # Read it anyway so the client gets the answer rather than a reset.
                self.rfile.read(length)
            raise BadRequest(
                "body_too_large", f"at most {self.server.collector.max_body_bytes} bytes"
            )
        return self.rfile.read(length)

    def do_POST(self) -> None:
        collector = self.server.collector
        try:
            if self.path == "/v1/enroll":
                self._send(*collector.enroll(self._body()))
            elif self.path == "/v1/usage":
                self._usage(collector)
            else:
                self._send(404, {"error": "not_found"})
        except BadRequest as bad:
            self._send(bad.status, {"error": bad.code, "detail": bad.detail})
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True

    def _usage(self, collector: Collector) -> None:
        fault = collector.faults.next()
        if fault == "reset":
            self._cut()
            return
        if fault is not None and fault.split(":")[0] in STATUS_FAULTS:
            self._body()
            code, _, seconds = fault.partition(":")
            extra = {"Retry_After": seconds} if seconds else {}
            self._send(int(code), {"error": f"fault_{code}"}, **extra)
            return
        installation = collector.installation_for(self.headers.get("Authorization"))
        raw = self._body()
        if installation is None:
            self._send(401, {"error": "unauthorized"})
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

    def do_GET(self) -> None:
        collector = self.server.collector
        match = _USAGE_PATH.match(self.path)
        if match is None:
            self._send(404, {"error": "not_found"})
            return
        wanted = match.group(1)
        authorization = self.headers.get("Authorization")
        if collector.installation_for(authorization) != wanted and not collector.operator(
            authorization
        ):
            self._send(401, {"error": "unauthorized"})
            return
        self._send(200, collector.totals(wanted))


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
