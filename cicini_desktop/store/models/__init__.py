"""ORM models. Importing this package registers every table on `Base.metadata`."""

from cicini_desktop.store.models.base import Base
from cicini_desktop.store.models.foundation import Installation, Organization, Setting
from cicini_desktop.store.models.usage import UsageCounter

__all__ = ["Base", "Installation", "Organization", "Setting", "UsageCounter"]
