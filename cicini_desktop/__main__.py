"""`python -m cicini_desktop` starts the GUI, like the `cicini-desktop` script."""

from cicini_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
