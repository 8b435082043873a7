#!/usr/bin/env bash
# The real Secret Service tests (marker keyring_integration): gnome-keyring in a private
# D-Bus session, unlocked with a throw-away password. Needs apt packages gnome-keyring, dbus
# and dbus-x11. Extra arguments go to pytest. CICINI_REQUIRE_SECRET_SERVICE=1 turns the
# tests' "no Secret Service here" skip into a failure, so CI cannot pass by skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
export CICINI_REQUIRE_SECRET_SERVICE=1
exec dbus-run-session -- bash -c \
    'export XDG_DATA_HOME=$(mktemp -d); echo -n ci-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
    _ "$PYTHON" -m pytest -q -p no:cacheprovider -m keyring_integration \
    tests/store/test_keyring_secret_service.py "$@"
