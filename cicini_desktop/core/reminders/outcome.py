"""What a send attempt came to, as the runner records it (no content, codes only)."""

from __future__ import annotations

from dataclasses import dataclass

from cicini_desktop.core.backoff import BackoffPolicy

# Retries of a temporary failure: 1, 2, 4, ... minutes with full jitter, at most 30 minutes
# apart, five attempts in all; then the row is failed and shown at the desk.
RETRY_POLICY = BackoffPolicy(base_seconds=60.0, cap_seconds=1800.0, max_attempts=5)


@dataclass(frozen=True, slots=True)
class SendOutcome:
    accepted: bool
    provider_message_id: str | None = None
    temporary: bool = False  # a 4xx / timeout / dropped connection: retry later
    error_code: str | None = None  # e.g. "smtp_550", "http_503", "connection_lost"

    @classmethod
    def ok(cls, provider_message_id: str | None) -> SendOutcome:
        return cls(True, provider_message_id)

    @classmethod
    def retry(cls, code: str) -> SendOutcome:
        return cls(False, None, True, code)

    @classmethod
    def refused(cls, code: str) -> SendOutcome:
        return cls(False, None, False, code)
