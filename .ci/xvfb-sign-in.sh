#!/usr/bin/env bash
# Sign a desk account in to the INSTALLED Cicini Desktop under Xvfb, as a receptionist would:
# type the username and one-time password, choose a new password in the forced dialog, wait
# for the main window. Run inside `xvfb-run` as the desk account (see .ci/deb-desk-flow.sh):
#
#   xvfb-run -a .ci/xvfb-sign-in.sh USERNAME ONE_TIME_PASSWORD NEW_PASSWORD
#
# Exits 0 when the main window ("Cicini Desktop — <clinic>") is shown, after closing the app.
set -euo pipefail
user=$1 one_time=$2 new=$3
program=${CICINI_DESKTOP:-/usr/bin/cicini-desktop}
log=${XVFB_SIGN_IN_LOG:-/tmp/cicini-xvfb-sign-in.$$.log}

"$program" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT

wait_for() {  # a window title, seconds
    local deadline=$((SECONDS + $2)) found=""
    while [ $SECONDS -lt $deadline ]; do
        if ! kill -0 $app 2>/dev/null; then
            echo "xvfb-sign-in: the app exited while waiting for '$1':" >&2
            cat "$log" >&2
            exit 1
        fi
        found=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
        [ -n "$found" ] && { echo "$found"; return 0; }
        sleep 0.2
    done
    echo "xvfb-sign-in: no window '$1' after $2 s" >&2
    cat "$log" >&2
    exit 1
}

window=$(wait_for "Sign in to Cicini" 60)
xdotool windowfocus --sync "$window"
sleep 0.3
xdotool type --delay 15 "$user"
xdotool key Tab
xdotool type --delay 15 "$one_time"
xdotool key Return

window=$(wait_for "Choose a new password" 30)
xdotool windowfocus --sync "$window"
sleep 0.3
xdotool type --delay 15 "$one_time"
xdotool key Tab
xdotool type --delay 15 "$new"
xdotool key Tab
xdotool type --delay 15 "$new"
xdotool key Return

wait_for "Cicini Desktop —" 60 >/dev/null
echo "xvfb-sign-in: $user is signed in; the main window is shown"
kill -TERM $app 2>/dev/null || true
wait $app 2>/dev/null || true
trap - EXIT
