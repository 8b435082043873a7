#!/usr/bin/env bash
# Issue 18's "done means", on a disposable CI machine (root): the built .deb installed,
# provisioned as root for a desk account by the IT guide's own commands, that account signed
# in under Xvfb by typing; then an upgrade over an older build, with its data and migration
# checked. Prints the times the closing note asks for.
#
#   .ci/deb-desk-flow.sh build/packaging-smoke/dist/cicini-desktop_0.1.0_amd64.deb
#
# CHANGES THE MACHINE: installs and purges the package, adds the account 'reception', writes
# /secure, /etc/cicini and /var/lib/cicini. Run it in CI or a throw-away container only.
# The older build is made from CICINI_OLD_REF (default: the last commit whose schema was
# 0008, before the clinic set-up's migration 0009), relabelled 0.0.9 so apt sees an upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
NEW_DEB=$(readlink -f "${1:?usage: .ci/deb-desk-flow.sh NEW.deb}")
PYTHON=${PYTHON:-.venv/bin/python}
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"  # absolute, links kept (venv)
OLD_REF=${CICINI_OLD_REF:-fced8d0}
OUT=${OUT:-build/deb-desk-flow}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
DESK=reception
OTP="Amber-Harbour-Violin-31"        # one-time passwords in the provisioning files below
NEW_PW="Lantern-Copper-Meadow-64"    # what the receptionist chooses at first sign-in
export DEBIAN_FRONTEND=noninteractive
[ "$(id -u)" = 0 ] || { echo "deb-desk-flow: run as root (it installs a package)" >&2; exit 1; }

apt-get install -y -qq xvfb xauth xdotool file >/dev/null
id "$DESK" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$DESK"
rm -rf "${OUT:?}"/* && chmod 755 "$OUT"
cp .ci/xvfb-sign-in.sh "$OUT/" && chmod 755 "$OUT/xvfb-sign-in.sh"

as_desk() { runuser -u "$DESK" -- "$@"; }
sign_in() {  # staff username, under Xvfb as the desk account
    ( cd /tmp && as_desk env XVFB_SIGN_IN_LOG="/tmp/cicini-xvfb-$1.log" \
        xvfb-run -a -s "-screen 0 1280x800x24" "$OUT/xvfb-sign-in.sh" "$1" "$OTP" "$NEW_PW" )
}
forget_installation() {
    dpkg --purge cicini-desktop >/dev/null 2>&1 || true
    rm -rf /etc/cicini /var/lib/cicini /secure "/home/$DESK/.local/state/Cicini"
}
write_provision_file() {  # $1: with [[staff]] (new builds) or manager only (older builds)
    mkdir -p /secure && chmod 700 /secure
    cat > /secure/provision.toml <<TOML
recovery_key_file = "/secure/cicini-recovery-key.txt"
[organization]
name = "Praxis am Markt"
timezone = "Europe/Berlin"
[manager]
username = "pm.weber"
display_name = "Practice Manager"
one_time_password = "$OTP"
[settings]
data_dir = "/var/lib/cicini"
key_file = "/etc/cicini/cicini.key"
idle_lock_minutes = 10
TOML
    if [ "$1" = staff ]; then
        cat >> /secure/provision.toml <<TOML
[[staff]]
username = "desk1"
display_name = "Front Desk One"
roles = ["Receptionist"]
one_time_password = "$OTP"
TOML
    fi
    chmod 600 /secure/provision.toml
}
guide_block() {  # the IT guide's block after the marker, verbatim
    awk -v marker="<!-- ci:deb-desk-flow -->" '
        $0 == marker {found=1; next}
        found && /^```sh$/ {inside=1; next}
        inside && /^```$/ {exit}
        inside {print}' "$REPO/packaging/README.md"
}

# --- 1. the new .deb, from nothing to a signed-in receptionist -----------------------------
forget_installation
write_provision_file staff
block=$(guide_block)
[ -n "$block" ] || { echo "deb-desk-flow: the guide has no ci:deb-desk-flow block" >&2; exit 1; }
echo "deb-desk-flow: running the IT guide's block verbatim:"; echo "$block" | sed 's/^/    /'
start=$(date +%s.%N)
( cd "$(dirname "$NEW_DEB")" && bash -euo pipefail -c "$block" )
provisioned=$(date +%s.%N)
sign_in desk1
signed_in=$(date +%s.%N)
# The sign-in really changed the one-time password: the new one now works at the CLI.
printf '%s\n' "$NEW_PW" | as_desk cicini setup export --to /tmp/cicini-flow-export.toml \
    --user desk1 --password-stdin >/dev/null
as_desk cicini doctor --json > "$OUT/doctor-fresh.json"
as_desk rm -f /tmp/cicini-flow-export.toml
awk -v a="$start" -v b="$provisioned" -v c="$signed_in" 'BEGIN {
    printf "deb-desk-flow: .deb to provisioned %.1f s, to a signed-in receptionist %.1f s\n", b - a, c - a }'
# Every bundled ELF file finds every library it needs among the installed dependencies.
missing=$(find /opt/cicini -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
    'file -b "$1" | grep -q ELF && ldd "$1" 2>/dev/null | grep "not found" | sed "s|^|$1: |"' _ {} \; || true)
if [ -n "$missing" ]; then
    echo "deb-desk-flow: libraries not found (declare them in DEB_DEPENDS):" >&2
    echo "$missing" | sort -u >&2
    exit 1
fi

# --- 2. an upgrade over an older build: data kept, migration named, then run ---------------
old_src="$OUT/old-src"
git worktree add --force --detach "$old_src" "$OLD_REF" >/dev/null
trap 'git -C "$REPO" worktree remove --force "$old_src" >/dev/null 2>&1 || true' EXIT
sed -i 's/^__version__ = .*/__version__ = "0.0.9"/' "$old_src/cicini_desktop/_version.py"
old_started=$(date +%s)
"$PYTHON" "$old_src/packaging/build.py" --dist "$OUT/old-dist" --work "$OUT/old-work" \
    --deb-compression gzip >"$OUT/old-build.log" 2>&1
echo "deb-desk-flow: older build ($OLD_REF as 0.0.9) made in $(( $(date +%s) - old_started )) s"
OLD_DEB=$(ls "$OUT"/old-dist/cicini-desktop_0.0.9_*.deb)

forget_installation
write_provision_file manager-only
apt-get install -y -qq "$OLD_DEB" >/dev/null
cicini provision --config /secure/provision.toml
# The older build had no --owner: hand the files over by hand, as its guide would have.
chown -R "$DESK:" /var/lib/cicini /etc/cicini/cicini.key
sign_in pm.weber
old_revision=$(as_desk cicini doctor | grep -o 'schema at revision [0-9]*' || true)
echo "deb-desk-flow: older build in use ($old_revision), manager signed in"

apt-get install -y -qq "$NEW_DEB" >/dev/null
set +e
as_desk cicini doctor > "$OUT/doctor-after-upgrade.txt" 2>&1
code=$?
set -e
grep -q "cicini migrate" "$OUT/doctor-after-upgrade.txt" || {
    echo "deb-desk-flow: doctor did not name 'cicini migrate' after the upgrade (exit $code)" >&2
    cat "$OUT/doctor-after-upgrade.txt" >&2; exit 1; }
[ "$code" = 9 ] || { echo "deb-desk-flow: doctor exited $code, expected 9" >&2; exit 1; }
as_desk cicini migrate | tee "$OUT/migrate.txt"
grep -q "pre-migration-" "$OUT/migrate.txt"
ls /var/lib/cicini/backups/pre-migration-*.db >/dev/null
as_desk cicini doctor >/dev/null
# The data survived: the manager's own password (chosen in the older build) still signs in,
# and the clinic is the one provisioned.
printf '%s\n' "$NEW_PW" | as_desk cicini setup export --to /tmp/cicini-upgrade-export.toml \
    --user pm.weber --password-stdin >/dev/null
grep -q 'username = "pm.weber"' /tmp/cicini-upgrade-export.toml
as_desk rm -f /tmp/cicini-upgrade-export.toml
echo "deb-desk-flow: upgrade over the older build kept the data; doctor named 'cicini migrate'"

forget_installation
echo "deb-desk-flow: passed"
