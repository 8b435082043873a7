"""The audit trail's persistence: append a record to the hash chain.

PLACEHOLDER until the audit-trail work lands: it validates the entry's types only.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cicini_desktop.core.audit_entry import AuditEntry, WorkstationInfo


def append(session: Session, entry: AuditEntry, workstation: WorkstationInfo) -> None:
    del session, entry, workstation
