"""HTTP for the sync protocol: one `requests.Session`, TLS verified, timeouts always set.

No redirects are followed (a redirect could lead to plain http or another host), answers
are read up to a small limit, and failures become a short reason code: nothing from the
request (token, body) ever reaches a log or an error message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from cicini_desktop.core.endpoints import endpoint_problem
from cicini_desktop.core.errors import ConfigError

MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 5.0
    read: float = 20.0


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The parsed body, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class TransportFailure(Exception):
    """No HTTP answer: `reason` is a code such as "timeout", "connection", "tls"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_endpoint(endpoint: str) -> str:
    problem = endpoint_problem(endpoint)
    if problem is not None:
        raise ConfigError(
            f"The sync endpoint must be {problem}; correct sync.endpoint or --endpoint."
        )
    return endpoint.rstrip("/")


class HttpTransport:
    def __init__(
        self, endpoint: str, ca_bundle: str | None = None, timeouts: Timeouts | None = None
    ) -> None:
        self.endpoint = check_endpoint(endpoint)
        # An on-site collector may use its own CA; otherwise the system/certifi roots.
        self._verify: str | bool = ca_bundle or True
        self.timeouts = timeouts or Timeouts()
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "cicini-desktop-sync"

    def close(self) -> None:
        self._session.close()

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> Answer:
        return self._request("POST", path, body, headers)

    def get(self, path: str, headers: Mapping[str, str]) -> Answer:
        return self._request("GET", path, None, headers)

    def _request(
        self, method: str, path: str, body: bytes | None, headers: Mapping[str, str]
    ) -> Answer:
        all_headers = {"Accept": "application/json", **headers}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        try:
            with self._session.request(
                method,
                self.endpoint + path,
                data=body,
                headers=all_headers,
                timeout=(self.timeouts.connect, self.timeouts.read),
                verify=self._verify,
                allow_redirects=False,
                stream=True,
            ) as response:
                content = _read_limited(response)
                return Answer(response.status_code, dict(response.headers), content)
        except requests.exceptions.SSLError:
            raise TransportFailure("tls") from None
        except requests.exceptions.Timeout:
            raise TransportFailure("timeout") from None
        except requests.exceptions.ConnectionError:
            raise TransportFailure("connection") from None
        except requests.exceptions.RequestException:
            raise TransportFailure("transport") from None
        except OSError:
            raise TransportFailure("connection") from None


def _read_limited(response: requests.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=8192):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise TransportFailure("answer_too_large")
        chunks.append(chunk)
    return b"".join(chunks)
