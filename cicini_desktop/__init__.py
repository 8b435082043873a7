"""Cicini Desktop: the front-desk application of Cicini, medical appointment software."""

from cicini_desktop._version import __version__

__all__ = ["__version__"]
