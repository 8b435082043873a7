"""Showing a recovery key once, the one place the CLI writes one (the privacy policy's
exception): on the terminal, or only the path when IT asked for a file (mode 0600)."""

from __future__ import annotations

from pathlib import Path


def show_recovery_key(recovery_key: str, file: Path | None, *, label: str, lost: str) -> None:
    """`label` names the key ("Recovery key", "Recovery key of the copy"); `lost` says what
    cannot be opened without it."""
    if file is not None:
        print(f"The recovery key was written to {file} (readable by this account only).")
        print("Print it, keep it somewhere safe away from this computer, then delete the file.")
        return
    print(f"{label} (shown only this once; print it or write it down and keep it safe):")
    print()
    print(f"    {recovery_key}")
    print()
    print(f"Without it, {lost}.")
