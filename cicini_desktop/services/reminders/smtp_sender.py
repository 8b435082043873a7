"""Email by SMTP: STARTTLS or implicit TLS, authentication, a stable Message-ID per row.

Replies of the server are sorted into the outbox's outcomes: 2xx accepted; 4xx (and a
dropped connection, a timeout, a refused login) temporary, retried with backoff; 5xx
permanent, failed and shown at the desk. A retry after a connection lost during DATA sends
the same Message-ID, so a server (or mail client) that did take the first copy shows one mail.
Nothing of the message or the recipient reaches an error code or the log.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from cicini_desktop.core.endpoints import is_loopback_host
from cicini_desktop.core.reminders.outcome import SendOutcome
from cicini_desktop.core.reminders.settings import SmtpSettings
from cicini_desktop.core.reminders.vocabulary import SmtpSecurity
from cicini_desktop.services.reminders.messages import OutgoingMessage

TIMEOUT_SECONDS = 20.0


def build_email(message: OutgoingMessage, settings: SmtpSettings, sender_name: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = (
        f"{sender_name} <{settings.from_address}>" if sender_name else (settings.from_address)
    )
    email["To"] = message.to
    email["Subject"] = message.subject or ""
    email["Message-ID"] = message.message_id
    email["Date"] = formatdate(localtime=False, usegmt=True)
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to it
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    return email


def _code(error: smtplib.SMTPResponseException) -> SendOutcome:
    code = int(error.smtp_code)
    name = f"smtp_{code}"
    if 400 <= code < 500:
        return SendOutcome.retry(name)
    return SendOutcome.refused(name)


class SmtpSender:
    def __init__(self, settings: SmtpSettings, password: str | None, sender_name: str) -> None:
        self._settings = settings
        self._password = password
        self._sender_name = sender_name

    def _tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self._settings.ca_bundle or None)

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        if s.security is SmtpSecurity.TLS:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=TIMEOUT_SECONDS, context=self._tls_context()
            )
        else:
            if s.security is SmtpSecurity.NONE and not is_loopback_host(s.host):
                raise ssl.SSLError("plain SMTP is allowed only to this machine")
            client = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
        try:
            client.ehlo()
            if s.security is SmtpSecurity.STARTTLS:
                client.starttls(context=self._tls_context())
                client.ehlo()
            if s.username:
                client.login(s.username, self._password or "")
        except BaseException:
            client.close()
            raise
        return client

    def send(self, message: OutgoingMessage) -> SendOutcome:
        email = build_email(message, self._settings, self._sender_name)
        try:
            client = self._connect()
        except smtplib.SMTPAuthenticationError:
            return SendOutcome.retry("smtp_auth")  # a settings problem: every row would fail
        except smtplib.SMTPNotSupportedError:
            return SendOutcome.retry("smtp_no_starttls")
        except smtplib.SMTPResponseException as error:
            return _code(error)
        except ssl.SSLError:
            return SendOutcome.retry("tls_error")
        except (OSError, smtplib.SMTPException):
            return SendOutcome.retry("connection_failed")
        try:
            refused = client.send_message(
                email, from_addr=self._settings.from_address, to_addrs=[message.to]
            )
            if refused:
                return SendOutcome.refused("smtp_recipient_refused")
            return SendOutcome.ok(message.message_id)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            return (
                SendOutcome.retry(f"smtp_{codes[0]}")
                if codes and 400 <= codes[0] < 500
                else SendOutcome.refused(f"smtp_{codes[0] if codes else 550}")
            )
        except smtplib.SMTPResponseException as error:
            return _code(error)
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError):
            return SendOutcome.retry("connection_lost")
        except smtplib.SMTPException:
            return SendOutcome.retry("smtp_error")
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
