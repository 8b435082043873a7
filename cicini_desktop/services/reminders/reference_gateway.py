"""A reference SMS gateway with a Twilio-style REST API, for development, tests and trials.

    python -m cicini_desktop.services.reminders.reference_gateway --port 8025 \
        --account AC-test --token TOKEN --number +4930555000

Standard library only, in memory. It implements what `sms_provider.RestSmsProvider` uses
(see that module for the shapes): sending (honouring `Idempotency-Key`), the status of a
message, and listing messages to our number (inbound replies), paginated. Nothing is ever
delivered to a phone: tests read `Gateway.outbound()`, inject replies with
`Gateway.inject_reply()`, and move a message along with `Gateway.set_status()`.

Fault injection: `Gateway.faults.append("503")` (or "429", "400", "drop") makes the next
send fail in that way; "accept-drop" takes the message and then hangs up before answering.
"""

from __future__ import annotations

import argparse
import base64
import hmac
import json
import re
import secrets
import sys
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

MAX_BODY = 64 * 1024
PAGE_SIZE = 50
_SEND = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
_ONE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages/([A-Za-z0-9]+)\.json$")


class Gateway:
    def __init__(self, account_id: str, token: str, number: str) -> None:
        self.account_id = account_id
        self.token = token
        self.number = number
        self.faults: deque[str] = deque()
        self._messages: list[dict[str, Any]] = []
        self._by_sid: dict[str, dict[str, Any]] = {}
        self._idempotency: dict[str, str] = {}
        self._lock = threading.Lock()
        self.send_attempts = 0

    # --- what tests and trials use ----------------------------------------------------

    def outbound(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(m) for m in self._messages if m["direction"] == "outbound-api"]

    def inject_reply(self, sender: str, body: str, when: datetime | None = None) -> str:
        sid = "SM" + secrets.token_hex(16)
        moment = when or datetime.now(UTC)
        with self._lock:
            message = {
                "sid": sid,
                "direction": "inbound",
                "from": sender,
                "to": self.number,
                "body": body,
                "status": "received",
                "date_sent": format_datetime(moment.astimezone(UTC), usegmt=True),
            }
            self._messages.append(message)
            self._by_sid[sid] = message
        return sid

    def set_status(self, sid: str, status: str) -> None:
        with self._lock:
            self._by_sid[sid]["status"] = status

    # --- the API ------------------------------------------------------------------------

    def authorized(self, header: str | None, account: str) -> bool:
        if not header or not header.startswith("Basic ") or account != self.account_id:
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(user, self.account_id) and hmac.compare_digest(
            password, self.token
        )

    def send(self, form: dict[str, str], key: str | None) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if key and key in self._idempotency:
                return 201, dict(self._by_sid[self._idempotency[key]])
            to, body = form.get("To", ""), form.get("Body", "")
            if not re.fullmatch(r"\+[1-9][0-9]{6,14}", to):
                return 400, {"code": 21211, "message": "The 'To' number is not a valid number."}
            if not body:
                return 400, {"code": 21602, "message": "Message body is required."}
            sid = "SM" + secrets.token_hex(16)
            message = {
                "sid": sid,
                "direction": "outbound-api",
                "from": form.get("From", self.number),
                "to": to,
                "body": body,
                "status": "queued",
                "date_sent": format_datetime(datetime.now(UTC), usegmt=True),
            }
            self._messages.append(message)
            self._by_sid[sid] = message
            if key:
                self._idempotency[key] = sid
            return 201, dict(message)

    def status_of(self, sid: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            message = self._by_sid.get(sid)
            if message is None:
                return 404, {"code": 20404, "message": "Not found."}
            if message["status"] == "queued":
                message["status"] = "sent"  # each look moves a new message along once
            return 200, {"sid": sid, "status": message["status"]}

    def listing(self, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        to = query.get("To", [None])[0]
        since = query.get("DateSent>", [None])[0]
        page = int(query.get("Page", ["0"])[0])
        with self._lock:
            rows = [m for m in self._messages if to is None or m["to"] == to]
        if since:
            from email.utils import parsedate_to_datetime

            rows = [
                m for m in rows if parsedate_to_datetime(m["date_sent"]).date().isoformat() >= since
            ]
        chunk = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        following = None
        if (page + 1) * PAGE_SIZE < len(rows):
            following = (
                f"/2010-04-01/Accounts/{self.account_id}/Messages.json?Page={page + 1}"
                + (f"&To={to}" if to else "")
                + (f"&DateSent>={since}" if since else "")
            ).replace("+", "%2B")
        return 200, {"messages": [dict(m) for m in chunk], "next_page_uri": following}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # numbers and texts of messages never reach a log

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _hang_up(self) -> None:
        self.close_connection = True
        self.connection.close()

    def do_POST(self) -> None:
        gateway = self.server.gateway
        match = _SEND.match(urlsplit(self.path).path)
        if match is None:
            self._send(404, {"code": 20404, "message": "Not found."})
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, MAX_BODY))
        if not gateway.authorized(self.headers.get("Authorization"), match.group(1)):
            self._send(401, {"code": 20003, "message": "Authenticate"})
            return
        gateway.send_attempts += 1  # every authorised POST, faulted or not
        fault = gateway.faults.popleft() if gateway.faults else None
        if fault == "drop":
            self._hang_up()
            return
        if fault in ("400", "429", "500", "503"):
            self._send(int(fault), {"code": int(fault) * 100, "message": "Injected fault."})
            return
        form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        status, payload = gateway.send(form, self.headers.get("Idempotency-Key"))
        if fault == "accept-drop":
            self._hang_up()
            return
        self._send(status, payload)

    def do_GET(self) -> None:
        gateway = self.server.gateway
        parts = urlsplit(self.path)
        one, listing = _ONE.match(parts.path), _SEND.match(parts.path)
        account = (one or listing).group(1) if (one or listing) else ""
        if not (one or listing):
            self._send(404, {"code": 20404, "message": "Not found."})
            return
        if not gateway.authorized(self.headers.get("Authorization"), account):
            self._send(401, {"code": 20003, "message": "Authenticate"})
            return
        if one is not None:
            self._send(*gateway.status_of(one.group(2)))
        else:
            self._send(*gateway.listing(parse_qs(parts.query)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    gateway: Gateway

    def handle_error(self, request: Any, client_address: Any) -> None:
        del request, client_address


@dataclass
class RunningGateway:
    gateway: Gateway
    server: _Server
    thread: threading.Thread
    url: str

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_in_thread(gateway: Gateway, host: str = "127.0.0.1", port: int = 0) -> RunningGateway:
    server = _Server((host, port), _Handler)
    server.gateway = gateway
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="sms-gateway",
        daemon=True,
    )
    thread.start()
    return RunningGateway(gateway, server, thread, f"http://{host}:{server.server_address[1]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reference SMS gateway (Twilio-style REST).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--account", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--number", required=True, help="the clinic's sending number, E.164")
    args = parser.parse_args(argv)
    try:
        server = _Server((args.host, args.port), _Handler)
    except OSError as error:
        print(f"reference gateway: cannot start ({error}).", file=sys.stderr)
        return 2
    server.gateway = Gateway(args.account, args.token, args.number)
    print(f"reference gateway: serving http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
