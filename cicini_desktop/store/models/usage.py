"""Usage counters: one integer per (UTC day, counter name). Nothing else is stored."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import Base


class UsageCounter(Base):
    __tablename__ = "usage_counter"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    counter: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
