"""core layer (see ../shared/DESIGN.md)."""
