"""gui layer (see ../shared/DESIGN.md)."""
