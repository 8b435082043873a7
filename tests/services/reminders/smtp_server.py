"""A real SMTP server on loopback (aiosmtpd) with a mailbox and fault injection.

`faults` is a queue of what the next DATA commands do: "451" / "550" answer with that code,
"drop" closes the connection without answering (nothing delivered), "deliver-drop" delivers
the message and then closes the connection before the answer reaches the client (the case
a stable Message-ID exists for).
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "reminders@clinic.example"
PASSWORD = "s3cret-smtp-pass"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    delivered: list[Message] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)  # Message-ID of every DATA seen
    logins: list[str] = field(default_factory=list)
    faults: deque[str] = field(default_factory=deque)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.delivered]


class Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content or envelope.content)
        with self.box.lock:
            self.box.attempts.append(message["Message-ID"])
            fault = self.box.faults.popleft() if self.box.faults else None
        if self.box.delay:
            time.sleep(self.box.delay)  # a slow server, so two senders overlap
        if fault in ("451", "550"):
            text = "Try again later" if fault == "451" else "No such user here"
            return f"{fault} {text}"
        if fault == "drop":
            server.transport.close()
            return "250 OK"  # never reaches the client
        with self.box.lock:
            self.box.delivered.append(message)
        if fault == "deliver-drop":
            server.transport.close()
        return "250 OK"


def _authenticator(box: Mailbox) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (
            data.login.decode() == USER and data.password.decode() == PASSWORD
        )
        if ok:
            box.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)

    return check


@dataclass
class RunningSmtp:
    controller: Controller
    box: Mailbox
    port: int
    stopped: bool = False

    def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            self.controller.stop()


def start_smtp(
    *,
    tls: ssl.SSLContext | None = None,
    implicit_tls: bool = False,
    auth: bool = False,
) -> RunningSmtp:
    box = Mailbox()
    port = free_port()
    kwargs: dict[str, Any] = {}
    if tls is not None and not implicit_tls:
        kwargs.update(tls_context=tls, require_starttls=True)
    if auth:
        kwargs.update(authenticator=_authenticator(box), auth_required=True)
        if tls is None or implicit_tls:
            # aiosmtpd only knows of TLS it started itself (STARTTLS); with implicit TLS the
            # whole connection is encrypted already, so it may offer AUTH at once.
            kwargs.update(auth_require_tls=False)
    controller = Controller(
        Handler(box),
        hostname="127.0.0.1",
        port=port,
        ssl_context=tls if implicit_tls else None,
        server_hostname="localhost" if implicit_tls else None,
        **kwargs,
    )
    controller.start()
    return RunningSmtp(controller, box, port)
