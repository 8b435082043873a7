"""SMS through a provider interface, and one concrete provider: a Twilio-style REST API.

A desktop cannot receive webhooks, so delivery status and inbound replies are *polled*:
`delivery_status(id)` per sent message, `inbound_since(instant)` for replies.

The REST shape (Twilio's 2010-04-01 API, which several providers copy):
* `POST {base}/2010-04-01/Accounts/{account}/Messages.json` (form: To, From, Body) ->
  201 `{"sid", "status"}`; 4xx `{"code", "message"}`; 429/5xx: try later;
* `GET  .../Messages/{sid}.json` -> `{"sid", "status"}` (queued, sent, delivered,
  undelivered, failed);
* `GET  .../Messages.json?To={our number}&DateSent>=YYYY-MM-DD` -> `{"messages": [...],
  "next_page_uri"}` (inbound ones have `"direction": "inbound"`).
HTTP Basic authentication with the account id and the token from the keystore. Each send
carries `Idempotency-Key: <outbox id>`, so a retry after a lost answer is not a second SMS
where the provider honours it (the reference gateway does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote, urljoin

from cicini_desktop.core.reminders.outcome import SendOutcome
from cicini_desktop.core.reminders.settings import SmsSettings
from cicini_desktop.services.reminders.messages import OutgoingMessage

if TYPE_CHECKING:
    # requests is imported when a provider is made, not with this module: the reminders
    # panel imports the vocabulary below into every window, and requests costs 8 MB of
    # memory and a tenth of a second at start on a desk that never sends an SMS.
    import requests

TIMEOUT = (5.0, 20.0)  # connect, read
MAX_PAGES = 20
FINAL_DELIVERY = frozenset({"delivered", "undelivered", "failed"})
FAILED_DELIVERY = frozenset({"undelivered", "failed"})


@dataclass(frozen=True, slots=True)
class InboundSms:
    provider_message_id: str
    sender: str  # E.164
    body: str
    received_at: datetime


class SmsProvider(Protocol):
    def send(self, message: OutgoingMessage) -> SendOutcome: ...

    def delivery_status(self, provider_message_id: str) -> str | None:
        """The provider's status word, or None when it cannot be read now."""
        ...

    def inbound_since(self, since: date) -> Iterator[InboundSms]: ...


class RestSmsProvider:
    """The Twilio-style REST provider."""

    def __init__(
        self, settings: SmsSettings, token: str | None, session: requests.Session | None = None
    ) -> None:
        import requests

        self._settings = settings
        self._http = session or requests.Session()
        self._http.auth = (settings.account_id, token or "")
        self._root = (
            settings.base_url.rstrip("/")
            + f"/2010-04-01/Accounts/{quote(settings.account_id, safe='')}/"
        )

    def send(self, message: OutgoingMessage) -> SendOutcome:
        import requests

        try:
            answer = self._http.post(
                self._root + "Messages.json",
                data={"To": message.to, "From": self._settings.from_number, "Body": message.text},
                headers={"Idempotency-Key": message.outbox_id},
                timeout=TIMEOUT,
            )
        except requests.Timeout:
            return SendOutcome.retry("timeout")
        except requests.RequestException:
            return SendOutcome.retry("connection_lost")
        if answer.status_code in (200, 201):
            sid = _json(answer).get("sid")
            if not isinstance(sid, str) or not sid:
                return SendOutcome.retry("malformed_answer")
            return SendOutcome.ok(sid[:100])
        if answer.status_code == 429 or answer.status_code >= 500:
            return SendOutcome.retry(f"http_{answer.status_code}")
        if answer.status_code in (401, 403):
            return SendOutcome.retry(f"http_{answer.status_code}")  # settings: every row would fail
        code = _json(answer).get("code")
        suffix = f"_{code}" if isinstance(code, int) else ""
        return SendOutcome.refused(f"http_{answer.status_code}{suffix}"[:40])

    def delivery_status(self, provider_message_id: str) -> str | None:
        import requests

        try:
            answer = self._http.get(
                self._root + f"Messages/{quote(provider_message_id, safe='')}.json",
                timeout=TIMEOUT,
            )
        except requests.RequestException:
            return None
        if answer.status_code != 200:
            return None
        status = _json(answer).get("status")
        return status[:16] if isinstance(status, str) else None

    def inbound_since(self, since: date) -> Iterator[InboundSms]:
        import requests

        url: str | None = self._root + "Messages.json"
        params: dict[str, str] | None = {
            "To": self._settings.from_number,
            "DateSent>": since.isoformat(),
        }
        for _ in range(MAX_PAGES):
            if url is None:
                return
            try:
                answer = self._http.get(url, params=params, timeout=TIMEOUT)
            except requests.RequestException:
                return
            if answer.status_code != 200:
                return
            page = _json(answer)
            for item in page.get("messages", []):
                parsed = _inbound(item)
                if parsed is not None:
                    yield parsed
            following = page.get("next_page_uri")
            url = (
                urljoin(self._settings.base_url, following)
                if isinstance(following, str) and following
                else None
            )
            params = None


def _json(answer: requests.Response) -> dict[str, Any]:
    try:
        value = answer.json()
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _inbound(item: Any) -> InboundSms | None:
    if not isinstance(item, dict) or item.get("direction") != "inbound":
        return None
    sid, sender, body = item.get("sid"), item.get("from"), item.get("body")
    if not (isinstance(sid, str) and isinstance(sender, str) and isinstance(body, str)):
        return None
    try:
        when = parsedate_to_datetime(str(item.get("date_sent")))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return InboundSms(sid[:100], sender[:20], body[:1600], when)
