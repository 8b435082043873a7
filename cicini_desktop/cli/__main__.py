"""`python -m cicini_desktop.cli`, the same as the `cicini` script."""

from cicini_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
